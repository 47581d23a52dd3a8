import AttestExtraction

/// The counts behind the headline metrics of one document as a flat vector,
/// so that sums over documents (randomization trials) are plain additions.
/// Layout: per scheme COR, INC, PAR, MIS, SPU; then per type its strict COR,
/// INC, PAR, MIS, SPU and a presence flag; then the quote tallies.
package struct HeadlineCounts {
    let types: [String]
    package var width: Int { 20 + 6 * types.count + 17 }

    package init(types: [String]) { self.types = types.sorted() }

    /// The vector of one document.
    package func vector(_ d: DocumentScore) -> [Double] {
        var v = [Double](repeating: 0, count: width)
        var k = 0
        func put(_ c: Counts) {
            for x in [c.cor, c.inc, c.par, c.mis, c.spu] {
                v[k] = Double(x)
                k += 1
            }
        }
        for scheme in EntityScheme.allCases { put(d.entities.overall[scheme]) }
        for type in types {
            if let c = d.entities.types[type] {
                put(c.strict)
                v[k] = 1
            } else {
                k += 5
            }
            k += 1
        }
        let q = d.quotes
        for t in [q.exact, q.overlap, q.attribution, q.cue, q.speakers] {
            for x in [t.tp, t.predicted, t.expected] {
                v[k] = Double(x)
                k += 1
            }
        }
        v[k] = Double(q.attributed)
        v[k + 1] = Double(q.matched)
        return v
    }

    /// The metrics `names` (those of `Metrics.headline`) from a summed vector.
    package func metrics(_ v: UnsafeBufferPointer<Double>, names: [String]) -> [Double] {
        func counts(_ at: Int) -> Counts {
            Counts(cor: Int(v[at]), inc: Int(v[at + 1]), par: Int(v[at + 2]), mis: Int(v[at + 3]), spu: Int(v[at + 4]))
        }
        let quoteBase = 20 + 6 * types.count
        func tally(_ i: Int) -> PRF {
            let at = quoteBase + 3 * i
            return Tally(tp: Int(v[at]), predicted: Int(v[at + 1]), expected: Int(v[at + 2])).scores
        }
        return names.map { name in
            switch name {
            case "entities.strict.f1": counts(0).scores(partialWeight: EntityScheme.strict.partialWeight).f1
            case "entities.exact.f1": counts(5).scores(partialWeight: EntityScheme.exact.partialWeight).f1
            case "entities.partial.f1": counts(10).scores(partialWeight: EntityScheme.partial.partialWeight).f1
            case "entities.type.f1": counts(15).scores(partialWeight: EntityScheme.type.partialWeight).f1
            case "entities.macro.strict.f1":
                {
                    var sum = 0.0
                    var n = 0
                    for t in types.indices where v[20 + 6 * t + 5] > 0 {
                        sum += counts(20 + 6 * t).scores(partialWeight: 0).f1
                        n += 1
                    }
                    return n > 0 ? sum / Double(n) : 0
                }()
            case "quotes.exact.f1": tally(0).f1
            case "quotes.overlap.f1": tally(1).f1
            case "quotes.attribution.f1": tally(2).f1
            case "quotes.cue.f1": tally(3).f1
            case "quotes.speakers.f1": tally(4).f1
            case "quotes.attribution.accuracy":
                v[quoteBase + 16] > 0 ? v[quoteBase + 15] / v[quoteBase + 16] : 0
            default: .nan
            }
        }
    }
}
