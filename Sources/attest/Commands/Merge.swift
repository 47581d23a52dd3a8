import ArgumentParser
import AttestKit
import Foundation

struct MergeScores: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-scores",
        abstract: "Combine the JSON reports of shards into the report of the whole corpus.",
        discussion:
            """
            The figures equal a single run's, bootstrap intervals included. The reports must be of one run: the same \
            gold set and options and, for shards, every shard 1/N … N/N once; anything else is refused (exit 2). \
            Gates apply to the merged figures: score the shards with --no-gates and gate here.
            """)

    @OptionGroup var arguments: MergeScoresArguments

    func validate() throws { try arguments.validate() }

    func run() throws { try arguments.run() }
}

/// `attest merge`, the earlier name of `merge-scores` (beside `merge-entities` it said too little), kept
/// hidden for a release.
struct MergeScoresAlias: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: MergeScores.configuration.abstract, shouldDisplay: false)

    @OptionGroup var arguments: MergeScoresArguments

    func validate() throws { try arguments.validate() }

    func run() throws { try arguments.run() }
}

struct MergeScoresArguments: ParsableArguments {
    @Argument(help: "JSON reports of disjoint shards.") var reports: [String]
    @OptionGroup var scoring: ScoringFlags
    @OptionGroup var options: CorpusOptions

    func validate() throws {
        if scoring.shard != nil {
            throw ValidationError("--shard does not apply to merge-scores: it combines the shards' reports")
        }
        if !scoring.maps.isEmpty {
            throw ValidationError("--map does not apply to merge-scores: types were mapped when the shards were scored")
        }
    }

    func run() throws {
        guard !reports.isEmpty else { throw ValidationError("name at least one JSON report") }
        var card = try Scorecard.merged(try reports.map { try ScoreReport.read($0).scorecard }, names: reports)
        if let samples = scoring.bootstrap {
            let progress = CountProgress(total: samples, label: "bootstrap samples")
            var again = Scorecard(
                documents: card.documents, options: card.options,
                bootstrap: Bootstrap(samples: samples, seed: scoring.seed),
                skipped: card.skipped, failures: card.failures, progress: { progress.set($0) })
            progress.finish()
            again.goldSet = card.goldSet
            card = again
        }
        try scoring.publish(card, corpus: try options.corpusIfPresent())
    }
}
