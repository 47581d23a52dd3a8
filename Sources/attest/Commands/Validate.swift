import ArgumentParser
import AttestKit
import Foundation

extension DiagnosticFormat: ExpressibleByArgument {}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check annotation files against the schema and every semantic rule.",
        discussion: """
            With no PATH, validates the whole corpus (found from attest.xml in this folder or above), \
            including articles that have no annotation. A PATH may be an annotation file or a folder of them.
            Exits 0 when clean, 1 on findings, 2 on usage or I/O errors. See docs/rules.md for the rules.
            """
    )

    @Argument(help: "Annotation files or folders (default: the whole corpus).")
    var paths: [String] = []

    @Option(help: "Output format: gcc, json or github.")
    var format: DiagnosticFormat = .gcc

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Option(
        name: [.customShort("j"), .customLong("jobs")], help: "Files validated in parallel; every core when omitted.")
    var jobsOption: Int?

    /// Files validated in parallel: `--jobs`, else every core.
    var jobs: Int { jobsOption ?? ProcessInfo.processInfo.activeProcessorCount }

    @Flag(
        help:
            "Validate identity constraints with the XSD's xs:key/xs:keyref instead of the equivalent Swift rules (slower)."
    )
    var fullSchema = false

    @OptionGroup var options: CorpusOptions

    func validate() throws {
        guard (jobsOption ?? 1) >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let urls = try paths.map { try Self.existing($0) }
        let constraints: CompiledSchema.Constraints = fullSchema ? .full : .structureOnly
        var report: ValidationReport
        if paths.isEmpty {
            let corpus = try options.corpus()  // no corpus here: exit 2 with the explanation
            report = try Validator(corpus: corpus, constraints: constraints).validateCorpus(corpus, jobs: jobs)
        } else {
            // Files of a corpus get its article folder and types; a broken manifest is an error.
            let start = urls.first.map { $0.hasDirectoryPath ? $0 : $0.deletingLastPathComponent() } ?? cwd
            let validator =
                try options.corpusIfPresent(from: start).map { try Validator(corpus: $0, constraints: constraints) }
                ?? Validator(constraints: constraints)
            let files = try urls.flatMap { url -> [URL] in
                url.hasDirectoryPath ? try Corpus.annotationFiles(in: url) : [url]
            }
            report = validator.validate(files: files, jobs: jobs)
        }
        if strict { report = report.strictened() }
        Output.write(format.render(report.diagnostics))
        if format == .gcc {
            Output.error(
                "\(report.filesChecked) file(s) checked: \(report.errorCount) error(s), \(report.warningCount) warning(s)"
            )
        }
        let code = report.exitCode(strict: strict)
        if code != 0 { throw ExitCode(code) }
    }

    static func existing(_ path: String) throws -> URL {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AttestError("\(path): no such file or folder")
        }
        return URL(fileURLWithPath: path, isDirectory: isDirectory.boolValue)
    }
}
