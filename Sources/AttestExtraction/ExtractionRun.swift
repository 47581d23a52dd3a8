import AttestCorpus
import Foundation

/// Which extractor `attest run` and `attest check` use.
public enum ExtractorChoice: Sendable {
    /// The built-in rule-based baseline, run in process.
    case builtin
    /// Any program speaking the protocol.
    case command(ExternalExtractor)

    public var name: String {
        switch self {
        case .builtin: "the built-in baseline"
        case .command(let e): Brief.quoted(e.command, limit: 80)
        }
    }
}

/// One finished document, for progress reports.
public struct ExtractionProgress: Sendable {
    public var done: Int
    public var total: Int
    public var id: String
    public var failure: ExtractorFailure?
}

/// Runs an extractor over documents on `jobs` workers; one document's
/// failure never stops the others.
public enum ExtractionRun {
    public static func run(
        _ extractor: ExtractorChoice, documents: [GoldDocument], jobs: Int,
        progress: @Sendable (ExtractionProgress) -> Void = { _ in }
    ) -> (predictions: [PredictionDocument], failures: [ExtractorFailure]) {
        let slots = ResultSlots<Result<PredictionDocument, ExtractorFailure>?>(count: documents.count, initial: nil)
        let baseline = BaselineExtractor()
        ConcurrentMap.forEach(count: documents.count, jobs: jobs) { i in
            let g = documents[i]
            switch extractor {
            case .builtin:
                if let article = g.loadArticle() {
                    slots[i] = .success(baseline.extract(id: g.id, article: article))
                } else {
                    slots[i] = .failure(
                        ExtractorFailure(
                            id: g.id, kind: .launch, reason: "cannot read the article \(g.articlePath)", stderrTail: [],
                            seconds: 0))
                }
            case .command(let e):
                slots[i] = e.run(g)
            }
        } finished: { i, done in
            var failure: ExtractorFailure?
            if case .failure(let f) = slots[i] { failure = f }
            progress(ExtractionProgress(done: done, total: documents.count, id: documents[i].id, failure: failure))
        }
        var predictions: [PredictionDocument] = []
        var failures: [ExtractorFailure] = []
        for slot in slots.values {
            switch slot {
            case .success(let p): predictions.append(p)
            case .failure(let f): failures.append(f)
            case nil: break
            }
        }
        return (predictions, failures)
    }
}
