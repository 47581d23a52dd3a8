import AttestSupport

/// An entity type name such as `PERSON`. The corpus manifest may declare
/// types beyond the three defaults.
public struct EntityType: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public var name: String

    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.name = value }

    public static let person: EntityType = "PERSON"
    public static let organization: EntityType = "ORG"
    public static let location: EntityType = "LOC"
    /// The types every corpus has without declaring them.
    public static let defaults: [EntityType] = [.person, .organization, .location]

    public var description: String { name }
    public static func < (lhs: EntityType, rhs: EntityType) -> Bool { lhs.name < rhs.name }
}

/// One occurrence of an entity's name in the article.
public struct Mention: Hashable, Sendable {
    public var id: String
    public var excerpt: Excerpt

    public init(id: String, excerpt: Excerpt) {
        self.id = id
        self.excerpt = excerpt
    }

    public var span: Span { excerpt.span }
    public var text: String { excerpt.text }
}

/// One real-world referent (a person, organisation, place …) and every
/// place the article names it.
public struct Entity: Hashable, Sendable {
    public var id: String
    public var type: EntityType
    /// The canonical name, e.g. "Chris Kaba" for the mentions "Kaba" and "Madix".
    public var name: String
    public var mentions: [Mention]
    public var origin: SourceLocation?

    public init(id: String, type: EntityType, name: String, mentions: [Mention] = [], origin: SourceLocation? = nil) {
        self.id = id
        self.type = type
        self.name = name
        self.mentions = mentions
        self.origin = origin
    }

    /// The first mention in text order, if any.
    public var firstSpan: Span? { mentions.map(\.span).min() }
}
