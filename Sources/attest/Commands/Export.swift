import ArgumentParser
import AttestKit
import Foundation

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
        let (golds, problems) = corpus.loadGold()
        if !problems.isEmpty {
            throw AttestError("the gold set cannot be read; run attest validate", diagnostics: problems)
        }
        let text = PredictionWriter.jsonLines(golds.map { PredictionDocument($0.document) })
        if let out { try AtomicFile.write(text, to: URL(fileURLWithPath: out)) } else { Output.write(text) }
    }
}
