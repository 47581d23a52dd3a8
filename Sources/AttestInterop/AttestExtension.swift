import AttestAgreement
import Foundation

/// What the JSON formats cannot hold in their own fields — mention and
/// quote ids, entities, quotes — travels in an `attest` object beside them
/// (doccano: a key of the record; spaCy: `user_data.attest`; Label Studio:
/// the task's `meta.attest`), so that a document exported and imported again
/// is the same file byte for byte. The tools keep it as metadata; a file
/// without it is read from the tool's own fields alone.
///
/// ```json
/// "attest": {"entities": [{"id": "e1", "name": "Jane Doe"}, …],
///            "mentions": [{"id": "m1", "entity": 0}, …],
///            "quotes": [{"id": "q1", "kind": "direct", "start": 1, "end": 23,
///                        "speaker": [36, 44], "cue": [25, 29], "speaker-entity": 0}, …]}
/// ```
///
/// `mentions` runs parallel to the format's own list of spans, in order;
/// `entity` and `speaker-entity` index `entities` (whose `id` and `name` may be null).
struct AttestExtension: Codable, Sendable {
    struct EntityJSON: Codable, Sendable {
        var id: String?
        var name: String?

        init(id: String?, name: String?) {
            self.id = id
            self.name = name
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            id = c.string("id")
            name = c.string("name")
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: AnyKey.self)
            try c.encode(id, forKey: AnyKey("id"))
            try c.encode(name, forKey: AnyKey("name"))
        }
    }

    struct MentionJSON: Codable, Sendable {
        var id: String?
        /// An index into `entities`.
        var entity: Int?

        init(id: String?, entity: Int?) {
            self.id = id
            self.entity = entity
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            id = c.string("id")
            entity = c.int("entity")
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: AnyKey.self)
            try c.encode(id, forKey: AnyKey("id"))
            try c.encode(entity, forKey: AnyKey("entity"))
        }
    }

    struct QuoteJSON: Codable, Sendable {
        var id: String?
        var kind: String?
        var start: Int?
        var end: Int?
        var speaker: SpanPair?
        var cue: SpanPair?
        /// An index into `entities`.
        var speakerEntity: Int?

        init(
            id: String?, kind: String?, start: Int?, end: Int?, speaker: SpanPair?, cue: SpanPair?,
            speakerEntity: Int?
        ) {
            self.id = id
            self.kind = kind
            self.start = start
            self.end = end
            self.speaker = speaker
            self.cue = cue
            self.speakerEntity = speakerEntity
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            id = c.string("id")
            kind = c.string("kind")
            start = c.int("start")
            end = c.int("end")
            speaker = c.lenient("speaker")
            cue = c.lenient("cue")
            speakerEntity = c.int("speaker-entity")
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: AnyKey.self)
            try c.encode(id, forKey: AnyKey("id"))
            try c.encode(kind, forKey: AnyKey("kind"))
            try c.encode(start, forKey: AnyKey("start"))
            try c.encode(end, forKey: AnyKey("end"))
            try c.encode(speaker, forKey: AnyKey("speaker"))
            try c.encode(cue, forKey: AnyKey("cue"))
            try c.encode(speakerEntity, forKey: AnyKey("speaker-entity"))
        }
    }

    var entities: [EntityJSON]
    var mentions: [MentionJSON]
    var quotes: [QuoteJSON]

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        entities = c.lenient("entities") ?? []
        mentions = c.lenient("mentions") ?? []
        quotes = c.lenient("quotes") ?? []
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encode(entities, forKey: AnyKey("entities"))
        try c.encode(mentions, forKey: AnyKey("mentions"))
        try c.encode(quotes, forKey: AnyKey("quotes"))
    }

    /// What `d` carries beyond the format's own spans.
    init(_ d: InteropDocument) {
        let groups = Array(Set(d.mentions.compactMap(\.group) + d.quotes.compactMap(\.speakerGroup))).sorted()
        let index = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1, $0) })
        entities = groups.map { EntityJSON(id: d.entityNames[$0]?.id, name: d.entityNames[$0]?.name) }
        mentions = d.mentions.map { MentionJSON(id: $0.id, entity: $0.group.flatMap { index[$0] }) }
        quotes = d.quotes.map { q in
            QuoteJSON(
                id: q.id, kind: q.kind.rawValue, start: q.content.start, end: q.content.end,
                speaker: q.speaker.map(SpanPair.init), cue: q.cue.map(SpanPair.init),
                speakerEntity: q.speakerGroup.flatMap { index[$0] })
        }
    }

    /// Applies the extension to a document read from the format's own fields.
    func apply(to doc: inout InteropDocument, at: String) throws {
        guard mentions.count == doc.mentions.count else {
            throw AttestError(
                "\(at): attest.mentions has \(mentions.count) entries for \(doc.mentions.count) spans; they run in parallel"
            )
        }
        for (k, e) in entities.enumerated() {
            if let id = e.id, let name = e.name { doc.entityNames[k + 1] = .init(id: id, name: name) }
        }
        func group(_ k: Int?, _ what: String) throws -> Int? {
            guard let k else { return nil }
            guard k >= 0, k < entities.count else { throw AttestError("\(at): \(what): no entity \(k)") }
            return k + 1
        }
        for (k, m) in mentions.enumerated() {
            doc.mentions[k].id = m.id
            if let g = try group(m.entity, "attest.mentions[\(k)]") { doc.mentions[k].group = g }
        }
        for (k, q) in quotes.enumerated() {
            guard let s = q.start, let e = q.end, let kind = q.kind.flatMap(QuoteKind.init(rawValue:)) else {
                throw AttestError("\(at): attest.quotes[\(k)]: needs start, end and kind")
            }
            doc.quotes.append(
                .init(
                    content: Span(s, e), kind: kind, speaker: q.speaker?.span, cue: q.cue?.span,
                    speakerGroup: try group(q.speakerEntity, "attest.quotes[\(k)]"), id: q.id))
        }
    }
}
