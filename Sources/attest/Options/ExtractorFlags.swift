import ArgumentParser
import AttestKit
import Foundation

/// The options `run` and `check` share: which extractor, how to run it.
struct ExtractorFlags: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The extractor command, run with /bin/sh -c per article (default: the manifest's, else the built-in baseline; 'builtin' names the baseline).",
            valueName: "CMD"))
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
        return .command(
            ExternalExtractor(command: command, timeout: timeout ?? manifest.extractorTimeout.map(Double.init) ?? 60))
    }

    /// Runs the extractor over the corpus (or a shard), reports progress and failures on standard error,
    /// writes the predictions and scores them. Exits 1 when a document failed (unless allowed) or a gate failed.
    func runAndScore(corpus: Corpus, scoring: ScoringFlags) throws {
        var request = try scoring.request(corpus: corpus, gold: nil, predictions: .documents([], name: out))
        let files = request.goldFiles.filter { url in
            request.shard?.contains(url.deletingPathExtension().lastPathComponent) ?? true
        }
        let (read, problems) = corpus.loadGold(files: files, jobs: scoring.jobs, statuses: request.statuses)
        if !problems.isEmpty {
            throw AttestError("the gold set cannot be read; run attest validate", diagnostics: problems)
        }
        // Drafts (and other statuses left out) are not extracted; the score lists them as skipped.
        let golds = read.filter { request.statuses.contains($0.document.header.status) }
        let extractor = choice(corpus.manifest)
        let progress = ProgressReporter(total: golds.count, label: "extracting with \(extractor.name)")
        let (predictions, failures) = ExtractionRun.run(extractor, documents: golds, jobs: scoring.jobs) {
            progress.report($0)
        }
        progress.finish()
        for f in failures.sorted(by: { $0.id < $1.id }) {
            var message = "\(f.id): error: the extractor \(f.reason) [\(PredictionRules.extractorFailed.id)]"
            for line in f.stderrTail { message += "\n    stderr: \(line)" }
            Output.error(message)
        }
        let folder = URL(fileURLWithPath: out).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw AttestError("cannot create \(DisplayPath.of(folder)) for --out: \(error.localizedDescription)")
        }
        try AtomicFile.write(PredictionWriter.jsonLines(predictions), to: URL(fileURLWithPath: out))
        Output.error(
            "wrote \(predictions.count) prediction(s) to \(out)"
                + (failures.isEmpty ? "" : "; \(failures.count) document(s) failed"))
        request.predictions = .documents(predictions, name: out)
        var gateFailure: ExitCode?
        do {
            try scoring.execute(request, corpus: corpus, failures: failures)
        } catch let code as ExitCode {
            gateFailure = code
        }
        if !failures.isEmpty && !allowFailures {
            Output.error(
                "error: the extractor failed on \(failures.count) of \(golds.count) document(s); they were scored as empty (--allow-failures to accept)"
            )
            throw ExitCode(1)
        }
        if let gateFailure { throw gateFailure }
    }
}
