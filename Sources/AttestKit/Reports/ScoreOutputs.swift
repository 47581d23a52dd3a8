import Foundation

/// Which reports a scoring run writes, and the texts of each: shared by
/// `attest score`, `attest run`, `attest check` and `attest merge`.
public struct ScoreOutputs: Sendable {
    public var errors = false
    public var jsonPath: String?
    public var junitPath: String?
    public var markdownPath: String?

    public init(errors: Bool = false, jsonPath: String? = nil, junitPath: String? = nil, markdownPath: String? = nil) {
        self.errors = errors
        self.jsonPath = jsonPath
        self.junitPath = junitPath
        self.markdownPath = markdownPath
    }

    /// Whether the run must keep per-document errors (for `--errors` or the JSON report).
    public var needsErrors: Bool { errors || jsonPath != nil }

    /// Checks gates, then renders the terminal report and writes the files
    /// atomically. Returns the terminal text and whether every gate passed.
    public func publish(_ card: Scorecard, gates: [Gate], baseline: [String: Double]?) throws -> (
        terminal: String, passed: Bool
    ) {
        let (results, skipped) = try GateCheck.evaluate(gates, metrics: card.metrics, baseline: baseline)
        var text = TerminalScoreReport.render(card, gates: results, skippedGates: skipped)
        if errors { text += ErrorListing.render(card) }
        if let jsonPath {
            try AtomicFile.write(try ScoreReport(card, gates: results).encoded(), to: URL(fileURLWithPath: jsonPath))
        }
        if let junitPath {
            try AtomicFile.write(JUnitScoreReport.render(card, gates: results), to: URL(fileURLWithPath: junitPath))
        }
        if let markdownPath {
            try AtomicFile.write(
                MarkdownScoreReport.render(card, gates: results, skippedGates: skipped),
                to: URL(fileURLWithPath: markdownPath))
        }
        return (text, results.allSatisfy(\.passed))
    }
}
