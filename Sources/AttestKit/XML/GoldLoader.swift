import Foundation

/// One annotation file read for scoring: its model and where its article is.
public struct GoldDocument: Sendable {
    public var document: AnnotationDocument
    /// The annotation file's path.
    public var path: String
    /// The article's path, resolved against the annotation file's folder.
    public var articlePath: String

    public var id: String { document.id }

    /// Reads the article (nil when it cannot be read or is not UTF-8).
    public func loadArticle() -> ArticleText? {
        guard case .bytes(let bytes) = FileBytes.read(articlePath) else { return nil }
        return ArticleText(bytes: bytes)
    }
}

/// Reads annotation files for scoring, in parallel, one libxml2 parser per
/// thread and no schema pass (`attest validate` is the gate for that): the
/// cost is libxml2's parse and the model, nothing more.
public enum GoldLoader {
    /// The documents in file order, or the diagnostics of every file that
    /// could not be read (I/O, not well-formed, no header).
    /// With `streaming`, files are read through the SAX reader (no tree, no
    /// covered texts), as `attest score` reads them.
    public static func load(files: [URL], jobs: Int = ProcessInfo.processInfo.activeProcessorCount, streaming: Bool = false)
        -> (documents: [GoldDocument], problems: [Diagnostic])
    {
        LibXML.initialize()
        let cwd = FileManager.default.currentDirectoryPath
        let slots = ResultSlots<Result<GoldDocument, Diagnostic>?>(count: files.count, initial: nil)
        let workers = max(1, min(jobs, files.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let parser = XMLParser()
            let sax = streaming ? GoldSAXReader() : nil
            var i = worker
            while i < files.count {
                slots[i] = read(files[i].path, parser: parser, cwd: cwd, sax: sax, texts: !streaming)
                i += workers
            }
        }
        var documents: [GoldDocument] = []
        var problems: [Diagnostic] = []
        for slot in slots.values {
            switch slot {
            case .success(let d): documents.append(d)
            case .failure(let p): problems.append(p)
            case nil: break
            }
        }
        return (documents, problems)
    }

    static func read(_ path: String, parser: XMLParser, cwd: String, sax: GoldSAXReader? = nil, texts: Bool = true) -> Result<GoldDocument, Diagnostic> {
        let name = DisplayPath.of(path: path, relativeTo: cwd)
        let bytes: [UInt8]
        switch FileBytes.read(path, limit: XMLParser.maximumFileSize) {
        case .bytes(let b): bytes = b
        case .tooLarge(let size): return .failure(Diagnostic(file: name, message: "file is \(size) bytes; not read", rule: FileCheck.tooLarge.id))
        case .missing: return .failure(Diagnostic(file: name, message: "cannot read the file: it does not exist", rule: FileCheck.unreadable.id))
        case .failed(let why): return .failure(Diagnostic(file: name, message: "cannot read the file: \(why)", rule: FileCheck.unreadable.id))
        }
        // The SAX reader first (no tree); the tree-based reader for whatever it declines.
        if let sax, let document = sax.read(bytes, texts: texts), !document.id.isEmpty {
            return .success(GoldDocument(document: document, path: path, articlePath: articlePath(of: document, annotationPath: path, cwd: cwd)))
        }
        switch parser.parse(bytes) {
        case .failure(let f):
            return .failure(Diagnostic(file: name, location: f.location, message: f.message, rule: f.rule))
        case .success(let tree):
            guard let document = AnnotationReader(bytes: bytes, locations: false).read(tree), !document.id.isEmpty else {
                return .failure(Diagnostic(file: name, message: "not an annotation file (no <annotation> with a <document> header); run attest validate", rule: FileCheck.schema.id))
            }
            return .success(GoldDocument(document: document, path: path, articlePath: articlePath(of: document, annotationPath: path, cwd: cwd)))
        }
    }

    /// The article's path as the file system resolves it; normalised only for display.
    static func articlePath(of document: AnnotationDocument, annotationPath path: String, cwd: String) -> String {
        let absolute = path.hasPrefix("/") ? path : cwd + "/" + path
        let relative = document.header.articlePath
        return relative.hasPrefix("/") ? relative : FileBytes.folder(of: absolute) + "/" + relative
    }
}
