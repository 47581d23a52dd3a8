import AttestAgreement
import Foundation

/// doccano, spaCy and Label Studio: JSON formats of text and labelled spans,
/// read and written through Codable records (`JSONFormatRecords.swift`).
enum JSONFormats {
    /// Checks that `bytes` are JSON, saying where and what when they are not (Attest's own parser).
    static func checkSyntax(_ bytes: [UInt8], file: String) throws {
        let problem = bytes.withUnsafeBufferPointer { b -> String? in
            do throws(JSONSyntaxError) {
                _ = try JSONParser.parse(b)
                return nil
            } catch {
                return "byte \(error.offset + 1): \(error.message)"
            }
        }
        if let problem { throw AttestError("\(file): not valid JSON (\(problem))") }
    }

    /// JSON Lines, or one JSON array of objects, each decoded as `T`.
    static func records<T: Decodable & Sendable>(_ bytes: [UInt8], file: String, as type: T.Type) throws -> [(
        line: Int, record: T
    )] {
        let first = bytes.first { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }
        if first == UInt8(ascii: "[") {
            try checkSyntax(bytes, file: file)
            let slots: [RecordSlot<T>]
            do {
                slots = try JSONDecoder().decode([RecordSlot<T>].self, from: Data(bytes))
            } catch {
                throw AttestError("\(file): not a JSON array of objects")
            }
            return try slots.enumerated().map { i, slot in
                guard case .record(let r) = slot else { throw AttestError("\(file): item \(i + 1) is not an object") }
                return (i + 1, r)
            }
        }
        var lineNumber = 1
        return try JSONLines.split(bytes + [0x0A], firstLine: &lineNumber).map { line in
            let at = "\(file):\(line.number)"
            try checkSyntax(Array(line.bytes), file: at)
            // deliberate: a line that does not decode is the error below
            let slot = try? JSONDecoder().decode(RecordSlot<T>.self, from: Data(line.bytes))
            guard case .record(let r) = slot else { throw AttestError("\(at): not a JSON object") }
            return (line.number, r)
        }
    }

    /// The id a record names under `key` (at the top, or in `data`, `meta` or `user_data`).
    static func field(_ places: [[String: JSONScalar]], _ key: String, at: String) throws -> String {
        for place in places {
            if let s = place[key]?.string, !s.isEmpty { return s }
            if let n = place[key]?.int { return "doc-\(n)" }
        }
        throw AttestError("\(at): no \(key) to take the id from (--id-from \(key))")
    }

    static func id(_ value: JSONScalar?, _ fallback: String) -> String {
        if let s = value?.string, !s.isEmpty { return s }
        if let n = value?.int { return "doc-\(n)" }
        return fallback
    }

    /// Spans from `(start, end, type, covered text)`, in code points or UTF-16 as `reader` finds them.
    static func mentions(
        _ items: [(start: Int, end: Int, type: String, text: String?)], reader: inout OffsetReader,
        failure: (String, String) -> AttestError
    ) throws -> [InteropDocument.Mention] {
        try items.map { item in
            switch reader.span(item.start, item.end, covered: item.text) {
            case .success(let span): return .init(span: span, type: item.type)
            case .failure(let why): throw failure(item.type, why)
            }
        }
    }

    // MARK: doccano

    /// `{"id", "text", "label": [[start, end, "TYPE"], …]}` per line (also `labels`, or `entities`
    /// objects of doccano's newer export); offsets in code points.
    static func readDoccano(_ bytes: [UInt8], file: String, stem: String, idKey: String? = nil) throws
        -> [InteropDocument]
    {
        try records(bytes, file: file, as: DoccanoRecord.self).map { line, r in
            let at = "\(file):\(line)"
            guard let text = r.text else { throw AttestError("\(at): text is missing") }
            let docID = try idKey.map { try field(r.places, $0, at: at) } ?? id(r.id, "\(stem)-\(line)")
            var doc = InteropDocument(id: docID, text: text)
            var reader = OffsetReader(text: text)
            var items: [(start: Int, end: Int, type: String, text: String?)] = []
            for triple in r.labels {
                guard let t = triple else { throw AttestError("\(at): label: each is [start, end, \"TYPE\"]") }
                items.append((t.start, t.end, t.type, nil))
            }
            for entity in r.entities {
                guard let e = entity else {
                    throw AttestError("\(at): entities: each has start_offset, end_offset and label")
                }
                items.append((e.start, e.end, e.type, nil))
            }
            doc.mentions = try mentions(items, reader: &reader) { AttestError("\(at): label \($0) \($1)") }
            try r.attest?.apply(to: &doc, at: at)
            return doc
        }
    }

    static func writeDoccano(_ docs: [InteropDocument]) -> [UInt8] {
        JSONRecordWriter.lines(docs.map(DoccanoRecord.init))
    }

    // MARK: spaCy

    /// `Doc.to_json()`: `{"text", "ents": [{"start", "end", "label"}]}` (character offsets of
    /// Python's `str`, so code points); one per line, or an array; the id from `id` or
    /// `user_data.id` when present.
    static func readSpacy(_ bytes: [UInt8], file: String, stem: String, idKey: String? = nil) throws
        -> [InteropDocument]
    {
        let items = try records(bytes, file: file, as: SpacyRecord.self)
        return try items.map { line, r in
            let at = "\(file):\(line)"
            guard let text = r.text else { throw AttestError("\(at): text is missing") }
            let chosen = try idKey.map { try field(r.places, $0, at: at) }
            var doc = InteropDocument(
                id: chosen ?? r.userData["id"]?.string ?? id(r.id, items.count == 1 ? stem : "\(stem)-\(line)"),
                text: text)
            var reader = OffsetReader(text: text)
            var spans: [(start: Int, end: Int, type: String, text: String?)] = []
            for ent in r.ents {
                guard let e = ent else { throw AttestError("\(at): ents: each has start, end and label") }
                spans.append((e.start, e.end, e.type, nil))
            }
            doc.mentions = try mentions(spans, reader: &reader) { AttestError("\(at): ent \($0) \($1)") }
            try r.attest?.apply(to: &doc, at: at)
            return doc
        }
    }

    static func writeSpacy(_ docs: [InteropDocument]) -> [UInt8] {
        JSONRecordWriter.lines(docs.map(SpacyRecord.init))
    }

    // MARK: Label Studio

    /// A Label Studio JSON export: an array of tasks `{"id", "data": {"text"}, "annotations":
    /// [{"result": [{"type": "labels", "value": {"start", "end", "text", "labels": [TYPE]}}]}]}`.
    /// Label Studio counts UTF-16 units; spans are checked against their `text` and converted.
    /// The first annotation of a task is read (`predictions` when it has none).
    static func readLabelStudio(_ bytes: [UInt8], file: String, stem: String, idKey: String? = nil) throws
        -> [InteropDocument]
    {
        try records(bytes, file: file, as: LabelStudioTask.self).map { line, task in
            let at = "\(file): task \(line)"
            guard let text = task.text else { throw AttestError("\(at): data.text is missing") }
            let docID =
                try idKey.map { try field(task.places, $0, at: at) } ?? task.data["id"]?.string
                ?? id(task.id, "\(stem)-\(line)")
            var doc = InteropDocument(id: docID, text: text)
            var reader = OffsetReader(text: text)
            let chosen = task.annotations.first ?? task.predictions.first
            for (k, result) in (chosen?.result ?? []).enumerated() where result.type == "labels" {
                guard let s = result.start, let e = result.end, let type = result.labels.first else {
                    throw AttestError("\(at): result \(k + 1): value needs start, end and labels")
                }
                switch reader.span(s, e, covered: result.text) {
                case .success(let span): doc.mentions.append(.init(span: span, type: type))
                case .failure(let why): throw AttestError("\(at): result \(k + 1) (\(type)) \(why)")
                }
            }
            doc.notes = reader.note("\(at) (\(docID))")
            try task.attest?.apply(to: &doc, at: at)
            return doc
        }
    }

    /// Written as Label Studio writes it: UTF-16 offsets, with each span's text.
    static func writeLabelStudio(_ docs: [InteropDocument]) -> [UInt8] {
        JSONRecordWriter.encode(docs.enumerated().map { LabelStudioTask($1, number: $0 + 1) }) + [0x0A]
    }
}
