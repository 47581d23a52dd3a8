import AttestScoring
import Foundation

/// Which reports a scoring run writes, and the texts of each: shared by
/// `attest score`, `attest run`, `attest check` and `attest merge`.
public struct ScoreOutputs: Sendable {
    public var errors = false
    public var jsonPath: String?
    public var junitPath: String?
    public var markdownPath: String?
    /// The self-contained HTML report (`HTMLScoreReport`), and the annotator it links documents to.
    public var htmlPath: String?
    public var studioURL: String?

    public init(
        errors: Bool = false, jsonPath: String? = nil, junitPath: String? = nil, markdownPath: String? = nil,
        htmlPath: String? = nil, studioURL: String? = nil
    ) {
        self.errors = errors
        self.jsonPath = jsonPath
        self.junitPath = junitPath
        self.markdownPath = markdownPath
        self.htmlPath = htmlPath
        self.studioURL = studioURL
    }

    /// Whether the run must keep per-document errors (for `--errors` and the HTML report's error
    /// browser; the JSON report then carries them too, and without them only the counts).
    public var needsErrors: Bool { errors || htmlPath != nil }

    /// Checks gates, then renders the terminal report and writes the files
    /// atomically. Returns the terminal text and whether every gate passed.
    /// `comparison`: the run against its baseline, metric by metric with significance (the HTML report
    /// shows it), or why the two cannot be compared.
    public func publish(
        _ card: Scorecard, gates: [Gate], baseline: [String: Double]?,
        comparison: Result<[Comparison], AttestError>? = nil
    ) throws -> (
        terminal: String, passed: Bool
    ) {
        let (results, skipped) = try GateCheck.evaluate(gates, metrics: card.metrics, baseline: baseline)
        var text = TerminalScoreReport.render(card, gates: results, skippedGates: skipped)
        if errors { text += ErrorListing.render(card) }
        if let jsonPath { try ScoreReport(card, gates: results).write(to: URL(fileURLWithPath: jsonPath)) }
        if let junitPath {
            try AtomicFile.write(JUnitScoreReport.render(card, gates: results), to: URL(fileURLWithPath: junitPath))
        }
        if let markdownPath {
            try AtomicFile.write(
                MarkdownScoreReport.render(card, gates: results, skippedGates: skipped),
                to: URL(fileURLWithPath: markdownPath))
        }
        if let htmlPath {
            try AtomicFile.write(
                HTMLScoreReport.render(card, gates: results, studio: studioURL, comparison: comparison),
                to: URL(fileURLWithPath: htmlPath))
        }
        return (text, results.allSatisfy(\.passed))
    }
}
