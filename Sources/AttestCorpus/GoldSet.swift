import AttestValidation
import Foundation

/// One annotation file read for scoring: its model and where its article is.
public struct GoldDocument: Sendable {
    public var document: AnnotationDocument
    /// The annotation file's path.
    public var path: String
    /// The article's real path, resolved and confined by `ArticleResolver`
    /// (empty for prediction files, whose article is the gold's).
    public var articlePath: String
    /// The article, when it was read to check the annotation against it.
    public var article: ArticleText?
    /// The annotation file's size in bytes as it was read (for `GoldSet.fingerprint`), when known.
    public var fileSize: Int?

    public init(document: AnnotationDocument, path: String, articlePath: String, article: ArticleText? = nil) {
        self.document = document
        self.path = path
        self.articlePath = articlePath
        self.article = article
    }

    public var id: String { document.id }

    /// The article (nil when it cannot be read or is not UTF-8).
    public func loadArticle() -> ArticleText? {
        if let article { return article }
        guard !articlePath.isEmpty, case .bytes(let bytes) = FileBytes.read(articlePath) else { return nil }
        return ArticleText(bytes: bytes)
    }
}

/// Why an annotation file could not be read as gold: every problem found.
public struct GoldReadFailure: Error, Sendable {
    public var diagnostics: [Diagnostic]

    init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }
}

/// What scoring, export and the harness read: annotation files, in
/// parallel, one libxml2 parser per thread and no schema pass (`attest
/// validate` is the gate for that). Each file's article path is resolved and
/// confined to the article folder as the validator does it, and the article
/// is read and checked against the header (SHA-256, length) and every span's
/// covered text: figures are never computed on gold that does not hold.
public enum GoldSet {
    /// The documents in file order, or the diagnostics of every file that
    /// could not be read (I/O, not well-formed, no header, an article outside
    /// the article folder or missing). With `streaming`, files are read
    /// through the SAX reader (no tree, no covered texts), as `attest score`
    /// reads them. `articles` nil: article paths are not resolved (for
    /// prediction files, whose article is the gold's).
    /// `statuses`: documents of other statuses are returned as read, their
    /// articles neither resolved nor checked (callers skip them); nil: all.
    public static func load(
        files: [URL], articles: ArticleResolver?, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
        streaming: Bool = false, statuses: Set<AnnotationStatus>? = nil
    ) -> (documents: [GoldDocument], problems: [Diagnostic]) {
        LibXML.initialize()
        let paths = files.map(\.path)
        let results = ConcurrentMap.map(
            paths, jobs: jobs,
            state: { Reader(texts: !streaming, articles: articles, streaming: streaming, statuses: statuses) },
            { path, reader in reader.load(path) })
        var documents: [GoldDocument] = []
        var problems: [Diagnostic] = []
        for result in results {
            switch result {
            case .success(let d): documents.append(d)
            case .failure(let p): problems.append(contentsOf: p.diagnostics)
            }
        }
        return (documents, problems)
    }

    /// A worker's reader: one libxml2 parser and SAX reader, reused for every file it reads.
    package final class Reader {
        private let parser = LibXMLParser()
        private let sax: AnnotationSAXReader?
        /// Streaming readers try the byte scanner first (files in Attest's own layout), then libxml2's SAX.
        private let scanner: AnnotationScanner?
        private let cwd = FileManager.default.currentDirectoryPath
        private let articles: ArticleResolver?
        private let folders = ArticleResolver.FolderCache()
        /// Whether to keep the gold's covered texts (only listed errors show them).
        let texts: Bool

        /// Statuses whose articles are resolved and checked (nil: all).
        let statuses: Set<AnnotationStatus>?

        package init(
            texts: Bool, articles: ArticleResolver?, streaming: Bool = true, statuses: Set<AnnotationStatus>? = nil
        ) {
            self.texts = texts
            self.articles = articles
            self.sax = streaming ? AnnotationSAXReader() : nil
            self.scanner = streaming ? AnnotationScanner() : nil
            self.statuses = statuses
        }

        /// The rules a gold file must pass against its article to be scored.
        static let articleRules: [any Rule] = [ArticleHashRule(), ArticleLengthRule(), SpanRangeRule(), SpanTextRule()]

        package func load(_ path: String) -> Result<GoldDocument, GoldReadFailure> {
            // The name files are shown by, made only for a diagnostic (a path relative to the working
            // folder costs more to make than a small gold file costs to read).
            let cwd = self.cwd
            func name() -> String { DisplayPath.of(path: path, relativeTo: cwd) }
            let bytes: [UInt8]
            switch FileBytes.read(path, limit: LibXMLParser.maximumFileSize) {
            case .bytes(let b): bytes = b
            case .tooLarge(let size):
                return .failure(
                    GoldReadFailure(
                        Diagnostic(
                            file: name(), message: "file is \(size) bytes; not read", rule: FileCheck.tooLarge.id))
                )
            case .missing:
                return .failure(
                    GoldReadFailure(
                        Diagnostic(
                            file: name(), message: "cannot read the file: it does not exist",
                            rule: FileCheck.unreadable.id)))
            case .failed(let why):
                return .failure(
                    GoldReadFailure(
                        Diagnostic(file: name(), message: "cannot read the file: \(why)", rule: FileCheck.unreadable.id)
                    ))
            }
            // The byte scanner first, then the SAX reader (no tree); the tree-based reader for whatever both decline.
            let document: AnnotationDocument
            // Covered texts are read whenever the article is there to check them against.
            let withTexts = texts || articles != nil
            if let scanner, let d = scanner.read(bytes, texts: withTexts), !d.id.isEmpty {
                document = d
            } else if let sax, let d = sax.read(bytes, texts: withTexts), !d.id.isEmpty {
                document = d
            } else {
                switch parser.parse(bytes) {
                case .failure(let f):
                    return .failure(
                        GoldReadFailure(
                            Diagnostic(file: name(), location: f.location, message: f.message, rule: f.rule)))
                case .success(let tree):
                    guard let d = AnnotationReader(bytes: bytes, locations: false).read(tree), !d.id.isEmpty else {
                        return .failure(
                            GoldReadFailure(
                                Diagnostic(
                                    file: name(),
                                    message:
                                        "not an annotation file (no <annotation> with a <document> header); run attest validate",
                                    rule: FileCheck.schema.id)))
                    }
                    document = d
                }
            }
            guard let articles, statuses?.contains(document.header.status) ?? true else {
                var loaded = GoldDocument(document: document, path: path, articlePath: "")
                loaded.fileSize = bytes.count
                return .success(loaded)
            }
            var articlePath: String
            let articleBytes: [UInt8]
            // The usual case in one step: the article named in a folder inside the article folder and
            // not a link, opened without following one (no `lstat` first). Anything else (a link, a
            // missing file, a path outside) takes the careful way, which says what is wrong.
            if case .success(let unlinked) = articles.resolve(
                document.header.articlePath, annotationPath: path, cache: folders,
                lastComponent: .openedWithoutFollowing),
                case .bytes(let b)? = FileBytes.read(withoutFollowing: unlinked)
            {
                articlePath = unlinked
                articleBytes = b
            } else {
                switch articles.resolve(document.header.articlePath, annotationPath: path, cache: folders) {
                case .success(let resolved): articlePath = resolved
                case .failure(let problem):
                    return .failure(
                        GoldReadFailure(
                            Diagnostic(
                                file: name(), location: Self.headerLocation(bytes), severity: .error,
                                message: problem.message,
                                rule: problem.check.id)))
                }
                guard case .bytes(let b) = FileBytes.read(articlePath) else {
                    let shown = DisplayPath.of(path: articlePath, relativeTo: cwd)
                    return .failure(
                        GoldReadFailure(
                            Diagnostic(
                                file: name(), location: Self.headerLocation(bytes),
                                message: "cannot read article \(shown)",
                                rule: FileCheck.unreadable.id)))
                }
                articleBytes = b
            }
            guard let article = ArticleText(bytes: articleBytes) else {
                let shown = DisplayPath.of(path: articlePath, relativeTo: cwd)
                return .failure(
                    GoldReadFailure(
                        Diagnostic(
                            file: name(), location: Self.headerLocation(bytes),
                            message: "article \(shown) is not valid UTF-8",
                            rule: FileCheck.articleEncoding.id)))
            }
            let sha256 = SHA256Hex.of(articleBytes)
            guard Self.holds(document, article: article, sha256: sha256) else {
                return .failure(GoldReadFailure(Self.problems(bytes, name: name(), article: article, sha256: sha256)))
            }
            var loaded = GoldDocument(document: document, path: path, articlePath: articlePath, article: article)
            loaded.fileSize = bytes.count
            return .success(loaded)
        }

        /// Whether the header's hash and length and every covered text agree with the article.
        static func holds(_ document: AnnotationDocument, article: ArticleText, sha256: String) -> Bool {
            guard document.header.sha256 == sha256, document.header.length == article.count else { return false }
            for entity in document.entities {
                for m in entity.mentions where !article.matches(m.text, at: m.span) { return false }
            }
            for q in document.quotes {
                for (_, e) in q.excerpts where !article.matches(e.text, at: e.span) { return false }
            }
            return true
        }

        /// The rules' own diagnostics, with lines and columns, for a file that does not hold (the rare case:
        /// the file is read again with locations).
        static func problems(_ bytes: [UInt8], name: String, article: ArticleText, sha256: String) -> [Diagnostic] {
            guard case .success(let tree) = LibXMLParser().parse(bytes),
                let located = AnnotationReader(bytes: bytes).read(tree)
            else { return [] }
            let subject = ValidationSubject(document: located, article: article, articleSHA256: sha256)
            var sink = DiagnosticSink(file: name)
            for rule in articleRules { rule.check(subject, into: &sink) }
            return sink.diagnostics.filter { $0.severity == .error }.sorted {
                ($0.location, $0.rule) < ($1.location, $1.rule)
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

extension GoldSet {
    /// A fingerprint of a set of gold files, cheap enough to take in every
    /// shard of a run: SHA-256 of their names and sizes, in name order.
    /// Shards of one run agree on it; runs on other corpora, or on a corpus
    /// whose files were added, removed or resized, do not.
    public static func fingerprint(_ files: [URL]) -> String { fingerprint(files, knownSizes: [:]) }

    /// The same, with the sizes of files already read (by path) taken as read instead of asked of
    /// the system again (10,000 `stat` calls at the end of a 10,000-document run).
    public static func fingerprint(_ files: [URL], knownSizes: [String: Int]) -> String {
        let paths = files.map(\.path)
        return fingerprint(paths: paths, sizes: paths.map { knownSizes[$0] })
    }

    /// The same from path strings, with `sizes[i]` the size of `paths[i]` when it was read already
    /// (nil: asked of the system).
    package static func fingerprint(paths: [String], sizes: [Int?]) -> String {
        // Names taken from the path strings and sizes read on every core: on 10,000 files this ran
        // alone at the end of each `attest score` (45 ms of one core, most of it URL work).
        var named = zip(paths, sizes).map { path, size in
            (name: FileBytes.lastComponent(of: path), path: path, size: size)
        }
        // A listing is usually in this order already: checked in one pass before a sort.
        if !zip(named, named.dropFirst()).allSatisfy({ $0.name <= $1.name }) { named.sort { $0.name < $1.name } }
        let sizes = ConcurrentMap.map(named) { $0.size ?? FileBytes.size($0.path) ?? -1 }
        var text: [UInt8] = []
        text.reserveCapacity(named.count * 32)
        for (entry, size) in zip(named, sizes) {
            text.append(contentsOf: entry.name.utf8)
            text.append(0x09)
            text.append(contentsOf: String(size).utf8)
            text.append(0x0A)
        }
        return SHA256Hex.of(text)
    }
}

extension Corpus {
    /// The containment rule for this corpus's articles.
    public var articleResolver: ArticleResolver { ArticleResolver(articlesFolder: articlesDirectory.path) }

    /// Reads `files` (default: every annotation file) as the gold set of this corpus.
    public func loadGold(
        files: [URL]? = nil, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, streaming: Bool = false,
        statuses: Set<AnnotationStatus>? = nil
    ) -> (documents: [GoldDocument], problems: [Diagnostic]) {
        let (contained, refused) = containedAnnotations(files ?? annotationURLs())
        var loaded = GoldSet.load(
            files: contained, articles: articleResolver, jobs: jobs, streaming: streaming, statuses: statuses)
        loaded.problems = refused + loaded.problems
        return loaded
    }

    /// `files` split into those that may be read (regular files, or links
    /// that stay inside the corpus) and a diagnostic for each of the others
    /// (a link out of the corpus, a FIFO, a device), which are never opened.
    public func containedAnnotations(_ files: [URL]) -> (files: [URL], refused: [Diagnostic]) {
        var kept: [URL] = []
        var refused: [Diagnostic] = []
        let check = refusal
        for url in files {
            if let diagnostic = check(url) {
                refused.append(diagnostic)
            } else {
                kept.append(url)
            }
        }
        return (kept, refused)
    }

    /// Why an annotation file at `url` may not be opened (a link out of the
    /// corpus, a FIFO, a device), as the diagnostic that says so; nil when it
    /// may be read.
    public var refusal: @Sendable (URL) -> Diagnostic? {
        let rootPath = root.path
        return { url in
            FileBytes.containmentProblem(url.path, root: rootPath).map { problem in
                Diagnostic(
                    file: DisplayPath.of(url), message: "the file is \(problem); not read",
                    rule: FileCheck.unreadable.id)
            }
        }
    }
}
