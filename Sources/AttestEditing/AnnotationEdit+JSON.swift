import AttestReports
import Foundation

/// The JSON form of an edit: an object with `op` and that operation's
/// fields (docs/format.md, "Edits"). Spans are `{"start", "end", "text"}`
/// in code points; ids, types and names are strings.
extension AnnotationEdit: Codable {
    private enum Key: String, CodingKey {
        case op, id, entity, type, name, target, sources, mentions
        case newID = "new-id"
        case mention, index, quote, kind, ids, spans, content
        case speaker, cue, span, status, sha256, length, retype, annotators
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let op = try c.decode(String.self, forKey: .op)
        func string(_ key: Key) throws -> String { try c.decode(String.self, forKey: key) }
        func index() throws -> Int? { try c.decodeIfPresent(Int.self, forKey: .index) }
        func excerpt(_ key: Key) throws -> Excerpt? { try c.decodeIfPresent(ExcerptJSON.self, forKey: key)?.model }
        switch op {
        case "add-entity": self = .addEntity(try c.decode(EntityJSON.self, forKey: .entity).model, index: try index())
        case "remove-entity": self = .removeEntity(try string(.id))
        case "retype": self = .retype(entity: try string(.entity), type: EntityType(try string(.type)))
        case "rename": self = .rename(entity: try string(.entity), name: try string(.name))
        case "merge-entities":
            self = .mergeEntities(target: try string(.target), sources: try c.decode([String].self, forKey: .sources))
        case "split-entity":
            self = .splitEntity(
                entity: try string(.entity), mentions: try c.decode([String].self, forKey: .mentions),
                newID: try c.decodeIfPresent(String.self, forKey: .newID) ?? "", name: try string(.name),
                type: try c.decodeIfPresent(String.self, forKey: .type).map { EntityType($0) })
        case "move":
            self = .move(
                mentions: try c.decode([String].self, forKey: .mentions), entity: try string(.entity),
                retype: try c.decodeIfPresent(Bool.self, forKey: .retype) ?? false)
        case "annotate":
            self = .annotate(
                type: EntityType(try string(.type)),
                spans: try c.decode([ExcerptJSON].self, forKey: .spans).map(\.model))
        case "remove": self = .remove(ids: try c.decode([String].self, forKey: .ids))
        case "quote":
            self = .quote(
                kind: try c.decode(QuoteKind.self, forKey: .kind),
                content: try c.decode(ExcerptJSON.self, forKey: .content).model, speaker: try excerpt(.speaker),
                cue: try excerpt(.cue))
        case "add-mention":
            self = .addMention(
                entity: try string(.entity), mention: try c.decode(MentionJSON.self, forKey: .mention).model,
                index: try index())
        case "remove-mention": self = .removeMention(try string(.id))
        case "move-mention": self = .moveMention(try string(.id), entity: try string(.entity), index: try index())
        case "add-quote": self = .addQuote(try c.decode(QuoteJSON.self, forKey: .quote).model, index: try index())
        case "remove-quote": self = .removeQuote(try string(.id))
        case "set-quote-kind":
            self = .setQuoteKind(quote: try string(.quote), kind: try c.decode(QuoteKind.self, forKey: .kind))
        case "set-speaker": self = .setSpeaker(quote: try string(.quote), try excerpt(.speaker))
        case "set-speaker-entity":
            self = .setSpeakerEntity(
                quote: try string(.quote), entity: try c.decodeIfPresent(String.self, forKey: .entity))
        case "set-cue": self = .setCue(quote: try string(.quote), try excerpt(.cue))
        case "set-span": self = .setSpan(id: try string(.id), try c.decode(ExcerptJSON.self, forKey: .span).model)
        case "set-status": self = .setStatus(try c.decode(AnnotationStatus.self, forKey: .status))
        case "set-annotators": self = .setAnnotators(try c.decode([String].self, forKey: .annotators))
        case "set-article":
            self = .setArticle(sha256: try string(.sha256), length: try c.decode(Int.self, forKey: .length))
        case "remove-document": self = .removeDocument
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .op, in: c, debugDescription: "unknown edit operation \(Brief.quoted(op))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(operation, forKey: .op)
        func index(_ i: Int?) throws { if let i { try c.encode(i, forKey: .index) } }
        func excerpt(_ x: Excerpt?, _ key: Key) throws {
            if let x { try c.encode(ExcerptJSON(x), forKey: key) } else { try c.encodeNil(forKey: key) }
        }
        switch self {
        case .addEntity(let e, let i):
            try c.encode(EntityJSON(e), forKey: .entity)
            try index(i)
        case .removeEntity(let id), .removeMention(let id), .removeQuote(let id): try c.encode(id, forKey: .id)
        case .retype(let e, let type):
            try c.encode(e, forKey: .entity)
            try c.encode(type.name, forKey: .type)
        case .rename(let e, let name):
            try c.encode(e, forKey: .entity)
            try c.encode(name, forKey: .name)
        case .mergeEntities(let target, let sources):
            try c.encode(target, forKey: .target)
            try c.encode(sources, forKey: .sources)
        case .splitEntity(let e, let mentions, let newID, let name, let type):
            try c.encode(e, forKey: .entity)
            try c.encode(mentions, forKey: .mentions)
            if !newID.isEmpty { try c.encode(newID, forKey: .newID) }
            try c.encode(name, forKey: .name)
            if let type { try c.encode(type.name, forKey: .type) }
        case .move(let mentions, let e, let retype):
            try c.encode(mentions, forKey: .mentions)
            try c.encode(e, forKey: .entity)
            if retype { try c.encode(true, forKey: .retype) }
        case .annotate(let type, let spans):
            try c.encode(type.name, forKey: .type)
            try c.encode(spans.map(ExcerptJSON.init), forKey: .spans)
        case .remove(let ids): try c.encode(ids, forKey: .ids)
        case .quote(let kind, let content, let speaker, let cue):
            try c.encode(kind, forKey: .kind)
            try c.encode(ExcerptJSON(content), forKey: .content)
            if let speaker { try c.encode(ExcerptJSON(speaker), forKey: .speaker) }
            if let cue { try c.encode(ExcerptJSON(cue), forKey: .cue) }
        case .addMention(let e, let m, let i):
            try c.encode(e, forKey: .entity)
            try c.encode(MentionJSON(m), forKey: .mention)
            try index(i)
        case .moveMention(let id, let e, let i):
            try c.encode(id, forKey: .id)
            try c.encode(e, forKey: .entity)
            try index(i)
        case .addQuote(let q, let i):
            try c.encode(QuoteJSON(q), forKey: .quote)
            try index(i)
        case .setQuoteKind(let q, let kind):
            try c.encode(q, forKey: .quote)
            try c.encode(kind, forKey: .kind)
        case .setSpeaker(let q, let x):
            try c.encode(q, forKey: .quote)
            try excerpt(x, .speaker)
        case .setSpeakerEntity(let q, let e):
            try c.encode(q, forKey: .quote)
            if let e { try c.encode(e, forKey: .entity) } else { try c.encodeNil(forKey: .entity) }
        case .setCue(let q, let x):
            try c.encode(q, forKey: .quote)
            try excerpt(x, .cue)
        case .setSpan(let id, let x):
            try c.encode(id, forKey: .id)
            try c.encode(ExcerptJSON(x), forKey: .span)
        case .setStatus(let s): try c.encode(s, forKey: .status)
        case .setAnnotators(let names): try c.encode(names, forKey: .annotators)
        case .setArticle(let sha, let length):
            try c.encode(sha, forKey: .sha256)
            try c.encode(length, forKey: .length)
        case .removeDocument: break
        }
    }

    /// Edits as one JSON array, keys sorted (the journal's and the API's form).
    public static func json(_ edits: [AnnotationEdit]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(edits), as: UTF8.self)
    }

    /// Reads a JSON array of edits, or an object `{"edits": [...]}`, naming
    /// the edit and field that is wrong.
    public static func decode(json bytes: [UInt8]) throws -> [AnnotationEdit] {
        do {
            return try JSONDecoder().decode(EditList.self, from: Data(bytes)).edits
        } catch let error as DecodingError {
            if let field = EditDecodingMessage.badNumber(bytes) {
                throw AttestError("the edits are not valid: \(field)")
            }
            throw AttestError("the edits are not valid: \(EditDecodingMessage.describe(error))")
        } catch {
            throw AttestError("the edits are not valid JSON: \(error.localizedDescription)")
        }
    }
}

/// A list of edits as the API and `attest apply` take it: an array, or an
/// object whose `edits` is one.
private struct EditList: Decodable {
    var edits: [AnnotationEdit]

    private enum Key: String, CodingKey { case edits }

    init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: Key.self) {  // deliberate: not an object, so an array
            edits = try object.decode([AnnotationEdit].self, forKey: .edits)
        } else {
            edits = try [AnnotationEdit](from: decoder)
        }
    }
}

/// A decoding error in words: where (`[2].mention.start`) and what.
enum EditDecodingMessage {
    /// In JSON that parses, the first number that is not a whole number an
    /// offset can hold (`1.5`, `1e19`), with its path: the decoder calls the
    /// whole text "not JSON" for those.
    static func badNumber(_ bytes: [UInt8]) -> String? {
        let parsed = bytes.withUnsafeBufferPointer { buffer -> JSONValue? in
            do throws(JSONSyntaxError) {
                return try JSONParser.parse(buffer)
            } catch {
                return nil  // not JSON: the decoder's message says so
            }
        }
        guard let tree = parsed else { return nil }
        func walk(_ value: JSONValue, _ path: String) -> String? {
            switch value {
            case .array(let items, _):
                for (i, v) in items.enumerated() { if let found = walk(v, path + "[\(i)]") { return found } }
            case .object(let members):
                for m in members.sorted(by: { $0.key < $1.key }) {
                    if let found = walk(m.value, path + "." + m.key) { return found }
                }
            case .number(let raw): return "\(path) is \(raw), not a whole number an offset can hold"
            case .null, .bool, .integer, .string: break
            }
            return nil
        }
        return walk(tree, "")
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)) has the wrong type (\(context.debugDescription))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "not JSON (\(context.debugDescription))"
                : "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

private struct ExcerptJSON: Codable {
    var start: Int
    var end: Int
    var text: String
    init(_ x: Excerpt) { (start, end, text) = (x.span.start, x.span.end, x.text) }
    var model: Excerpt { Excerpt(span: Span(start, end), text: text) }
}

private struct MentionJSON: Codable {
    var id: String
    var start: Int
    var end: Int
    var text: String
    init(_ m: Mention) { (id, start, end, text) = (m.id, m.span.start, m.span.end, m.text) }
    var model: Mention { Mention(id: id, excerpt: Excerpt(span: Span(start, end), text: text)) }
}

private struct EntityJSON: Codable {
    var id: String
    var type: String
    var name: String
    var mentions: [MentionJSON]?
    init(_ e: Entity) { (id, type, name, mentions) = (e.id, e.type.name, e.name, e.mentions.map(MentionJSON.init)) }
    var model: Entity { Entity(id: id, type: EntityType(type), name: name, mentions: (mentions ?? []).map(\.model)) }
}

private struct QuoteJSON: Codable {
    var id: String
    var kind: QuoteKind
    var content: ExcerptJSON
    var speaker: ExcerptJSON?
    var cue: ExcerptJSON?
    var speakerEntity: String?

    enum CodingKeys: String, CodingKey {
        case id, kind, content, speaker, cue
        case speakerEntity = "speaker-entity"
    }

    init(_ q: Quote) {
        (id, kind, content) = (q.id, q.kind, ExcerptJSON(q.content))
        (speaker, cue, speakerEntity) = (q.speaker.map(ExcerptJSON.init), q.cue.map(ExcerptJSON.init), q.speakerEntity)
    }
    var model: Quote {
        Quote(
            id: id, kind: kind, content: content.model, speaker: speaker?.model, cue: cue?.model,
            speakerEntity: speakerEntity)
    }
}
