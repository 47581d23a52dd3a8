import Foundation

/// One written transaction, as the journal keeps it: what was done, how to
/// undo it, and the file's hash before and after (undo refuses a file that
/// changed since).
public struct JournalEntry: Codable, Hashable, Sendable {
    /// When it was written (UTC, ISO 8601).
    public var time: String
    /// What the transaction did, in one line (the command that made it).
    public var summary: String
    /// SHA-256 of the annotation file before and after.
    public var before: String?
    public var after: String?
    public var edits: [AnnotationEdit]
    /// The edits that undo it, in order.
    public var inverse: [AnnotationEdit]
    /// For a removed document: what undo puts back.
    public var removed: RemovedDocument?

    public init(
        time: String, summary: String, before: String?, after: String?, edits: [AnnotationEdit],
        inverse: [AnnotationEdit], removed: RemovedDocument? = nil
    ) {
        self.time = time
        self.summary = summary
        self.before = before
        self.after = after
        self.edits = edits
        self.inverse = inverse
        self.removed = removed
    }
}

/// A removed document's annotation file and where its article was.
public struct RemovedDocument: Codable, Hashable, Sendable {
    /// The annotation file's content.
    public var xml: String
    /// The article's path relative to the corpus root, and its hash (the
    /// text itself is in the text store).
    public var article: String
    public var articleSHA256: String

    public init(xml: String, article: String, articleSHA256: String) {
        self.xml = xml
        self.article = article
        self.articleSHA256 = articleSHA256
    }
}

/// The last transactions of each document, newest last, in
/// `<annotations>/.attest/journal/<doc-id>.jsonl` (one JSON entry per line).
/// The folder is ignored by git (`.attest/.gitignore`): the journal is the
/// annotator's local undo history; the text store beside it is shared.
public struct EditJournal: Sendable {
    public let folder: URL
    /// How many transactions are kept per document.
    public let depth: Int

    public static let defaultDepth = 50

    public init(corpus: Corpus, depth: Int = EditJournal.defaultDepth) {
        self.folder = corpus.annotationsDirectory.appendingPathComponent(".attest/journal", isDirectory: true)
        self.depth = depth
    }

    public func url(for document: String) -> URL { folder.appendingPathComponent(document + ".jsonl") }

    /// The document's entries, oldest first. A damaged journal is an error
    /// naming its line.
    public func entries(_ document: String) throws -> [JournalEntry] {
        try lines(document).enumerated().map { n, line in try decode(line, n + 1, document) }
    }

    /// The newest entry, decoding nothing else.
    public func last(_ document: String) throws -> JournalEntry? {
        let all = try lines(document)
        guard let line = all.last else { return nil }
        return try decode(line, all.count, document)
    }

    /// Appends an entry, keeping the newest `depth` (earlier lines are
    /// carried over as they are, not decoded).
    public func append(_ entry: JournalEntry, to document: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var all = try lines(document)
        all.append(ArraySlice(try encoder.encode(entry)))
        try write(Array(all.suffix(depth)), document)
    }

    /// Removes the newest entry (after it was undone).
    public func dropLast(_ document: String) throws {
        var all = try lines(document)
        guard !all.isEmpty else { return }
        all.removeLast()
        try write(all, document)
    }

    private func lines(_ document: String) throws -> [ArraySlice<UInt8>] {
        let url = url(for: document)
        switch FileBytes.read(url.path) {
        case .missing: return []
        case .bytes(let bytes): return bytes.split(separator: UInt8(ascii: "\n"))
        case .failed(let message): throw AttestError("cannot read \(DisplayPath.of(url)): \(message)")
        case .tooLarge(let size): throw AttestError("\(DisplayPath.of(url)) is too large (\(size) bytes) for a journal")
        }
    }

    private func decode(_ line: ArraySlice<UInt8>, _ number: Int, _ document: String) throws -> JournalEntry {
        do {
            return try JSONDecoder().decode(JournalEntry.self, from: Data(line))
        } catch {
            throw AttestError(
                "\(DisplayPath.of(url(for: document))):\(number): not a journal entry; move the file aside")
        }
    }

    private func write(_ lines: [ArraySlice<UInt8>], _ document: String) throws {
        try Self.makeStateFolder(folder.deletingLastPathComponent())
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var bytes: [UInt8] = []
        for line in lines {
            bytes += line
            bytes.append(UInt8(ascii: "\n"))
        }
        try AtomicFile.write(bytes, to: url(for: document))
    }

    /// Creates `.attest/` with a `.gitignore` that keeps the journal out of git.
    static func makeStateFolder(_ folder: URL) throws {
        let ignore = folder.appendingPathComponent(".gitignore")
        if FileManager.default.fileExists(atPath: ignore.path) { return }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw AttestError("cannot create \(DisplayPath.of(folder)): \(error.localizedDescription)")
        }
        try AtomicFile.write(
            Array("# attest: the undo journal is local; the text store (texts/) is shared.\njournal/\n".utf8),
            to: ignore)
    }

    static func timestamp() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }
}
