import AttestExtraction

/// Aligns predictions to gold mentions one to one so that the total overlap
/// is as large as possible (ties go to exact boundaries, then to the same
/// type), with the Hungarian method on each group of mutually overlapping
/// spans. Predictions are put in a canonical order first, so the order an
/// extractor wrote them in never changes a score.
public struct OptimalMatcher: Sendable {
    public init() {}

    /// For each prediction, the gold index it is paired with, if any.
    public func align(gold: [TypedSpan], predicted: [TypedSpan]) -> [Int?] {
        var pairing = [Int?](repeating: nil, count: predicted.count)
        guard !gold.isEmpty, !predicted.isEmpty else { return pairing }
        // Canonical order of predictions: by span, then type name, then input order.
        let order = predicted.indices.sorted { a, b in
            let x = predicted[a]
            let y = predicted[b]
            if x.span != y.span { return x.span < y.span }
            if x.type != y.type { return x.type < y.type }
            return a < b
        }
        // Connected groups of overlapping spans (union-find over gold + predictions).
        var parent = Array(0..<(gold.count + predicted.count))
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        var edges: [(p: Int, g: Int)] = []
        for p in order {
            for g in gold.indices where gold[g].span.overlaps(predicted[p].span) {
                edges.append((p, g))
                let a = find(g)
                let b = find(gold.count + p)
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        guard !edges.isEmpty else { return pairing }
        var groups: [Int: (golds: [Int], preds: [Int])] = [:]
        var groupOrder: [Int] = []
        for g in gold.indices {
            let r = find(g)
            if groups[r] == nil { groupOrder.append(r) }
            groups[r, default: ([], [])].golds.append(g)
        }
        for p in order {
            let r = find(gold.count + p)
            if groups[r] == nil { groupOrder.append(r) }
            groups[r, default: ([], [])].preds.append(p)
        }
        for r in groupOrder {
            guard let group = groups[r], !group.golds.isEmpty, !group.preds.isEmpty else { continue }
            let weights = group.preds.map { p in
                group.golds.map { g in Self.weight(gold: gold[g], predicted: predicted[p]) }
            }
            let assignment = Hungarian.maximize(weights)
            for (row, column) in assignment.enumerated() {
                guard let column, weights[row][column] > 0 else { continue }
                pairing[group.preds[row]] = group.golds[column]
            }
        }
        return pairing
    }

    /// Overlap in code points, scaled so that the bonuses (exact boundaries 2,
    /// same type 1) only ever break ties.
    static func weight(gold: TypedSpan, predicted: TypedSpan) -> Int {
        let overlap = gold.span.overlap(with: predicted.span)
        guard overlap > 0 else { return 0 }
        return overlap * 4 + (gold.span == predicted.span ? 2 : 0) + (gold.type == predicted.type ? 1 : 0)
    }

    /// Classifies an alignment under `scheme` (SemEval-2013 definitions).
    public func evaluate(_ scheme: EntityScheme, gold: [TypedSpan], predicted: [TypedSpan], pairing: [Int?])
        -> SchemeResult
    {
        let outcomes = predicted.indices.map { p -> MatchOutcome in
            guard let g = pairing[p] else { return .spurious }
            let sameSpan = gold[g].span == predicted[p].span
            let sameType = gold[g].type == predicted[p].type
            switch scheme {
            case .strict: return sameSpan && sameType ? .correct(gold: g) : .incorrect(gold: g)
            case .exact: return sameSpan ? .correct(gold: g) : .incorrect(gold: g)
            case .partial: return sameSpan ? .correct(gold: g) : .partial(gold: g)
            case .type: return sameType ? .correct(gold: g) : .incorrect(gold: g)
            }
        }
        return SchemeResult(outcomes: outcomes, goldCount: gold.count)
    }
}

/// The Hungarian method (Kuhn–Munkres with potentials) for a rectangular
/// weight matrix: the assignment of rows to columns of maximum total weight.
package enum Hungarian {
    /// For each row, its column (nil where there are more rows than columns).
    package static func maximize(_ weights: [[Int]]) -> [Int?] {
        let rows = weights.count
        let columns = weights.first?.count ?? 0
        guard rows > 0, columns > 0 else { return Array(repeating: nil, count: rows) }
        let n = max(rows, columns)
        let top = weights.joined().max() ?? 0
        // Minimise cost = top - weight on a square matrix padded with `top` (weight 0).
        func cost(_ i: Int, _ j: Int) -> Int { i < rows && j < columns ? top - weights[i][j] : top }
        var u = [Int](repeating: 0, count: n + 1)
        var v = [Int](repeating: 0, count: n + 1)
        var p = [Int](repeating: 0, count: n + 1)  // p[j]: row (1-based) assigned to column j
        var way = [Int](repeating: 0, count: n + 1)
        for i in 1...n {
            p[0] = i
            var j0 = 0
            var minv = [Int](repeating: Int.max, count: n + 1)
            var used = [Bool](repeating: false, count: n + 1)
            repeat {
                used[j0] = true
                let i0 = p[j0]
                var delta = Int.max
                var j1 = 0
                for j in 1...n where !used[j] {
                    let cur = cost(i0 - 1, j - 1) - u[i0] - v[j]
                    if cur < minv[j] {
                        minv[j] = cur
                        way[j] = j0
                    }
                    if minv[j] < delta {
                        delta = minv[j]
                        j1 = j
                    }
                }
                for j in 0...n {
                    if used[j] {
                        u[p[j]] += delta
                        v[j] -= delta
                    } else {
                        minv[j] -= delta
                    }
                }
                j0 = j1
            } while p[j0] != 0
            repeat {
                let j1 = way[j0]
                p[j0] = p[j1]
                j0 = j1
            } while j0 != 0
        }
        var result = [Int?](repeating: nil, count: rows)
        for j in 1...n where p[j] >= 1 && p[j] <= rows && j <= columns { result[p[j] - 1] = j - 1 }
        return result
    }
}
