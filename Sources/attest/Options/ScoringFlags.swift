import ArgumentParser
import AttestKit
import Foundation

extension MatchingMode: ExpressibleByArgument {}

/// The scoring, gate and report options that `score`, `run` and `check` share.
struct ScoringFlags: ParsableArguments {
    @Option(
        help:
            "Entity matching: nervaluate (as nervaluate 1.2.1, greedy in prediction order) or optimal (one-to-one, maximum total overlap)."
    )
    var matching: MatchingMode = .nervaluate

    @Option(help: "Minimum Jaccard index for an overlap match of quotes.")
    var overlap: Double = 0.5

    @Option(
        name: .customLong("map"),
        help: ArgumentHelp("Rename or drop a predicted type: GPE=LOC, NORP=- (repeatable).", valueName: "FROM=TO"),
        transform: FlagValues.mapping)
    var maps: [TypeMapping] = []

    @Option(
        help: ArgumentHelp(
            "Which annotation files make up the gold set, by status: one, or a list such as draft,gold (gold when omitted). Others are listed as skipped.",
            valueName: "STATUSES"),
        transform: FlagValues.statusList)
    var status: StatusList = .gold

    @Flag(help: "A gold document without a prediction is an error, not a warning.")
    var requireAll = false

    @Flag(help: "List every error per document, with context (and every input diagnostic).")
    var errors = false

    @Option(
        help: ArgumentHelp(
            "Input diagnostics shown per rule before a count of the rest; 0 shows all.", valueName: "N"))
    var maxDiagnostics: Int = 20

    @Option(
        help: ArgumentHelp("Add 95% bootstrap confidence intervals over documents, from N samples.", valueName: "N"))
    var bootstrap: Int?

    @Option(help: "Seed of the bootstrap.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Write the full report as JSON (for compare, merge and --baseline).", valueName: "FILE"))
    var json: String?

    @Option(help: ArgumentHelp("Write a JUnit XML report.", valueName: "FILE"))
    var junit: String?

    @Option(help: ArgumentHelp("Write a Markdown report.", valueName: "FILE"))
    var markdown: String?

    @Option(
        help: ArgumentHelp(
            "Write a self-contained HTML report: figures, charts, the type confusion and every error in its sentence.",
            valueName: "FILE"))
    var html: String?

    @Option(
        help: ArgumentHelp(
            "With --html: the annotator's URL, so that each document of the report opens in it.", valueName: "URL"))
    var studio: String?

    @Option(
        name: .customLong("min"),
        help: ArgumentHelp(
            "Gate: METRIC must reach VALUE, e.g. entities.strict.f1=0.8 (repeatable; adds to the manifest's gates).",
            valueName: "METRIC=VALUE"),
        transform: FlagValues.minimum)
    var minimums: [Gate] = []

    @Option(
        help: ArgumentHelp(
            "A JSON report of an earlier run, for --max-drop and the manifest's max-drop gates.", valueName: "FILE"))
    var baseline: String?

    @Option(
        help: ArgumentHelp("Gate: no headline metric may fall more than this below the baseline.", valueName: "AMOUNT"))
    var maxDrop: Double?

    @Option(
        help: ArgumentHelp("Score only shard K of N (a deterministic slice of the corpus).", valueName: "K/N"),
        transform: FlagValues.shard)
    var shard: Shard?

    @Flag(
        help:
            "Apply no gates (for shards of a matrix: each job passes or fails on its own health; attest merge-scores gates the merged figures)."
    )
    var noGates = false

    @Option(
        name: [.customShort("j"), .customLong("jobs")],
        help: "Documents processed in parallel; every core when omitted.")
    var jobsOption: Int?

    /// The documents processed in parallel: `--jobs`, else every core.
    var jobs: Int { jobsOption ?? ProcessInfo.processInfo.activeProcessorCount }

    func validate() throws {
        guard overlap > 0, overlap <= 1 else { throw ValidationError("--overlap must be in (0, 1]") }
        guard (jobsOption ?? 1) >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard maxDiagnostics >= 0 else { throw ValidationError("--max-diagnostics must not be negative") }
        if let bootstrap, bootstrap < 1 { throw ValidationError("--bootstrap must be at least 1") }
        if maxDrop != nil && baseline == nil { throw ValidationError("--max-drop needs --baseline FILE") }
        if let maxDrop, maxDrop < 0 { throw ValidationError("--max-drop must not be negative") }
        if noGates && (!minimums.isEmpty || maxDrop != nil) {
            throw ValidationError("--no-gates excludes --min and --max-drop")
        }
    }

    var outputs: ScoreOutputs {
        ScoreOutputs(
            errors: errors, jsonPath: json, junitPath: junit, markdownPath: markdown, htmlPath: html, studioURL: studio)
    }

    func request(corpus: Corpus, gold: String?, predictions: PredictionSource) throws -> ScoreRequest {
        let goldFiles: [URL]
        if let gold {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: gold, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw AttestError("--gold \(gold): no such folder")
            }
            goldFiles = try Corpus.annotationFiles(in: URL(fileURLWithPath: gold, isDirectory: true))
        } else {
            goldFiles = corpus.annotationURLs()
        }
        guard !goldFiles.isEmpty else { throw AttestError("no gold annotation files to score against") }
        return ScoreRequest(
            goldFiles: goldFiles, articles: corpus.articleResolver, predictions: predictions,
            options: ScoringOptions(matching: matching, overlap: overlap, collectErrors: outputs.needsErrors),
            typeMap: FlagValues.typeMap(maps), declaredTypes: corpus.manifest.types, requireAll: requireAll,
            shard: shard, bootstrap: bootstrap.map { Bootstrap(samples: $0, seed: seed) },
            jobs: jobs, statuses: status.statuses)
    }

    /// Scores, prints the report and writes the files; exits 2 on bad input, 1 on a failed gate.
    /// `failures`: the documents an extractor failed on (from `run`), carried into every report.
    /// With `exitingWhenDone`, for a command with nothing left to do, the process ends as soon as the
    /// reports are out, with the run's status, instead of unwinding: freeing a 10,000-document
    /// scorecard one allocation at a time cost 30 ms of one core, 5% of `attest score`
    /// (docs/performance.md).
    func execute(
        _ request: ScoreRequest, corpus: Corpus, failures: [ExtractorFailure] = [], exitingWhenDone: Bool = false
    ) throws {
        var request = request
        let progress = request.bootstrap.map { CountProgress(total: $0.samples, label: "bootstrap samples") }
        if let progress { request.bootstrapProgress = { progress.set($0) } }
        let outcome = try ScoreRun(request).run()
        progress?.finish()
        try finish(outcome, corpus: corpus, failures: failures, exitingWhenDone: exitingWhenDone)
    }

    func finish(
        _ outcome: ScoreOutcome, corpus: Corpus, failures: [ExtractorFailure] = [], exitingWhenDone: Bool = false
    ) throws {
        if !outcome.diagnostics.isEmpty {
            let limit = errors || maxDiagnostics == 0 ? Int.max : maxDiagnostics
            var text = DiagnosticFormat.gcc.render(outcome.diagnostics, perRule: limit)
            if text.contains("] not shown\n") { text += "(--max-diagnostics 0 or --errors shows them all)\n" }
            Output.error(text)
        }
        guard var card = outcome.scorecard else {
            let n = outcome.diagnostics.filter { $0.severity == .error }.count
            throw AttestError("\(n) error(s) in the input; nothing was scored")
        }
        card.failures = failures.sorted { $0.id < $1.id }
        try publish(card, corpus: corpus, exitingWhenDone: exitingWhenDone)
    }

    func publish(_ card: Scorecard, corpus: Corpus?, exitingWhenDone: Bool = false) throws {
        // Read once: its figures for the gates, and its documents too when the HTML report compares.
        let base = try baseline.map { try ScoreReport.read($0, documents: html != nil) }
        let gates =
            noGates
            ? []
            : GateCheck.plan(
                manifest: corpus?.manifest.gates ?? [], minimums: minimums, maxDrop: maxDrop
            )
        let (text, passed) = try outputs.publish(
            card, gates: gates, baseline: base?.metrics, comparison: html == nil ? nil : base.map { compared(card, $0) }
        )
        Output.write(text)
        if exitingWhenDone { Foundation.exit(passed ? 0 : 1) }
        if !passed { throw ExitCode(1) }
    }

    /// For the HTML report: this run against the baseline's, by paired approximate randomization
    /// (1,000 trials, the seed of --seed); why not, when the two are not runs on one gold set.
    func compared(_ card: Scorecard, _ base: ScoreReport) -> Result<[Comparison], AttestError> {
        do {
            return .success(try ApproximateRandomization(trials: 1_000, seed: seed).compare(base.scorecard, card))
        } catch let error as AttestError {
            return .failure(error)
        } catch {
            return .failure(AttestError("\(error)"))
        }
    }
}
