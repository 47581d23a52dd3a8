import AttestSupport

/// How a quotation presents what was said.
public enum QuoteKind: String, CaseIterable, Hashable, Comparable, Sendable, Codable {
    /// Exact words inside quotation marks.
    case direct
    /// Reported speech: a speech verb and a content clause, no marks.
    case indirect
    /// A short quoted fragment inside the writer's own sentence.
    case mixed

    public static func < (lhs: QuoteKind, rhs: QuoteKind) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// A quotation: what was said, who said it and the verb that says so.
public struct Quote: Hashable, Sendable {
    public var id: String
    public var kind: QuoteKind
    /// What was said (for direct and mixed quotes, inside the marks).
    public var content: Excerpt
    /// The words at the attribution that name or refer to the source.
    public var speaker: Excerpt?
    /// The speech verb or phrase ("said", "according to").
    public var cue: Excerpt?
    /// The id of the entity the speaker refers to, when the text makes it explicit.
    public var speakerEntity: String?
    public var origin: SourceLocation?

    public init(
        id: String, kind: QuoteKind, content: Excerpt, speaker: Excerpt? = nil, cue: Excerpt? = nil,
        speakerEntity: String? = nil, origin: SourceLocation? = nil
    ) {
        self.id = id
        self.kind = kind
        self.content = content
        self.speaker = speaker
        self.cue = cue
        self.speakerEntity = speakerEntity
        self.origin = origin
    }

    /// Content, speaker and cue, with the element name each is written as.
    public var excerpts: [(role: String, excerpt: Excerpt)] {
        // Built with its labels: an unlabelled array converted on return was cast
        // element by element at run time (3,400 instructions a quote).
        var out: [(role: String, excerpt: Excerpt)] = []
        out.reserveCapacity(3)
        out.append((role: "content", excerpt: content))
        if let speaker { out.append((role: "speaker", excerpt: speaker)) }
        if let cue { out.append((role: "cue", excerpt: cue)) }
        return out
    }
}
