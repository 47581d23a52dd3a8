import AttestKit
import Foundation

// Benchmarks for Attest. Run with:
//   swift run -c release attest-bench validate [--docs 10000] [--keep DIR]
//   swift run -c release attest-bench score [--docs 100000] [--keep DIR]
// Each generates a synthetic corpus (about 2.5 KB of text, 30 mentions and
// 6 quotes per document). `validate` times xmllint and each validation
// stage; `score` writes predictions (~10% of them dropped, shifted, retyped
// or spurious), then times the libxml2 parse floor and a cold `attest score`
// run in a child process, with its peak memory. `edit` times a transaction
// on one document with 2,000 annotations (`--mentions N --quotes N` for
// another size) and realigning it after edits.

struct Options {
    var command = "validate"
    var docs = 10_000
    var keep: String?
    var seed: UInt64 = 42
    /// `edit`: the size of its one document.
    var mentions = 1_800
    var quotes = 200

    init(_ args: [String]) {
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--docs":
                i += 1
                docs = Int(args[i]) ?? docs
            case "--keep":
                i += 1
                keep = args[i]
            case "--seed":
                i += 1
                seed = UInt64(args[i]) ?? seed
            case "--mentions":
                i += 1
                mentions = Int(args[i]) ?? mentions
            case "--quotes":
                i += 1
                quotes = Int(args[i]) ?? quotes
            case "--quick": break
            default: command = args[i]
            }
            i += 1
        }
    }
}

func measure(_ label: String, docs: Int, _ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let rate = Double(docs) / seconds
    print(String(format: "| %@ | %.2f | %.0f | %.1f |", label, seconds, rate, 1e6 * seconds / Double(docs)))
    return rate
}

func runXmllint(schema: String, files: [URL]) -> Bool {
    var ok = true
    for batch in stride(from: 0, to: files.count, by: 1000) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["xmllint", "--noout", "--nonet", "--schema", schema]
            + files[batch..<min(batch + 1000, files.count)].map(\.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        ok = ok && process.terminationStatus == 0
    }
    return ok
}

func validateBenchmark(_ options: Options) throws {
    let root =
        options.keep.map { URL(fileURLWithPath: $0) }
        ?? FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-bench-\(ProcessInfo.processInfo.processIdentifier)")
    defer { if options.keep == nil { try? FileManager.default.removeItem(at: root) } }  // deliberate: cleanup
    let files: [URL]
    if FileManager.default.fileExists(atPath: root.appendingPathComponent("attest.xml").path),
        let existing = reusableCorpus(root), existing.annotationURLs().count == options.docs
    {
        files = existing.annotationURLs()
    } else {
        print("generating \(options.docs) documents in \(root.path) …")
        files = try SyntheticCorpus().write(count: options.docs, to: root, seed: options.seed)
    }
    let corpus = try Corpus.open(root: root)
    let bytes = files.reduce(0) { $0 + fileSize($1.path) }
    let articleBytes = corpus.articleURLs().reduce(0) { $0 + fileSize($1.path) }
    print(
        "corpus: \(files.count) documents; annotation XML \(bytes / files.count) B/doc, article text \(articleBytes / files.count) B/doc"
    )
    print("cores: \(ProcessInfo.processInfo.activeProcessorCount)\n")
    print("| what | seconds | documents/s | µs/document |")
    print("|---|---|---|---|")

    // Warm the page cache so every line reads the same warm files.
    for f in files { _ = FileManager.default.contents(atPath: f.path) }

    let schemaPath = FileManager.default.currentDirectoryPath + "/schemas/attest.xsd"
    var xmllintRate: Double?
    if FileManager.default.fileExists(atPath: schemaPath) {
        var ok = false
        xmllintRate = measure("xmllint --noout --schema (1 core; parse + XSD with key/keyref)", docs: files.count) {
            ok = runXmllint(schema: schemaPath, files: files)
        }
        if !ok {
            print("(xmllint missing or reported errors: install libxml2-utils)")
            xmllintRate = nil
        }
    }
    var full2 = 0.0
    for jobs in [1, 2] {
        let parse = try Validator(corpus: corpus, depth: .parse)
        _ = measure("attest: parse only, \(jobs) thread(s)", docs: files.count) {
            _ = parse.validate(files: files, jobs: jobs)
        }
        let keys = try Validator(corpus: corpus, constraints: .full, depth: .schema)
        _ = measure("attest: schema only, XSD with key/keyref, \(jobs) thread(s)", docs: files.count) {
            _ = keys.validate(files: files, jobs: jobs)
        }
        let structure = try Validator(corpus: corpus, constraints: .structureOnly, depth: .schema)
        _ = measure("attest: schema only, XSD without key/keyref, \(jobs) thread(s)", docs: files.count) {
            _ = structure.validate(files: files, jobs: jobs)
        }
        let fullKeys = try Validator(corpus: corpus, constraints: .full)
        _ = measure("attest: full validation via XSD key/keyref, \(jobs) thread(s)", docs: files.count) {
            let r = fullKeys.validate(files: files, jobs: jobs)
            precondition(r.diagnostics.isEmpty, "synthetic corpus should be clean: \(r.diagnostics.prefix(3))")
        }
        let full = try Validator(corpus: corpus)
        let rate = measure(
            "**attest validate: full validation (schema + every rule), \(jobs) thread(s)**", docs: files.count
        ) {
            let r = full.validate(files: files, jobs: jobs)
            precondition(r.diagnostics.isEmpty, "synthetic corpus should be clean: \(r.diagnostics.prefix(3))")
        }
        if jobs == 2 { full2 = rate }
    }
    if let xmllintRate {
        print(String(format: "\nfull validation on 2 threads / xmllint: %.2f×", full2 / xmllintRate))
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
do {
    switch options.command {
    case "validate": try validateBenchmark(options)
    case "score": try scoreBenchmark(options)
    case "score-child": try scoreChild(options)
    case "phases": try phaseBenchmark(options)
    case "edit": try editBenchmark(options)
    case "edit-phases": try editPhases(options)
    case "edit-kept": try keptEditBenchmark(options)
    case "commit-phases": try commitPhases(options)
    case "commit-profile": try commitProfile(options)
    default:
        FileHandle.standardError.write(
            Data("usage: attest-bench validate|score|phases|edit [--docs N] [--keep DIR] [--seed S]\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(2)
}

/// A file's size, for the figures printed beside the timings.
func fileSize(_ path: String) -> Int {
    (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0  // deliberate: information only
}

/// A corpus kept from an earlier run (`--keep`), or nil to generate it anew.
func reusableCorpus(_ root: URL) -> Corpus? {
    try? Corpus.open(root: root)  // deliberate: regenerated when unusable
}
