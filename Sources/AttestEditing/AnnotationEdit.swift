import AttestReports

/// One change to one annotation document. Edits are values: the CLI builds
/// them from its flags, the web annotator sends them as JSON (docs/format.md,
/// "Edits"), and every applied edit yields the edits that undo it.
///
/// Spans travel with their covered text (`Excerpt`), so an edit says exactly
/// what it marks and an inverse restores the file byte for byte.
public enum AnnotationEdit: Hashable, Sendable {
    // Entities
    /// Adds an entity, with any mentions it carries, at `index` (default: last).
    case addEntity(Entity, index: Int?)
    /// Removes an entity and its mentions; refused while a quote is attributed to it.
    case removeEntity(String)
    /// Gives an entity another type.
    case retype(entity: String, type: EntityType)
    /// Gives an entity another canonical name.
    case rename(entity: String, name: String)
    /// Moves every mention of `sources` into `target`, points their quotes at
    /// `target`, and removes the sources.
    case mergeEntities(target: String, sources: [String])
    /// Moves `mentions` out of `entity` into a new entity `newID` named
    /// `name` (of `type`, default the same); quotes whose speaker is exactly
    /// one of those mentions follow them.
    case splitEntity(entity: String, mentions: [String], newID: String, name: String, type: EntityType?)
    /// Moves `mentions` to `entity` (the verb `attest move` and the page's
    /// "Move here" both send): quotes whose speaker is exactly one of them
    /// are attributed to `entity`, and an entity left with no mention and no
    /// quote attributed to it is removed.
    /// A mention of another type than `entity` moves (taking its type) only with `retype`.
    case move(mentions: [String], entity: String, retype: Bool = false)
    /// Each span becomes a mention, with fresh ids: of the entity of `type`
    /// named as its text, else of a new entity so named (the page's type keys
    /// and accepted suggestions; `attest entity` without `--entity`/`--name`).
    case annotate(type: EntityType, spans: [Excerpt])
    /// Removes entities, mentions and quotes by id with the cascade of
    /// `attest remove` (an emptied entity goes unless a quote names it).
    case remove(ids: [String])
    /// A new quote with the next quote id, with its speaker and cue when given (an accepted quote
    /// suggestion is one change); a speaker that is a mention attributes it, as for `attest quote`.
    case quote(kind: QuoteKind, content: Excerpt, speaker: Excerpt? = nil, cue: Excerpt? = nil)

    // Mentions
    /// Adds a mention to an entity at `index` among its mentions (default: last).
    case addMention(entity: String, mention: Mention, index: Int?)
    case removeMention(String)
    /// Moves a mention to another entity, at `index` among its mentions (default: last).
    case moveMention(String, entity: String, index: Int?)

    // Quotes
    /// Adds a quote at `index` among the quotes (default: last).
    case addQuote(Quote, index: Int?)
    case removeQuote(String)
    case setQuoteKind(quote: String, kind: QuoteKind)
    /// Sets (or with nil removes) a quote's speaker span.
    case setSpeaker(quote: String, Excerpt?)
    /// Sets (or with nil removes) the entity a quote is attributed to.
    case setSpeakerEntity(quote: String, entity: String?)
    /// Sets (or with nil removes) a quote's cue.
    case setCue(quote: String, Excerpt?)

    /// Sets the span of a mention or of a quote's content (by the mention's or quote's id).
    case setSpan(id: String, Excerpt)

    // The document
    case setStatus(AnnotationStatus)
    /// Sets the file's `<annotator>` names (who worked on it).
    case setAnnotators([String])
    /// Records the article's new hash and length (what `attest realign` does
    /// after carrying the spans across).
    case setArticle(sha256: String, length: Int)
    /// Deletes the document: its annotation file and its article. Only
    /// alone in a transaction; `attest undo` restores both.
    case removeDocument

    /// The JSON name of the edit's operation.
    public var operation: String {
        switch self {
        case .addEntity: "add-entity"
        case .removeEntity: "remove-entity"
        case .retype: "retype"
        case .rename: "rename"
        case .mergeEntities: "merge-entities"
        case .splitEntity: "split-entity"
        case .move: "move"
        case .annotate: "annotate"
        case .remove: "remove"
        case .quote: "quote"
        case .addMention: "add-mention"
        case .removeMention: "remove-mention"
        case .moveMention: "move-mention"
        case .addQuote: "add-quote"
        case .removeQuote: "remove-quote"
        case .setQuoteKind: "set-quote-kind"
        case .setSpeaker: "set-speaker"
        case .setSpeakerEntity: "set-speaker-entity"
        case .setCue: "set-cue"
        case .setSpan: "set-span"
        case .setStatus: "set-status"
        case .setAnnotators: "set-annotators"
        case .setArticle: "set-article"
        case .removeDocument: "remove-document"
        }
    }
}

extension AnnotationEdit: CustomStringConvertible {
    /// One line for people: what the edit does.
    public var description: String {
        switch self {
        case .addEntity(let e, _):
            "add entity \(e.id) \(e.type) \(Brief.quoted(e.name))"
                + (e.mentions.isEmpty ? "" : " with \(e.mentions.count) mention(s)")
        case .removeEntity(let id): "remove entity \(id)"
        case .retype(let id, let type): "retype \(id) as \(type)"
        case .rename(let id, let name): "rename \(id) to \(Brief.quoted(name))"
        case .mergeEntities(let target, let sources): "merge \(sources.joined(separator: ", ")) into \(target)"
        case .splitEntity(let id, let mentions, let newID, let name, _):
            "split \(mentions.joined(separator: ", ")) off \(id) as \(newID) \(Brief.quoted(name))"
        case .move(let mentions, let e, _): "move \(mentions.joined(separator: ", ")) to \(e)"
        case .annotate(let type, let spans):
            "annotate " + spans.map { "\(Brief.quoted($0.text)) \($0.span)" }.joined(separator: ", ") + " as \(type)"
        case .remove(let ids): "remove \(ids.joined(separator: ", "))"
        case .quote(let kind, let c, _, _): "add \(kind.rawValue) quote \(Brief.quoted(c.text)) \(c.span)"
        case .addMention(let e, let m, _): "add mention \(m.id) \(Brief.quoted(m.text)) \(m.span) to \(e)"
        case .removeMention(let id): "remove mention \(id)"
        case .moveMention(let id, let e, _): "move mention \(id) to \(e)"
        case .addQuote(let q, _):
            "add \(q.kind.rawValue) quote \(q.id) \(Brief.quoted(q.content.text)) \(q.content.span)"
        case .removeQuote(let id): "remove quote \(id)"
        case .setQuoteKind(let id, let kind): "make quote \(id) \(kind.rawValue)"
        case .setSpeaker(let id, let s):
            s.map { "set the speaker of \(id) to \(Brief.quoted($0.text)) \($0.span)" } ?? "remove the speaker of \(id)"
        case .setSpeakerEntity(let id, let e):
            e.map { "attribute quote \(id) to \($0)" } ?? "remove the speaker entity of \(id)"
        case .setCue(let id, let c):
            c.map { "set the cue of \(id) to \(Brief.quoted($0.text)) \($0.span)" } ?? "remove the cue of \(id)"
        case .setSpan(let id, let x): "set the span of \(id) to \(Brief.quoted(x.text)) \(x.span)"
        case .setStatus(let s): "set status \(s.rawValue)"
        case .setAnnotators(let names): "set annotators \(names.joined(separator: ", "))"
        case .setArticle(let sha, let length): "record article sha256 \(sha.prefix(12))… length \(length)"
        case .removeDocument: "remove the document"
        }
    }
}
