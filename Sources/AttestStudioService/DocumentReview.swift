import AttestInterop
import Foundation

/// Review mode: one document's prediction scored against its annotation by
/// the same code path as `attest score --errors` (so the counts agree), and
/// every span of either side marked with what became of it.
public struct DocumentReview: Sendable {
    /// One marked span.
    public struct Mark: Hashable, Sendable {
        /// `correct`, `correct-quote`, or a `ScoreError.Kind` raw value.
        public var review: String
        public var span: Span
        /// The gold annotation's id when the span is gold's (`p1`, `p2`… for predicted-only spans).
        public var id: String
        /// What a reader needs: gold and predicted type, texts.
        public var title: String
    }

    public var id: String
    public var score: DocumentScore
    public var marks: [Mark]
    /// Input problems (a dropped type, offsets that look like UTF-16 units): shown, not fatal.
    public var diagnostics: [Diagnostic]

    /// Errors per kind, as `attest score --errors` lists them.
    public var counts: [String: Int] {
        var c: [String: Int] = [:]
        for e in score.errors { c[e.kind.rawValue, default: 0] += 1 }
        return c
    }

    /// Scores `prediction` against document `id` of `corpus`, whatever its status.
    /// Throws with the diagnostics when the prediction cannot be scored.
    public static func make(
        id: String, prediction: PredictionDocument, source: String, corpus: Corpus,
        options: ScoringOptions = ScoringOptions()
    ) throws -> DocumentReview {
        var options = options
        options.collectErrors = true
        let request = ScoreRequest(
            goldFiles: [corpus.annotationURL(for: id)], articles: corpus.articleResolver,
            predictions: .documents([prediction], name: source), options: options,
            declaredTypes: corpus.manifest.types, jobs: 1, statuses: Set(AnnotationStatus.allCases))
        let outcome = try ScoreRun(request).run()
        guard let card = outcome.scorecard, let score = card.documents.first(where: { $0.id == id }) else {
            let errors = outcome.diagnostics.filter { $0.severity == .error }
            throw AttestError(
                "the prediction for \(id) cannot be scored: "
                    + errors.prefix(3).map { "\($0.message) [\($0.rule)]" }.joined(separator: "; "),
                diagnostics: errors)
        }
        let gold = try AnnotationFile.read(corpus.annotationURL(for: id)).document
        return DocumentReview(
            id: id, score: score, marks: marks(gold: gold, prediction: prediction, errors: score.errors),
            diagnostics: outcome.diagnostics)
    }

    static func marks(gold: AnnotationDocument, prediction: PredictionDocument, errors: [ScoreError]) -> [Mark] {
        var mentionIDs: [Span: String] = [:]
        var goldTyped = Set<TypedKey>()
        for e in gold.entities {
            for m in e.mentions {
                if mentionIDs[m.span] == nil { mentionIDs[m.span] = m.id }
                goldTyped.insert(TypedKey(span: m.span, type: e.type.name))
            }
        }
        var quoteIDs: [Span: String] = [:]
        for q in gold.quotes where quoteIDs[q.content.span] == nil { quoteIDs[q.content.span] = q.id }
        var out: [Mark] = []
        var spurious = 0
        func predictedID() -> String {
            spurious += 1
            return "p\(spurious)"
        }
        var goldInError = Set<TypedKey>()
        var quotesInError = Set<String>()
        for e in errors {
            let goldSide = e.gold == nil ? "no gold" : "gold \(e.goldType ?? "") “\(e.goldText ?? "")”"
            let predSide =
                e.predicted == nil
                ? "nothing predicted" : "predicted \(e.predictedType ?? "") “\(e.predictedText ?? "")”"
            let title = "\(e.kind.rawValue): \(goldSide) / \(predSide)"
            switch e.kind {
            case .missed, .type:
                guard let span = e.gold else { continue }
                goldInError.insert(TypedKey(span: span, type: e.goldType ?? ""))
                out.append(
                    Mark(review: e.kind.rawValue, span: span, id: mentionIDs[span] ?? predictedID(), title: title))
            case .spurious:
                guard let span = e.predicted else { continue }
                out.append(Mark(review: e.kind.rawValue, span: span, id: predictedID(), title: title))
            case .boundary, .boundaryType:
                guard let span = e.predicted else { continue }
                if let g = e.gold { goldInError.insert(TypedKey(span: g, type: e.goldType ?? "")) }
                let id = e.gold.flatMap { mentionIDs[$0] } ?? predictedID()
                out.append(Mark(review: e.kind.rawValue, span: span, id: id, title: title))
            case .missedQuote:
                guard let span = e.gold else { continue }
                quotesInError.insert(quoteIDs[span] ?? "")
                out.append(Mark(review: e.kind.rawValue, span: span, id: quoteIDs[span] ?? predictedID(), title: title))
            case .spuriousQuote:
                guard let span = e.predicted else { continue }
                out.append(Mark(review: e.kind.rawValue, span: span, id: predictedID(), title: title))
            case .quoteBoundary:
                guard let span = e.predicted else { continue }
                let id = e.gold.flatMap { quoteIDs[$0] } ?? predictedID()
                quotesInError.insert(id)
                out.append(Mark(review: e.kind.rawValue, span: span, id: id, title: title))
            case .speaker:
                // "speaker of q3": the quote; marked where the wrong or missing speaker is.
                let quote = gold.quotes.first { "speaker of \($0.id)" == e.goldType }
                quotesInError.insert(quote?.id ?? "")
                guard let span = e.predicted ?? e.gold ?? quote?.content.span else { continue }
                out.append(Mark(review: e.kind.rawValue, span: span, id: quote?.id ?? predictedID(), title: title))
            }
        }
        let predictedTyped = Set(prediction.mentions.map { TypedKey(span: $0.span, type: $0.type.name) })
        for e in gold.entities {
            for m in e.mentions {
                let key = TypedKey(span: m.span, type: e.type.name)
                guard predictedTyped.contains(key), !goldInError.contains(key) else { continue }
                out.append(
                    Mark(review: "correct", span: m.span, id: m.id, title: "correct: \(e.type.name) “\(m.text)”"))
            }
        }
        for q in gold.quotes where !quotesInError.contains(q.id) {
            out.append(
                Mark(
                    review: "correct-quote", span: q.content.span, id: q.id, title: "correct: \(q.kind.rawValue) quote")
            )
        }
        return out.sorted { ($0.span.start, $1.span.end, $0.review) < ($1.span.start, $0.span.end, $1.review) }
    }

    struct TypedKey: Hashable {
        var span: Span
        var type: String
    }
}
