import AttestReports
import Foundation

/// Adds an article to a corpus: copies it byte for byte and creates its
/// draft annotation.
public enum ArticleImporter {
    /// Imports `source` as document `id` (default: derived from the file
    /// name). Returns the article and annotation URLs.
    @discardableResult
    public static func add(_ source: URL, id: String?, annotators: [String] = [], to corpus: Corpus) throws -> (
        article: URL, annotation: URL
    ) {
        let bytes: [UInt8]
        switch FileBytes.read(source.path) {
        case .bytes(let b): bytes = b
        case .missing: throw AttestError.notFound("cannot read \(source.path): no such file")
        case .failed(let why): throw AttestError.io("cannot read \(source.path): \(why)")
        case .tooLarge: throw AttestError("\(source.path) is too large", kind: .tooLarge)
        }
        guard let text = ArticleText(bytes: bytes) else {
            throw AttestError(
                "\(source.path) is not valid UTF-8; convert it first (Attest stores articles exactly as given)")
        }
        let docID = id ?? slug(source.deletingPathExtension().lastPathComponent)
        guard docID.range(of: "^[A-Za-z][A-Za-z0-9_.-]{0,127}$", options: .regularExpression) != nil else {
            throw AttestError(
                "\(Brief.quoted(docID)) is not a valid document id (a letter, then letters, digits, '.', '_' or '-'); give one with --id"
            )
        }
        let articleURL = corpus.articleURL(for: docID)
        let relative = relativePath(from: corpus.annotationsDirectory, to: articleURL)
        let header = DocumentHeader(
            id: docID, articlePath: relative, sha256: SHA256Hex.of(bytes), length: text.count, status: .draft,
            annotators: annotators, guidelines: corpus.manifest.guidelines)
        let xml = AnnotationWriter.xml(AnnotationDocument(header: header))
        return try store(article: bytes, annotation: Array(xml.utf8), id: docID, in: corpus)
    }

    /// Writes a new document: its article (byte for byte, unless the same
    /// bytes are there already) and its annotation file, each atomically,
    /// and keeps the text for `attest realign`. Refuses, writing nothing,
    /// when the annotation exists or the article exists with other content.
    @discardableResult
    /// `annotationURL`: where the annotation goes (an annotator's folder); the corpus's annotation
    /// folder when nil.
    package static func store(
        article bytes: [UInt8], annotation: [UInt8], id: String, in corpus: Corpus, annotationURL: URL? = nil
    ) throws -> (article: URL, annotation: URL) {
        let articleURL = corpus.articleURL(for: id)
        let annotationURL = annotationURL ?? corpus.annotationURL(for: id)
        // Held while checking and writing: two imports of one id never both write.
        let lock = try EditJournal(corpus: corpus).lock(id)
        defer { lock.release() }
        if FileManager.default.fileExists(atPath: annotationURL.path) {
            throw AttestError("\(DisplayPath.of(annotationURL)) already exists; nothing written")
        }
        if case .bytes(let existing) = FileBytes.read(articleURL.path), existing != bytes {
            throw AttestError("\(DisplayPath.of(articleURL)) already exists with other content; choose another id")
        }
        try FileManager.default.createDirectory(at: corpus.articlesDirectory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: annotationURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: articleURL.path) {
            try AtomicFile.write(bytes, to: articleURL, expectedDigest: .some(nil))
        }
        try AtomicFile.write(annotation, to: annotationURL, expectedDigest: .some(nil))
        // The text it is annotated on, for attest realign after later edits.
        try TextStore(corpus: corpus).keep(bytes)
        return (articleURL, annotationURL)
    }

    /// A document id from a file name: lower case, runs of other characters as '-'.
    public static func slug(_ name: String) -> String {
        var out = ""
        for ch in name.lowercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber) { out.append(ch) } else if out.last != "-" { out.append("-") }
        }
        out = String(out.drop { $0 == "-" }.reversed().drop { $0 == "-" }.reversed())
        if let f = out.first, !f.isLetter { out = "doc-" + out }
        return out.isEmpty ? "doc" : out
    }

    package static func relativePath(from folder: URL, to file: URL) -> String {
        let a = folder.standardizedFileURL.pathComponents
        let b = file.standardizedFileURL.pathComponents
        var common = 0
        while common < min(a.count, b.count), a[common] == b[common] { common += 1 }
        return (Array(repeating: "..", count: a.count - common) + b[common...]).joined(separator: "/")
    }
}
