import AttestValidation
import Foundation

extension Corpus {
    /// The article of document `id` as stored (`corpus/ID.txt`).
    public func article(for id: String) throws -> ArticleText {
        let url = articleURL(for: id)
        switch FileBytes.read(url.path) {
        case .bytes(let bytes):
            guard let article = ArticleText(bytes: bytes) else {
                throw AttestError("the article of \(id), \(DisplayPath.of(url)), is not valid UTF-8")
            }
            return article
        case .missing: throw AttestError("document \(id) has no article in the corpus (\(DisplayPath.of(url)))")
        case .failed(let message): throw AttestError("cannot read \(DisplayPath.of(url)): \(message)")
        case .tooLarge(let size): throw AttestError("cannot read \(DisplayPath.of(url)): it is \(size) bytes")
        }
    }

    /// The annotation files of a folder named on the command line: `*.xml`
    /// (hidden files and the manifest excepted), sorted.
    public static func annotationFiles(in folder: URL) throws -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw AttestError("cannot list \(DisplayPath.of(folder)): \(error.localizedDescription)")
        }
        return names.filter { $0.hasSuffix(".xml") && !$0.hasPrefix(".") && $0 != Manifest.fileName }.sorted()
            .map { folder.appendingPathComponent($0) }
    }

    /// The annotations of one annotator: every annotation file of `folder`, by document id.
    public static func annotations(in folder: URL) throws -> [String: AnnotationDocument] {
        var set: [String: AnnotationDocument] = [:]
        for url in try annotationFiles(in: folder) {
            let doc = try AnnotationFile.read(url).document
            set[doc.id] = doc
        }
        return set
    }
}
