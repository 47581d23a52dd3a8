import AttestAgreement
import Foundation

/// doccano, spaCy and Label Studio: JSON formats of text and labelled spans.
enum JSONFormats {
    static func parse(_ bytes: [UInt8], file: String) throws -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            // Attest's own parser says where and what.
            let detail = bytes.withUnsafeBufferPointer { b -> String in
                do throws(JSONSyntaxError) {
                    _ = try JSONParser.parse(b)
                    return "\(error.localizedDescription)"
                } catch {
                    return "byte \(error.offset + 1): \(error.message)"
                }
            }
            throw AttestError("\(file): not valid JSON (\(detail))")
        }
    }

    /// JSON Lines, or one JSON array of objects.
    static func records(_ bytes: [UInt8], file: String) throws -> [(line: Int, object: [String: Any])] {
        let first = bytes.first { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }
        if first == UInt8(ascii: "[") {
            guard let array = try parse(bytes, file: file) as? [Any] else {
                throw AttestError("\(file): not a JSON array")
            }
            return try array.enumerated().map { i, v in
                guard let o = v as? [String: Any] else { throw AttestError("\(file): item \(i + 1) is not an object") }
                return (i + 1, o)
            }
        }
        var lineNumber = 1
        return try JSONLines.split(bytes + [0x0A], firstLine: &lineNumber).map { line in
            guard let o = try parse(Array(line.bytes), file: "\(file):\(line.number)") as? [String: Any] else {
                throw AttestError("\(file):\(line.number): not a JSON object")
            }
            return (line.number, o)
        }
    }

    static func int(_ v: Any?) -> Int? {
        if let n = v as? Int { return n }
        if let d = v as? Double, d == d.rounded() { return Int(d) }
        return nil
    }

    /// The id a record names under `key` (at the top, or in `data`, `meta` or `user_data`).
    static func field(_ o: [String: Any], _ key: String, at: String) throws -> String {
        for place in [o, o["data"] as? [String: Any], o["meta"] as? [String: Any], o["user_data"] as? [String: Any]] {
            if let s = place?[key] as? String, !s.isEmpty { return s }
            if let n = int(place?[key]) { return "doc-\(n)" }
        }
        throw AttestError("\(at): no \(key) to take the id from (--id-from \(key))")
    }

    static func id(_ o: [String: Any], _ fallback: String) -> String {
        if let s = o["id"] as? String, !s.isEmpty { return s }
        if let n = int(o["id"]) { return "doc-\(n)" }
        return fallback
    }

    static func write(_ value: Any) -> [UInt8] {
        // Sorted keys, no escaped slashes: the same input gives the same bytes.
        (try? [UInt8](JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])))
            ?? []
    }

    static func lines(_ values: [Any]) -> [UInt8] {
        values.flatMap { write($0) + [0x0A] }
    }

    // MARK: doccano

    /// `{"id", "text", "label": [[start, end, "TYPE"], …]}` per line (also `labels`, or `entities`
    /// objects of doccano's newer export); offsets in code points.
    static func readDoccano(_ bytes: [UInt8], file: String, stem: String, idKey: String? = nil) throws
        -> [InteropDocument]
    {
        try records(bytes, file: file).map { line, o in
            let at = "\(file):\(line)"
            guard let text = o["text"] as? String else { throw AttestError("\(at): text is missing") }
            var doc = InteropDocument(
                id: try idKey.map { try field(o, $0, at: at) } ?? id(o, "\(stem)-\(line)"), text: text)
            var reader = OffsetReader(text: text)
            var triples: [(Int, Int, String)] = []
            for item in (o["label"] ?? o["labels"]) as? [Any] ?? [] {
                guard let t = item as? [Any], t.count == 3, let s = int(t[0]), let e = int(t[1]),
                    let type = t[2] as? String
                else { throw AttestError("\(at): label: each is [start, end, \"TYPE\"]") }
                triples.append((s, e, type))
            }
            for item in o["entities"] as? [[String: Any]] ?? [] {
                guard let s = int(item["start_offset"]), let e = int(item["end_offset"]),
                    let type = item["label"] as? String
                else { throw AttestError("\(at): entities: each has start_offset, end_offset and label") }
                triples.append((s, e, type))
            }
            for (s, e, type) in triples {
                switch reader.span(s, e, covered: nil) {
                case .success(let span): doc.mentions.append(.init(span: span, type: type))
                case .failure(let why): throw AttestError("\(at): label \(type) \(why)")
                }
            }
            try AttestExtension.apply(o["attest"], to: &doc, at: at)
            return doc
        }
    }

    static func writeDoccano(_ docs: [InteropDocument]) -> [UInt8] {
        lines(
            docs.map { d in
                [
                    "id": d.id, "text": d.text,
                    "label": d.mentions.map { [$0.span.start, $0.span.end, $0.type] as [Any] },
                    "attest": AttestExtension.object(d),
                ] as [String: Any]
            })
    }

    // MARK: spaCy

    /// `Doc.to_json()`: `{"text", "ents": [{"start", "end", "label"}]}` (character offsets of
    /// Python's `str`, so code points); one per line, or an array; the id from `id` or
    /// `user_data.id` when present.
    static func readSpacy(_ bytes: [UInt8], file: String, stem: String, idKey: String? = nil) throws
        -> [InteropDocument]
    {
        let items = try records(bytes, file: file)
        return try items.map { line, o in
            let at = "\(file):\(line)"
            guard let text = o["text"] as? String else { throw AttestError("\(at): text is missing") }
            let userID = (o["user_data"] as? [String: Any])?["id"] as? String
            let chosen = try idKey.map { try field(o, $0, at: at) }
            var doc = InteropDocument(
                id: chosen ?? userID ?? id(o, items.count == 1 ? stem : "\(stem)-\(line)"), text: text)
            var reader = OffsetReader(text: text)
            for ent in o["ents"] as? [[String: Any]] ?? [] {
                guard let s = int(ent["start"]), let e = int(ent["end"]), let type = ent["label"] as? String else {
                    throw AttestError("\(at): ents: each has start, end and label")
                }
                switch reader.span(s, e, covered: nil) {
                case .success(let span): doc.mentions.append(.init(span: span, type: type))
                case .failure(let why): throw AttestError("\(at): ent \(type) \(why)")
                }
            }
            try AttestExtension.apply((o["user_data"] as? [String: Any])?["attest"], to: &doc, at: at)
            return doc
        }
    }

    static func writeSpacy(_ docs: [InteropDocument]) -> [UInt8] {
        lines(
            docs.map { d in
                [
                    "text": d.text, "user_data": ["id": d.id, "attest": AttestExtension.object(d)] as [String: Any],
                    "ents": d.mentions.map { ["start": $0.span.start, "end": $0.span.end, "label": $0.type] },
                ] as [String: Any]
            })
    }

    // MARK: Label Studio

    /// A Label Studio JSON export: an array of tasks `{"id", "data": {"text"}, "annotations":
    /// [{"result": [{"type": "labels", "value": {"start", "end", "text", "labels": [TYPE]}}]}]}`.
    /// Label Studio counts UTF-16 units; spans are checked against their `text` and converted.
    /// The first annotation of a task is read (`predictions` when it has none).
    static func readLabelStudio(_ bytes: [UInt8], file: String, stem: String, idKey: String? = nil) throws
        -> [InteropDocument]
    {
        try records(bytes, file: file).map { line, o in
            let at = "\(file): task \(line)"
            let data = o["data"] as? [String: Any] ?? [:]
            guard let text = (data["text"] ?? data.values.first { $0 is String }) as? String else {
                throw AttestError("\(at): data.text is missing")
            }
            let docID =
                try idKey.map { try field(o, $0, at: at) } ?? (data["id"] as? String) ?? id(o, "\(stem)-\(line)")
            var doc = InteropDocument(id: docID, text: text)
            var reader = OffsetReader(text: text)
            let annotations = (o["annotations"] as? [[String: Any]]) ?? []
            let chosen = annotations.first ?? (o["predictions"] as? [[String: Any]])?.first ?? [:]
            for (k, r) in ((chosen["result"] as? [[String: Any]]) ?? []).enumerated() {
                guard (r["type"] as? String) == "labels" else { continue }
                let v = r["value"] as? [String: Any] ?? [:]
                guard let s = int(v["start"]), let e = int(v["end"]), let type = (v["labels"] as? [String])?.first
                else { throw AttestError("\(at): result \(k + 1): value needs start, end and labels") }
                switch reader.span(s, e, covered: v["text"] as? String) {
                case .success(let span): doc.mentions.append(.init(span: span, type: type))
                case .failure(let why): throw AttestError("\(at): result \(k + 1) (\(type)) \(why)")
                }
            }
            doc.notes = reader.note("\(at) (\(docID))")
            try AttestExtension.apply((o["meta"] as? [String: Any])?["attest"], to: &doc, at: at)
            return doc
        }
    }

    /// Written as Label Studio writes it: UTF-16 offsets, with each span's text.
    static func writeLabelStudio(_ docs: [InteropDocument]) -> [UInt8] {
        let tasks: [[String: Any]] = docs.enumerated().map { i, d in
            let reader = OffsetReader(text: d.text)
            let article = ArticleText(d.text)
            let result: [[String: Any]] = d.mentions.enumerated().map { k, m in
                [
                    "id": "m\(k + 1)", "from_name": "label", "to_name": "text", "type": "labels",
                    "value": [
                        "start": reader.unit(m.span.start), "end": reader.unit(m.span.end), "text": article[m.span],
                        "labels": [m.type],
                    ] as [String: Any],
                ]
            }
            return [
                "id": i + 1, "data": ["id": d.id, "text": d.text], "annotations": [["result": result]],
                "meta": ["attest": AttestExtension.object(d)],
            ]
        }
        return write(tasks) + [0x0A]
    }
}
