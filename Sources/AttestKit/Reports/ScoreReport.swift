import Foundation

/// The JSON form of a scoring run (`--json FILE`), documented in
/// docs/metrics.md. It keeps the per-document counts, so runs can be
/// re-read, merged (`attest merge`), compared (`attest compare`) and used as
/// a baseline; every figure is recomputed from those counts when read.
public struct ScoreReport: Codable, Sendable {
    public static let formatName = "attest-score/1"

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
    public var documents: [DocumentScore]
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
        case format, matching, overlap, bootstrap, metrics, intervals, entities, quotes, gates, documents
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

    public func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
        } catch {
            throw AttestError("the JSON report cannot be written: \(error)")
        }
    }

    /// Reads a report written by `--json`; errors name the file.
    public static func read(_ path: String) throws -> ScoreReport {
        guard case .bytes(let bytes) = FileBytes.read(path) else { throw AttestError("cannot read \(path)") }
        do {
            let report = try JSONDecoder().decode(ScoreReport.self, from: Data(bytes))
            guard report.format == formatName else {
                throw AttestError("\(path) is a \(report.format) report; this attest reads \(formatName)")
            }
            return report
        } catch let error as AttestError {
            throw error
        } catch let DecodingError.keyNotFound(key, context) {
            throw AttestError(
                "\(path) is not an attest score report: \(Self.path(context.codingPath + [key])) is missing")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw AttestError(
                "\(path) is not an attest score report: \(Self.path(context.codingPath)): \(context.debugDescription)")
        } catch let DecodingError.dataCorrupted(context) {
            throw AttestError(
                "\(path) is not valid JSON: \(context.debugDescription) \(context.underlyingError.map { "\($0)" } ?? "")"
            )
        } catch {
            throw AttestError("\(path) cannot be read as an attest score report: \(error)")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingCharacters(
            in: CharacterSet(charactersIn: "."))
    }
}
