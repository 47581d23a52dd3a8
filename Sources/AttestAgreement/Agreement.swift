import AttestEditing
import Foundation

/// How far annotators agree on the same articles (docs/metrics.md,
/// "Agreement"): F1 between two annotations of mentions (strict, and by
/// overlap of the same type), quotes (exact, and Jaccard ≥ 0.5), the share
/// of matched quotes with the same kind, speaker and cue, and chance-corrected
/// agreement on entity types over tokens: Cohen's κ for two annotators,
/// Fleiss' κ for more.
public enum Agreement {
    /// Agreement figures of one pair (or the average of pairs), by metric.
    /// The figures of a pair of annotators, by name.
    public enum Metric: String, CaseIterable, Sendable, CustomStringConvertible {
        case mentionsStrict = "mentions.strict.f1"
        case mentionsOverlap = "mentions.overlap.f1"
        case entitiesExact = "entities.exact.f1"
        case quotesExact = "quotes.exact.f1"
        case quotesOverlap = "quotes.overlap.f1"
        case kinds = "quotes.kind.agreement"
        case speakers = "quotes.speaker.agreement"
        case cues = "quotes.cue.agreement"
        case kappa = "tokens.cohen-kappa"

        /// The name reports and `--min` use.
        public var description: String { rawValue }
    }

    public struct Pair: Hashable, Sendable {
        /// The metrics' names, in the order of `values`.
        public static let keys = Metric.allCases.map(\.rawValue)
        /// One value per metric, in the order of `Metric.allCases`.
        public var values: [Double]

        public subscript(_ metric: Metric) -> Double { values[Metric.allCases.firstIndex(of: metric)!] }
        public var mentionsStrict: Double { self[.mentionsStrict] }
        public var mentionsOverlap: Double { self[.mentionsOverlap] }
        /// Entities with the same type and the same mention spans.
        public var entitiesExact: Double { self[.entitiesExact] }
        public var quotesExact: Double { self[.quotesExact] }
        public var quotesOverlap: Double { self[.quotesOverlap] }
        /// Over quote pairs matched by overlap (undefined, NaN, when there are none).
        public var kinds: Double { self[.kinds] }
        public var speakers: Double { self[.speakers] }
        public var cues: Double { self[.cues] }
        /// Cohen's κ over tokens for entity types.
        public var kappa: Double { self[.kappa] }
    }

    /// Counts of one pair, pooled over documents before dividing.
    struct Tally {
        var mentionsA = 0, mentionsB = 0, strict = 0, overlap = 0
        var entitiesA = 0, entitiesB = 0, entities = 0
        /// Per type: mentions of A, of B, and agreeing.
        var types: [String: TypeCounts] = [:]
        var quotesA = 0, quotesB = 0, exact = 0, quoteOverlap = 0
        var matchedQuotes = 0, sameKind = 0, sameSpeaker = 0, sameCue = 0
        var labels: [(String, String)] = []

        /// Adds another document's counts (pooling before dividing).
        mutating func add(_ o: Tally) {
            mentionsA += o.mentionsA
            mentionsB += o.mentionsB
            strict += o.strict
            overlap += o.overlap
            entitiesA += o.entitiesA
            entitiesB += o.entitiesB
            entities += o.entities
            for (type, c) in o.types {
                types[type, default: TypeCounts()].a += c.a
                types[type, default: TypeCounts()].b += c.b
                types[type, default: TypeCounts()].agreed += c.agreed
            }
            quotesA += o.quotesA
            quotesB += o.quotesB
            exact += o.exact
            quoteOverlap += o.quoteOverlap
            matchedQuotes += o.matchedQuotes
            sameKind += o.sameKind
            sameSpeaker += o.sameSpeaker
            sameCue += o.sameCue
            labels += o.labels
        }

        /// Undefined (NaN) when neither side marked any: there is nothing to agree on, which is
        /// not perfect agreement (docs/metrics.md, "Undefined agreement").
        static func f1(_ matched: Int, _ a: Int, _ b: Int) -> Double {
            a + b == 0 ? .nan : 2 * Double(matched) / Double(a + b)
        }
        /// Undefined (NaN) when nothing was matched.
        static func share(_ n: Int, _ of: Int) -> Double { of == 0 ? .nan : Double(n) / Double(of) }

        var pair: Pair {
            Pair(values: [
                Self.f1(strict, mentionsA, mentionsB), Self.f1(overlap, mentionsA, mentionsB),
                Self.f1(entities, entitiesA, entitiesB), Self.f1(exact, quotesA, quotesB),
                Self.f1(quoteOverlap, quotesA, quotesB), Self.share(sameKind, matchedQuotes),
                Self.share(sameSpeaker, matchedQuotes), Self.share(sameCue, matchedQuotes), Agreement.cohen(labels),
            ])
        }
    }

    /// Mentions of one type: A's, B's and those both have.
    public struct TypeCounts: Hashable, Sendable {
        public var a = 0
        public var b = 0
        public var agreed = 0
        public var f1: Double { Tally.f1(agreed, a, b) }

        public init(a: Int = 0, b: Int = 0, agreed: Int = 0) {
            self.a = a
            self.b = b
            self.agreed = agreed
        }
    }

    /// Tokens: maximal runs of non-white-space code points. Each is labelled
    /// with the type of the first mention (by start) that covers its first code point, or `O`.
    public static func tokenLabels(_ document: AnnotationDocument, article: ArticleText) -> [String] {
        let text = article.string.unicodeScalars
        var starts: [Int] = []
        var previousSpace = true
        for (i, s) in text.enumerated() {
            let space = s.properties.isWhitespace
            if !space && previousSpace { starts.append(i) }
            previousSpace = space
        }
        var label = [String?](repeating: nil, count: article.count)
        let mentions = document.entities.flatMap { e in e.mentions.map { ($0.span, e.type.name) } }.sorted {
            $0.0 < $1.0
        }
        for (span, type) in mentions {
            for i in max(0, span.start)..<min(span.end, label.count) where label[i] == nil { label[i] = type }
        }
        return starts.map { label[$0] ?? "O" }
    }

    static func tally(_ a: AnnotationDocument, _ b: AnnotationDocument, article: ArticleText, into t: inout Tally) {
        let ma = a.entities.flatMap { e in e.mentions.map { ($0.span, e.type.name) } }
        let mb = b.entities.flatMap { e in e.mentions.map { ($0.span, e.type.name) } }
        t.mentionsA += ma.count
        t.mentionsB += mb.count
        var pool = Dictionary(grouping: mb.indices, by: { "\(mb[$0].0) \(mb[$0].1)" })
        for m in ma {
            if var list = pool["\(m.0) \(m.1)"], !list.isEmpty {
                list.removeFirst()
                pool["\(m.0) \(m.1)"] = list
                t.strict += 1
                t.types[m.1, default: TypeCounts()].agreed += 1
            }
        }
        for m in ma { t.types[m.1, default: TypeCounts()].a += 1 }
        for m in mb { t.types[m.1, default: TypeCounts()].b += 1 }
        // Entities: the same type and the same mention spans.
        func key(_ e: Entity) -> String {
            e.type.name + " " + e.mentions.map(\.span).sorted().map(\.description).joined()
        }
        var entityPool = Dictionary(grouping: b.entities.map(key), by: { $0 }).mapValues(\.count)
        t.entitiesA += a.entities.count
        t.entitiesB += b.entities.count
        for e in a.entities.map(key) where (entityPool[e] ?? 0) > 0 {
            entityPool[e]! -= 1
            t.entities += 1
        }
        // Overlap: one to one, same type, exact pairs first, then the rest in text order.
        var usedB = Set<Int>()
        var usedA = Set<Int>()
        for (i, m) in ma.enumerated() {
            if let j = mb.indices.first(where: { !usedB.contains($0) && mb[$0].0 == m.0 && mb[$0].1 == m.1 }) {
                usedA.insert(i)
                usedB.insert(j)
            }
        }
        for (i, m) in ma.enumerated() where !usedA.contains(i) {
            if let j = mb.indices.first(where: { !usedB.contains($0) && mb[$0].1 == m.1 && mb[$0].0.overlaps(m.0) }) {
                usedA.insert(i)
                usedB.insert(j)
            }
        }
        t.overlap += usedA.count
        t.quotesA += a.quotes.count
        t.quotesB += b.quotes.count
        t.exact += a.quotes.filter { q in b.quotes.contains { $0.content.span == q.content.span } }.count
        var usedQ = Set<Int>()
        for q in a.quotes {
            let best = b.quotes.indices.filter { !usedQ.contains($0) }
                .map { ($0, jaccard(q.content.span, b.quotes[$0].content.span)) }
                .filter { $0.1 >= 0.5 }.max { $0.1 < $1.1 }
            guard let (j, _) = best else { continue }
            usedQ.insert(j)
            let r = b.quotes[j]
            t.quoteOverlap += 1
            t.matchedQuotes += 1
            if q.kind == r.kind { t.sameKind += 1 }
            if q.speaker?.span == r.speaker?.span { t.sameSpeaker += 1 }
            if q.cue?.span == r.cue?.span { t.sameCue += 1 }
        }
        t.labels += zip(tokenLabels(a, article: article), tokenLabels(b, article: article)).map { ($0, $1) }
    }

    static func jaccard(_ a: Span, _ b: Span) -> Double {
        let inter = max(0, min(a.end, b.end) - max(a.start, b.start))
        let union = max(a.end, b.end) - min(a.start, b.start)
        return union == 0 ? 0 : Double(inter) / Double(union)
    }

    /// Cohen's κ = (p_o − p_e) / (1 − p_e); undefined (NaN) when p_e = 1 (both give every token
    /// the same one label) or there are no tokens, as scikit-learn's `cohen_kappa_score` gives NaN.
    public static func cohen(_ pairs: [(String, String)]) -> Double {
        guard !pairs.isEmpty else { return .nan }
        let n = Double(pairs.count)
        let po = Double(pairs.filter { $0.0 == $0.1 }.count) / n
        var ca: [String: Double] = [:]
        var cb: [String: Double] = [:]
        for (a, b) in pairs {
            ca[a, default: 0] += 1
            cb[b, default: 0] += 1
        }
        let pe = ca.reduce(0.0) { $0 + ($1.value / n) * ((cb[$1.key] ?? 0) / n) }
        return pe >= 1 ? .nan : (po - pe) / (1 - pe)
    }

    /// Fleiss' κ over items each labelled by every annotator; undefined (NaN) when chance agreement
    /// is 1 or there are no items.
    public static func fleiss(_ items: [[String]]) -> Double {
        guard let raters = items.first?.count, raters > 1, !items.isEmpty else { return .nan }
        let n = Double(raters)
        var total: [String: Double] = [:]
        var pBar = 0.0
        for item in items {
            var counts: [String: Double] = [:]
            for l in item { counts[l, default: 0] += 1 }
            for (k, v) in counts { total[k, default: 0] += v }
            pBar += (counts.values.reduce(0) { $0 + $1 * $1 } - n) / (n * (n - 1))
        }
        pBar /= Double(items.count)
        let pe = total.values.reduce(0.0) { $0 + pow($1 / (Double(items.count) * n), 2) }
        return pe >= 1 ? .nan : (pBar - pe) / (1 - pe)
    }

    /// One disagreement between the first two sets, for the listing.
    public struct Disagreement: Hashable, Sendable {
        public var document: String
        public var kind: String
        public var a: String
        public var b: String
        /// The article around it, the span marked ⟦…⟧.
        public var context: String

        public init(document: String, kind: String, a: String, b: String, context: String) {
            self.document = document
            self.kind = kind
            self.a = a
            self.b = b
            self.context = context
        }
    }

    /// The report over annotation sets: `sets[k]` maps document id → annotation;
    /// each pair is compared on the documents both have; α_u and Fleiss' κ on
    /// those every set has.
    public struct Report: Sendable {
        public var names: [String]
        public var documents: [String]
        /// (i, j) → figures, for every pair i < j.
        public var pairs: [(i: Int, j: Int, figures: Pair)]
        public var average: Pair
        /// Fleiss' κ over tokens (all sets), when there are more than two.
        public var fleiss: Double?
        /// Per document, the figures of the first pair that has it.
        public var perDocument: [(id: String, figures: Pair)]
        /// Every disagreement of the first pair (filled in by the caller that lists them).
        public var disagreements: [Disagreement] = []
        /// Mentions per type for the first pair.
        public var types: [String: TypeCounts] = [:]
        /// Krippendorff's unitized α over all sets: mentions valued by type, quotes by kind (NaN:
        /// undefined, no expected disagreement).
        public var alphaMentions: Double = .nan
        public var alphaQuotes: Double = .nan
        /// Per pair (aligned with `pairs`): the documents it shares, its α_u, its figures per type.
        public var pairDetails: [PairDetail] = []
        /// Per document (aligned with `perDocument`): the pair whose figures these are, and its α_u.
        public var documentDetails: [DocumentDetail] = []
    }

    /// A pair's figures beyond `Pair`: what the agreement page draws per pair and per type.
    public struct PairDetail: Sendable {
        /// The documents both annotators have, the ones this pair is compared on.
        public var documents: [String]
        /// Krippendorff's unitized α of the two: mentions valued by type, quotes by kind.
        public var alphaMentions: Double
        public var alphaQuotes: Double
        /// Per entity type: mention counts and F1, Cohen's κ of "this type or not" over tokens,
        /// and α_u over this type's mentions alone.
        public var types: [String: TypeFigures]
    }

    /// One entity type's agreement in one pair.
    public struct TypeFigures: Hashable, Sendable {
        public var counts: TypeCounts
        public var kappa: Double
        public var alpha: Double
        public var f1: Double { counts.f1 }
    }

    /// Whose figures a document's are (the first pair that has it) and that pair's α_u of mentions on it.
    public struct DocumentDetail: Hashable, Sendable {
        public var pair: Int
        public var alphaMentions: Double
    }

    public static func report(names: [String], sets: [[String: AnnotationDocument]], articles: [String: ArticleText])
        -> Report
    {
        // Documents every set has (for the figures over all sets: α_u, Fleiss' κ); each pair is
        // compared on the documents the two share (a team annotates a share of documents twice, each
        // by a different pair).
        let ids = sets.dropFirst().reduce(Set(sets.first?.keys.map { $0 } ?? [])) { $0.intersection($1.keys) }
            .filter { articles[$0] != nil }.sorted()
        var pairs: [(Int, Int, Pair)] = []
        var firstTypes: [String: TypeCounts] = [:]
        var perDocument: [String: Pair] = [:]
        var documentDetails: [String: DocumentDetail] = [:]
        var pairDetails: [PairDetail] = []
        var compared: Set<String> = []
        for i in sets.indices {
            for j in sets.indices where j > i {
                var t = Tally()
                let shared = Set(sets[i].keys).intersection(sets[j].keys).filter { articles[$0] != nil }.sorted()
                var alphas = PairAlphas()
                for id in shared {
                    var one = Tally()
                    tally(sets[i][id]!, sets[j][id]!, article: articles[id]!, into: &one)
                    let alpha = alphas.add(sets[i][id]!, sets[j][id]!, length: articles[id]!.count)
                    // Per document, the first pair that shares it.
                    if perDocument[id] == nil {
                        perDocument[id] = one.pair
                        documentDetails[id] = DocumentDetail(pair: pairs.count, alphaMentions: alpha)
                    }
                    t.add(one)
                }
                compared.formUnion(shared)
                pairDetails.append(alphas.detail(documents: shared, tally: t))
                pairs.append((i, j, t.pair))
                if i == 0 && j == 1 { firstTypes = t.types }
            }
        }
        // The average of the pairs where a figure is defined; undefined when it is in none.
        let average = Pair(
            values: Pair.keys.indices.map { k in
                let defined = pairs.map { $0.2.values[k] }.filter { !$0.isNaN }
                return defined.isEmpty ? .nan : defined.reduce(0, +) / Double(defined.count)
            })
        var mentionsAlpha = UnitizedAlpha.Tally()
        var quotesAlpha = UnitizedAlpha.Tally()
        for id in ids {
            let length = articles[id]!.count
            mentionsAlpha.add(
                length: length,
                observers: sets.map { d in
                    d[id]!.entities.flatMap { e in e.mentions.map { (span: $0.span, value: e.type.name) } }
                })
            quotesAlpha.add(
                length: length,
                observers: sets.map { d in d[id]!.quotes.map { (span: $0.content.span, value: $0.kind.rawValue) } })
        }
        var fleissKappa: Double?
        if sets.count > 2 {
            var items: [[String]] = []
            for id in ids {
                let labels = sets.map { tokenLabels($0[id]!, article: articles[id]!) }
                for k in labels[0].indices { items.append(labels.map { $0[k] }) }
            }
            fleissKappa = fleiss(items)
        }
        return Report(
            names: names, documents: compared.sorted(), pairs: pairs.map { (i: $0.0, j: $0.1, figures: $0.2) },
            average: average, fleiss: ids.isEmpty ? nil : fleissKappa,
            perDocument: compared.sorted().map { (id: $0, figures: perDocument[$0]!) }, types: firstTypes,
            alphaMentions: mentionsAlpha.alpha, alphaQuotes: quotesAlpha.alpha, pairDetails: pairDetails,
            documentDetails: compared.sorted().map { documentDetails[$0]! })
    }
}
