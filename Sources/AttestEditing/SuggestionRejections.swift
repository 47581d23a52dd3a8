import AttestReports
import Foundation

/// Suggestions an annotator rejected, per document and extractor, kept
/// beside the journal (`annotations/.attest/journal/<id>.rejections.jsonl`,
/// local like the journal): the same suggestion is not offered again after
/// a reload. One JSON line per rejection, appended under the document's
/// lock; the file is input like any other (a line that does not read is
/// skipped, a link or a FIFO is refused).
public struct SuggestionRejections: Sendable {
    /// A rejected suggestion: a mention of `type`, or a quote (`type` "quote", the content's span).
    public struct Rejection: Codable, Hashable, Sendable {
        public var extractor: String
        public var start: Int
        public var end: Int
        public var type: String

        public init(extractor: String, start: Int, end: Int, type: String) {
            self.extractor = extractor
            self.start = start
            self.end = end
            self.type = type
        }
    }

    /// The largest file read; a larger one is refused.
    public static let maxSize = 64 << 20

    let journal: EditJournal

    public init(corpus: Corpus) { journal = EditJournal(corpus: corpus) }

    public func url(for document: String) -> URL {
        journal.folder.appendingPathComponent(document + ".rejections.jsonl")
    }

    /// Records a rejection (a second one of the same suggestion is not written again).
    public func add(_ rejection: Rejection, document: String) throws {
        let lock = try journal.lock(document)
        defer { lock.release() }
        guard try !all(document: document).contains(rejection) else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let url = url(for: document)
        try AppendOnlyFile.append(Array(try encoder.encode(rejection)), to: url, what: DisplayPath.of(url))
    }

    /// Every rejection recorded for `document`.
    public func all(document: String) throws -> Set<Rejection> {
        let url = url(for: document)
        if FileBytes.isSymbolicLink(url.path) == true {
            throw AttestError.io("\(DisplayPath.of(url)) is a symbolic link; refusing to read it")
        }
        switch FileBytes.read(url.path, limit: Self.maxSize) {
        case .missing: return []
        case .tooLarge(let size):
            throw AttestError.io(
                "\(DisplayPath.of(url)) has \(size) bytes, more than \(Self.maxSize); refusing to read it")
        case .failed(let why): throw AttestError.io("cannot read \(DisplayPath.of(url)): \(why)")
        case .bytes(let bytes):
            var found: Set<Rejection> = []
            let decoder = JSONDecoder()
            for line in bytes.split(separator: UInt8(ascii: "\n")) {
                // deliberate: a line that does not read only leaves its suggestion to be offered again
                if let r = try? decoder.decode(Rejection.self, from: Data(line)) { found.insert(r) }
            }
            return found
        }
    }
}
