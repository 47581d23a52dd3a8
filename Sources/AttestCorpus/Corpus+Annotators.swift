import Foundation

/// The team's side of a corpus: the manifest's annotators (`<annotators>`),
/// their folders, and who is given which document (`assignments.xml`).
extension Corpus {
    /// `assignments.xml` at the corpus root.
    public var assignmentsURL: URL { root.appendingPathComponent(Assignments.fileName) }

    /// The manifest's annotator names, in its order.
    public var annotatorNames: [String] { manifest.annotatorSets.map(\.name) }

    /// The annotations folder of `annotator`, when the manifest declares it and it lies inside the corpus.
    public func annotatorFolder(_ annotator: String) throws -> URL {
        guard let set = manifest.annotatorSets.first(where: { $0.name == annotator }) else {
            let declared = annotatorNames
            throw AttestError(
                "annotator \(Brief.quoted(annotator)) is not one of the manifest's <annotators>"
                    + (declared.isEmpty ? " (it declares none)" : " (\(declared.joined(separator: ", ")))"))
        }
        let url = root.appendingPathComponent(set.annotationsPath, isDirectory: true).standardizedFileURL
        guard url.path.hasPrefix(root.standardizedFileURL.path + "/"), url != annotationsDirectory else {
            throw AttestError(
                "annotator \(annotator)'s folder \(set.annotationsPath) must be a folder of its own inside the corpus")
        }
        return url
    }

    /// The annotation file of document `id` in `annotator`'s folder.
    public func annotatorFile(_ id: String, of annotator: String) throws -> URL {
        try annotatorFolder(annotator).appendingPathComponent(id + ".xml")
    }

    /// The assignments recorded in the corpus (none when the file is absent).
    public func assignments() throws -> Assignments {
        switch FileBytes.read(assignmentsURL.path) {
        case .missing: return Assignments()
        case .bytes(let bytes): return try AssignmentsFile.read(bytes, file: DisplayPath.of(assignmentsURL))
        case .failed(let why): throw AttestError.io("cannot read \(DisplayPath.of(assignmentsURL)): \(why)")
        case .tooLarge: throw AttestError("\(DisplayPath.of(assignmentsURL)) is too large", kind: .tooLarge)
        }
    }
}
