import AttestExtraction

/// The counts of the four schemes.
public struct SchemeCounts: Hashable, Sendable, Codable {
    public var strict = Counts()
    public var exact = Counts()
    public var partial = Counts()
    public var type = Counts()

    public init() {}

    public subscript(scheme: EntityScheme) -> Counts {
        get {
            switch scheme {
            case .strict: strict
            case .exact: exact
            case .partial: partial
            case .type: type
            }
        }
        set {
            switch scheme {
            case .strict: strict = newValue
            case .exact: exact = newValue
            case .partial: partial = newValue
            case .type: type = newValue
            }
        }
    }

    public static func + (a: SchemeCounts, b: SchemeCounts) -> SchemeCounts {
        var r = SchemeCounts()
        for s in EntityScheme.allCases { r[s] = a[s] + b[s] }
        return r
    }
}

/// Entity counts of one document: overall and per type (each type scored
/// on the mentions of that type alone, as nervaluate does).
public struct EntityDocumentScore: Hashable, Sendable, Codable {
    public var overall = SchemeCounts()
    /// Per type name; only types present in the document's gold or predictions.
    public var types: [String: SchemeCounts] = [:]
    /// Gold type → predicted type over the pairs the partial scheme makes
    /// (same boundaries first, else the first overlap, whatever the types);
    /// a missed gold mention counts under predicted `none`, a spurious
    /// prediction under gold `none`.
    public var confusion: [String: [String: Int]] = [:]

    public init() {}

    enum CodingKeys: String, CodingKey { case overall, types, confusion }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        overall = try c.decode(SchemeCounts.self, forKey: .overall)
        types = try c.decode([String: SchemeCounts].self, forKey: .types)
        // Reports of earlier versions have no confusion table.
        confusion = try c.decodeIfPresent([String: [String: Int]].self, forKey: .confusion) ?? [:]
    }

    /// Counts the pairs of one scheme's outcomes into `confusion`.
    mutating func tallyTypes(_ result: SchemeResult, gold: [TypedSpan], predicted: [TypedSpan]) {
        // Counted first by type index in a small list (a document has a handful of types), then
        // added to the table once a cell: two string-keyed lookups a mention cost more than the match.
        var names: [String] = []
        var cells: [(row: Int, column: Int, count: Int)] = []
        func index(_ name: String) -> Int {
            if let k = names.firstIndex(of: name) { return k }
            names.append(name)
            return names.count - 1
        }
        func count(_ row: String, _ column: String) {
            let r = index(row)
            let c = index(column)
            if let k = cells.firstIndex(where: { $0.row == r && $0.column == c }) {
                cells[k].count += 1
            } else {
                cells.append((r, c, 1))
            }
        }
        for (i, outcome) in result.predictions.enumerated() {
            let p = predicted[i].type.name
            switch outcome {
            case .correct(let g), .incorrect(let g), .partial(let g): count(gold[g].type.name, p)
            case .spurious: count("none", p)
            }
        }
        for g in result.missed { count(gold[g].type.name, "none") }
        for cell in cells { confusion[names[cell.row], default: [:]][names[cell.column], default: 0] += cell.count }
    }
}

/// Quote counts of one document.
public struct QuoteDocumentScore: Hashable, Sendable, Codable {
    /// Exact span matches.
    public var exact = Tally()
    /// Matches with a Jaccard index at or above the threshold.
    public var overlap = Tally()
    /// Per quote kind, exact and overlap (see docs/metrics.md).
    public var kinds: [String: KindTally] = [:]
    /// Gold kind → predicted kind (or `none`) over overlap-matched pairs.
    public var confusion: [String: [String: Int]] = [:]
    /// Overlap-matched pairs whose speaker is right, of all overlap-matched pairs.
    public var attributed = 0
    public var matched = 0
    /// End to end: a quote counts when matched and correctly attributed.
    public var attribution = Tally()
    public var cue = Tally()
    /// Who is quoted: gold speaker entities against resolved predicted speakers.
    public var speakers = Tally()

    public init() {}
}

/// Exact and overlap tallies of one quote kind.
public struct KindTally: Hashable, Sendable, Codable {
    public var exact = Tally()
    public var overlap = Tally()

    public init() {}

    public static func + (a: KindTally, b: KindTally) -> KindTally {
        var r = KindTally()
        r.exact = a.exact + b.exact
        r.overlap = a.overlap + b.overlap
        return r
    }
}

/// Everything the scorer found in one document: the counts that add up to
/// the corpus figures, and the errors a person can act on.
public struct DocumentScore: Hashable, Sendable, Codable {
    public var id: String
    /// Whether the extractor gave a prediction for this document.
    public var predicted: Bool
    public var entities: EntityDocumentScore
    public var quotes: QuoteDocumentScore
    public var errors: [ScoreError]

    public init(
        id: String, predicted: Bool, entities: EntityDocumentScore, quotes: QuoteDocumentScore, errors: [ScoreError]
    ) {
        self.id = id
        self.predicted = predicted
        self.entities = entities
        self.quotes = quotes
        self.errors = errors
    }
}

/// One error of an extractor on one document, with context for a reader.
public struct ScoreError: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// A gold mention no prediction touches.
        case missed
        /// A predicted mention that touches no gold mention.
        case spurious
        /// Overlapping, same type, other boundaries.
        case boundary
        /// Same boundaries, other type.
        case type
        /// Overlapping, other boundaries and other type.
        case boundaryType = "boundary+type"
        /// A gold quote no prediction matches.
        case missedQuote = "missed-quote"
        /// A predicted quote that matches no gold quote.
        case spuriousQuote = "spurious-quote"
        /// A quote matched by overlap but not exactly.
        case quoteBoundary = "quote-boundary"
        /// A matched quote attributed to the wrong speaker (or to none).
        case speaker
    }

    public var kind: Kind
    /// The gold span, when there is one.
    public var gold: Span?
    public var goldType: String?
    public var goldText: String?
    /// The predicted span, when there is one.
    public var predicted: Span?
    public var predictedType: String?
    public var predictedText: String?
    /// About 40 code points before and after the span in question.
    public var before: String
    public var after: String
    /// The article's text between `before` and `after` (the gold and the predicted span together).
    public var focus: String

    public init(
        kind: Kind, gold: Span? = nil, goldType: String? = nil, goldText: String? = nil, predicted: Span? = nil,
        predictedType: String? = nil, predictedText: String? = nil, before: String = "", after: String = "",
        focus: String = ""
    ) {
        self.kind = kind
        self.gold = gold
        self.goldType = goldType
        self.goldText = goldText
        self.predicted = predicted
        self.predictedType = predictedType
        self.predictedText = predictedText
        self.before = before
        self.after = after
        self.focus = focus
    }
}
