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
        doc.mentions.reserveCapacity(input.mentions.count)
        // What each type becomes (nil: left out), decided once a type: a document has a handful of
        // types and dozens of mentions, and each decision hashed the type's name twice.
        var decided: [(type: EntityType, becomes: EntityType?)] = []
        for m in input.mentions {
            var mention = m
            let becomes: EntityType?
            if let known = decided.first(where: { $0.type == m.type }) {
                becomes = known.becomes
            } else {
                var target: EntityType? = m.type
                if let mapped = typeMap.map(m.type) { target = mapped }
                if let t = target, !declaredTypes.contains(t) { target = nil }
                decided.append((m.type, target))
                becomes = target
            }
            guard let becomes else {
                // Dropped by the map (`--map X=-`) is no undeclared type; an undeclared one is counted.
                if let mapped = typeMap.map(m.type), mapped == nil { continue }
                let type = typeMap.map(m.type).flatMap { $0 } ?? m.type
                dropped[type.name, default: 0] += 1
                continue
            }
            mention.type = becomes
            doc.mentions.append(mention)
        }
        return (doc, dropped)
    }

    /// Spans that lie outside the text (of `length` code points).
    /// `article`: read only when a span lies outside, to say whether it fits the text as UTF-8
    /// bytes or UTF-16 units (the usual cause), with the span in code points.
    func rangeProblems(_ input: PredictionDocument, length: Int, article: () -> ArticleText?)
        -> [(field: String, message: String)]
    {
        var problems: [(field: String, message: String)] = []
        var loaded: ArticleText??
        input.forEachSpan { field, span, text in
            guard span.end > length else { return }
            var message = "span \(span) lies outside the text of \(input.id) (\(length) code points)"
            if loaded == nil { loaded = .some(article()) }
            if let a = loaded ?? nil, let units = Self.unitDiagnosis(span, text: text, article: a) {
                message += "; " + units
            }
            problems.append(("\(field)", message))
        }
        return problems
    }

    /// Whether `span` is the text in UTF-8 bytes or UTF-16 units: both ends on character
    /// boundaries, and the given text there when there is one.
    static func unitDiagnosis(_ span: Span, text: String?, article: ArticleText) -> String? {
        if span.end <= article.utf8.count, let s = article.scalarOffset(ofByte: span.start),
            let e = article.scalarOffset(ofByte: span.end), s < e, text.map({ article[Span(s, e)] == $0 }) ?? true
        {
            return
                "it fits the article as UTF-8 byte offsets: in code points it is [\(s),\(e)) \(Brief.quoted(article[Span(s, e)], limit: 40))"
        }
        if let (s, e) = OffsetDiagnosis.utf16(span, article), s < e, text.map({ article[Span(s, e)] == $0 }) ?? true {
            return
                "it fits the article as UTF-16 code units (JavaScript, Java, C#): in code points it is [\(s),\(e)) \(Brief.quoted(article[Span(s, e)], limit: 40))"
        }
        return nil
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
