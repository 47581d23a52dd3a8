import AttestReports
import Foundation

/// Edits one document's annotation as a transaction: opens it with its
/// article, applies edits in memory (each all or nothing), and commits the
/// result only if it validates with the rules of `attest validate` —
/// atomically, in the canonical layout, never over a file that changed on
/// disk since it was read, and recorded in the journal so that
/// `attest undo` can apply its inverse later.
///
/// This is the library API the CLI's editing verbs and the web annotator call.
public struct AnnotationEditor: Sendable {
    public let corpus: Corpus
    public private(set) var file: AnnotationFile
    /// The article as it is now.
    public let article: ArticleText
    /// Where the article was read from (resolved and confined to the corpus).
    public private(set) var articlePath = ""
    let articleBytes: [UInt8]
    /// The document as read.
    public let original: AnnotationDocument
    /// The edits applied so far, and what undoes them (newest first).
    public private(set) var edits: [AnnotationEdit] = []
    private var inverses: [[AnnotationEdit]] = []
    /// Who makes the changes: recorded in the journal with each transaction, and added to the
    /// file's `<annotator>` names when the document changes.
    public var author: String?
    /// Things the editor did on its own (a speaker entity filled in).
    public private(set) var notes: [String] = []
    /// The document's lock, held from reading to writing (nil when opened to read only).
    var lock: FileLock?
    /// The journal as settled when the lock was taken (no one else writes it while the lock is held).
    var history: JournalHistory?
    /// The journal's key: the document id for a file in the corpus's
    /// annotation folder, nil for a file elsewhere (not journaled).
    let journalID: String?
    /// Where documents are kept open between transactions (the server's), and what was known there of
    /// the document as read: its commit then validates only what changed.
    var kept: KeptDocuments?
    var baseline: KeptDocuments.Baseline?

    public var document: AnnotationDocument { file.document }
    public var locator: TextLocator { TextLocator(article: article, documentID: document.id) }
    /// SHA-256 of the article as it is now.
    public let articleSHA256: String
    /// Whether the article changed since it was annotated (its hash differs).
    public var isStale: Bool { articleSHA256 != original.header.sha256 }
    /// Whether the edits changed anything.
    public var hasChanges: Bool { file.document != original }

    /// Opens the annotation of document `id` (or of the annotation file path
    /// `id`). An annotation whose article changed since is refused, naming
    /// `attest realign`, unless `allowStale`. To write (`forWriting`, the
    /// default) it takes the document's lock first and keeps it until the
    /// editor is gone, and settles what a killed writer left in the journal,
    /// so that it edits the newest version and no other writer can come
    /// between its read and its write.
    /// With `kept`, a document whose file and article hash as they did when kept is not parsed again.
    public static func open(
        _ id: String, in corpus: Corpus, allowStale: Bool = false, forWriting: Bool = true,
        kept: KeptDocuments? = nil
    ) throws -> AnnotationEditor {
        guard id.hasSuffix(".xml") || EditUndo.isDocumentID(id) else {
            throw AttestError(
                "\(Brief.quoted(id)) is not a document id (letters, digits, '.', '_' and '-'; no paths) nor an annotation file"
            )
        }
        let url = Self.annotationURL(id, in: corpus)
        let key = Self.journalKey(url, in: corpus)
        try Self.checkContained(url, in: corpus)
        var lock: FileLock?
        var history: JournalHistory?
        if forWriting { (lock, history) = try Self.lock(url, key: key, corpus: corpus, kept: kept) }
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw AttestError.notFound(
                "no annotation for \(Brief.quoted(id)): \(DisplayPath.of(url)) does not exist (add the article with attest new)"
            )
        }
        let file = try Self.read(url, kept: kept)
        let header = file.document.header
        let articlePath: String
        switch corpus.articleResolver.resolve(header.articlePath, annotationPath: url.path) {
        case .failure(let problem):
            let d = Diagnostic(
                file: DisplayPath.of(url), location: header.origin ?? .start, message: problem.message,
                rule: problem.check.id)
            throw AttestError(
                "the article of \(DisplayPath.of(url)) cannot be read; not opened", kind: .io, diagnostics: [d])
        case .success(let path): articlePath = path
        }
        let shown = DisplayPath.of(path: articlePath, relativeTo: FileManager.default.currentDirectoryPath)
        let bytes: [UInt8]
        switch FileBytes.read(articlePath) {
        case .bytes(let b): bytes = b
        case .missing: throw AttestError.notFound("cannot read the article \(shown): no such file")
        case .failed(let why): throw AttestError.io("cannot read the article \(shown): \(why)")
        case .tooLarge: throw AttestError("the article \(shown) is too large", kind: .tooLarge)
        }
        let articleSHA256 = SHA256Hex.of(bytes)
        guard let article = kept?.article(sha256: articleSHA256, bytes: bytes) ?? ArticleText(bytes: bytes) else {
            throw AttestError.invalid("the article \(shown) is not valid UTF-8")
        }
        var editor = AnnotationEditor(
            corpus: corpus, file: file, article: article, articleBytes: bytes, articleSHA256: articleSHA256,
            journalID: key)
        editor.articlePath = articlePath
        editor.kept = kept
        if let kept, let digest = file.readDigest {
            kept.keep(file.document, at: url.path, digest: digest)
            editor.baseline = kept.baseline(at: url.path, digest: digest, articleSHA256: articleSHA256)
        }
        editor.lock = lock
        editor.history = history
        if editor.isStale && !allowStale {
            throw AttestError(
                kind: .stale,
                "\(shown) changed since \(header.id) was annotated (its sha256 is no longer \(header.sha256.prefix(12))…), so the offsets may point at the wrong text; run `attest realign \(header.id)` to carry the annotations across"
            )
        }
        return editor
    }

    static func annotationURL(_ id: String, in corpus: Corpus) -> URL {
        if id.hasSuffix(".xml") { return URL(fileURLWithPath: id).standardizedFileURL }
        return corpus.annotationURL(for: id)
    }

    /// The key the journal keeps `url`'s changes under: the document id for a
    /// file in the corpus's annotation folder; for an annotation file elsewhere
    /// in the corpus (an annotator's folder, an adjudication draft), `@` and a
    /// hash of its path from the corpus root, then its name — its own journal,
    /// never the gold document's. Files outside the corpus are not journaled.
    package static func journalKey(_ url: URL, in corpus: Corpus) -> String? {
        guard url.pathExtension == "xml" else { return nil }
        let folder = url.deletingLastPathComponent().standardizedFileURL.path
        if folder == corpus.annotationsDirectory.standardizedFileURL.path {
            return url.deletingPathExtension().lastPathComponent
        }
        let root = corpus.root.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        guard path.hasPrefix(root + "/") else { return nil }
        let relative = String(path.dropFirst(root.count + 1))
        let stem = url.deletingPathExtension().lastPathComponent.filter {
            $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0))
        }
        return "@" + SHA256Hex.of(Array(relative.utf8)).prefix(16) + "-" + stem.prefix(100)
    }

    /// Whether a journal key names a document of the corpus's annotation folder.
    package static func isDocumentKey(_ key: String) -> Bool { !key.hasPrefix("@") }

    /// Refuses an annotation file that is a link out of the corpus, a FIFO or a device.
    package static func checkContained(_ url: URL, in corpus: Corpus) throws {
        guard journalKey(url, in: corpus) != nil else { return }
        if let problem = FileBytes.containmentProblem(url.path, root: corpus.root.path) {
            throw AttestError.io("\(DisplayPath.of(url)) is \(problem); refusing to read it")
        }
    }

    /// Takes the lock of the file at `url` and settles its journal: the
    /// journal's lock for a corpus document, a lock file beside it otherwise.
    static func lock(_ url: URL, key: String?, corpus: Corpus, kept: KeptDocuments? = nil) throws -> (
        FileLock, JournalHistory?
    ) {
        guard let key else {
            let beside = url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".lock")
            return (try FileLock.acquire(beside.path, what: DisplayPath.of(url)), nil)
        }
        let journal = EditJournal(corpus: corpus)
        let lock = try journal.lock(key)
        return (lock, try journal.recover(key, annotation: url, kept: kept))
    }

    init(
        corpus: Corpus, file: AnnotationFile, article: ArticleText, articleBytes: [UInt8],
        articleSHA256: String? = nil, journalID: String?
    ) {
        self.journalID = journalID
        self.corpus = corpus
        self.file = file
        self.article = article
        self.articleBytes = articleBytes
        self.articleSHA256 = articleSHA256 ?? SHA256Hex.of(articleBytes)
        self.original = file.document
    }

    /// The annotation file at `url`: parsed, or (`kept`) the document kept for the same bytes.
    static func read(_ url: URL, kept: KeptDocuments?) throws -> AnnotationFile {
        guard let kept else { return try AnnotationFile.read(url) }
        let bytes = try AnnotationFile.bytes(url)
        let digest = SHA256Hex.of(bytes)
        let document =
            try kept.document(at: url.path, digest: digest)
            ?? AnnotationFile.parse(bytes, name: DisplayPath.of(url))
        return AnnotationFile(url: url, document: document, readDigest: digest, readBytes: bytes)
    }

    // MARK: Applying

    /// Applies `edits` in order, all or nothing, and returns their inverse.
    @discardableResult
    public mutating func apply(_ edits: [AnnotationEdit]) throws -> [AnnotationEdit] {
        var applier = EditApplier(document: file.document)
        let inverse = try applier.applyAll(edits)
        file.document = applier.document
        self.edits += edits
        inverses.append(inverse)
        return inverse
    }

    /// Applies one edit; see `apply(_:)`.
    @discardableResult
    public mutating func apply(_ edit: AnnotationEdit) throws -> [AnnotationEdit] { try apply([edit]) }

    /// The edits that undo everything applied since the document was opened.
    public var inverse: [AnnotationEdit] { inverses.reversed().flatMap { $0 } }

    /// A fresh id with `prefix` ("e", "m", "q"): one more than the highest in use.
    public func nextID(_ prefix: String, after taken: [String] = []) -> String {
        EditApplier(document: file.document).nextID(prefix, after: taken)
    }

    /// A speaker span that was exactly a mention's span follows the mention
    /// when it is respanned (they are the same words), unless an edit set
    /// that quote's speaker itself: a speaker never ends up inside its name.
    mutating func followMentionSpans() throws {
        var moved: [Span: Excerpt] = [:]
        var explicit: Set<String> = []
        // Mentions by id, made once (a realignment respans thousands: a search per edit was quadratic).
        var spansBefore: [String: Span]?
        var excerptsAfter: [String: Excerpt]?
        for edit in edits {
            switch edit {
            case .setSpan(let id, _):
                if spansBefore == nil {
                    spansBefore = Dictionary(
                        original.entities.lazy.flatMap(\.mentions).map { ($0.id, $0.span) },
                        uniquingKeysWith: { a, _ in a })
                    excerptsAfter = Dictionary(
                        document.entities.lazy.flatMap(\.mentions).map { ($0.id, $0.excerpt) },
                        uniquingKeysWith: { a, _ in a })
                }
                guard let before = spansBefore?[id], let after = excerptsAfter?[id], before != after.span else {
                    continue
                }
                moved[before] = after
            case .setSpeaker(let id, _): explicit.insert(id)
            default: break
            }
        }
        guard !moved.isEmpty else { return }
        for q in document.quotes where !explicit.contains(q.id) {
            guard let s = q.speaker, let to = moved[s.span] else { continue }
            try apply(.setSpeaker(quote: q.id, to))
            notes.append("the speaker of quote \(q.id) follows its mention to \(to.span)")
        }
    }

    /// Attributes the quotes these edits touched whose speaker span names
    /// exactly one entity (see `AnnotationDocument.inferredSpeaker`), unless
    /// an edit set their speaker entity explicitly.
    mutating func fillSpeakerEntities() throws {
        var touched: Set<String> = []
        var explicit: Set<String> = []
        for edit in edits {
            switch edit {
            case .addQuote(let q, _): touched.insert(q.id)
            case .setSpeaker(let id, _), .setSpan(let id, _): touched.insert(id)
            case .setSpeakerEntity(let id, _): explicit.insert(id)
            default: break
            }
        }
        // A quote new in this transaction counts as touched, whichever edit made it (`quote` allocates its id).
        let before = Set(original.quotes.map(\.id))
        for q in document.quotes where !before.contains(q.id) { touched.insert(q.id) }
        for q in document.quotes where touched.contains(q.id) && !explicit.contains(q.id) {
            guard let id = document.inferredSpeaker(of: q), let e = document.entity(withID: id) else { continue }
            try apply(.setSpeakerEntity(quote: q.id, entity: id))
            notes.append("attributed quote \(q.id) to \(id) (\(e.name)), whose mention is its speaker")
        }
    }

    // MARK: Committing

    /// What a commit did.
    public struct Commit: Sendable {
        /// False when the edits left the document as it was (nothing written).
        public var changed: Bool
        /// Warnings the result has that the document as read did not.
        public var newWarnings: [Diagnostic]
        /// Every finding of the result (warnings only, since it was written).
        public var diagnostics: [Diagnostic] = []
        public var notes: [String]
        /// The journal entry written (nil when nothing changed or on a dry run).
        public var entry: JournalEntry?
    }

    /// The canonical XML of the current document.
    public var xml: String { AnnotationWriter.xml(document) }

    /// Validates the result; with `write`, writes it atomically (refusing if
    /// the file changed since it was read), records the transaction in the
    /// journal and keeps the article text in the text store. Throws, writing
    /// nothing, when the result has errors.
    @discardableResult
    public mutating func commit(summary: String, write: Bool = true) throws -> Commit {
        // The transaction ends here, written or not: the lock goes with it.
        defer { releaseLock() }
        try followMentionSpans()
        try fillSpeakerEntities()
        if let author, hasChanges, !document.header.annotators.contains(author) {
            try apply(.setAnnotators(document.header.annotators + [author]))
        }
        guard hasChanges else {
            throw AttestError(
                "\(document.id): nothing to change (the document already is what these edits make it); nothing written",
                kind: .unchanged)
        }
        // The file as read is the canonical layout of the document as read (known so when kept): the
        // elements an edit left as they were are copied from it.
        let bytes =
            baseline?.canonical == true
            ? AnnotationWriter.bytes(document, reusing: original, previousBytes: file.readBytes)
            : AnnotationWriter.bytes(document)
        let found = try resultDiagnostics(bytes: bytes)
        let errors = found.filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw AttestError(
                kind: .invalid,
                "\(document.id): the result would not validate, so nothing was written (\(DisplayPath.of(file.url)) is as it was):\n"
                    + errors.map { "  \(document.id): \($0.message) [\($0.rule)]" }.joined(separator: "\n"))
        }
        // Gold means valid: a document becomes gold only when `validate --strict` (what `attest check`
        // runs) passes on it, so marking gold can never break the corpus's check.
        if document.header.status == .gold && original.header.status != .gold && !found.isEmpty {
            throw AttestError(
                kind: .invalid,
                "\(document.id): cannot be gold with \(found.count) warning(s), which `attest validate --strict` and `attest check` count as errors; nothing was written:\n"
                    + found.map { "  \(document.id): \($0.message) [\($0.rule)]" }.joined(separator: "\n"))
        }
        var warnings = found
        if !warnings.isEmpty {
            let known = try baseline?.diagnostics ?? diagnostics(of: original, bytes: AnnotationWriter.bytes(original))
            let before = Set(known.map(\.message))
            warnings = warnings.filter { !before.contains($0.message) }
        }
        // A gold document stays editable, and stays valid: a change that would add a warning (an error
        // under `--strict`, so for `attest check`) is refused until the document is set back to draft.
        if document.header.status == .gold && original.header.status == .gold && !warnings.isEmpty {
            throw AttestError(
                kind: .invalid,
                "\(document.id) is gold: this change would add \(warnings.count) warning(s), which `attest validate --strict` and `attest check` count as errors; nothing was written (fix them in the same change, or set the document back to draft first):\n"
                    + warnings.map { "  \(document.id): \($0.message) [\($0.rule)]" }.joined(separator: "\n"))
        }
        guard write else {
            return Commit(changed: true, newWarnings: warnings, diagnostics: found, notes: notes, entry: nil)
        }
        // The canonical file before: usually the file as read (known so when kept).
        let before: String?
        if baseline?.canonical == true {
            before = file.readDigest
        } else {
            let canonicalBefore = AnnotationWriter.bytes(original)
            before = canonicalBefore == file.readBytes ? file.readDigest : SHA256Hex.of(canonicalBefore)
        }
        let after = SHA256Hex.of(bytes)
        let entry = JournalEntry(
            time: EditJournal.timestamp(), summary: summary, before: before, after: after,
            edits: edits, inverse: inverse, author: author)
        if lock == nil { (lock, history) = try Self.lock(file.url, key: journalID, corpus: corpus, kept: kept) }
        try TextStore(corpus: corpus).keep(articleBytes, sha256: articleSHA256)
        // What the next transaction on this file finds kept, once the bytes are in place: the document
        // in the order the file has it (canonical), as reading the file back would give it.
        let keep = { [kept, document, articleSHA256, url = file.url] in
            kept?.keep(
                AnnotationWriter.canonical(document), at: url.path, digest: after, canonical: true,
                diagnostics: found, checkedAgainst: articleSHA256)
        }
        guard let journalID else {
            try AtomicFile.write(bytes, to: file.url, replacing: file.readBytes)
            keep()
            return Commit(changed: true, newWarnings: warnings, diagnostics: found, notes: notes, entry: entry)
        }
        let journal = EditJournal(corpus: corpus)
        let seq = try journal.beginCommit(
            entry, document: journalID, history: try history ?? journal.history(journalID))
        do {
            try AtomicFile.write(bytes, to: file.url, replacing: file.readBytes)
        } catch {
            try? journal.settle(seq, done: false, document: journalID)  // deliberate: else the next writer settles it
            throw error
        }
        try? journal.settle(seq, done: true, document: journalID)  // deliberate: else the next writer settles it
        keep()
        return Commit(changed: true, newWarnings: warnings, diagnostics: found, notes: notes, entry: entry)
    }

    /// Gives up the document's lock before the editor is gone (`commit` does
    /// so itself); a later commit takes it again and refuses a file changed
    /// meanwhile.
    public mutating func releaseLock() {
        lock?.release()
        lock = nil
        history = nil
    }

    /// What `attest validate` would report of the current document, were it
    /// written (the file itself is not touched).
    /// Unchanged and kept, what was found before; the document as read is then kept with it.
    public func resultDiagnostics() throws -> [Diagnostic] {
        let unchanged = !hasChanges
        if unchanged, let known = baseline?.diagnostics { return known }
        let bytes = AnnotationWriter.bytes(document)
        let found = try diagnostics(of: document, bytes: bytes)
        if unchanged, let kept, let digest = file.readDigest {
            kept.keep(
                document, at: file.url.path, digest: digest, canonical: bytes == file.readBytes, diagnostics: found,
                checkedAgainst: articleSHA256)
        }
        return found
    }

    /// The diagnostics of the result, whose canonical layout is `bytes`. When the document as read is
    /// kept with diagnostics from rules only (its layout passed the schema), only the entities and
    /// quotes that differ from it are checked against the schema, which has no identity constraints
    /// (`CompiledSchema.Constraints.structureOnly`) and so checks each element on its own; every rule
    /// still runs on the whole document. An error found that way is looked for again in the whole
    /// layout, so that a refusal says what `attest validate` would.
    func resultDiagnostics(bytes: [UInt8]) throws -> [Diagnostic] {
        let ruleIDs = Set(RuleRegistry.rules.map(\.descriptor.id))
        guard let known = baseline?.diagnostics, known.allSatisfy({ ruleIDs.contains($0.rule) }) else {
            return try diagnostics(of: document, bytes: bytes)
        }
        let quick = try diagnostics(of: document, bytes: AnnotationWriter.bytes(changedPart))
        guard !quick.contains(where: { $0.severity == .error }) else {
            return try diagnostics(of: document, bytes: bytes)
        }
        return quick
    }

    /// The document with only the entities and quotes that are not as they were read, and of those
    /// entities only the mentions that are not (a mention added to an entity of 2,500 checks one
    /// mention element and its entity's attributes, not 2,501 elements).
    var changedPart: AnnotationDocument {
        var part = document
        let entities = Dictionary(original.entities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let quotes = Dictionary(original.quotes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        part.entities = document.entities.compactMap { entity in
            guard let before = entities[entity.id] else { return entity }
            guard before != entity else { return nil }
            var changed = entity
            let was = Set(before.mentions)
            changed.mentions = entity.mentions.filter { !was.contains($0) }
            return changed
        }
        part.quotes = document.quotes.filter { quotes[$0.id] != $0 }
        return part
    }

    /// Validates a result as if written at the file's place. Diagnostics
    /// name the document, not a line of a file that was never written.
    private func diagnostics(of document: AnnotationDocument, bytes: [UInt8]) throws -> [Diagnostic] {
        let validator = try Validator(corpus: corpus)
        return validator.validate(
            pending: document, bytes: bytes, article: article, articleSHA256: articleSHA256, file: file.url
        ).map { d in
            var d = d
            d.file = self.document.id
            return d
        }
    }
}
