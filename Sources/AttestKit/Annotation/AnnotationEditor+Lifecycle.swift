import Foundation

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
        let articlePath = try resolvedArticlePath()
        let current = FileManager.default.contents(atPath: file.url.path).map { SHA256Hex.of([UInt8]($0)) }
        guard current == file.readDigest else {
            throw AttestError("\(DisplayPath.of(file.url)) changed on disk since it was read; nothing removed")
        }
        let xml = String(decoding: FileManager.default.contents(atPath: file.url.path) ?? Data(), as: UTF8.self)
        try TextStore(corpus: corpus).keep(articleBytes, sha256: articleSHA256)
        let relative = ArticleImporter.relativePath(from: corpus.root, to: URL(fileURLWithPath: articlePath))
        let entry = JournalEntry(
            time: EditJournal.timestamp(), summary: summary, before: file.readDigest, after: nil,
            edits: [.removeDocument], inverse: [],
            removed: RemovedDocument(xml: xml, article: relative, articleSHA256: articleSHA256))
        try EditJournal(corpus: corpus).append(entry, to: document.id)
        do {
            try FileManager.default.removeItem(at: file.url)
        } catch {
            try? EditJournal(corpus: corpus).dropLast(document.id)  // deliberate: nothing was removed
            throw AttestError("cannot remove \(DisplayPath.of(file.url)): \(error.localizedDescription)")
        }
        // Another document may annotate the same article; it stays then.
        let others = corpus.documentIDs().filter { $0 != document.id }.contains { id in
            let other = try? AnnotationFile.read(corpus.annotationURL(for: id))  // deliberate: unreadable keeps it
            return other.map { $0.document.header.articlePath == original.header.articlePath } ?? true
        }
        if !others { try? FileManager.default.removeItem(atPath: articlePath) }  // deliberate: the text is in the store
    }
}

/// `attest undo`: applies the inverse of a document's newest transaction.
public enum EditUndo {
    /// Undoes the newest transaction of document `id`; returns its entry.
    /// Refuses when the file changed since that transaction was written.
    public static func undo(_ id: String, in corpus: Corpus) throws -> JournalEntry {
        try undo(id, in: corpus, write: true).entry
    }

    /// Undoes (with `write`) or previews the newest transaction of `id`:
    /// returns its entry and, unless it removed the document, the document
    /// it restores.
    public static func undo(_ id: String, in corpus: Corpus, write: Bool) throws -> (
        entry: JournalEntry, restored: AnnotationDocument?
    ) {
        let journal = EditJournal(corpus: corpus)
        guard let entry = try journal.last(id) else {
            throw AttestError(
                "nothing to undo for \(id): its journal (\(DisplayPath.of(journal.url(for: id)))) is empty")
        }
        let url = corpus.annotationURL(for: id)
        var restored: AnnotationDocument?
        if let removed = entry.removed {
            if write { try restore(removed, id: id, url: url, corpus: corpus) }
        } else {
            let file = try AnnotationFile.read(url)
            guard file.readDigest == entry.after else {
                throw AttestError(
                    "\(DisplayPath.of(url)) changed since \(Brief.quoted(entry.summary)) was written, so undoing it could lose that change; nothing undone"
                )
            }
            var applier = EditApplier(document: file.document)
            _ = try applier.applyAll(entry.inverse)
            let bytes = Array(AnnotationWriter.xml(applier.document).utf8)
            guard SHA256Hex.of(bytes) == entry.before else {
                throw AttestError(
                    "undoing \(Brief.quoted(entry.summary)) would not restore the file exactly; nothing undone")
            }
            restored = applier.document
            if write { try AtomicFile.write(bytes, to: url, replacing: file.readBytes) }
        }
        if write { try journal.dropLast(id) }
        return (entry, restored)
    }

    private static func restore(_ removed: RemovedDocument, id: String, url: URL, corpus: Corpus) throws {
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw AttestError("\(DisplayPath.of(url)) exists again; nothing undone")
        }
        let articleURL = corpus.root.appendingPathComponent(removed.article).standardizedFileURL
        if let existing = FileManager.default.contents(atPath: articleURL.path) {
            guard SHA256Hex.of([UInt8](existing)) == removed.articleSHA256 else {
                throw AttestError("\(DisplayPath.of(articleURL)) now holds another text; nothing undone")
            }
        } else {
            guard let bytes = TextStore(corpus: corpus).bytes(sha256: removed.articleSHA256) else {
                throw AttestError("the text of \(id) is missing from the text store; nothing undone")
            }
            try FileManager.default.createDirectory(
                at: articleURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(bytes, to: articleURL, expectedDigest: .some(nil))
        }
        try AtomicFile.write(Array(removed.xml.utf8), to: url, expectedDigest: .some(nil))
    }
}

/// What a change would do, as `attest show` would print it: a unified diff
/// of the document's view before and after (`--dry-run`).
public enum EditPreview {
    public static func diff(_ editor: AnnotationEditor) -> String {
        diff(editor.original, editor.document, article: editor.article)
    }

    /// The views of two versions of a document over one article.
    public static func diff(_ old: AnnotationDocument, _ new: AnnotationDocument, article: ArticleText) -> String {
        let before = AnnotationView(document: old, article: article, colors: false).render()
        let after = AnnotationView(document: new, article: article, colors: false).render()
        return UnifiedDiff.render(old: before, new: after, oldName: "\(old.id) (now)", newName: "\(new.id) (after)")
    }
}
