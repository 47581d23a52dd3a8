import ArgumentParser
import AttestKit
import Foundation

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two saved runs on the same gold set.",
        discussion:
            "Per headline metric: both values, the difference and its two-sided p-value by paired approximate randomization over documents."
    )

    @Argument(help: "The JSON report of run A (the reference).") var a: String
    @Argument(help: "The JSON report of run B.") var b: String
    @Option(help: "Randomization trials.") var trials: Int = 10_000
    @Option(help: "Seed.") var seed: UInt64 = 1

    func validate() throws {
        guard trials >= 100 else { throw ValidationError("--trials must be at least 100") }
    }

    func run() throws {
        let ra = try ScoreReport.read(a).scorecard
        let rb = try ScoreReport.read(b).scorecard
        let progress = CountProgress(total: trials, label: "randomization trials")
        let test = ApproximateRandomization(trials: trials, seed: seed, progress: { _ in progress.step() })
        let rows = try test.compare(ra, rb)
        progress.finish()
        Output.write(
            ComparisonReport.render(
                rows, trials: trials, documents: ra.documents.count,
                smallestPValue: test.smallestPValue(documents: ra.documents.count)))
    }
}
