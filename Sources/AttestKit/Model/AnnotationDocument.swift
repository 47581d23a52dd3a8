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
}
