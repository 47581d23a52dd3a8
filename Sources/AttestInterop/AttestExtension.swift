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
enum AttestExtension {
    static func object(_ d: InteropDocument) -> [String: Any] {
        let groups = Array(Set(d.mentions.compactMap(\.group) + d.quotes.compactMap(\.speakerGroup))).sorted()
        let index = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1, $0) })
        let entities: [[String: Any]] = groups.map { g in
            ["id": orNull(d.entityNames[g]?.id), "name": orNull(d.entityNames[g]?.name)]
        }
        let mentions: [[String: Any]] = d.mentions.map {
            ["id": orNull($0.id), "entity": orNull($0.group.flatMap { index[$0] })]
        }
        let quotes: [[String: Any]] = d.quotes.map { q in
            [
                "id": orNull(q.id), "kind": q.kind.rawValue, "start": q.content.start, "end": q.content.end,
                "speaker": orNull(q.speaker.map { [$0.start, $0.end] }),
                "cue": orNull(q.cue.map { [$0.start, $0.end] }),
                "speaker-entity": orNull(q.speakerGroup.flatMap { index[$0] }),
            ]
        }
        return ["entities": entities, "mentions": mentions, "quotes": quotes]
    }

    /// A value, or JSON null.
    static func orNull<T>(_ value: T?) -> Any { value.map { $0 as Any } ?? NSNull() }

    /// Applies the extension to a document read from the format's own fields.
    static func apply(_ value: Any?, to doc: inout InteropDocument, at: String) throws {
        guard let o = value as? [String: Any] else { return }
        let mentions = o["mentions"] as? [[String: Any]] ?? []
        guard mentions.count == doc.mentions.count else {
            throw AttestError(
                "\(at): attest.mentions has \(mentions.count) entries for \(doc.mentions.count) spans; they run in parallel"
            )
        }
        let entities = o["entities"] as? [[String: Any]] ?? []
        for (k, e) in entities.enumerated() {
            if let id = e["id"] as? String, let name = e["name"] as? String {
                doc.entityNames[k + 1] = .init(id: id, name: name)
            }
        }
        func group(_ v: Any?, _ what: String) throws -> Int? {
            guard let k = JSONFormats.int(v) else { return nil }
            guard k >= 0, k < entities.count else { throw AttestError("\(at): \(what): no entity \(k)") }
            return k + 1
        }
        for (k, m) in mentions.enumerated() {
            doc.mentions[k].id = m["id"] as? String
            if let g = try group(m["entity"], "attest.mentions[\(k)]") { doc.mentions[k].group = g }
        }
        func span(_ v: Any?) -> Span? {
            guard let a = v as? [Any], a.count == 2, let s = JSONFormats.int(a[0]), let e = JSONFormats.int(a[1]) else {
                return nil
            }
            return Span(s, e)
        }
        for (k, q) in (o["quotes"] as? [[String: Any]] ?? []).enumerated() {
            guard let s = JSONFormats.int(q["start"]), let e = JSONFormats.int(q["end"]),
                let kind = (q["kind"] as? String).flatMap(QuoteKind.init(rawValue:))
            else { throw AttestError("\(at): attest.quotes[\(k)]: needs start, end and kind") }
            doc.quotes.append(
                .init(
                    content: Span(s, e), kind: kind, speaker: span(q["speaker"]), cue: span(q["cue"]),
                    speakerGroup: try group(q["speaker-entity"], "attest.quotes[\(k)]"), id: q["id"] as? String))
        }
    }
}
