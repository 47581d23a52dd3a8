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

    /// JSON Lines, one JSON array of objects, or one (pretty-printed) object, each decoded as `T`.
    /// A line of JSON Lines that is not a JSON object is a failure of its own (`failures`); a file
    /// that is not readable at all throws.
    static func records<T: Decodable & Sendable>(
        _ bytes: [UInt8], file: String, as type: T.Type, userInfo: [CodingUserInfoKey: any Sendable] = [:],
        failures: inout [String]
    ) throws -> [(line: Int, record: T)] {
        let decoder = JSONDecoder()
        decoder.userInfo = userInfo
        let first = bytes.first { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }
        if first == UInt8(ascii: "[") {
            try checkSyntax(bytes, file: file)
            let slots: [RecordSlot<T>]
            do {
                slots = try decoder.decode([RecordSlot<T>].self, from: Data(bytes))
            } catch {
                throw AttestError("\(file): not a JSON array of objects")
            }
            var out: [(line: Int, record: T)] = []
            for (i, slot) in slots.enumerated() {
                guard case .record(let r) = slot else {
                    failures.append("\(file): item \(i + 1) is not an object")
                    continue
                }
                out.append((i + 1, r))
            }
            return out
        }
        // One object over several lines (Label Studio writes a task so): the whole file is one value.
        if first == UInt8(ascii: "{"), bytes.contains(0x0A), (try? checkSyntax(bytes, file: file)) != nil,
            case .record(let r)? = try? decoder.decode(RecordSlot<T>.self, from: Data(bytes))  // deliberate: else lines
        {
            return [(1, r)]
        }
        var lineNumber = 1
        var out: [(line: Int, record: T)] = []
        for line in JSONLines.split(bytes + [0x0A], firstLine: &lineNumber) {
            let at = "\(file):\(line.number)"
            do {
                try checkSyntax(Array(line.bytes), file: at)
            } catch let error as AttestError {
                failures.append(error.message)
                continue
            }
            // deliberate: a line that does not decode is the failure below
            let slot = try? decoder.decode(RecordSlot<T>.self, from: Data(line.bytes))
            guard case .record(let r) = slot else {
                failures.append("\(at): not a JSON object")
                continue
            }
            out.append((line.number, r))
        }
        return out
    }

    /// Each record read on its own: one that cannot be read is a failure and the others are read.
    static func each<T>(
        _ records: [(line: Int, record: T)], failures: inout [String],
        _ read: (Int, T) throws -> [InteropDocument]
    ) -> [InteropDocument] {
        var docs: [InteropDocument] = []
        for (line, record) in records {
            do {
                docs += try read(line, record)
            } catch let error as AttestError {
                failures.append(error.message)
            } catch {
                failures.append("\(line): \(error)")
            }
        }
        return docs
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
    static func readDoccano(
        _ bytes: [UInt8], file: String, stem: String, idKey: String? = nil, options: InteropOptions = .init(),
        failures: inout [String]
    ) throws -> [InteropDocument] {
        var fields: [CodingUserInfoKey: any Sendable] = [:]
        if let f = options.textField { fields[DoccanoRecord.textField] = f }
        if let f = options.labelField { fields[DoccanoRecord.labelField] = f }
        var relations = 0
        let found = try records(bytes, file: file, as: DoccanoRecord.self, userInfo: fields, failures: &failures)
        var docs = each(found, failures: &failures) { line, r in
            let at = "\(file):\(line)"
            guard let text = r.text else {
                throw AttestError(
                    "\(at): \(options.textField ?? "text") is missing"
                        + (options.textField == nil ? " (--text-field names another field)" : ""))
            }
            let docID = try idKey.map { try field(r.places, $0, at: at) } ?? id(r.id, "\(stem)-\(line)")
            var doc = InteropDocument(id: docID, text: text)
            var reader = OffsetReader(text: text)
            var items: [(start: Int, end: Int, type: String, text: String?)] = []
            for triple in r.labels {
                guard let t = triple else {
                    throw AttestError("\(at): \(options.labelField ?? "label"): each is [start, end, \"TYPE\"]")
                }
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
            relations += r.relations
            return [doc]
        }
        if relations > 0, !docs.isEmpty {
            docs[0].notes.append(
                "\(file): \(relations) relation(s) dropped: Attest keeps no relations between mentions (quotes travel in the attest field)"
            )
        }
        return docs
    }

    static func writeDoccano(_ docs: [InteropDocument]) -> [UInt8] {
        JSONRecordWriter.lines(docs.map(DoccanoRecord.init))
    }

    // MARK: spaCy

    /// `Doc.to_json()`: `{"text", "ents": [{"start", "end", "label"}]}` (character offsets of
    /// Python's `str`, so code points); one per line, or an array; the id from `id` or
    /// `user_data.id` when present.
    static func readSpacy(
        _ bytes: [UInt8], file: String, stem: String, idKey: String? = nil, failures: inout [String]
    ) throws -> [InteropDocument] {
        let items = try records(bytes, file: file, as: SpacyRecord.self, failures: &failures)
        let single = items.count == 1 && failures.isEmpty
        return each(items, failures: &failures) { line, r in
            let at = "\(file):\(line)"
            guard let text = r.text else {
                throw AttestError(
                    r.isTrainingJSON
                        ? "\(at): spaCy v2 training JSON (paragraphs of tokens), not Doc.to_json(); convert it with `python -m spacy convert FILE . --converter json` and import the .spacy's Doc.to_json() output, or use CoNLL"
                        : "\(at): text is missing")
            }
            let chosen = try idKey.map { try field(r.places, $0, at: at) }
            var doc = InteropDocument(
                id: chosen ?? r.userData["id"]?.string ?? id(r.id, single ? stem : "\(stem)-\(line)"),
                text: text)
            var reader = OffsetReader(text: text)
            var spans: [(start: Int, end: Int, type: String, text: String?)] = []
            for ent in r.ents {
                guard let e = ent else { throw AttestError("\(at): ents: each has start, end and label") }
                spans.append((e.start, e.end, e.type, nil))
            }
            doc.mentions = try mentions(spans, reader: &reader) { AttestError("\(at): ent \($0) \($1)") }
            try r.attest?.apply(to: &doc, at: at)
            return [doc]
        }
    }

    static func writeSpacy(_ docs: [InteropDocument]) -> [UInt8] {
        JSONRecordWriter.lines(docs.map(SpacyRecord.init))
    }

    // MARK: Label Studio

    /// A Label Studio JSON export: an array of tasks `{"id", "data": {"text"}, "annotations":
    /// [{"result": [{"type": "labels", "value": {"start", "end", "text", "labels": [TYPE]}}],
    /// "completed_by", "was_cancelled"}]}`, or one task object (as Label Studio writes one per file).
    /// Label Studio counts UTF-16 units; spans are checked against their `text` and converted.
    /// Cancelled annotations are skipped. Each annotation by one of the manifest's annotators
    /// (`completed_by`: its email, the email's name, or its number) is a document of that annotator;
    /// otherwise the first annotation is read (`predictions` when it has none) and the others are
    /// counted in a note.
    static func readLabelStudio(
        _ bytes: [UInt8], file: String, stem: String, idKey: String? = nil, options: InteropOptions = .init(),
        failures: inout [String]
    ) throws -> [InteropDocument] {
        var cancelled = 0
        var unassigned = 0
        let found = try records(bytes, file: file, as: LabelStudioTask.self, failures: &failures)
        var docs = each(found, failures: &failures) { line, task in
            let at = "\(file): task \(line)"
            guard let text = task.text else { throw AttestError("\(at): data.text is missing") }
            let docID =
                try idKey.map { try field(task.places, $0, at: at) } ?? task.data["id"]?.string
                ?? id(task.id, "\(stem)-\(line)")
            let live = task.annotations.filter { !$0.cancelled }
            cancelled += task.annotations.count - live.count
            // Annotations by the manifest's annotators, each to its annotator.
            let owned = live.compactMap { a in
                a.completedBy.first { options.declaredAnnotators.contains($0) }.map { (annotation: a, annotator: $0) }
            }
            let chosen: [(annotation: LabelStudioTask.Annotation?, annotator: String?)]
            if !owned.isEmpty {
                chosen = owned.map { ($0.annotation, $0.annotator) }
                unassigned += live.count - owned.count
            } else {
                chosen = [(live.first ?? task.predictions.first, options.annotator)]
                unassigned += max(0, live.count - 1)
            }
            return try chosen.map { annotation, annotator in
                var doc = InteropDocument(id: docID, text: text)
                doc.annotator = annotator
                var reader = OffsetReader(text: text)
                for (k, result) in (annotation?.result ?? []).enumerated()
                where result.type == "labels" || (result.type == nil && !result.labels.isEmpty) {
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
        if !docs.isEmpty {
            if cancelled > 0 { docs[0].notes.append("\(file): \(cancelled) cancelled annotation(s) skipped") }
            if unassigned > 0 {
                docs[0].notes.append(
                    "\(file): \(unassigned) annotation(s) not imported: a task's annotations beyond the first go to their annotators' folders when completed_by names one of the manifest's <annotators>"
                )
            }
        }
        return docs
    }

    /// Written as Label Studio writes it: UTF-16 offsets, with each span's text.
    /// Task ids: a document imported from Label Studio as `doc-N` is task N again; the others are
    /// numbered after the largest.
    static func writeLabelStudio(
        _ docs: [InteropDocument], config: LabelStudioConfig = .init(), predictions: Bool = false
    )
        -> [UInt8]
    {
        let kept = docs.map { d -> Int? in
            guard d.id.hasPrefix("doc-"), let n = Int(d.id.dropFirst(4)), n > 0, String(n) == d.id.dropFirst(4) else {
                return nil
            }
            return n
        }
        var used = Set<Int>()
        var numbers: [Int] = []
        for n in kept {
            if let n, !used.contains(n) {
                used.insert(n)
                numbers.append(n)
            } else {
                numbers.append(0)
            }
        }
        var next = (used.max() ?? 0)
        for k in numbers.indices where numbers[k] == 0 {
            next += 1
            numbers[k] = next
        }
        let tasks = zip(docs, numbers).map { LabelStudioTask($0, number: $1, config: config, prediction: predictions) }
        return JSONRecordWriter.encode(tasks) + [0x0A]
    }
}
