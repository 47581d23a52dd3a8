import AttestSupport

/// Thresholds of the rules that catch annotator mistakes, set in the
/// manifest's `<checks>` element.
public struct CheckSettings: Hashable, Sendable {
    /// How many code points may separate a quote's speaker span from its content.
    public var speakerDistance: Int
    /// Two quotes of one kind whose contents reach this Jaccard index are near duplicates.
    public var nearDuplicate: Double

    public init(speakerDistance: Int = 100, nearDuplicate: Double = 0.9) {
        self.speakerDistance = speakerDistance
        self.nearDuplicate = nearDuplicate
    }
}
