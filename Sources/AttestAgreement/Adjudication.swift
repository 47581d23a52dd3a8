import AttestEditing
import Foundation

/// Two annotations of one article merged for adjudication: what both
/// annotators agree on is kept in a draft; every disagreement becomes a
/// decision with the edits that take either side, kept out of the draft
/// until someone applies one (`attest apply`).
public struct Adjudication: Sendable {
    /// One disagreement.
    public struct Decision: Sendable {
        /// `type`, `boundary`, `only-a`, `only-b` (mentions); `quote`, `quote-kind`, `speaker`, `cue`.
        public var kind: String
        /// What each side has, for a reader ("—" when nothing).
        public var a: String
        public var b: String
        /// The edits that take each side into the draft.
        public var takeA: [AnnotationEdit]
        public var takeB: [AnnotationEdit]
        public var span: Span
    }

    public var draft: AnnotationDocument
    public var decisions: [Decision]

    /// Adjudicates `a` and `b` (of the same article). The draft keeps `a`'s
    /// ids and entities for what both agree on; B's side of a decision uses
    /// ids prefixed `b-`.
    public init(a: AnnotationDocument, b: AnnotationDocument, article: ArticleText, header: DocumentHeader) {
        let view = View(article: article)
        let (entities, mentionDecisions) = Self.mentions(a, b, view)
        let (quotes, quoteDecisions) = Self.quotes(a, b, inDraft: Set(entities.map(\.id)), view)
        draft = AnnotationDocument(header: header, entities: entities, quotes: quotes)
        decisions = (mentionDecisions + quoteDecisions).sorted { ($0.span, $0.kind) < ($1.span, $1.kind) }
    }

    /// Spans as a reader sees them.
    private struct View {
        let article: ArticleText

        func excerpt(_ s: Span) -> Excerpt { Excerpt(span: s, text: article[s]) }
        func show(_ type: String, _ s: Span) -> String { "\(type) \(s) \(Brief.quoted(article[s], limit: 60))" }
    }

    private typealias Item = (entity: Entity, mention: Mention)

    /// Mentions: the same span and type agree and go into the draft, in A's
    /// entities; the rest are decisions (type, boundary, only one side).
    private static func mentions(_ a: AnnotationDocument, _ b: AnnotationDocument, _ view: View) -> (
        [Entity], [Decision]
    ) {
        let ma: [Item] = a.entities.flatMap { e in e.mentions.map { (e, $0) } }
        let mb: [Item] = b.entities.flatMap { e in e.mentions.map { (e, $0) } }
        var bLeft = Array(mb.indices)
        var agreed: [Item] = []
        var onlyA: [Item] = []
        // B's entity → the A entity that holds its first agreed mention: B's side of a decision adds
        // its mention there, not to a copy of the entity.
        var entityOfB: [String: String] = [:]
        for x in ma {
            if let k = bLeft.firstIndex(where: {
                mb[$0].mention.span == x.mention.span && mb[$0].entity.type == x.entity.type
            }) {
                if entityOfB[mb[bLeft[k]].entity.id] == nil { entityOfB[mb[bLeft[k]].entity.id] = x.entity.id }
                bLeft.remove(at: k)
                agreed.append(x)
            } else {
                onlyA.append(x)
            }
        }
        // The draft: agreed mentions in A's entities.
        var entities: [Entity] = []
        for e in a.entities {
            let kept = e.mentions.filter { m in agreed.contains { $0.mention.id == m.id } }
            if !kept.isEmpty {
                var copy = e
                copy.mentions = kept
                entities.append(copy)
            }
        }
        var decisions: [Decision] = []
        // An entity not in the draft is added by the first decision that needs it (in text
        // order); the later ones add their mention to it.
        var introduced = Set(entities.map(\.id))
        func take(_ x: Item, prefix: String) -> [AnnotationEdit] {
            let entityID = prefix + x.entity.id
            let m = Mention(id: prefix + x.mention.id, excerpt: x.mention.excerpt)
            if introduced.contains(entityID) { return [.addMention(entity: entityID, mention: m, index: nil)] }
            introduced.insert(entityID)
            return [
                .addEntity(Entity(id: entityID, type: x.entity.type, name: x.entity.name, mentions: [m]), index: nil)
            ]
        }
        func takeA(_ x: Item) -> [AnnotationEdit] { take(x, prefix: "") }
        func takeB(_ y: Item) -> [AnnotationEdit] {
            // Of an entity whose other mentions were agreed: into A's entity for them, when the type agrees.
            if let shared = entityOfB[y.entity.id], let e = a.entities.first(where: { $0.id == shared }),
                e.type == y.entity.type
            {
                return [
                    .addMention(
                        entity: shared, mention: Mention(id: "b-" + y.mention.id, excerpt: y.mention.excerpt),
                        index: nil)
                ]
            }
            return take(y, prefix: "b-")
        }
        var bOnly = bLeft.map { mb[$0] }.sorted { $0.mention.span < $1.mention.span }
        for x in onlyA.sorted(by: { $0.mention.span < $1.mention.span }) {
            // Paired with B's mention at the same span (type) or overlapping it (boundary).
            if let k = bOnly.firstIndex(where: { $0.mention.span == x.mention.span })
                ?? bOnly.firstIndex(where: { $0.mention.span.overlaps(x.mention.span) })
            {
                let y = bOnly.remove(at: k)
                decisions.append(
                    Decision(
                        kind: y.mention.span == x.mention.span ? "type" : "boundary",
                        a: view.show(x.entity.type.name, x.mention.span),
                        b: view.show(y.entity.type.name, y.mention.span),
                        takeA: takeA(x), takeB: takeB(y), span: x.mention.span))
            } else {
                decisions.append(
                    Decision(
                        kind: "only-a", a: view.show(x.entity.type.name, x.mention.span), b: "—", takeA: takeA(x),
                        takeB: [],
                        span: x.mention.span))
            }
        }
        for y in bOnly {
            decisions.append(
                Decision(
                    kind: "only-b", a: "—", b: view.show(y.entity.type.name, y.mention.span), takeA: [],
                    takeB: takeB(y),
                    span: y.mention.span))
        }
        return (entities, decisions)
    }

    /// Quotes: the same content span and kind agree; their speaker and cue
    /// are kept when the same, and are decisions otherwise.
    private static func quotes(
        _ a: AnnotationDocument, _ b: AnnotationDocument, inDraft: Set<String>, _ view: View
    ) -> ([Quote], [Decision]) {
        var decisions: [Decision] = []
        var quotes: [Quote] = []
        var bQuotes = b.quotes
        func attributed(_ q: Quote) -> Quote {
            var q = q
            if let e = q.speakerEntity, !inDraft.contains(e) { q.speakerEntity = nil }
            return q
        }
        for q in a.quotes {
            if let k = bQuotes.firstIndex(where: { $0.content.span == q.content.span && $0.kind == q.kind }) {
                let r = bQuotes.remove(at: k)
                var kept = attributed(q)
                if q.speaker?.span != r.speaker?.span {
                    kept.speaker = nil
                    kept.speakerEntity = nil
                    decisions.append(
                        Decision(
                            kind: "speaker", a: q.speaker.map { view.show("speaker of \(q.id)", $0.span) } ?? "—",
                            b: r.speaker.map { view.show("speaker", $0.span) } ?? "—",
                            takeA: [.setSpeaker(quote: q.id, q.speaker)]
                                + (attributed(q).speakerEntity.map { [.setSpeakerEntity(quote: q.id, entity: $0)] }
                                    ?? []),
                            takeB: [.setSpeaker(quote: q.id, r.speaker.map { view.excerpt($0.span) })],
                            span: q.content.span)
                    )
                }
                if q.cue?.span != r.cue?.span {
                    kept.cue = nil
                    decisions.append(
                        Decision(
                            kind: "cue", a: q.cue.map { view.show("cue of \(q.id)", $0.span) } ?? "—",
                            b: r.cue.map { view.show("cue", $0.span) } ?? "—", takeA: [.setCue(quote: q.id, q.cue)],
                            takeB: [.setCue(quote: q.id, r.cue.map { view.excerpt($0.span) })], span: q.content.span))
                }
                quotes.append(kept)
            } else if let k = bQuotes.firstIndex(where: { $0.content.span.overlaps(q.content.span) }) {
                let r = bQuotes.remove(at: k)
                decisions.append(
                    Decision(
                        kind: r.content.span == q.content.span ? "quote-kind" : "quote",
                        a: view.show("\(q.kind.rawValue) quote", q.content.span),
                        b: view.show("\(r.kind.rawValue) quote", r.content.span),
                        takeA: [.addQuote(attributed(q), index: nil)], takeB: [.addQuote(fromB(r), index: nil)],
                        span: q.content.span))
            } else {
                decisions.append(
                    Decision(
                        kind: "only-a", a: view.show("\(q.kind.rawValue) quote", q.content.span), b: "—",
                        takeA: [.addQuote(attributed(q), index: nil)], takeB: [], span: q.content.span))
            }
        }
        for r in bQuotes {
            decisions.append(
                Decision(
                    kind: "only-b", a: "—", b: view.show("\(r.kind.rawValue) quote", r.content.span), takeA: [],
                    takeB: [.addQuote(Self.fromB(r), index: nil)], span: r.content.span))
        }
        return (quotes, decisions)
    }

    /// B's quote as the draft can take it: its id prefixed, its attribution left to decide.
    static func fromB(_ r: Quote) -> Quote {
        var q = r
        q.id = "b-" + r.id
        q.speakerEntity = nil
        return q
    }
}
