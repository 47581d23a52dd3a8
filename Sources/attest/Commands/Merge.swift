import ArgumentParser
import AttestKit
import Foundation

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the JSON reports of shards into the report of the whole corpus.",
        discussion:
            "The figures equal a single run's, bootstrap intervals included. Gates and outputs as for attest score.")

    @Argument(help: "JSON reports of disjoint shards.") var reports: [String]
    @OptionGroup var scoring: ScoringFlags
    @OptionGroup var options: CorpusOptions

    func run() throws {
        guard !reports.isEmpty else { throw ValidationError("name at least one JSON report") }
        var card = try Scorecard.merged(try reports.map { try ScoreReport.read($0).scorecard })
        if let samples = scoring.bootstrap {
            card = Scorecard(
                documents: card.documents, options: card.options,
                bootstrap: Bootstrap(samples: samples, seed: scoring.seed))
        }
        try scoring.publish(card, corpus: try options.corpusIfPresent())
    }
}
