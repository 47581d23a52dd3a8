import Foundation

/// An annotation file read for editing: its model and the bytes it was read
/// from, so that a later write can refuse to overwrite a file that changed.
public struct AnnotationFile: Sendable {
    public let url: URL
    public var document: AnnotationDocument
    /// SHA-256 of the bytes as read (nil for a file that did not exist).
    public let readDigest: String?

    public init(url: URL, document: AnnotationDocument, readDigest: String?) {
        self.url = url
        self.document = document
        self.readDigest = readDigest
    }

    /// Reads and schema-checks `url`. A file that is not well-formed or not
    /// schema-valid is an error: commands never rewrite a file they cannot
    /// fully read.
    public static func read(_ url: URL) throws -> AnnotationFile {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw AttestError("cannot read \(DisplayPath.of(url))")
        }
        let bytes = [UInt8](data)
        return AnnotationFile(url: url, document: try parse(bytes, name: DisplayPath.of(url)), readDigest: SHA256Hex.of(bytes))
    }

    /// Parses annotation XML held in memory.
    public static func parse(_ bytes: [UInt8], name: String) throws -> AnnotationDocument {
        let tree: XMLTree
        switch XMLParser().parse(bytes) {
        case .failure(let f):
            throw AttestError("\(name) cannot be read", diagnostics: [Diagnostic(file: name, location: f.location, message: f.message, rule: f.rule)])
        case .success(let t): tree = t
        }
        let reader = AnnotationReader(bytes: bytes)
        let schema = try CompiledSchema(xsd: Array(EmbeddedSchema.attestXSD.utf8), constraints: .full)
        let issues = SchemaValidator(schema: schema).validate(tree)
        guard issues.isEmpty, let document = reader.read(tree) else {
            let diagnostics = issues.map { issue in
                Diagnostic(
                    file: name,
                    location: SourceLocation(line: issue.line, column: issue.element.map { reader.lines.column(ofTag: $0, onLine: issue.line) } ?? 1),
                    message: issue.message, rule: FileCheck.schema.id)
            }
            throw AttestError("\(name) is not a valid annotation file", diagnostics: diagnostics)
        }
        return document
    }
}
