import AttestExtraction

/// The SemEval-2013 task 9.1 outcome counts of one scheme: correct,
/// incorrect, partial, missed and spurious.
public struct Counts: Hashable, Sendable, Codable {
    public var cor = 0
    public var inc = 0
    public var par = 0
    public var mis = 0
    public var spu = 0

    public init(cor: Int = 0, inc: Int = 0, par: Int = 0, mis: Int = 0, spu: Int = 0) {
        self.cor = cor
        self.inc = inc
        self.par = par
        self.mis = mis
        self.spu = spu
    }

    /// POS = COR + INC + PAR + MIS: what the gold standard holds.
    public var possible: Int { cor + inc + par + mis }
    /// ACT = COR + INC + PAR + SPU: what the system produced.
    public var actual: Int { cor + inc + par + spu }

    /// Precision, recall and F1; `partialWeight` is what a partial match is
    /// worth (0.5 for the partial and type schemes, 0 otherwise).
    public func scores(partialWeight: Double) -> PRF {
        let credit = Double(cor) + partialWeight * Double(par)
        let p = actual > 0 ? credit / Double(actual) : 0
        let r = possible > 0 ? credit / Double(possible) : 0
        return PRF(precision: p, recall: r)
    }

    public static func + (a: Counts, b: Counts) -> Counts {
        Counts(cor: a.cor + b.cor, inc: a.inc + b.inc, par: a.par + b.par, mis: a.mis + b.mis, spu: a.spu + b.spu)
    }

    public static func += (a: inout Counts, b: Counts) { a = a + b }
}

/// Precision, recall and their harmonic mean.
public struct PRF: Hashable, Sendable, Codable {
    public var precision: Double
    public var recall: Double
    public var f1: Double

    public init(precision: Double, recall: Double) {
        self.precision = precision
        self.recall = recall
        self.f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    }

    /// From true positives against what was predicted and what was expected.
    public init(truePositives tp: Double, predicted: Int, expected: Int) {
        self.init(
            precision: predicted > 0 ? tp / Double(predicted) : 0, recall: expected > 0 ? tp / Double(expected) : 0)
    }
}

/// True positives over predicted and expected items, for the quote metrics.
public struct Tally: Hashable, Sendable, Codable {
    public var tp = 0
    public var predicted = 0
    public var expected = 0

    public init(tp: Int = 0, predicted: Int = 0, expected: Int = 0) {
        self.tp = tp
        self.predicted = predicted
        self.expected = expected
    }

    public var scores: PRF { PRF(truePositives: Double(tp), predicted: predicted, expected: expected) }

    public static func + (a: Tally, b: Tally) -> Tally {
        Tally(tp: a.tp + b.tp, predicted: a.predicted + b.predicted, expected: a.expected + b.expected)
    }

    public static func += (a: inout Tally, b: Tally) { a = a + b }
}
