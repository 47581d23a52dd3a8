import AttestSupport

/// A CI gate: a metric that must reach a minimum, or may not drop more than
/// an amount below a baseline run.
public struct Gate: Hashable, Sendable, Codable {
    public var metric: String
    public var min: Double?
    public var maxDrop: Double?

    public init(metric: String, min: Double? = nil, maxDrop: Double? = nil) {
        self.metric = metric
        self.min = min
        self.maxDrop = maxDrop
    }
}
