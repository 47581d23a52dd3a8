import Foundation

/// One annotation file read for scoring: its model and where its article is.
public struct GoldDocument: Sendable {
    public var document: AnnotationDocument
    /// The annotation file's path.
    public var path: String
    /// The article's real path, resolved and confined by `ArticleResolver`
    /// (empty for prediction files, whose article is the gold's).
    public var articlePath: String

    public var id: String { document.id }

    /// Reads the article (nil when it cannot be read or is not UTF-8).
    public func loadArticle() -> ArticleText? {
        guard !articlePath.isEmpty, case .bytes(let bytes) = FileBytes.read(articlePath) else { return nil }
        return ArticleText(bytes: bytes)
    }
}

/// What scoring, export and the harness read: annotation files, in
/// parallel, one libxml2 parser per thread and no schema pass (`attest
/// validate` is the gate for that). Each file's article path is resolved and
/// confined to the article folder as the validator does it.
public enum GoldSet {
    /// The documents in file order, or the diagnostics of every file that
    /// could not be read (I/O, not well-formed, no header, an article outside
    /// the article folder or missing). With `streaming`, files are read
    /// through the SAX reader (no tree, no covered texts), as `attest score`
    /// reads them. `articles` nil: article paths are not resolved (for
    /// prediction files, whose article is the gold's).
    public static func load(
        files: [URL], articles: ArticleResolver?, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
        streaming: Bool = false
    ) -> (documents: [GoldDocument], problems: [Diagnostic]) {
        LibXML.initialize()
        let paths = files.map(\.path)
        let results = ConcurrentMap.map(
            paths, jobs: jobs, state: { Reader(texts: !streaming, articles: articles, streaming: streaming) },
            { path, reader in reader.load(path) })
        var documents: [GoldDocument] = []
        var problems: [Diagnostic] = []
        for result in results {
            switch result {
            case .success(let d): documents.append(d)
            case .failure(let p): problems.append(p)
            }
        }
        return (documents, problems)
    }

    /// A worker's reader: one libxml2 parser and SAX reader, reused for every file it reads.
    final class Reader {
        private let parser = LibXMLParser()
        private let sax: AnnotationSAXReader?
        private let cwd = FileManager.default.currentDirectoryPath
        private let articles: ArticleResolver?
        private let folders = ArticleResolver.FolderCache()
        /// Whether to keep the gold's covered texts (only listed errors show them).
        let texts: Bool

        init(texts: Bool, articles: ArticleResolver?, streaming: Bool = true) {
            self.texts = texts
            self.articles = articles
            self.sax = streaming ? AnnotationSAXReader() : nil
        }

        func load(_ path: String) -> Result<GoldDocument, Diagnostic> {
            let name = DisplayPath.of(path: path, relativeTo: cwd)
            let bytes: [UInt8]
            switch FileBytes.read(path, limit: LibXMLParser.maximumFileSize) {
            case .bytes(let b): bytes = b
            case .tooLarge(let size):
                return .failure(
                    Diagnostic(file: name, message: "file is \(size) bytes; not read", rule: FileCheck.tooLarge.id))
            case .missing:
                return .failure(
                    Diagnostic(
                        file: name, message: "cannot read the file: it does not exist", rule: FileCheck.unreadable.id))
            case .failed(let why):
                return .failure(
                    Diagnostic(file: name, message: "cannot read the file: \(why)", rule: FileCheck.unreadable.id))
            }
            // The SAX reader first (no tree); the tree-based reader for whatever it declines.
            var document: AnnotationDocument
            if let sax, let d = sax.read(bytes, texts: texts), !d.id.isEmpty {
                document = d
            } else {
                switch parser.parse(bytes) {
                case .failure(let f):
                    return .failure(Diagnostic(file: name, location: f.location, message: f.message, rule: f.rule))
                case .success(let tree):
                    guard let d = AnnotationReader(bytes: bytes, locations: false).read(tree), !d.id.isEmpty else {
                        return .failure(
                            Diagnostic(
                                file: name,
                                message:
                                    "not an annotation file (no <annotation> with a <document> header); run attest validate",
                                rule: FileCheck.schema.id))
                    }
                    document = d
                }
            }
            guard let articles else { return .success(GoldDocument(document: document, path: path, articlePath: "")) }
            switch articles.resolve(document.header.articlePath, annotationPath: path, cache: folders) {
            case .success(let article):
                return .success(GoldDocument(document: document, path: path, articlePath: article))
            case .failure(let problem):
                let location = Self.headerLocation(bytes)
                return .failure(
                    Diagnostic(
                        file: name, location: location, severity: .error, message: problem.message,
                        rule: problem.check.id))
            }
        }

        /// Where the `<document` header starts (the fast readers record no columns; this runs only on a failure).
        static func headerLocation(_ bytes: [UInt8]) -> SourceLocation {
            let needle = Array("<document".utf8)
            var line = 1
            var column = 1
            var i = 0
            while i + needle.count <= bytes.count {
                if bytes[i] == 0x0A {
                    line += 1
                    column = 1
                } else if bytes[i] == needle[0], bytes[i..<i + needle.count].elementsEqual(needle) {
                    return SourceLocation(line: line, column: column)
                } else if bytes[i] & 0xC0 != 0x80 {
                    column += 1
                }
                i += 1
            }
            return .start
        }
    }
}

extension Corpus {
    /// The containment rule for this corpus's articles.
    public var articleResolver: ArticleResolver { ArticleResolver(articlesFolder: articlesDirectory.path) }

    /// Reads `files` (default: every annotation file) as the gold set of this corpus.
    public func loadGold(
        files: [URL]? = nil, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, streaming: Bool = false
    ) -> (documents: [GoldDocument], problems: [Diagnostic]) {
        GoldSet.load(files: files ?? annotationURLs(), articles: articleResolver, jobs: jobs, streaming: streaming)
    }
}
