import AttestExtraction

/// The four SemEval-2013 task 9.1 schemes, as nervaluate names them in
/// reports (`type` is nervaluate's `ent_type`).
public enum EntityScheme: String, CaseIterable, Hashable, Sendable, Codable {
    /// Exact boundaries and the same type.
    case strict
    /// Exact boundaries, whatever the type.
    case exact
    /// Overlapping boundaries (exact ones count in full, others half), whatever the type.
    case partial
    /// Overlapping boundaries and the same type.
    case type

    /// What a partial match is worth in precision and recall.
    package var partialWeight: Double { self == .partial || self == .type ? 0.5 : 0 }
}

/// How predictions are paired with gold mentions.
public enum MatchingMode: String, CaseIterable, Hashable, Sendable, Codable {
    /// nervaluate 1.2.1: predictions in their given order, each taking an
    /// unmatched gold mention it matches exactly, or else one it overlaps (at
    /// least 1% of the gold span), as each scheme's strategy chooses.
    case nervaluate
    /// A one-to-one alignment of maximum total overlap (Hungarian method), so
    /// that the order of predictions never changes a score.
    case optimal
}

/// A typed span: a gold or predicted entity mention as the scorer sees it.
public struct TypedSpan: Hashable, Sendable, Codable {
    public var span: Span
    public var type: EntityType

    public init(_ span: Span, _ type: EntityType) {
        self.span = span
        self.type = type
    }
}
