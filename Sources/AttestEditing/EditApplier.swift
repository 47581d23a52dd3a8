import AttestReports

/// Applies edits to a document in memory. Each edit yields the edits that
/// undo it; an edit that cannot apply throws and leaves the document as it was.
package struct EditApplier {
    package var document: AnnotationDocument

    package init(document: AnnotationDocument) { self.document = document }

    /// Applies `edit` and returns its inverse, in the order to apply it.
    mutating func apply(_ edit: AnnotationEdit) throws -> [AnnotationEdit] {
        switch edit {
        case .mergeEntities(let target, let sources):
            return try applyAll(try mergeSteps(target: target, sources: sources))
        case .splitEntity(let id, let mentions, let newID, let name, let type):
            return try applyAll(try splitSteps(id, mentions: mentions, newID: newID, name: name, type: type))
        case .move(let mentions, let target, let retype):
            return try applyAll(try moveSteps(mentions, to: target, retype: retype))
        case .annotate(let type, let spans):
            return try applyAll(try annotateSteps(type: type, spans: spans))
        case .remove(let ids):
            return try applyAll(try Self.removal(ids, in: document).steps)
        case .quote(let kind, let content, let speaker, let cue):
            return try applyAll(quoteSteps(kind: kind, content: content, speaker: speaker, cue: cue))
        case .removeDocument:
            throw AttestError("remove-document cannot be combined with other edits; send it alone")
        default:
            return [try applyPrimitive(edit)]
        }
    }

    /// Applies `edits` in order, all or nothing; returns the inverse of the whole.
    package mutating func applyAll(_ edits: [AnnotationEdit]) throws -> [AnnotationEdit] {
        let saved = document
        var inverses: [[AnnotationEdit]] = []
        do {
            for edit in edits { inverses.append(try apply(edit)) }
        } catch {
            document = saved
            quoteIDs = nil
            throw error
        }
        return inverses.reversed().flatMap { $0 }
    }

    // MARK: Composite edits

    private mutating func moveSteps(_ mentions: [String], to target: String, retype: Bool) throws -> [AnnotationEdit] {
        let into = document.entities[try entity(target)]
        // The entities the mentions leave, each with the places of its mentions that move, found by
        // looking each id up (not by a pass over every mention of the document). An id not found is the
        // move's own to refuse.
        var leaving: [Int: [Int]] = [:]
        for id in Set(mentions) {
            guard let (e, m) = try? mention(id) else { continue }
            leaving[e, default: []].append(m)
        }
        let sources = leaving.keys.sorted().map { (entity: $0, mentions: leaving[$0]!.sorted()) }
        if !retype {
            for (e, moved) in sources where document.entities[e].type != into.type {
                let (source, m) = (document.entities[e], document.entities[e].mentions[moved[0]])
                throw AttestError(
                    "\(m.id) \(Brief.quoted(m.text)) is a \(source.type.name) mention and \(into.id) (\(into.name)) is \(into.type.name): moving it would retype it; move it with --retype (\"retype\": true) to do so, or pick an entity of type \(source.type.name)"
                )
            }
        }
        var steps: [AnnotationEdit] = mentions.map { .moveMention($0, entity: target, index: nil) }
        var reattributed: Set<String> = []
        for (e, moved) in sources where document.entities[e].id != target {
            let source = document.entities[e]
            let spans = Set(moved.map { source.mentions[$0].span })
            for q in document.quotes where q.speakerEntity == source.id {
                if let s = q.speaker?.span, spans.contains(s) {
                    steps.append(.setSpeakerEntity(quote: q.id, entity: target))
                    reattributed.insert(q.id)
                }
            }
            // Left with nothing: no mention and no quote attributed to it.
            let emptied = moved.count == source.mentions.count
            let named = document.quotes.contains { $0.speakerEntity == source.id && !reattributed.contains($0.id) }
            if emptied && !named { steps.append(.removeEntity(source.id)) }
        }
        return steps
    }

    private func mergeSteps(target: String, sources: [String]) throws -> [AnnotationEdit] {
        let into = try entity(target)
        var steps: [AnnotationEdit] = []
        for source in sources {
            guard source != target else { throw AttestError("cannot merge \(target) into itself") }
            let from = try entity(source)
            guard document.entities[from].type == document.entities[into].type else {
                let (a, b) = (document.entities[from], document.entities[into])
                throw AttestError(
                    "\(a.id) is a \(a.type) and \(b.id) a \(b.type); retype one first (attest retype \(document.id) \(a.id) \(b.type))"
                )
            }
            for m in document.entities[from].mentions { steps.append(.moveMention(m.id, entity: target, index: nil)) }
            for q in document.quotes where q.speakerEntity == source {
                steps.append(.setSpeakerEntity(quote: q.id, entity: target))
            }
            steps.append(.removeEntity(source))
        }
        return steps
    }

    private func splitSteps(_ id: String, mentions: [String], newID: String, name: String, type: EntityType?) throws
        -> [AnnotationEdit]
    {
        let index = try entity(id)
        let source = document.entities[index]
        guard !mentions.isEmpty else { throw AttestError("name the mentions to split off \(id)") }
        for m in mentions where !source.mentions.contains(where: { $0.id == m }) {
            throw AttestError(
                "\(m) is not a mention of \(id); its mentions: \(source.mentions.map(\.id).joined(separator: ", "))")
        }
        let moved = source.mentions.filter { mentions.contains($0.id) }
        // No id given (the page leaves it to the server): the next entity id.
        let newID = newID.isEmpty ? nextID("e") : newID
        var steps: [AnnotationEdit] = [
            .addEntity(Entity(id: newID, type: type ?? source.type, name: name), index: nil)
        ]
        steps += moved.map { .moveMention($0.id, entity: newID, index: nil) }
        let spans = Set(moved.map(\.span))
        for q in document.quotes where q.speakerEntity == id {
            if let s = q.speaker?.span, spans.contains(s) {
                steps.append(.setSpeakerEntity(quote: q.id, entity: newID))
            }
        }
        return steps
    }

    // MARK: Primitive edits

    private mutating func applyPrimitive(_ edit: AnnotationEdit) throws -> AnnotationEdit {
        switch edit {
        case .addEntity(let e, let index):
            try requireFresh(e.id)
            for m in e.mentions { try requireFresh(m.id) }
            var clean = e
            clean.origin = nil
            clean.mentions = e.mentions.map(Self.clean)
            let at = try insertionIndex(index, count: document.entities.count)
            document.entities.insert(clean, at: at)
            return .removeEntity(e.id)
        case .removeEntity(let id):
            let i = try entity(id)
            let quotes = document.quotes.filter { $0.speakerEntity == id }.map(\.id)
            guard quotes.isEmpty else {
                throw AttestError(
                    "entity \(id) is the speaker of \(quotes.joined(separator: ", ")); re-attribute those quotes first (attest edit-quote \(document.id) \(quotes[0]) --speaker-entity … or --no-speaker-entity)"
                )
            }
            let removed = document.entities.remove(at: i)
            return .addEntity(removed, index: i)
        case .retype(let id, let type):
            let i = try entity(id)
            let old = document.entities[i].type
            document.entities[i].type = type
            return .retype(entity: id, type: old)
        case .rename(let id, let name):
            let i = try entity(id)
            guard !name.isEmpty else { throw AttestError("an entity's name cannot be empty") }
            let old = document.entities[i].name
            document.entities[i].name = name
            return .rename(entity: id, name: old)
        case .addMention(let id, let mention, let index):
            let i = try entity(id)
            try requireFresh(mention.id)
            let at = try insertionIndex(index, count: document.entities[i].mentions.count)
            document.entities[i].mentions.insert(Self.clean(mention), at: at)
            return .removeMention(mention.id)
        case .removeMention(let id):
            let (e, m) = try mention(id)
            let entityID = document.entities[e].id
            let removed = document.entities[e].mentions.remove(at: m)
            return .addMention(entity: entityID, mention: removed, index: m)
        case .moveMention(let id, let target, let index):
            let (e, m) = try mention(id)
            let to = try entity(target)
            let from = document.entities[e].id
            guard to != e else { throw AttestError("mention \(id) already belongs to \(target)") }
            let moving = document.entities[e].mentions.remove(at: m)
            let at: Int
            do {
                at = try insertionIndex(index, count: document.entities[to].mentions.count)
            } catch {
                document.entities[e].mentions.insert(moving, at: m)
                throw error
            }
            document.entities[to].mentions.insert(moving, at: at)
            return .moveMention(id, entity: from, index: m)
        case .addQuote(let q, let index):
            try requireFresh(q.id)
            if let ref = q.speakerEntity { _ = try entity(ref) }
            let at = try insertionIndex(index, count: document.quotes.count)
            var clean = q
            clean.origin = nil
            clean.content = Self.clean(q.content)
            clean.speaker = q.speaker.map(Self.clean)
            clean.cue = q.cue.map(Self.clean)
            document.quotes.insert(clean, at: at)
            quoteIDs = nil
            return .removeQuote(q.id)
        case .removeQuote(let id):
            let i = try quote(id)
            let removed = document.quotes.remove(at: i)
            quoteIDs = nil
            return .addQuote(removed, index: i)
        case .setQuoteKind(let id, let kind):
            let i = try quote(id)
            let old = document.quotes[i].kind
            document.quotes[i].kind = kind
            return .setQuoteKind(quote: id, kind: old)
        case .setSpeaker(let id, let excerpt):
            let i = try quote(id)
            let old = document.quotes[i].speaker
            document.quotes[i].speaker = excerpt.map(Self.clean)
            return .setSpeaker(quote: id, old)
        case .setSpeakerEntity(let id, let ref):
            let i = try quote(id)
            if let ref { _ = try entity(ref) }
            let old = document.quotes[i].speakerEntity
            document.quotes[i].speakerEntity = ref
            return .setSpeakerEntity(quote: id, entity: old)
        case .setCue(let id, let excerpt):
            let i = try quote(id)
            let old = document.quotes[i].cue
            document.quotes[i].cue = excerpt.map(Self.clean)
            return .setCue(quote: id, old)
        case .setSpan(let id, let excerpt):
            if isQuote(id) {
                let i = try quote(id)
                let old = document.quotes[i].content
                document.quotes[i].content = Self.clean(excerpt)
                return .setSpan(id: id, old)
            }
            let (e, m) = try mention(id)
            let old = document.entities[e].mentions[m].excerpt
            document.entities[e].mentions[m].excerpt = Self.clean(excerpt)
            return .setSpan(id: id, old)
        case .setStatus(let status):
            let old = document.header.status
            document.header.status = status
            return .setStatus(old)
        case .setAnnotators(let names):
            for name in names where name.isEmpty || name.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                throw AttestError("an annotator's name must be a non-empty line of text, not \(Brief.quoted(name))")
            }
            let old = document.header.annotators
            document.header.annotators = names
            return .setAnnotators(old)
        case .setArticle(let sha256, let length):
            let old = document.header
            document.header.sha256 = sha256
            document.header.length = length
            return .setArticle(sha256: old.sha256, length: old.length)
        case .mergeEntities, .splitEntity, .move, .annotate, .remove, .quote, .removeDocument:
            preconditionFailure("composite edits are expanded before they reach applyPrimitive")
        }
    }

    // MARK: Lookup

    private func entity(_ id: String) throws -> Int {
        if let i = document.entities.firstIndex(where: { $0.id == id }) { return i }
        let list = document.entities.map { "\($0.id) (\($0.name))" }.joined(separator: ", ")
        throw AttestError("no entity \(Brief.quoted(id)) in \(document.id); entities: \(list.isEmpty ? "none" : list)")
    }

    /// Where each mention and quote stood when last looked up. Edits move
    /// things, so a hit is checked and a miss is found by a scan: a
    /// realignment's thousands of edits cost one pass, not one per edit.
    private var mentionIndex: [String: (Int, Int)] = [:]
    private var quoteIndex: [String: Int] = [:]
    /// The ids of the document's quotes, made on first need and dropped whenever a quote is added or
    /// removed (or a failed batch puts the document back): a realignment's respans ask for each id.
    private var quoteIDs: Set<String>?

    private mutating func isQuote(_ id: String) -> Bool {
        let ids = quoteIDs ?? Set(document.quotes.map(\.id))
        quoteIDs = ids
        return ids.contains(id)
    }

    private mutating func mention(_ id: String) throws -> (Int, Int) {
        if let (e, m) = mentionIndex[id], e < document.entities.count, m < document.entities[e].mentions.count,
            document.entities[e].mentions[m].id == id
        {
            return (e, m)
        }
        // The table of every mention is made once lookups are many (a realignment's thousands); an
        // edit names a few, and a scan for each costs less than hashing 18,000 ids.
        if !mentionIndexBuilt && mentionScans >= 32 {
            mentionIndexBuilt = true
            mentionIndex.reserveCapacity(document.entities.reduce(0) { $0 + $1.mentions.count })
            for (e, entity) in document.entities.enumerated() {
                for (m, mention) in entity.mentions.enumerated() { mentionIndex[mention.id] = (e, m) }
            }
            if let found = mentionIndex[id], document.entities[found.0].mentions[found.1].id == id { return found }
        }
        mentionScans += 1
        // Not known, or a stale entry (something moved): find it by a scan and remember where.
        for (e, entity) in document.entities.enumerated() {
            if let m = entity.mentions.firstIndex(where: { $0.id == id }) {
                mentionIndex[id] = (e, m)
                return (e, m)
            }
        }
        throw AttestError("no mention \(Brief.quoted(id)) in \(document.id)")
    }
    private var mentionScans = 0
    private var mentionIndexBuilt = false

    private mutating func quote(_ id: String) throws -> Int {
        if let i = quoteIndex[id], i < document.quotes.count, document.quotes[i].id == id { return i }
        quoteIndex.removeAll(keepingCapacity: true)
        for (i, q) in document.quotes.enumerated() { quoteIndex[q.id] = i }
        if let i = quoteIndex[id] { return i }
        let list = document.quotes.map(\.id).joined(separator: ", ")
        throw AttestError("no quote \(Brief.quoted(id)) in \(document.id); quotes: \(list.isEmpty ? "none" : list)")
    }

    /// Every id in use: entities, mentions and quotes share one namespace.
    private func requireFresh(_ id: String) throws {
        guard !id.isEmpty else { throw AttestError("an id cannot be empty") }
        let used =
            document.quotes.contains { $0.id == id }
            || document.entities.contains { e in e.id == id || e.mentions.contains { $0.id == id } }
        if used { throw AttestError("the id \(id) is already used in \(document.id)") }
    }

    private func insertionIndex(_ index: Int?, count: Int) throws -> Int {
        guard let index else { return count }
        guard index >= 0, index <= count else { throw AttestError("index \(index) is out of range 0…\(count)") }
        return index
    }

    private static func clean(_ m: Mention) -> Mention { Mention(id: m.id, excerpt: clean(m.excerpt)) }
    private static func clean(_ x: Excerpt) -> Excerpt { Excerpt(span: x.span, text: x.text) }
}
