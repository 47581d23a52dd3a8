import ArgumentParser
import AttestKit
import Foundation

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score an extractor's predictions against the gold set.",
        discussion: """
            PRED is a JSON Lines file in the extractor form (docs/format.md; - reads standard input) or a folder \
            of annotation XML files. Entities are scored with the SemEval-2013 schemes (strict, exact, partial, \
            type) as nervaluate scores them; quotes by exact span and by overlap, with attribution, cues and \
            speakers (docs/metrics.md).
            Exit status: 0 scored and every gate passed, 1 a gate failed, 2 bad input (every problem is listed \
            as file:line:col: error: message [rule-id]).
            """)

    @Option(help: "Folder of gold annotation files (default: the corpus's annotations).") var gold: String?
    @Option(help: "Predictions: a JSON Lines file, - for standard input, or a folder of annotation XML files.") var pred: String
    @OptionGroup var scoring: ScoringFlags
    @OptionGroup var options: CorpusOptions

    func run() throws {
        let corpus = try options.corpus()
        var isDirectory: ObjCBool = false
        guard pred == "-" || FileManager.default.fileExists(atPath: pred, isDirectory: &isDirectory) else {
            throw AttestError("--pred \(pred): no such file or folder")
        }
        let source: PredictionSource = isDirectory.boolValue ? .annotations(URL(fileURLWithPath: pred, isDirectory: true)) : .jsonLines(pred)
        try scoring.execute(try scoring.request(corpus: corpus, gold: gold, predictions: source), corpus: corpus)
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the gold set in the extractor form (JSON Lines).",
        discussion: "Scoring the export against the gold set gives 1 on every metric.")

    @Option(help: "Output format (jsonl).") var format: String = "jsonl"
    @Option(help: "Output file (default: standard output).") var out: String?
    @OptionGroup var options: CorpusOptions

    func validate() throws {
        guard format == "jsonl" else { throw ValidationError("--format: only jsonl is supported") }
    }

    func run() throws {
        let corpus = try options.corpus()
        let (golds, problems) = GoldLoader.load(files: corpus.annotationURLs())
        if !problems.isEmpty { throw AttestError("the gold set cannot be read; run attest validate", diagnostics: problems) }
        let text = PredictionWriter.jsonLines(golds.map { PredictionDocument($0.document) })
        if let out { try AtomicFile.write(text, to: URL(fileURLWithPath: out)) } else { Output.write(text) }
    }
}

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two saved runs on the same gold set.",
        discussion: "Per headline metric: both values, the difference and its two-sided p-value by paired approximate randomization over documents.")

    @Argument(help: "The JSON report of run A (the reference).") var a: String
    @Argument(help: "The JSON report of run B.") var b: String
    @Option(help: "Randomization trials.") var trials: Int = 10_000
    @Option(help: "Seed.") var seed: UInt64 = 1

    func validate() throws {
        guard trials >= 100 else { throw ValidationError("--trials must be at least 100") }
    }

    func run() throws {
        let ra = try ScoreReport.read(a).scorecard, rb = try ScoreReport.read(b).scorecard
        let rows = try ApproximateRandomization(trials: trials, seed: seed).compare(ra, rb)
        Output.write(ComparisonReport.render(rows, trials: trials))
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the JSON reports of shards into the report of the whole corpus.",
        discussion: "The figures equal a single run's, bootstrap intervals included. Gates and outputs as for attest score.")

    @Argument(help: "JSON reports of disjoint shards.") var reports: [String]
    @OptionGroup var scoring: ScoringFlags
    @OptionGroup var options: CorpusOptions

    func run() throws {
        guard !reports.isEmpty else { throw ValidationError("name at least one JSON report") }
        var card = try Scorecard.merged(try reports.map { try ScoreReport.read($0).scorecard })
        if let samples = scoring.bootstrap {
            card = Scorecard(documents: card.documents, options: card.options, bootstrap: Bootstrap(samples: samples, seed: scoring.seed))
        }
        try scoring.publish(card, corpus: try? options.corpus())
    }
}
