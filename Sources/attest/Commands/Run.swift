import ArgumentParser
import AttestKit
import Foundation

/// The options `run` and `check` share: which extractor, how to run it.
struct ExtractorFlags: ParsableArguments {
    @Option(help: ArgumentHelp("The extractor command, run with /bin/sh -c per article (default: the manifest's, else the built-in baseline; 'builtin' names the baseline).", valueName: "CMD"))
    var extractor: String?

    @Option(help: "Seconds an extractor may take per document (default: the manifest's, else 60).")
    var timeout: Double?

    @Flag(help: "Score what came back even when the extractor failed on some documents, and exit 0 for that.")
    var allowFailures = false

    @Option(help: "Where to write the predictions (JSON Lines), so the run can be re-scored.")
    var out: String = "attest-run/predictions.jsonl"

    func validate() throws {
        if let timeout, timeout <= 0 { throw ValidationError("--timeout must be positive") }
    }

    func choice(_ manifest: Manifest) -> ExtractorChoice {
        let command = extractor ?? manifest.extractorCommand
        guard let command, command != "builtin" else { return .builtin }
        return .command(ExternalExtractor(command: command, timeout: timeout ?? manifest.extractorTimeout.map(Double.init) ?? 60))
    }

    /// Runs the extractor over the corpus (or a shard), reports progress and failures on standard error,
    /// writes the predictions and scores them. Exits 1 when a document failed (unless allowed) or a gate failed.
    func runAndScore(corpus: Corpus, scoring: ScoringFlags) throws {
        var request = try scoring.request(corpus: corpus, gold: nil, predictions: .documents([], name: out))
        let files = request.goldFiles.filter { url in request.shard?.contains(url.deletingPathExtension().lastPathComponent) ?? true }
        let (golds, problems) = GoldLoader.load(files: files, jobs: scoring.jobs)
        if !problems.isEmpty { throw AttestError("the gold set cannot be read; run attest validate", diagnostics: problems) }
        let extractor = choice(corpus.manifest)
        let progress = ProgressReporter(total: golds.count, label: "extracting with \(extractor.name)")
        let (predictions, failures) = ExtractionRun.run(extractor, documents: golds, jobs: scoring.jobs) { progress.report($0) }
        progress.finish()
        for f in failures.sorted(by: { $0.id < $1.id }) {
            var message = "\(f.id): error: the extractor \(f.reason) [\(PredictionRules.extractorFailed.id)]"
            for line in f.stderrTail { message += "\n    stderr: \(line)" }
            Output.error(message)
        }
        let folder = URL(fileURLWithPath: out).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try AtomicFile.write(PredictionWriter.jsonLines(predictions), to: URL(fileURLWithPath: out))
        Output.error("wrote \(predictions.count) prediction(s) to \(out)" + (failures.isEmpty ? "" : "; \(failures.count) document(s) failed"))
        request.predictions = .documents(predictions, name: out)
        var gateFailure: ExitCode?
        do {
            try scoring.execute(request, corpus: corpus)
        } catch let code as ExitCode {
            gateFailure = code
        }
        if !failures.isEmpty && !allowFailures {
            Output.error("error: the extractor failed on \(failures.count) of \(golds.count) document(s); they were scored as empty (--allow-failures to accept)")
            throw ExitCode(1)
        }
        if let gateFailure { throw gateFailure }
    }
}

/// Progress on standard error: a bar on a terminal, plain lines otherwise (CI).
final class ProgressReporter: @unchecked Sendable {
    let total: Int
    let label: String
    let tty = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var lastPrinted = 0

    init(total: Int, label: String) {
        self.total = total
        self.label = label
        if !tty { Output.error("\(label): \(total) document(s)") }
    }

    func report(_ p: ExtractionProgress) {
        lock.withLock {
            if tty {
                let width = 30
                let filled = total > 0 ? width * p.done / total : width
                let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
                FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(p.done)/\(total) \(p.id.prefix(30))\u{1B}[K".utf8))
            } else if let f = p.failure {
                Output.error("[\(p.done)/\(total)] \(f.id): failed (\(f.reason))")
            } else if p.done == total || p.done - lastPrinted >= max(1, total / 20) {
                lastPrinted = p.done
                Output.error("[\(p.done)/\(total)] \(p.id) done")
            }
        }
    }

    func finish() {
        if tty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run any extractor over the corpus and score it.",
        discussion: """
            The extractor gets each article on standard input, with ATTEST_DOC_ID and ATTEST_ARTICLE_PATH in its \
            environment, and prints one JSON document on standard output in the extractor form (docs/format.md). \
            Documents run in parallel, each with a timeout; a document whose extractor crashes, hangs, exits \
            non-zero or prints invalid JSON is reported with its standard error's last lines and scored as empty, \
            and the run exits 1 unless --allow-failures. All of attest score's options apply.
            """)

    @OptionGroup var extraction: ExtractorFlags
    @OptionGroup var scoring: ScoringFlags
    @OptionGroup var options: CorpusOptions

    func run() throws {
        try extraction.runAndScore(corpus: try options.corpus(), scoring: scoring)
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The main job: validate the corpus, run the extractor, score it against the manifest's gates.",
        discussion: """
            Validates every annotation file (strict: warnings fail too), runs the manifest's extractor (default: \
            the built-in baseline), scores it with the manifest's gates and prints the report. Exit status: 0 when \
            everything holds, 1 when validation finds problems, an extractor fails or a gate fails, 2 on usage or \
            I/O errors.
            """)

    @OptionGroup var extraction: ExtractorFlags
    @OptionGroup var scoring: ScoringFlags
    @OptionGroup var options: CorpusOptions

    func run() throws {
        let corpus = try options.corpus()
        let validator = try Validator(corpus: corpus)
        let report = try validator.validateCorpus(jobs: scoring.jobs).strictened()
        Output.write(DiagnosticFormat.gcc.render(report.diagnostics))
        Output.write("attest check: \(report.filesChecked) annotation file(s) validated: \(report.errorCount) problem(s)\n")
        let code = report.exitCode(strict: true)
        if code != 0 {
            Output.error("error: the corpus does not validate; fix it before scoring (attest validate)")
            throw ExitCode(code)
        }
        try extraction.runAndScore(corpus: corpus, scoring: scoring)
    }
}
