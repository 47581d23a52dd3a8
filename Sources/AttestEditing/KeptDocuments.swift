import AttestReports
import Foundation

/// Documents kept open between transactions (the web annotator's server):
/// the model read from an annotation file, its article, and what validation
/// said of the document, so that an edit on a 20,000-annotation document
/// neither parses the file again nor validates what it did not change.
///
/// Everything is found by content, never by trust: an entry is used only when
/// the file's bytes, read again under the document's lock, hash to the digest
/// it was kept under, and an article only when its bytes hash to the SHA-256
/// it was kept under. Whoever wrote the file meanwhile (the command line,
/// another server, an editor), a changed byte means a miss and a fresh read.
/// Journals are kept too (`journal(at:)`): each replayed history with the `AppendOnlyFile.Mark` of
/// what was read of its file, so a transaction reads only the records appended since, and the whole
/// file when it is not the file that was read on.
/// Shared by threads (one lock); the oldest entries go beyond `capacity`.
public final class KeptDocuments: @unchecked Sendable {
    /// What is known of one annotation file's bytes.
    struct Entry {
        /// SHA-256 of the file's bytes.
        var digest: String
        var document: AnnotationDocument
        /// Whether the file's bytes are the canonical layout of `document` (the file Attest wrote).
        var canonical: Bool?
        /// What `attest validate` says of the canonical layout of `document` with the article whose
        /// SHA-256 is `checkedAgainst` (nil: not yet validated).
        var diagnostics: [Diagnostic]?
        var checkedAgainst: String?
        var used: UInt64
    }

    /// What the editor knows of the document it opened, from what was kept.
    struct Baseline: Sendable {
        /// The file's bytes are the canonical layout of the document as read.
        var canonical: Bool?
        /// The document's diagnostics (canonical layout, this article), when known.
        var diagnostics: [Diagnostic]?
    }

    public let capacity: Int
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var articles: [String: (text: ArticleText, used: UInt64)] = [:]
    private var clock: UInt64 = 0
    /// Journals replayed, by path, with what was read of each file (`AppendOnlyFile.Mark`): the next
    /// transaction reads only what was appended since. A journal kept holds the bytes it was read
    /// from (its entries are read from them for undo): `journalBytes` bounds them in all.
    private var journals: [String: (history: JournalHistory, mark: AppendOnlyFile.Mark, used: UInt64)] = [:]

    /// The bytes of journal kept in all, at most (beyond it the least recently used journals go).
    public let journalBytes: Int

    /// Keeps up to `capacity` documents (and as many articles and journals, the journals up to
    /// `journalBytes` in all).
    public init(capacity: Int = 8, journalBytes: Int = 256 << 20) {
        self.capacity = max(1, capacity)
        self.journalBytes = journalBytes
    }

    /// How many documents are kept.
    public var count: Int { lock.withLock { entries.count } }

    /// The document kept for the file at `path` whose bytes hash to `digest`.
    func document(at path: String, digest: String) -> AnnotationDocument? {
        lock.withLock {
            guard var entry = entries[path], entry.digest == digest else { return nil }
            clock += 1
            entry.used = clock
            entries[path] = entry
            return entry.document
        }
    }

    /// What is known of that document's validation against the article `articleSHA256`.
    func baseline(at path: String, digest: String, articleSHA256: String) -> Baseline? {
        lock.withLock {
            guard let entry = entries[path], entry.digest == digest else { return nil }
            let checked = entry.checkedAgainst == articleSHA256 ? entry.diagnostics : nil
            return Baseline(canonical: entry.canonical, diagnostics: checked)
        }
    }

    /// Keeps `document` as the content of the file at `path` with bytes of `digest`; what was known
    /// of the same bytes (canonical, diagnostics) is kept unless given anew.
    func keep(
        _ document: AnnotationDocument, at path: String, digest: String, canonical: Bool? = nil,
        diagnostics: [Diagnostic]? = nil, checkedAgainst: String? = nil
    ) {
        lock.withLock {
            clock += 1
            var entry =
                entries[path].flatMap { $0.digest == digest ? $0 : nil }
                ?? Entry(digest: digest, document: document, used: clock)
            entry.used = clock
            if let canonical { entry.canonical = canonical }
            if let diagnostics, let checkedAgainst {
                entry.diagnostics = diagnostics
                entry.checkedAgainst = checkedAgainst
            }
            entries[path] = entry
            if entries.count > capacity, let oldest = entries.min(by: { $0.value.used < $1.value.used })?.key {
                entries[oldest] = nil
            }
        }
    }

    /// The journal kept for the log at `path`, with what was read of it.
    func journal(at path: String) -> (history: JournalHistory, mark: AppendOnlyFile.Mark)? {
        lock.withLock {
            guard let found = journals[path] else { return nil }
            clock += 1
            journals[path]?.used = clock
            return (found.history, found.mark)
        }
    }

    /// Keeps `history` as the replay of the log at `path`, read up to `mark`. A kept journal holds the
    /// bytes it was read from: beyond `capacity` journals, or `journalBytes` bytes in all, the least
    /// recently used go (the one just kept stays, whatever its size).
    func keep(journal history: JournalHistory, mark: AppendOnlyFile.Mark, at path: String) {
        lock.withLock {
            clock += 1
            journals[path] = (history, mark, clock)
            while journals.count > 1,
                journals.count > capacity || journals.values.reduce(0, { $0 + $1.mark.size }) > journalBytes,
                let oldest = journals.filter({ $0.key != path }).min(by: { $0.value.used < $1.value.used })?.key
            {
                journals[oldest] = nil
            }
        }
    }

    /// The journals kept, by path (for tests and figures).
    public var keptJournals: [String] { lock.withLock { journals.keys.sorted() } }

    /// Forgets the journal kept for `path` (it could not be read on from where it was kept).
    package func forgetJournal(at path: String) {
        _ = lock.withLock { journals.removeValue(forKey: path) }
    }

    /// The article whose bytes hash to `sha256`, made once.
    func article(sha256: String, bytes: [UInt8]) -> ArticleText? {
        if let kept = lock.withLock({ () -> ArticleText? in
            guard let found = articles[sha256] else { return nil }
            clock += 1
            articles[sha256] = (found.text, clock)
            return found.text
        }) {
            return kept
        }
        guard let text = ArticleText(bytes: bytes) else { return nil }
        lock.withLock {
            clock += 1
            articles[sha256] = (text, clock)
            if articles.count > capacity, let oldest = articles.min(by: { $0.value.used < $1.value.used })?.key {
                articles[oldest] = nil
            }
        }
        return text
    }
}
