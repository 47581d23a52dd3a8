import AttestAgreement
import Foundation

/// A document as other annotation tools hold it: the text, and spans on it
/// in code points. Every import format reads into this and every export
/// format writes from it (docs/interop.md).
public struct InteropDocument: Hashable, Sendable {
    public struct Mention: Hashable, Sendable {
        public var span: Span
        public var type: String
        /// Mentions with the same group are one entity (brat's `Equiv`); nil: grouped by type and text.
        public var group: Int?
        /// The mention's id in Attest, when the format carried it.
        public var id: String?

        public init(span: Span, type: String, group: Int? = nil, id: String? = nil) {
            self.span = span
            self.type = type
            self.group = group
            self.id = id
        }
    }

    public struct Quote: Hashable, Sendable {
        public var content: Span
        public var kind: QuoteKind
        public var speaker: Span?
        public var cue: Span?
        /// The group of the entity it is attributed to.
        public var speakerGroup: Int?
        /// The quote's id in Attest, when the format carried it.
        public var id: String?
        /// Whether the file gave the kind (false: the import infers it from quotation marks).
        public var kindGiven = true

        public init(
            content: Span, kind: QuoteKind, speaker: Span? = nil, cue: Span? = nil, speakerGroup: Int? = nil,
            id: String? = nil
        ) {
            self.content = content
            self.kind = kind
            self.speaker = speaker
            self.cue = cue
            self.speakerGroup = speakerGroup
            self.id = id
        }
    }

    public var id: String
    public var text: String
    public var mentions: [Mention]
    public var quotes: [Quote]
    /// Entity ids and names by group, when the format carried them.
    public var entityNames: [Int: EntityName] = [:]

    public struct EntityName: Hashable, Sendable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }
    /// What the reader fixed or left out, for the import report.
    public var notes: [String] = []
    /// Whose annotation this is, when the import writes into a manifest's annotator folder.
    public var annotator: String?

    public init(id: String, text: String, mentions: [Mention] = [], quotes: [Quote] = [], notes: [String] = []) {
        self.id = id
        self.text = text
        self.mentions = mentions
        self.quotes = quotes
        self.notes = notes
    }

    /// The document an annotation file holds, with each entity as a group.
    public init(_ document: AnnotationDocument, text: String) {
        self.id = document.id
        self.text = text
        var groups: [String: Int] = [:]
        for (i, e) in document.entities.enumerated() { groups[e.id] = i + 1 }
        mentions = document.entities.flatMap { e in
            e.mentions.map { Mention(span: $0.span, type: e.type.name, group: groups[e.id], id: $0.id) }
        }.sorted { ($0.span, $0.type) < ($1.span, $1.type) }
        quotes = document.quotes.map { q in
            Quote(
                content: q.content.span, kind: q.kind, speaker: q.speaker?.span, cue: q.cue?.span,
                speakerGroup: q.speakerEntity.flatMap { groups[$0] }, id: q.id)
        }.sorted { $0.content < $1.content }
        for (i, e) in document.entities.enumerated() { entityNames[i + 1] = EntityName(id: e.id, name: e.name) }
    }

    /// The annotation this document makes, with ids numbered in text order:
    /// mentions `m1…`, entities `e1…` (in the order of their first mention;
    /// named after their longest mention), quotes `q1…`. A quote whose
    /// speaker is exactly a mention is attributed to that mention's entity.
    public func annotation(header: DocumentHeader) -> AnnotationDocument {
        let article = ArticleText(text)
        let ordered = mentions.sorted { ($0.span, $0.type) < ($1.span, $1.type) }
        var entityOfKey: [String: Int] = [:]
        var entities: [Entity] = []
        var entityOfGroup: [Int: String] = [:]
        // Ids the format carried are kept; the others are numbered past them.
        var mentionIDs = IDSequence(prefix: "m", taken: mentions.compactMap(\.id))
        var entityIDs = IDSequence(prefix: "e", taken: entityNames.values.map(\.id))
        var named = Set<Int>()
        for m in ordered {
            let covered = article[m.span]
            let key = m.group.map { "group \($0)" } ?? "\(m.type)\u{0}\(covered)"
            let mention = AttestModel.Mention(
                id: m.id ?? mentionIDs.next(), excerpt: Excerpt(span: m.span, text: covered))
            if let k = entityOfKey[key] {
                entities[k].mentions.append(mention)
            } else {
                entityOfKey[key] = entities.count
                let given = m.group.flatMap { entityNames[$0] }
                if given != nil { named.insert(entities.count) }
                entities.append(
                    Entity(
                        id: given?.id ?? entityIDs.next(), type: EntityType(m.type), name: given?.name ?? covered,
                        mentions: [mention]))
            }
            if let g = m.group { entityOfGroup[g] = entities[entityOfKey[key]!].id }
        }
        for k in entities.indices where !named.contains(k) {
            // The longest mention names the entity (the first of the longest).
            entities[k].name = entities[k].mentions.max { $0.text.count < $1.text.count }?.text ?? entities[k].name
        }
        var mentionEntity: [Span: String] = [:]
        for e in entities { for m in e.mentions where mentionEntity[m.span] == nil { mentionEntity[m.span] = e.id } }
        var quoteIDs = IDSequence(prefix: "q", taken: self.quotes.compactMap(\.id))
        let quotes = self.quotes.sorted { $0.content < $1.content }.map { q in
            AttestModel.Quote(
                id: q.id ?? quoteIDs.next(), kind: q.kind, content: Excerpt(span: q.content, text: article[q.content]),
                speaker: q.speaker.map { Excerpt(span: $0, text: article[$0]) },
                cue: q.cue.map { Excerpt(span: $0, text: article[$0]) },
                speakerEntity: q.speakerGroup.flatMap { entityOfGroup[$0] } ?? q.speaker.flatMap { mentionEntity[$0] })
        }
        var document = AnnotationDocument(header: header, entities: entities, quotes: quotes)
        // A speaker that names exactly one entity (a person's name at its start or end, as
        // `speaker.entity-missing` reads it) is attributed to it, as the editing commands do.
        for k in document.quotes.indices where document.quotes[k].speakerEntity == nil {
            document.quotes[k].speakerEntity = document.inferredSpeaker(of: document.quotes[k])
        }
        return document
    }

    /// Spans past the end of the text or empty, as `field: message` lines.
    public func rangeProblems() -> [String] {
        let n = ArticleText(text).count
        var out: [String] = []
        func check(_ span: Span, _ what: String) {
            if span.start < 0 || span.end > n || span.start >= span.end {
                out.append("\(what) \(span) is not a span of the \(n)-code-point text")
            }
        }
        for m in mentions { check(m.span, "mention \(m.type)") }
        for q in quotes {
            check(q.content, "quote")
            if let s = q.speaker { check(s, "speaker") }
            if let c = q.cue { check(c, "cue") }
        }
        return out
    }
}

/// `m1`, `m2`, … skipping ids already taken.
struct IDSequence {
    let prefix: String
    var taken: Set<String>
    var counter = 0

    init(prefix: String, taken: [String]) {
        self.prefix = prefix
        self.taken = Set(taken)
    }

    mutating func next() -> String {
        repeat { counter += 1 } while taken.contains("\(prefix)\(counter)")
        taken.insert("\(prefix)\(counter)")
        return "\(prefix)\(counter)"
    }
}
