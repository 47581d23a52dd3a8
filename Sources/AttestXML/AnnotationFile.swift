import AttestModel
import Foundation

/// An annotation file read for editing: its model and the bytes it was read
/// from, so that a later write can refuse to overwrite a file that changed.
public struct AnnotationFile: Sendable {
    public let url: URL
    public var document: AnnotationDocument
    /// SHA-256 of the bytes as read (nil for a file that did not exist).
    public let readDigest: String?
    /// The bytes as read.
    public let readBytes: [UInt8]

    public init(url: URL, document: AnnotationDocument, readDigest: String?, readBytes: [UInt8] = []) {
        self.url = url
        self.document = document
        self.readDigest = readDigest
        self.readBytes = readBytes
    }

    /// The largest annotation file read (256 MiB).
    public static let maxSize = 256 << 20

    /// Reads and schema-checks `url`. A file that is not well-formed or not
    /// schema-valid is an error: commands never rewrite a file they cannot
    /// fully read.
    public static func read(_ url: URL) throws -> AnnotationFile {
        let bytes = try Self.bytes(url)
        return AnnotationFile(
            url: url, document: try parse(bytes, name: DisplayPath.of(url)), readDigest: SHA256Hex.of(bytes),
            readBytes: bytes)
    }

    /// The bytes of the annotation file at `url` (at most `maxSize`).
    public static func bytes(_ url: URL) throws -> [UInt8] {
        switch FileBytes.read(url.path, limit: maxSize) {
        case .bytes(let b): return b
        case .missing: throw AttestError.notFound("cannot read \(DisplayPath.of(url)): no such file")
        case .failed(let why): throw AttestError.io("cannot read \(DisplayPath.of(url)): \(why)")
        case .tooLarge(let n):
            throw AttestError(
                "\(DisplayPath.of(url)) is too large (\(n) bytes; the limit is \(maxSize))", kind: .tooLarge)
        }
    }

    /// Parses annotation XML held in memory: well-formed, valid against the
    /// schema's structure and readable as the model, or an error listing
    /// every problem. Unique ids and resolved references are left to the
    /// rules, which every commit runs (the schema's identity constraints
    /// would cost a third of the time of opening a large file).
    public static func parse(_ bytes: [UInt8], name: String) throws -> AnnotationDocument {
        let checker = XMLDocumentChecker(schema: try CompiledSchema.shared(.structureOnly))
        let (tree, lines) = try checker.readValid(bytes, name: name, what: "annotation file").get()
        guard let document = AnnotationReader(lines: lines).read(tree) else {
            throw AttestError(
                "\(name) is not a valid annotation file (its root must be <annotation> in \(AnnotationWriter.namespace))"
            )
        }
        return document
    }
}
