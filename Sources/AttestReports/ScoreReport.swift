import AttestScoring
import Foundation

/// The JSON form of a scoring run (`--json FILE`), documented in
/// docs/metrics.md. It keeps the per-document counts, so runs can be
/// re-read, merged (`attest merge`), compared (`attest compare`) and used as
/// a baseline; every figure is recomputed from those counts when read.
///
/// One JSON object, compact, written and read a line at a time: the first
/// line holds every summary field and opens `"documents":[`; then one line
/// per document; the last line closes both. So a run of 100,000 documents is
/// written without building the whole text in memory, and a baseline is read
/// from its first line.
public struct ScoreReport: Codable, Sendable {
    public static let formatName = "attest-score/2"
    /// The pretty-printed single-block form of earlier versions, still read.
    static let legacyFormatName = "attest-score/1"

    public var format: String
    public var matching: MatchingMode
    public var overlap: Double
    public var documentCount: Int
    public var bootstrap: Bootstrap?
    public var metrics: [String: Double]
    public var intervals: [String: Interval]
    public var entities: [String: CountsRow]
    public var entityTypes: [String: [String: CountsRow]]
    public var quotes: QuoteDocumentScore
    public var gates: [GateResult]
    public var gatesPassed: Bool
    /// Written and read line by line, outside the coding keys.
    public var documents: [DocumentScore] = []
    /// Files left out for their status (absent in reports of older versions).
    public var skipped: [SkippedDocument]?
    /// Documents the extractor failed on (absent in reports of older versions).
    public var extractorFailures: [ExtractorFailure]?
    /// Gold type → predicted type (`none`: missed or spurious), summed.
    public var entityConfusion: [String: [String: Int]]?
    /// The shard scored, if the run scored one.
    public var shard: Shard?
    /// The fingerprint of the gold set (`GoldSet.fingerprint`).
    public var goldSet: String?

    enum CodingKeys: String, CodingKey {
        case format, matching, overlap, bootstrap, metrics, intervals, entities, quotes, gates
        case documentCount = "document_count"
        case entityTypes = "entity_types"
        case gatesPassed = "gates_passed"
        case skipped
        case extractorFailures = "extractor_failures"
        case shard
        case goldSet = "gold_set"
        case entityConfusion = "entity_confusion"
    }

    /// One scheme's counts with its figures.
    public struct CountsRow: Codable, Sendable, Hashable {
        public var cor, inc, par, mis, spu, possible, actual: Int
        public var precision, recall, f1: Double

        init(_ c: Counts, _ prf: PRF) {
            cor = c.cor
            inc = c.inc
            par = c.par
            mis = c.mis
            spu = c.spu
            possible = c.possible
            actual = c.actual
            precision = prf.precision
            recall = prf.recall
            f1 = prf.f1
        }
    }

    public init(_ card: Scorecard, gates: [GateResult] = []) {
        format = Self.formatName
        matching = card.options.matching
        overlap = card.options.overlap
        documentCount = card.documents.count
        bootstrap = card.bootstrap
        metrics = card.metrics
        intervals = card.intervals
        var rows: [String: CountsRow] = [:]
        var typeRows: [String: [String: CountsRow]] = [:]
        for scheme in EntityScheme.allCases {
            let w = scheme.partialWeight
            rows[scheme.rawValue] = CountsRow(
                card.totals.entities[scheme], card.totals.entities[scheme].scores(partialWeight: w))
            for (type, counts) in card.totals.entityTypes {
                typeRows[type, default: [:]][scheme.rawValue] = CountsRow(
                    counts[scheme], counts[scheme].scores(partialWeight: w))
            }
        }
        entities = rows
        entityTypes = typeRows
        quotes = card.totals.quotes
        self.gates = gates
        gatesPassed = gates.allSatisfy(\.passed)
        documents = card.documents
        skipped = card.skipped
        extractorFailures = card.failures
        shard = card.shard
        goldSet = card.goldSet
        entityConfusion = card.totals.entityConfusion
    }

    /// The scorecard behind the report, rebuilt from its documents.
    public var scorecard: Scorecard {
        var card = Scorecard(
            documents: documents, options: ScoringOptions(matching: matching, overlap: overlap), bootstrap: bootstrap,
            skipped: skipped ?? [], failures: extractorFailures ?? [])
        card.shard = shard
        card.goldSet = goldSet
        return card
    }

    /// The whole report as text (what `write(to:)` streams to a file).
    public func encoded() throws -> String {
        var out: [UInt8] = []
        try stream { out.append(contentsOf: $0) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes the report atomically, a batch of documents at a time,
    /// encoding each batch on `jobs` threads.
    public func write(to url: URL, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        try AtomicFile.stream(to: url) { sink in try stream(jobs: jobs, sink) }
    }

    private func stream(jobs: Int = 1, _ sink: ([UInt8]) throws -> Void) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var head: [UInt8]
        do {
            head = Array(try encoder.encode(self))
        } catch {
            throw AttestError("the JSON report cannot be written: \(error)")
        }
        // `{…}` becomes `{…,"documents":[`.
        head.removeLast()
        try sink(head + Array(",\"documents\":[\n".utf8))
        let batch = 2_000
        for first in stride(from: 0, to: documents.count, by: batch) {
            let slice = Array(documents[first..<min(first + batch, documents.count)])
            let last = first + slice.count == documents.count
            let chunks = ConcurrentMap.map(Array(stride(from: 0, to: slice.count, by: 250)), jobs: jobs) {
                start -> Result<[UInt8], AttestError> in
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                var out: [UInt8] = []
                out.reserveCapacity(250 * 2_048)  // a document without errors writes about 1.7 KB
                for k in start..<min(start + 250, slice.count) {
                    if slice[k].errors.isEmpty {
                        DocumentScoreJSON.append(slice[k], to: &out)
                    } else {
                        do {
                            out.append(contentsOf: try encoder.encode(slice[k]))
                        } catch {
                            return .failure(
                                AttestError("the JSON report cannot be written: document \(slice[k].id): \(error)"))
                        }
                    }
                    out.append(contentsOf: last && k == slice.count - 1 ? [0x0A] : [0x2C, 0x0A])
                }
                return .success(out)
            }
            for chunk in chunks { try sink(chunk.get()) }
        }
        try sink(Array("]}\n".utf8))
    }
}
