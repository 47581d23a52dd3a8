import Foundation

extension Corpus {
    /// Opens the corpus whose root folder is `root`: reads `attest.xml` and
    /// checks it against the schema.
    public static func open(root: URL) throws -> Corpus {
        let url = root.appendingPathComponent(Manifest.fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw AttestError("cannot read \(DisplayPath.of(url))")
        }
        let bytes = [UInt8](data)
        let name = DisplayPath.of(url)
        let tree: XMLTree
        switch XMLParser().parse(bytes) {
        case .failure(let f):
            throw AttestError(
                "\(name) is not a valid manifest",
                diagnostics: [Diagnostic(file: name, location: f.location, message: f.message, rule: f.rule)])
        case .success(let t): tree = t
        }
        let schema = try CompiledSchema(xsd: Array(EmbeddedSchema.attestXSD.utf8), constraints: .full)
        let lines = LineIndex(bytes: bytes)
        let issues = SchemaValidator(schema: schema).validate(tree)
        guard issues.isEmpty, let manifest = ManifestReader().read(tree) else {
            let diagnostics = issues.map { issue in
                Diagnostic(
                    file: name,
                    location: SourceLocation(line: issue.line, column: issue.element.map { lines.column(ofTag: $0, onLine: issue.line) } ?? 1),
                    message: issue.message, rule: FileCheck.schema.id)
            }
            throw AttestError("\(name) is not a valid manifest (its root must be <manifest> in \(AnnotationWriter.namespace))", diagnostics: diagnostics)
        }
        return Corpus(root: root, manifest: manifest)
    }

    /// Opens the corpus at or above `start` (default: the working directory).
    public static func locate(from start: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws -> Corpus {
        guard let root = findRoot(from: start) else {
            throw AttestError("no corpus here: no \(Manifest.fileName) in \(DisplayPath.of(start)) or any folder above it")
        }
        return try open(root: root)
    }
}
