import AttestReports

/// The editing verbs of the CLI, each turned into edits and applied. They
/// find spans by text the way annotators name them (`TextLocator`).
extension AnnotationEditor {
    // MARK: Entities and mentions

    /// Adds mentions of `text` (the `nth` occurrence, the only one, or with
    /// `all` every occurrence not yet annotated) to entity `entityID`, to the
    /// entity of that type named `name`, or to a new entity.
    @discardableResult
    public mutating func addMentions(
        type: EntityType, text: String, nth: Int? = nil, all: Bool = false, entityID: String? = nil, name: String? = nil
    ) throws -> (entity: Entity, added: [Mention]) {
        let spans: [Span]
        if all {
            // Every occurrence that is not part of an existing mention ("Kaba"
            // inside an annotated "Chris Kaba" stays unmarked).
            let existing = document.mentions.map(\.mention.span)
            let found = locator.occurrences(of: text)
            if found.isEmpty { _ = try locator.locate(text, nth: nil) }
            spans = found.filter { s in !existing.contains { $0 != s && $0.overlaps(s) } }
        } else {
            spans = [try locator.locate(text, nth: nth)]
        }
        let taken = Set(document.mentions.map(\.mention.span))
        let fresh = spans.filter { !taken.contains($0) }
        if all && spans.isEmpty {
            throw AttestError(
                "every occurrence of \(Brief.quoted(text)) lies inside another mention, which --all leaves unmarked; mark one with --nth N to nest it"
            )
        }
        if fresh.isEmpty {
            throw AttestError(
                "\(Brief.quoted(text)) at \(spans.map(\.description).joined(separator: ", ")) is already annotated; nothing to add"
            )
        }
        // Named by its text (no entity or name given): the edit the page sends.
        if entityID == nil && name == nil {
            try apply(.annotate(type: type, spans: fresh.map { Excerpt(span: $0, text: article[$0]) }))
            let added = document.mentions.filter { fresh.contains($0.mention.span) }
            let entity = document.entity(withID: added[0].entity.id)!
            return (entity, added.map(\.mention))
        }
        var steps: [AnnotationEdit] = []
        let target: String
        if let entityID {
            guard let e = document.entity(withID: entityID) else { return try missingEntity(entityID) }
            guard e.type == type else {
                throw AttestError(
                    "entity \(entityID) is a \(e.type), not a \(type) (to change it: attest retype \(document.id) \(entityID) \(type))"
                )
            }
            target = entityID
        } else {
            let canonical = name ?? text
            if let e = document.entities.first(where: { $0.type == type && $0.name == canonical }) {
                target = e.id
            } else {
                target = nextID("e")
                steps.append(.addEntity(Entity(id: target, type: type, name: canonical), index: nil))
            }
        }
        var ids: [String] = []
        for span in fresh {
            let id = nextID("m", after: ids)
            ids.append(id)
            steps.append(
                .addMention(
                    entity: target, mention: Mention(id: id, excerpt: Excerpt(span: span, text: article[span])),
                    index: nil))
        }
        try apply(steps)
        let entity = document.entity(withID: target)!
        return (entity, entity.mentions.filter { ids.contains($0.id) })
    }

    public mutating func retype(_ entity: String, to type: EntityType) throws {
        try apply(.retype(entity: try entityID(entity), type: type))
    }

    public mutating func rename(_ entity: String, to name: String) throws {
        try apply(.rename(entity: try entityID(entity), name: name))
    }

    /// Merges `sources` into `target`; returns a line per merged entity.
    public mutating func merge(_ sources: [String], into target: String) throws {
        try apply(.mergeEntities(target: try entityID(target), sources: try sources.map(entityID)))
    }

    /// Splits `mentions` off their entity into a new one; returns its id.
    @discardableResult
    public mutating func split(mentions: [String], name: String?, type: EntityType?) throws -> String {
        guard let first = mentions.first else { throw AttestError("name the mentions to split off") }
        guard let owner = document.entities.first(where: { e in e.mentions.contains { $0.id == first } }) else {
            throw AttestError("no mention \(Brief.quoted(first)) in \(document.id)")
        }
        let moved = owner.mentions.filter { mentions.contains($0.id) }
        let newID = nextID("e")
        let canonical = name ?? moved.map(\.excerpt).min { $0.span < $1.span }?.text ?? owner.name
        try apply(.splitEntity(entity: owner.id, mentions: mentions, newID: newID, name: canonical, type: type))
        return newID
    }

    /// Moves mentions to another entity. A quote whose speaker span is one
    /// of them, attributed to the entity it leaves, follows it.
    public mutating func move(mentions: [String], to entity: String, retype: Bool = false) throws {
        try apply(.move(mentions: mentions, entity: try entityID(entity), retype: retype))
    }

    // MARK: Spans

    /// Sets the span of a mention or of a quote's content, speaker or cue.
    public mutating func respan(_ id: String, role: QuoteRole = .content, to span: Span) throws {
        guard article.contains(span), !span.isEmpty else {
            throw AttestError("\(span) is not a span of \(document.id) (its text has \(article.count) code points)")
        }
        let excerpt = Excerpt(span: span, text: article[span])
        if document.quotes.contains(where: { $0.id == id }) {
            switch role {
            case .content: try apply(.setSpan(id: id, excerpt))
            case .speaker: try apply(.setSpeaker(quote: id, excerpt))
            case .cue: try apply(.setCue(quote: id, excerpt))
            }
        } else {
            guard role == .content else { throw AttestError("\(id) is not a quote; only quotes have a \(role)") }
            try apply(.setSpan(id: id, excerpt))
        }
    }

    // MARK: Quotes

    /// Adds a quote whose content is `text` (its `nth` occurrence), with an
    /// optional speaker, speaker entity and cue. An ambiguous speaker or cue
    /// resolves to the occurrence nearest the content.
    @discardableResult
    public mutating func addQuote(
        text: String, nth: Int? = nil, kind: QuoteKind, speakerText: String? = nil, speakerNth: Int? = nil,
        speakerEntity: String? = nil, cueText: String? = nil, cueNth: Int? = nil
    ) throws -> Quote {
        let content = try locator.locate(text, nth: nth, role: "quote text")
        if let existing = document.quotes.first(where: { $0.content.span == content }) {
            throw AttestError(
                "\(Brief.quoted(text)) at \(content) is already quote \(existing.id) (change it with attest edit-quote \(document.id) \(existing.id))"
            )
        }
        var quote = Quote(
            id: nextID("q"), kind: kind, content: Excerpt(span: content, text: article[content]))
        if let speakerText {
            let s = try locator.locate(speakerText, nth: speakerNth, nearest: content, role: "speaker text")
            quote.speaker = Excerpt(span: s, text: article[s])
        }
        if let cueText {
            let c = try locator.locate(cueText, nth: cueNth, nearest: content, role: "cue text")
            quote.cue = Excerpt(span: c, text: article[c])
        }
        if let speakerEntity { quote.speakerEntity = try entityID(speakerEntity) }
        try apply(.addQuote(quote, index: nil))
        return quote
    }

    /// Changes what is given of a quote: kind, speaker (by text, or nil
    /// text with `removeSpeaker`), speaker entity, cue.
    public mutating func editQuote(_ id: String, change: QuoteChange) throws {
        guard let quote = document.quotes.first(where: { $0.id == id }) else {
            throw AttestError(
                "no quote \(Brief.quoted(id)) in \(document.id); quotes: \(document.quotes.map(\.id).joined(separator: ", "))"
            )
        }
        var steps: [AnnotationEdit] = []
        if let kind = change.kind { steps.append(.setQuoteKind(quote: id, kind: kind)) }
        if change.removeSpeaker {
            steps.append(.setSpeaker(quote: id, nil))
        } else if let text = change.speakerText {
            let s = try locator.locate(text, nth: change.speakerNth, nearest: quote.content.span, role: "speaker text")
            steps.append(.setSpeaker(quote: id, Excerpt(span: s, text: article[s])))
        }
        if change.removeSpeakerEntity {
            steps.append(.setSpeakerEntity(quote: id, entity: nil))
        } else if let e = change.speakerEntity {
            steps.append(.setSpeakerEntity(quote: id, entity: try entityID(e)))
        }
        if change.removeCue {
            steps.append(.setCue(quote: id, nil))
        } else if let text = change.cueText {
            let c = try locator.locate(text, nth: change.cueNth, nearest: quote.content.span, role: "cue text")
            steps.append(.setCue(quote: id, Excerpt(span: c, text: article[c])))
        }
        guard !steps.isEmpty else { throw AttestError("say what to change about \(id)") }
        try apply(steps)
    }

    // MARK: Removal and status

    /// Removes entities, mentions and quotes by id, as one change. An entity
    /// left without mentions goes with its last mention unless a quote is
    /// attributed to it. Returns a line per removal.
    public mutating func remove(_ ids: [String]) throws -> [String] {
        let lines = try EditApplier.removal(ids, in: document).lines
        try apply(.remove(ids: ids))
        return lines
    }

    public mutating func setStatus(_ status: AnnotationStatus) throws {
        try apply(.setStatus(status))
    }

    // MARK: Lookup

    /// An entity id, or the canonical name of exactly one entity.
    public func entityID(_ reference: String) throws -> String {
        if document.entity(withID: reference) != nil { return reference }
        let named = document.entities.filter { $0.name == reference }
        if named.count == 1 { return named[0].id }
        if named.isEmpty { return try missingEntity(reference) }
        throw AttestError("\(named.count) entities are named \(Brief.quoted(reference)); give the id")
    }

    private func missingEntity<T>(_ reference: String) throws -> T {
        let list = document.entities.map { "\($0.id) (\($0.name))" }.joined(separator: ", ")
        throw AttestError(
            "no entity \(Brief.quoted(reference)) in \(document.id); entities: \(list.isEmpty ? "none" : list)")
    }
}

/// Which span of a quote an edit is about.
public enum QuoteRole: String, CaseIterable, Sendable {
    case content, speaker, cue
}

/// What `editQuote` changes; nil leaves a part as it is.
public struct QuoteChange: Sendable {
    public var kind: QuoteKind?
    public var speakerText: String?
    public var speakerNth: Int?
    public var removeSpeaker = false
    public var speakerEntity: String?
    public var removeSpeakerEntity = false
    public var cueText: String?
    public var cueNth: Int?
    public var removeCue = false

    public init() {}
}
