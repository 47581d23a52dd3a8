import AttestEditing
import Foundation

/// Curation of a document two annotators annotated: the decisions of
/// `Adjudication` (the same code as `attest adjudicate`) settled one by one
/// on the gold file. Which side the curator took is kept beside the gold
/// file's journal (`ID.curation.jsonl`, one line a decision); a decision is
/// settled when its side was recorded and the gold file still has it (undo
/// the change and the decision is open again).
public struct Curation: Sendable {
    public enum Side: String, Sendable, Codable {
        case a, b
    }

    /// One decision, with where each side's version is in the text.
    public struct Item: Sendable {
        /// Stable over runs: the decision's kind, span and both sides.
        public var key: String
        public var decision: Adjudication.Decision
        public var aSpan: Span?
        public var bSpan: Span?
        /// The side taken, while the gold file still has it.
        public var taken: Side?
    }

    public var id: String
    /// A and B: the first two of the document's annotators with a version of it.
    public var annotators: [String]
    /// What both agree on: what the gold file starts from.
    public var agreed: AnnotationDocument
    public var items: [Item]

    public var open: Int { items.filter { $0.taken == nil }.count }

    /// The curation of document `id` between `annotators` (the first two with a file), against the gold file as it is.
    public static func of(_ id: String, in corpus: Corpus, annotators: [String]) throws -> Curation {
        var versions: [(name: String, document: AnnotationDocument)] = []
        for name in annotators {
            let url = try corpus.annotatorFile(id, of: name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            versions.append((name, try AnnotationFile.read(url).document))
            if versions.count == 2 { break }
        }
        guard versions.count == 2 else {
            throw AttestError(
                kind: .notFound,
                "\(id) needs two annotators' versions to curate; it has \(versions.count) (attest assign gives it to two)"
            )
        }
        let gold = try AnnotationEditor.open(id, in: corpus, allowStale: true, forWriting: false)
        let adjudication = Adjudication(
            a: versions[0].document, b: versions[1].document, article: gold.article, header: gold.document.header)
        let recorded = try CurationLog(corpus: corpus).all(document: id)
        let items = adjudication.decisions.map { d -> Item in
            let key = Self.key(d)
            var item = Item(
                key: key, decision: d, aSpan: Self.span(of: d.takeA), bSpan: Self.span(of: d.takeB), taken: nil)
            if let side = recorded[key], Self.holds(side == .a ? d.takeA : d.takeB, in: gold.document) {
                item.taken = side
            }
            return item
        }
        return Curation(id: id, annotators: versions.map(\.name), agreed: adjudication.draft, items: items)
    }

    /// The edits that put the agreed annotation into a gold file that has none (empty otherwise).
    public func startEdits(gold: AnnotationDocument) -> [AnnotationEdit] {
        guard gold.entities.isEmpty && gold.quotes.isEmpty else { return [] }
        return agreed.entities.map { .addEntity($0, index: nil) } + agreed.quotes.map { .addQuote($0, index: nil) }
    }

    /// The decision with `key`, or a not-found error.
    public func item(_ key: String) throws -> Item {
        guard let item = items.first(where: { $0.key == key }) else {
            throw AttestError(kind: .notFound, "\(id) has no decision \(Brief.quoted(key)) (reload the curation)")
        }
        return item
    }

    /// Whether the gold file of `id` has what `edits` add already.
    public static func holdsNow(_ edits: [AnnotationEdit], _ id: String, _ corpus: Corpus) -> Bool {
        // deliberate: a gold file that cannot be read does not hold the side
        guard let gold = try? AnnotationFile.read(corpus.annotationURL(for: id)) else { return false }
        return holds(edits, in: gold.document)
    }

    /// Whether `edits` would change nothing in `document` (what they add is there already).
    static func holds(_ edits: [AnnotationEdit], in document: AnnotationDocument) -> Bool {
        guard !edits.isEmpty else { return true }
        var applier = EditApplier(document: document)
        do {
            _ = try applier.applyAll(edits)
        } catch {
            return true  // an id that is there already: the side is in
        }
        return applier.document == document
    }

    static func key(_ d: Adjudication.Decision) -> String {
        String(SHA256Hex.of(Array("\(d.kind)|\(d.span)|\(d.a)|\(d.b)".utf8)).prefix(16))
    }

    /// Where a side's version is: the first span its edits put in.
    static func span(of edits: [AnnotationEdit]) -> Span? {
        for edit in edits {
            switch edit {
            case .addEntity(let e, _): if let m = e.mentions.first { return m.excerpt.span }
            case .addMention(_, let m, _): return m.excerpt.span
            case .addQuote(let q, _): return q.content.span
            case .setSpeaker(_, let x), .setCue(_, let x): if let x { return x.span }
            default: continue
            }
        }
        return nil
    }
}

/// Which side the curator took of each decision of a document, kept beside its journal.
public struct CurationLog: Sendable {
    struct Line: Codable {
        var key: String
        var side: Curation.Side
    }

    let journal: EditJournal
    static let maxSize = 4 << 20

    public init(corpus: Corpus) { journal = EditJournal(corpus: corpus) }

    public func url(for document: String) -> URL { journal.folder.appendingPathComponent(document + ".curation.jsonl") }

    /// Records `side` for decision `key` (the newest line for a key wins).
    public func record(_ key: String, _ side: Curation.Side, document: String) throws {
        let lock = try journal.lock(document + ".curation")
        defer { lock.release() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let url = url(for: document)
        try AppendOnlyFile.append(
            Array(try encoder.encode(Line(key: key, side: side))), to: url, what: DisplayPath.of(url))
    }

    /// Decision key → the side last recorded.
    public func all(document: String) throws -> [String: Curation.Side] {
        let url = url(for: document)
        if FileBytes.isSymbolicLink(url.path) == true {
            throw AttestError.io("\(DisplayPath.of(url)) is a symbolic link; refusing to read it")
        }
        switch FileBytes.read(url.path, limit: Self.maxSize) {
        case .missing: return [:]
        case .tooLarge(let size):
            throw AttestError.io(
                "\(DisplayPath.of(url)) has \(size) bytes, more than \(Self.maxSize); refusing to read it")
        case .failed(let why): throw AttestError.io("cannot read \(DisplayPath.of(url)): \(why)")
        case .bytes(let bytes):
            var found: [String: Curation.Side] = [:]
            let decoder = JSONDecoder()
            for line in bytes.split(separator: UInt8(ascii: "\n")) {
                // deliberate: a line that does not read leaves its decision open
                if let l = try? decoder.decode(Line.self, from: Data(line)) { found[l.key] = l.side }
            }
            return found
        }
    }
}
