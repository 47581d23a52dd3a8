import AttestCorpus

/// A span an extractor produced, with the text it says the span covers.
public struct PredictedSpan: Hashable, Sendable {
    public var span: Span
    /// The covered text as the extractor wrote it (optional in the format).
    public var text: String?

    public init(_ span: Span, text: String? = nil) {
        self.span = span
        self.text = text
    }
}

/// An entity mention an extractor found.
public struct PredictedMention: Hashable, Sendable {
    public var span: Span
    public var type: EntityType
    public var text: String?

    public init(span: Span, type: EntityType, text: String? = nil) {
        self.span = span
        self.type = type
        self.text = text
    }
}

/// A quotation an extractor found.
public struct PredictedQuote: Hashable, Sendable {
    public var content: PredictedSpan
    public var kind: QuoteKind?
    public var speaker: PredictedSpan?
    /// A name or id for the speaker's entity, if the extractor gives one.
    public var speakerEntity: String?
    public var cue: PredictedSpan?

    public init(
        content: PredictedSpan, kind: QuoteKind? = nil, speaker: PredictedSpan? = nil, speakerEntity: String? = nil,
        cue: PredictedSpan? = nil
    ) {
        self.content = content
        self.kind = kind
        self.speaker = speaker
        self.speakerEntity = speakerEntity
        self.cue = cue
    }
}

/// One document of extractor output: the JSON Lines form of docs/format.md.
public struct PredictionDocument: Hashable, Sendable {
    public var id: String
    public var mentions: [PredictedMention]
    public var quotes: [PredictedQuote]

    public init(id: String, mentions: [PredictedMention] = [], quotes: [PredictedQuote] = []) {
        self.id = id
        self.mentions = mentions
        self.quotes = quotes
    }

    /// The prediction form of a gold or draft annotation (what `attest export` writes).
    public init(_ document: AnnotationDocument) {
        id = document.id
        mentions = document.mentions.map {
            PredictedMention(span: $0.mention.span, type: $0.entity.type, text: $0.mention.text)
        }
        .sorted { ($0.span, $0.type) < ($1.span, $1.type) }
        quotes = document.quotes.map { q in
            PredictedQuote(
                content: PredictedSpan(q.content.span, text: q.content.text), kind: q.kind,
                speaker: q.speaker.map { PredictedSpan($0.span, text: $0.text) },
                speakerEntity: q.speakerEntity.flatMap { document.entity(withID: $0)?.name },
                cue: q.cue.map { PredictedSpan($0.span, text: $0.text) })
        }.sorted { $0.content.span < $1.content.span }
    }
}

/// Where a predicted span sits in the extractor form, named only when a
/// message needs it (`entities[2]`, `quotes[0].speaker`).
public struct PredictionField: Hashable, Sendable, CustomStringConvertible {
    public enum Role: Hashable, Sendable {
        case entity, quote, speaker, cue
    }

    public var role: Role
    public var index: Int

    public var description: String {
        switch role {
        case .entity: "entities[\(index)]"
        case .quote: "quotes[\(index)]"
        case .speaker: "quotes[\(index)].speaker"
        case .cue: "quotes[\(index)].cue"
        }
    }
}

extension PredictionDocument {
    /// Calls `body` with every predicted span, its field and the text the
    /// extractor gave for it, in the order of the format.
    public func forEachSpan(_ body: (PredictionField, Span, String?) -> Void) {
        for (i, m) in mentions.enumerated() { body(PredictionField(role: .entity, index: i), m.span, m.text) }
        for (i, q) in quotes.enumerated() {
            body(PredictionField(role: .quote, index: i), q.content.span, q.content.text)
            if let s = q.speaker { body(PredictionField(role: .speaker, index: i), s.span, s.text) }
            if let c = q.cue { body(PredictionField(role: .cue, index: i), c.span, c.text) }
        }
    }
}
