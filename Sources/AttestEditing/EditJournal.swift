import AttestReports
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
    /// Who made it: the studio's user, or `ATTEST_ANNOTATOR` on the command line (absent when unknown).
    public var author: String?

    public init(
        time: String, summary: String, before: String?, after: String?, edits: [AnnotationEdit],
        inverse: [AnnotationEdit], removed: RemovedDocument? = nil, author: String? = nil
    ) {
        self.author = author
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
