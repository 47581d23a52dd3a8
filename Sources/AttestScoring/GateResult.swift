import AttestExtraction
import Foundation

/// What a gate asks of a metric.
public enum GateRule: String, Hashable, Sendable, Codable {
    /// The metric must reach the threshold.
    case min
    /// The metric may fall at most the threshold below the baseline run's.
    case maxDrop = "max-drop"
}

/// The verdict on one gate.
public struct GateResult: Hashable, Sendable, Codable {
    public var metric: String
    public var rule: GateRule
    public var threshold: Double
    public var actual: Double
    public var baseline: Double?
    public var passed: Bool

    /// How far the metric is above (positive) or below (negative) what the gate asks.
    public var margin: Double {
        rule == .min ? actual - threshold : actual - ((baseline ?? 0) - threshold)
    }

    public var summary: String {
        let verdict = passed ? "passed" : "FAILED"
        if rule == .min {
            return String(
                format: "%@ %@: %.4f, minimum %.4f (%@%.4f)", verdict, metric, actual, threshold,
                margin >= 0 ? "+" : "", margin)
        }
        return String(
            format: "%@ %@: %.4f, baseline %.4f, drop %.4f, allowed %.4f", verdict, metric, actual, baseline ?? 0,
            (baseline ?? 0) - actual,
            threshold)
    }
}
