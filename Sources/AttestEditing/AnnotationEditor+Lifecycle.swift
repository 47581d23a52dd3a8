import AttestReports
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension AnnotationEditor {
    // MARK: Realign

    /// Carries the annotations to the article as it is now (see
    /// `Realignment`), recovering the text they were made on from the text
    /// store or git. Nil when the article did not change.
    public mutating func realign() throws -> (realignment: Realignment, source: ArticleHistory.Source)? {
        guard isStale else { return nil }
        let header = original.header
        let articleURL = URL(fileURLWithPath: try resolvedArticlePath())
        guard
            let (bytes, source) = ArticleHistory.recover(
                sha256: header.sha256, article: articleURL, store: TextStore(corpus: corpus))
        else {
            throw AttestError(
                "\(header.id): the text it was annotated on (sha256 \(header.sha256.prefix(12))…) is neither in \(DisplayPath.of(TextStore(corpus: corpus).folder)) nor in the git history of \(DisplayPath.of(articleURL)); restore that text to realign, or re-annotate"
            )
        }
        guard let old = ArticleText(bytes: bytes) else {
            throw AttestError("\(header.id): the recovered old text is not valid UTF-8")
        }
        let result = Realignment.carry(original, from: old, to: article, newSHA256: articleSHA256)
        try apply(result.edits)
        return (result, source)
    }

    /// Keeps the article as it is now in the text store, so that a later
    /// edit of it can be realigned. Returns whether it was not kept yet.
    @discardableResult
    public func keepText() throws -> Bool {
        try TextStore(corpus: corpus).keep(articleBytes, sha256: articleSHA256)
    }

    func resolvedArticlePath() throws -> String {
        switch corpus.articleResolver.resolve(original.header.articlePath, annotationPath: file.url.path) {
        case .success(let path): return path
        case .failure(let problem): throw AttestError(problem.message)
        }
    }

    // MARK: Removing the document

    /// Deletes the annotation file and its article, keeping both in the
    /// journal and the text store so that `attest undo` restores them.
    public func removeDocument(summary: String) throws {
        guard let journalID, AnnotationEditor.isDocumentKey(journalID), let lock else {
            throw AttestError("only a document of the corpus, opened for writing, can be removed")
        }
        defer { lock.release() }
        let articlePath = try resolvedArticlePath()
        guard AtomicFile.currentBytes(file.url) == file.readBytes else {
            throw AttestError.conflict("\(DisplayPath.of(file.url)) changed on disk since it was read; nothing removed")
        }
        try TextStore(corpus: corpus).keep(articleBytes, sha256: articleSHA256)
        let relative = ArticleImporter.relativePath(from: corpus.root, to: URL(fileURLWithPath: articlePath))
        let entry = JournalEntry(
            time: EditJournal.timestamp(), summary: summary, before: file.readDigest, after: nil,
            edits: [.removeDocument], inverse: [],
            removed: RemovedDocument(
                xml: String(decoding: file.readBytes, as: UTF8.self), article: relative, articleSHA256: articleSHA256))
        let journal = EditJournal(corpus: corpus)
        let seq = try journal.beginCommit(
            entry, document: journalID, history: try history ?? journal.history(journalID))
        guard unlink(file.url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? journal.settle(seq, done: false, document: journalID)  // deliberate: else the next writer settles it
            throw AttestError.io("cannot remove \(DisplayPath.of(file.url)): \(reason); nothing removed")
        }
        AtomicFile.syncFolder(file.url.deletingLastPathComponent().path)
        try? journal.settle(seq, done: true, document: journalID)  // deliberate: else the next writer settles it
        EditUndo.removeArticleIfUnused(articlePath, of: original, id: journalID, corpus: corpus)
    }
}

/// `attest undo` and `attest redo`: the inverse of a document's newest
/// transaction, or the newest undone transaction again. Each holds the
/// document's lock, refuses when the file changed since the transaction
/// (or differs from `expectedVersion`), and validates what it would write:
/// a journal is input like any other.
public enum EditUndo {
    public enum Direction: String, Sendable {
        case undo, redo
    }

    /// Undoes the newest transaction of document `id`; returns its entry.
    public static func undo(_ id: String, in corpus: Corpus) throws -> JournalEntry {
        try undo(id, in: corpus, write: true).entry
    }

    /// Undoes (with `write`) or previews the newest transaction of `id`:
    /// returns its entry and, unless it removed the document, the document
    /// it restores.
    public static func undo(_ id: String, in corpus: Corpus, write: Bool, expectedVersion: String? = nil) throws -> (
        entry: JournalEntry, restored: AnnotationDocument?
    ) {
        try reverse(.undo, id, in: corpus, write: write, expectedVersion: expectedVersion)
    }

    /// Redoes the newest undone transaction of `id` (or previews it).
    public static func redo(_ id: String, in corpus: Corpus, write: Bool = true, expectedVersion: String? = nil)
        throws -> (entry: JournalEntry, restored: AnnotationDocument?)
    {
        try reverse(.redo, id, in: corpus, write: write, expectedVersion: expectedVersion)
    }

    /// Whether `id` may name a document (and so a file in the annotation folder).
    public static func isDocumentID(_ id: String) -> Bool {
        id.range(of: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$", options: .regularExpression) != nil && !id.contains("..")
    }

    /// The annotation file `id` names (a document id, or the path of an annotation file elsewhere in
    /// the corpus) and the key of its own journal.
    public static func journalTarget(_ id: String, in corpus: Corpus, what: String = "undo") throws -> (
        url: URL, key: String
    ) {
        if id.hasSuffix(".xml") {
            let url = URL(fileURLWithPath: id).standardizedFileURL
            guard let key = AnnotationEditor.journalKey(url, in: corpus) else {
                throw AttestError(
                    "\(id) is outside the corpus: its changes are not journaled, so there is nothing to \(what)")
            }
            return (url, key)
        }
        guard isDocumentID(id) else { throw AttestError("\(Brief.quoted(id)) is not a document id") }
        return (corpus.annotationURL(for: id), id)
    }

    package static func reverse(
        _ direction: Direction, _ id: String, in corpus: Corpus, write: Bool, expectedVersion: String?,
        kept: KeptDocuments? = nil
    ) throws -> (entry: JournalEntry, restored: AnnotationDocument?) {
        let (url, key) = try journalTarget(id, in: corpus, what: direction.rawValue)
        try AnnotationEditor.checkContained(url, in: corpus)
        let journal = EditJournal(corpus: corpus)
        let lock = write ? try journal.lock(key) : nil
        defer { lock?.release() }
        let history = write ? try journal.recover(key, annotation: url, kept: kept) : try journal.history(key)
        guard let item = direction == .undo ? history.undoable.last : history.redoable.last else {
            throw AttestError(
                kind: .emptyHistory,
                "nothing to \(direction.rawValue) for \(id): its journal (\(DisplayPath.of(journal.url(for: key)))) has no \(direction == .undo ? "change" : "undone change") left"
            )
        }
        let entry = try history.entry(item)
        // Read once: checked against the versions, then parsed and replaced as these bytes.
        let current = AtomicFile.currentBytes(url)
        let digest = current.map { SHA256Hex.of($0) }
        if let expectedVersion, digest != expectedVersion {
            throw AttestError.conflict("\(id) changed since version \(expectedVersion.prefix(12))…; reload it")
        }
        // The file must be what the transaction left (undo) or found (redo).
        let from = direction == .undo ? entry.after : entry.before
        guard digest == from else {
            throw AttestError.conflict(
                current == nil && from != nil
                    ? "\(DisplayPath.of(url)) is missing, so \(Brief.quoted(entry.summary)) cannot be \(direction.rawValue)ne; nothing written"
                    : "\(DisplayPath.of(url)) changed since \(Brief.quoted(entry.summary)) was \(direction == .undo ? "written" : "undone"), so \(direction.rawValue)ing it could lose that change; nothing \(direction.rawValue)ne"
            )
        }
        var restored: AnnotationDocument?
        var change: () throws -> Void
        if let removed = entry.removed {
            if direction == .undo {
                let plan = try RestorePlan.make(removed, id: id, url: url, expected: entry.before, corpus: corpus)
                restored = plan.document
                change = { try plan.write() }
            } else {
                let document = try AnnotationFile.parse(current ?? [], name: DisplayPath.of(url))
                change = {
                    guard unlink(url.path) == 0 else {
                        throw AttestError.io(
                            "cannot remove \(DisplayPath.of(url)): \(String(cString: strerror(errno)))")
                    }
                    AtomicFile.syncFolder(url.deletingLastPathComponent().path)
                    if case .success(let path) = corpus.articleResolver.resolve(
                        document.header.articlePath, annotationPath: url.path)
                    {
                        removeArticleIfUnused(path, of: document, id: id, corpus: corpus)
                    }
                }
            }
        } else {
            let read = current ?? []
            var applier = EditApplier(document: try AnnotationFile.parse(read, name: DisplayPath.of(url)))
            _ = try applier.applyAll(direction == .undo ? entry.inverse : entry.edits)
            let bytes = AnnotationWriter.bytes(applier.document)
            guard SHA256Hex.of(bytes) == (direction == .undo ? entry.before : entry.after) else {
                throw AttestError.invalid(
                    "\(direction.rawValue)ing \(Brief.quoted(entry.summary)) would not restore the file exactly; nothing \(direction.rawValue)ne"
                )
            }
            try checkValid(applier.document, bytes: bytes, url: url, corpus: corpus, what: direction.rawValue)
            restored = applier.document
            change = { try AtomicFile.write(bytes, to: url, replacing: read) }
        }
        guard write else { return (entry, restored) }
        let seq = try journal.begin(direction == .undo ? .undo : .redo, of: item.seq, document: key, history: history)
        do {
            try change()
        } catch {
            try? journal.settle(seq, done: false, document: key)  // deliberate: else the next writer settles it
            throw error
        }
        try? journal.settle(seq, done: true, document: key)  // deliberate: else the next writer settles it
        return (entry, restored)
    }

    /// Refuses a document the journal would restore unless it validates:
    /// against the article when it was made on the article as it is now,
    /// against the text store's copy of its text otherwise (an undone
    /// realignment), and against the schema alone when that text is gone.
    static func checkValid(
        _ document: AnnotationDocument, bytes: [UInt8], url: URL, corpus: Corpus, what: String
    ) throws {
        _ = try AnnotationFile.parse(bytes, name: DisplayPath.of(url))
        let sha = document.header.sha256
        var text: [UInt8]?
        if case .success(let path) = corpus.articleResolver.resolve(
            document.header.articlePath, annotationPath: url.path),
            case .bytes(let b) = FileBytes.read(path), SHA256Hex.of(b) == sha
        {
            text = b
        } else {
            text = TextStore(corpus: corpus).bytes(sha256: sha)
        }
        guard let text, let article = ArticleText(bytes: text) else { return }
        let errors = try Validator(corpus: corpus).validate(
            pending: document, bytes: bytes, article: article, articleSHA256: sha, file: url
        ).filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw AttestError.invalid(
                "\(document.id): the journal's \(what) would write a file that does not validate; nothing written:\n"
                    + errors.map { "  \(document.id): \($0.message) [\($0.rule)]" }.joined(separator: "\n"))
        }
    }

    /// Removes a removed document's article unless another document annotates it.
    static func removeArticleIfUnused(
        _ articlePath: String, of document: AnnotationDocument, id: String, corpus: Corpus
    ) {
        let others = corpus.documentIDs().filter { $0 != id }.contains { other in
            let file = try? AnnotationFile.read(corpus.annotationURL(for: other))  // deliberate: unreadable keeps it
            return file.map { $0.document.header.articlePath == document.header.articlePath } ?? true
        }
        if !others { unlink(articlePath) }  // the text is in the store
    }
}

/// Putting back a removed document from its journal entry, checked before
/// anything is written: the XML must be an annotation of this document that
/// validates, its article path must stay inside the article folder, and the
/// article must be the text it was made on.
struct RestorePlan {
    let document: AnnotationDocument
    let xml: [UInt8]
    let url: URL
    let articlePath: String
    /// The article's bytes when it has to be written back.
    let article: [UInt8]?

    static func make(_ removed: RemovedDocument, id: String, url: URL, expected: String?, corpus: Corpus) throws
        -> RestorePlan
    {
        let xml = Array(removed.xml.utf8)
        guard SHA256Hex.of(xml) == expected else {
            throw AttestError.invalid("the journal's copy of \(id) is not the file that was removed; nothing undone")
        }
        let document: AnnotationDocument
        do {
            document = try AnnotationFile.parse(xml, name: "the journal's copy of \(id)")
        } catch let error as AttestError {
            throw AttestError.invalid(error.message + "; nothing undone", diagnostics: error.diagnostics)
        }
        guard document.id == id, document.header.sha256 == removed.articleSHA256 else {
            throw AttestError.invalid("the journal's copy of \(id) is another document's; nothing undone")
        }
        // The article goes where the header says, which must be where the entry says, inside the article folder.
        let folder = FileBytes.folder(of: url.path)
        let lexical = FileBytes.join(folder, document.header.articlePath)
        let stated = FileBytes.join(corpus.root.path, removed.article)
        let articles = corpus.articlesDirectory.standardizedFileURL.path
        guard lexical == stated, FileBytes.isInside(lexical, articles),
            let parentReal = FileBytes.realPath(FileBytes.folder(of: lexical)),
            let articlesReal = FileBytes.realPath(articles),
            parentReal == articlesReal || FileBytes.isInside(parentReal, articlesReal)
        else {
            throw AttestError.io(
                "the journal puts the article of \(id) at \(Brief.quoted(removed.article)), outside \(DisplayPath.of(corpus.articlesDirectory)); nothing undone"
            )
        }
        var articleBytes: [UInt8]?
        let text: [UInt8]
        switch FileBytes.read(lexical) {
        case .bytes(let existing):
            guard SHA256Hex.of(existing) == removed.articleSHA256 else {
                throw AttestError.conflict(
                    "\(DisplayPath.of(path: lexical, relativeTo: FileManager.default.currentDirectoryPath)) now holds another text; nothing undone"
                )
            }
            text = existing
        case .missing:
            guard let stored = TextStore(corpus: corpus).bytes(sha256: removed.articleSHA256) else {
                throw AttestError.notFound("the text of \(id) is missing from the text store; nothing undone")
            }
            text = stored
            articleBytes = stored
        case .failed(let why):
            throw AttestError.io("cannot read the article of \(id): \(why); nothing undone")
        case .tooLarge(let size):
            throw AttestError("the article of \(id) is too large (\(size) bytes); nothing undone", kind: .tooLarge)
        }
        guard let article = ArticleText(bytes: text) else {
            throw AttestError.invalid("the text of \(id) is not valid UTF-8; nothing undone")
        }
        let errors = try Validator(corpus: corpus).validate(
            pending: document, bytes: xml, article: article, articleSHA256: removed.articleSHA256, file: url
        ).filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw AttestError.invalid(
                "the journal's copy of \(id) does not validate; nothing undone:\n"
                    + errors.map { "  \(id): \($0.message) [\($0.rule)]" }.joined(separator: "\n"))
        }
        return RestorePlan(document: document, xml: xml, url: url, articlePath: lexical, article: articleBytes)
    }

    func write() throws {
        if let article {
            try AtomicFile.write(article, to: URL(fileURLWithPath: articlePath), expectedDigest: .some(nil))
        }
        try AtomicFile.write(xml, to: url, expectedDigest: .some(nil))
    }
}
