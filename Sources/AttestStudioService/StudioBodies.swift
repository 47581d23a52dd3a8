import AttestInterop
import Foundation

/// `GET /api/documents`: each document's summary, or the error that keeps it from being read.
public struct DocumentListBody: Encodable, Sendable {
    public var corpus: String
    public var documents: [JSONTree]
}

/// A document as the page edits it (docs/api.md): `GET` gives it, and every
/// change answers with it as written.
public struct DocumentBody: Encodable, Sendable {
    public var id: String
    /// The SHA-256 of the file on disk: the `ETag`, sent back as `If-Match`.
    public var version: String
    public var text: String
    /// Code points.
    public var length: Int
    public var annotation: JSONTree
    public var diagnostics: JSONTree
    public var types: [String]
    /// What undoes the change just made (a change's answer only).
    public var inverse: [AnnotationEdit]?
    public var notes: [String]?
    /// What realignment found (realign's answer only).
    public var findings: [String]?
    public var undone: String?
    public var redone: String?
    /// Whether the answer carries `text`: a change's answer leaves it out when the client asks
    /// (`?text=omit`), since a change never alters the article the client already holds.
    public var includesText = true
    /// A change's answer to a client that asked for what changed (`?changes=1`): it then carries
    /// `changes` (`StudioDocumentJSON.changes`) instead of `annotation`.
    public var changes: JSONTree?

    enum CodingKeys: String, CodingKey {
        case id, version, text, length, annotation, changes, diagnostics, types, inverse, notes, findings, undone,
            redone
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(version, forKey: .version)
        if includesText { try c.encode(text, forKey: .text) }
        try c.encode(length, forKey: .length)
        if let changes {
            try c.encode(changes, forKey: .changes)
        } else {
            try c.encode(annotation, forKey: .annotation)
        }
        try c.encode(diagnostics, forKey: .diagnostics)
        try c.encode(types, forKey: .types)
        try c.encodeIfPresent(inverse, forKey: .inverse)
        try c.encodeIfPresent(notes, forKey: .notes)
        try c.encodeIfPresent(findings, forKey: .findings)
        try c.encodeIfPresent(undone, forKey: .undone)
        try c.encodeIfPresent(redone, forKey: .redone)
    }
}

/// The answer to an undo or a redo: the document as it now is, or only what
/// was reversed when the document no longer exists (an undone `new`).
public struct Reversal: Encodable, Sendable {
    public var direction: EditUndo.Direction
    public var summary: String
    public var document: DocumentBody?

    public func encode(to encoder: any Encoder) throws {
        var body =
            document
            ?? DocumentBody(
                id: "", version: "", text: "", length: 0, annotation: .null, diagnostics: .null, types: [])
        if direction == .undo { body.undone = summary } else { body.redone = summary }
        if document != nil {
            try body.encode(to: encoder)
        } else {
            try Removed(undone: body.undone, redone: body.redone).encode(to: encoder)
        }
    }

    private struct Removed: Encodable {
        var undone: String?
        var redone: String?
    }
}

/// A body with a tree form, written byte by byte by `JSONTree` instead of
/// through `JSONEncoder`: a document's answer (a 140 KB article with 2,000
/// annotations) is on the path from a key press to the mark redrawn. Browser
/// test, release server, 5 edits of the big document: median 75 ms through
/// the encoder, 56 ms this way. A test holds the two forms equal.
public protocol StudioTreeBody: Encodable {
    var tree: JSONTree { get }
}

extension DocumentBody: StudioTreeBody {
    public var tree: JSONTree {
        var o: [String: JSONTree] = [
            "id": .string(id), "version": .string(version), "length": .int(length),
            "diagnostics": diagnostics, "types": .array(types.map { .string($0) }),
        ]
        if let changes { o["changes"] = changes } else { o["annotation"] = annotation }
        if includesText { o["text"] = .string(text) }
        if let inverse {
            // deliberate: edits always encode (strings, integers, nulls)
            o["inverse"] = (try? AnnotationEdit.json(inverse)).map { .encoded(Array($0.utf8)) } ?? .array([])
        }
        if let notes { o["notes"] = .array(notes.map { .string($0) }) }
        if let findings { o["findings"] = .array(findings.map { .string($0) }) }
        if let undone { o["undone"] = .string(undone) }
        if let redone { o["redone"] = .string(redone) }
        return .object(o)
    }
}

extension Reversal: StudioTreeBody {
    public var tree: JSONTree {
        let key = direction == .undo ? "undone" : "redone"
        guard let document, case .object(var o) = document.tree else { return .object([key: .string(summary)]) }
        o[key] = .string(summary)
        return .object(o)
    }
}

extension DocumentListBody: StudioTreeBody {
    public var tree: JSONTree { .object(["corpus": .string(corpus), "documents": .array(documents)]) }
}
