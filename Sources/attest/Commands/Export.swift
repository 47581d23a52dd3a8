import ArgumentParser
import AttestKit
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the gold set in the extractor form (JSON Lines).",
        discussion: "Scoring the export against the gold set gives 1 on every metric.")

    @Option(help: "Output format (jsonl).") var format: String = "jsonl"
    @Option(help: "Output file (default: standard output).") var out: String?
    @Option(
        help: ArgumentHelp("Statuses to export: gold (default) or a list such as draft,gold.", valueName: "STATUSES"))
    var status: String = "gold"
    @OptionGroup var options: CorpusOptions

    func validate() throws {
        guard format == "jsonl" else { throw ValidationError("--format: only jsonl is supported") }
        _ = try FlagValues.statuses(status)
    }

    func run() throws {
        let corpus = try options.corpus()
        let statuses = try FlagValues.statuses(status)
        let (read, problems) = corpus.loadGold(statuses: statuses)
        if !problems.isEmpty {
            throw AttestError("the gold set cannot be read; run attest validate", diagnostics: problems)
        }
        let golds = read.filter { statuses.contains($0.document.header.status) }
        let skipped = read.filter { !statuses.contains($0.document.header.status) }
        if !skipped.isEmpty {
            Output.error(
                "skipped \(skipped.count) file(s) not of status \(status): "
                    + skipped.map { "\($0.id) (\($0.document.header.status.rawValue))" }.joined(separator: ", "))
        }
        let text = PredictionWriter.jsonLines(golds.map { PredictionDocument($0.document) })
        if let out { try AtomicFile.write(text, to: URL(fileURLWithPath: out)) } else { Output.write(text) }
    }
}
