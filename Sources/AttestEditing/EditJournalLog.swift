import AttestReports
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Each document's whole edit history, in
/// `<annotations>/.attest/journal/<doc-id>.jsonl` (ignored by git), as an
/// append-only log of one JSON record a line:
///
///     {"op":"commit","seq":7,"entry":{…}}     a transaction, pending
///     {"op":"undo","seq":8,"of":7}            undoing transaction 7, pending
///     {"op":"redo","seq":9,"of":7}            redoing it, pending
///     {"op":"done","seq":9}                   the pending record took effect
///     {"op":"abort","seq":9}                  it did not
///
/// A writer holds the document's lock (`lockPath`) and appends the pending
/// record (flushed to disk) before it renames the new annotation file into
/// place, and marks it done after. A writer killed in between leaves a
/// pending record, which the next writer settles before anything else
/// (`recover`): done when the file is what the record would make it, aborted
/// otherwise. So the file and its history change together or not at all.
/// Lines written by an earlier version (a bare entry) read as done commits.
public struct EditJournal: Sendable {
    public let folder: URL
    let state: StateFolder

    /// The largest journal read (512 MiB: far beyond 10,000 transactions).
    public static let maxSize = 512 << 20

    public init(corpus: Corpus) {
        self.state = StateFolder(corpus: corpus)
        self.folder = state.root.appendingPathComponent("journal", isDirectory: true)
    }

    public func url(for document: String) -> URL { folder.appendingPathComponent(document + ".jsonl") }
    public func lockPath(for document: String) -> String { folder.appendingPathComponent(document + ".lock").path }

    /// Takes the document's lock, creating the journal folder when needed.
    public func lock(_ document: String, timeout: Double = 30) throws -> FileLock {
        _ = try state.folder("journal")
        return try FileLock.acquire(lockPath(for: document), what: document, timeout: timeout)
    }

    // MARK: Reading

    /// The transactions that can be undone, oldest first.
    public func entries(_ document: String) throws -> [JournalEntry] {
        let h = try history(document)
        return try h.undoable.map { try h.entry($0) }
    }

    /// The newest transaction that can be undone.
    public func last(_ document: String) throws -> JournalEntry? {
        let h = try history(document)
        return try h.undoable.last.map { try h.entry($0) }
    }

    /// The log replayed: what can be undone and redone, and any pending record.
    public func history(_ document: String) throws -> JournalHistory {
        try JournalHistory(bytes: try bytes(document), name: DisplayPath.of(url(for: document)))
    }

    private func bytes(_ document: String) throws -> [UInt8] {
        let url = url(for: document)
        if FileManager.default.fileExists(atPath: folder.path) { try state.checkInside(folder) }
        if FileBytes.isSymbolicLink(url.path) == true {
            throw AttestError.io("\(DisplayPath.of(url)) is a symbolic link; a journal must be a regular file")
        }
        switch FileBytes.read(url.path, limit: Self.maxSize) {
        case .missing: return []
        case .bytes(let bytes): return bytes
        case .failed(let message): throw AttestError.io("cannot read \(DisplayPath.of(url)): \(message)")
        case .tooLarge(let size):
            throw AttestError("\(DisplayPath.of(url)) is too large (\(size) bytes) for a journal", kind: .tooLarge)
        }
    }

    // MARK: Writing (with the document's lock held)

    /// Appends a pending commit of `entry`; returns its sequence number.
    package func beginCommit(_ entry: JournalEntry, document: String, history: JournalHistory) throws -> Int {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let seq = history.nextSeq
        let json: Data
        do {
            json = try encoder.encode(entry)
        } catch {
            throw AttestError.wrapping(error, "cannot record the change")
        }
        try append(Array("{\"op\":\"commit\",\"seq\":\(seq),\"entry\":".utf8) + json + [UInt8(ascii: "}")], document)
        return seq
    }

    /// Appends a pending undo or redo of transaction `of`; returns its sequence number.
    package func begin(_ op: JournalHistory.Op, of: Int, document: String, history: JournalHistory) throws -> Int {
        let seq = history.nextSeq
        try append(Array("{\"op\":\"\(op.rawValue)\",\"seq\":\(seq),\"of\":\(of)}".utf8), document)
        return seq
    }

    /// Marks pending record `seq` done (`true`) or aborted. Not flushed to
    /// disk: a mark lost in a crash is made again by `recover`, from the file.
    package func settle(_ seq: Int, done: Bool, document: String) throws {
        try append(mark(seq, done: done), document, flush: false)
    }

    private func mark(_ seq: Int, done: Bool) -> [UInt8] {
        Array("{\"op\":\"\(done ? "done" : "abort")\",\"seq\":\(seq)}".utf8)
    }

    /// Settles what a killed writer left: a torn last line is cut off, a
    /// pending record is marked done when the annotation file is what it
    /// would make it (`digestNow`: the file's SHA-256, nil when absent) and
    /// aborted otherwise, and the writer's temporary files are removed.
    /// Returns the history as it then stands.
    package func recover(_ document: String, annotation: URL, kept: KeptDocuments? = nil) throws -> JournalHistory {
        let url = url(for: document)
        var history: JournalHistory
        // What was read of the file: with `kept`, the history is kept with it, and the next transaction
        // reads only the lines appended since (a journal of 75 MB was read whole at each edit).
        var seen: AppendOnlyFile.Mark?
        if let kept, let (known, since) = kept.journal(at: url.path), let grown = try grown(url, since: since) {
            history = known
            do {
                try history.extend(with: grown)
            } catch {
                kept.forgetJournal(at: url.path)
                throw error
            }
            seen = since.advanced(by: grown)
        } else {
            kept?.forgetJournal(at: url.path)
            var all = try bytes(document)
            if let lastNewline = all.lastIndex(of: UInt8(ascii: "\n")), lastNewline != all.count - 1 {
                try cut(url, to: lastNewline + 1)
                all.removeSubrange((lastNewline + 1)...)
            } else if !all.isEmpty && all.lastIndex(of: UInt8(ascii: "\n")) == nil {
                try cut(url, to: 0)
                all = []
            }
            history = try JournalHistory(bytes: all, name: DisplayPath.of(url))
            seen = kept == nil ? nil : AppendOnlyFile.mark(of: url, bytes: all)
        }
        if let pending = history.pending {
            let now: String?
            switch FileBytes.read(annotation.path) {
            case .bytes(let b): now = SHA256Hex.of(b)
            case .missing: now = nil
            case .failed(let why): throw AttestError.io("cannot read \(DisplayPath.of(annotation)): \(why)")
            case .tooLarge: now = ""
            }
            let entry = try history.entry(ofSeq: pending.target)
            let wanted = pending.op == .undo ? entry.before : entry.after
            let written = try append(mark(pending.seq, done: now == wanted), document, flush: false)
            Self.removeTemporaryFiles(of: annotation)
            // The log as it now stands: what was read plus the mark just appended (not read again).
            try history.extend(with: written)
            seen = seen?.advanced(by: written)
        }
        if let kept, let seen { kept.keep(journal: history, mark: seen, at: url.path) }
        return history
    }

    /// Reads the journal of `document` into `kept` ahead of its next transaction, without the lock and
    /// without writing anything: its records are replayed and kept with what was read, so that the
    /// next transaction reads only the records appended after them (the first edit after the server
    /// started read a journal of 37 MB whole: 100–300 ms). Kept only when the file is, when looked at
    /// again, exactly the bytes read, all whole lines, with no pending record: a torn line or a pending
    /// record is the next writer's to settle, under the lock. Anything else (no journal, a link, an
    /// unreadable file) keeps nothing, and the transaction reads the file as before. A journal larger
    /// than half the bytes `kept` may hold is not read ahead: a document only looked at does not bring
    /// hundreds of megabytes into memory.
    package func warm(_ document: String, kept: KeptDocuments) {
        let url = url(for: document)
        guard kept.journal(at: url.path) == nil, let size = FileBytes.size(url.path), size <= kept.journalBytes / 2,
            let all = try? bytes(document), all.last == UInt8(ascii: "\n"),
            let history = try? JournalHistory(bytes: all, name: DisplayPath.of(url)), history.pending == nil,
            let mark = AppendOnlyFile.mark(of: url, bytes: all)
        else { return }
        kept.keep(journal: history, mark: mark, at: url.path)
    }

    /// The lines appended to the journal at `url` since `mark`, when it can be read on from there (the
    /// same file, whole lines); nil to read it whole.
    private func grown(_ url: URL, since mark: AppendOnlyFile.Mark) throws -> [UInt8]? {
        if FileManager.default.fileExists(atPath: folder.path) { try state.checkInside(folder) }
        guard let added = AppendOnlyFile.grown(url, since: mark, limit: Self.maxSize - mark.size),
            added.isEmpty || added.last == UInt8(ascii: "\n")
        else { return nil }
        return added
    }

    /// Appends one record; returns the bytes written. Only called with the
    /// document's lock held, so the folder exists and was checked by `lock`.
    @discardableResult
    private func append(_ line: [UInt8], _ document: String, flush: Bool = true) throws -> [UInt8] {
        let url = url(for: document)
        return try AppendOnlyFile.append(line, to: url, what: "the journal \(DisplayPath.of(url))", flush: flush)
    }

    private func cut(_ url: URL, to length: Int) throws {
        guard truncate(url.path, off_t(length)) == 0 else {
            throw AttestError.io("cannot repair \(DisplayPath.of(url)): \(String(cString: strerror(errno)))")
        }
    }

    /// Removes `.<name>.<pid>.<tag>.tmp` files a killed writer left beside
    /// `file` (only ever called with the file's lock held).
    static func removeTemporaryFiles(of file: URL) {
        let folder = file.deletingLastPathComponent()
        let prefix = "." + file.lastPathComponent + "."
        let listing = try? FileManager.default.contentsOfDirectory(atPath: folder.path)  // deliberate: best effort
        let names = listing ?? []
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let middle = name.dropFirst(prefix.count).dropLast(4).split(separator: ".")
            guard middle.count == 2, middle[0].allSatisfy(\.isNumber), middle[1].count == 8 else { continue }
            unlink(folder.appendingPathComponent(name).path)
        }
    }

    static func timestamp() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }
}
