import AttestSupport

/// The content of one annotation file: a header, entities and quotes.
public struct AnnotationDocument: Hashable, Sendable {
    /// The format version written in the file.
    public var version: String
    public var header: DocumentHeader
    public var entities: [Entity]
    public var quotes: [Quote]

    public static let currentVersion = "1.0"

    public init(
        version: String = AnnotationDocument.currentVersion, header: DocumentHeader, entities: [Entity] = [],
        quotes: [Quote] = []
    ) {
        self.version = version
        self.header = header
        self.entities = entities
        self.quotes = quotes
    }

    public var id: String { header.id }

    /// Every mention with the entity it belongs to.
    public var mentions: [(entity: Entity, mention: Mention)] {
        entities.flatMap { entity in entity.mentions.map { (entity, $0) } }
    }

    public func entity(withID id: String) -> Entity? {
        entities.first { $0.id == id }
    }

    /// Ids of the entities with a mention inside `span`, in entity order.
    public func entitiesMentioned(within span: Span) -> [String] {
        entities.filter { e in e.mentions.contains { span.contains($0.span) } }.map(\.id)
    }

    /// The entity a quote's speaker span names, when the quote is not
    /// attributed yet and the speaker covers mentions of exactly one entity
    /// that stands as the speaker: a mention that is the whole speaker span
    /// ("the Met"), or a person's mention that starts or ends it ("Ed Ray,
    /// the chief", "Police Chief Ed Ray"). An organisation named inside a
    /// description ("a source within the Met") is not the speaker.
    public func inferredSpeaker(of quote: Quote) -> String? {
        guard quote.speakerEntity == nil, let speaker = quote.speaker?.span else { return nil }
        let named = entitiesMentioned(within: speaker)
        guard named.count == 1, let entity = entity(withID: named[0]) else { return nil }
        let standsAsSpeaker = entity.mentions.contains { m in
            m.span == speaker
                || (entity.type == .person && speaker.contains(m.span)
                    && (m.span.start == speaker.start || m.span.end == speaker.end))
        }
        return standsAsSpeaker ? entity.id : nil
    }
}
