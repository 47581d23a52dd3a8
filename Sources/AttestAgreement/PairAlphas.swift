import AttestEditing

extension Agreement {
    /// One pair's unitized α, added up over the documents the pair shares: of mentions (valued by
    /// type), of quotes (by kind), and per entity type (that type's mentions alone, every other
    /// code point unmarked).
    struct PairAlphas {
        var mentions = UnitizedAlpha.Tally()
        var quotes = UnitizedAlpha.Tally()
        /// Each document's length and the two observers' mentions, for the per-type α_u over all of them.
        var seen: [(length: Int, observers: [[(span: Span, value: String)]])] = []

        /// Adds one document of the pair; returns the pair's α_u of mentions on it alone.
        mutating func add(_ a: AnnotationDocument, _ b: AnnotationDocument, length: Int) -> Double {
            let observers = [a, b].map { d in
                d.entities.flatMap { e in e.mentions.map { (span: $0.span, value: e.type.name) } }
            }
            var one = UnitizedAlpha.Tally()
            one.add(length: length, observers: observers)
            mentions.add(length: length, observers: observers)
            quotes.add(
                length: length,
                observers: [a, b].map { d in d.quotes.map { (span: $0.content.span, value: $0.kind.rawValue) } })
            seen.append((length, observers))
            return one.alpha
        }

        /// The pair's detail, with its per-type κ: Cohen's κ of "this type or not" over the tokens.
        func detail(documents: [String], tally: Tally) -> PairDetail {
            var figures: [String: TypeFigures] = [:]
            for (type, counts) in tally.types {
                // A document where neither marked the type adds its agreement on "not this type".
                var alpha = UnitizedAlpha.Tally()
                for d in seen {
                    alpha.add(length: d.length, observers: d.observers.map { $0.filter { $0.value == type } })
                }
                let binary = tally.labels.map { ($0.0 == type ? type : "", $0.1 == type ? type : "") }
                figures[type] = TypeFigures(
                    counts: counts, kappa: Agreement.cohen(binary), alpha: alpha.alpha)
            }
            return PairDetail(
                documents: documents, alphaMentions: mentions.alpha, alphaQuotes: quotes.alpha, types: figures)
        }
    }
}
