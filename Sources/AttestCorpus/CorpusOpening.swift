import AttestValidation
import Foundation

extension Corpus {
    /// Opens the corpus whose root folder is `root`: reads `attest.xml` and
    /// checks it against the schema.
    public static func open(root: URL) throws -> Corpus {
        let url = root.appendingPathComponent(Manifest.fileName)
        let name = DisplayPath.of(url)
        let bytes: [UInt8]
        switch FileBytes.read(url.path, limit: LibXMLParser.maximumFileSize) {
        case .bytes(let b): bytes = b
        case .missing: throw AttestError("cannot read \(name): it does not exist")
        case .tooLarge(let size): throw AttestError("cannot read \(name): it is \(size) bytes")
        case .failed(let why): throw AttestError("cannot read \(name): \(why)")
        }
        let checker = XMLDocumentChecker(schema: try CompiledSchema.shared(.full))
        let (tree, _) = try checker.readValid(bytes, name: name, what: "manifest").get()
        guard let manifest = ManifestReader().read(tree) else {
            throw AttestError(
                "\(name) is not a valid manifest (its root must be <manifest> in \(AnnotationWriter.namespace))")
        }
        return Corpus(root: root, manifest: manifest)
    }

    /// Opens the corpus at or above `start` (default: the working directory).
    public static func locate(from start: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws
        -> Corpus
    {
        guard let root = findRoot(from: start) else {
            throw AttestError(
                "no corpus here: no \(Manifest.fileName) in \(DisplayPath.of(start)) or any folder above it")
        }
        return try open(root: root)
    }
}
