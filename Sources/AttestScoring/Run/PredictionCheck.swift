import AttestExtraction

/// Checks one prediction against its gold document before it is scored:
/// types mapped and undeclared ones left out, every span inside the text,
/// and every given `text` equal to the article at its offsets.
struct PredictionCheck {
    var typeMap: TypeMap
    var declaredTypes: Set<EntityType>

    /// The prediction with its types mapped, and the number of mentions of
    /// each undeclared type that were left out.
    func mapTypes(_ input: PredictionDocument) -> (document: PredictionDocument, dropped: [String: Int]) {
        var doc = input
        var dropped: [String: Int] = [:]
        doc.mentions = []
        for m in input.mentions {
            var mention = m
            if let mapped = typeMap.map(m.type) {
                guard let mapped else { continue }
                mention.type = mapped
            }
            guard declaredTypes.contains(mention.type) else {
                dropped[mention.type.name, default: 0] += 1
                continue
            }
            doc.mentions.append(mention)
        }
        return (doc, dropped)
    }

    /// Spans that lie outside the text (of `length` code points).
    func rangeProblems(_ input: PredictionDocument, length: Int) -> [(field: String, message: String)] {
        var problems: [(field: String, message: String)] = []
        input.forEachSpan { field, span, _ in
            if span.end > length {
                problems.append(
                    ("\(field)", "span \(span) lies outside the text of \(input.id) (\(length) code points)"))
            }
        }
        return problems
    }

    /// Given texts that differ from the article at their offsets, with the reason.
    func textProblems(_ input: PredictionDocument, article: ArticleText) -> [(field: String, message: String)] {
        var problems: [(field: String, message: String)] = []
        input.forEachSpan { field, span, text in
            guard let text, !article.matches(text, at: span),
                let why = OffsetDiagnosis.explain(text: text, span: span, article: article)
            else { return }
            problems.append(("\(field).text", why))
        }
        return problems
    }

    /// Whether any span carries a text to check.
    static func hasTexts(_ input: PredictionDocument) -> Bool {
        var found = false
        input.forEachSpan { _, _, text in found = found || text != nil }
        return found
    }
}
