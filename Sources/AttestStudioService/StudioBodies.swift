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
