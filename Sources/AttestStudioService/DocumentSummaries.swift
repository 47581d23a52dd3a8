import Foundation

/// The document list's lines (`GET /api/documents`), kept between requests:
/// a file's line is made again only when the file or its article changed
/// (`FileStamp`), so listing 10,000 documents costs 20,000 `stat`s rather
/// than 10,000 parses and article hashes. Whoever writes, the server or the
/// command line, a write renames a new file into place and so is seen.
/// Lines that say a file could not be read are not kept.
public final class DocumentSummaries: @unchecked Sendable {
    struct Line: Sendable {
        var annotation: FileStamp
        var articlePath: String
        var article: FileStamp
        var summary: JSONTree
    }

    /// How much older than a reading an article's last change must be for its line to be kept (50 ms:
    /// file times come from a clock that may lag the one read here by a tick).
    static let clockMargin: Int64 = 50_000_000

    private let lock = NSLock()
    private var lines: [String: Line] = [:]

    public init() {}

    /// The line of the annotation file at `path`: kept, or made by `make`
    /// (which opens the file and says where its article is).
    func line(
        for path: String, make: () throws -> (summary: JSONTree, articlePath: String)
    ) rethrows -> JSONTree {
        let before = FileStamp.of(path)
        if let before, let kept = lock.withLock({ lines[path] }), kept.annotation == before,
            FileStamp.of(kept.articlePath) == kept.article
        {
            return kept.summary
        }
        let started = Int64(Date().timeIntervalSince1970 * 1e9)
        let made = try make()
        // Kept only when neither file changed while it was read: the annotation file's stamp is the
        // same after as before, and the article's last change is older than the reading (with a
        // margin for the file system's coarse clock); else the next request reads them again.
        if let before, FileStamp.of(path) == before, let article = FileStamp.of(made.articlePath),
            article.changed < started - Self.clockMargin
        {
            let line = Line(annotation: before, articlePath: made.articlePath, article: article, summary: made.summary)
            lock.withLock { lines[path] = line }
        }
        return made.summary
    }

    /// How many lines are kept.
    public var count: Int { lock.withLock { lines.count } }
}
