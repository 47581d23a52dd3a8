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
        _ extractor: ExtractorChoice, documents: [GoldDocument], jobs: Int, progress: @Sendable (ExtractionProgress) -> Void = { _ in }
    ) -> (predictions: [PredictionDocument], failures: [ExtractorFailure]) {
        let slots = ResultSlots<Result<PredictionDocument, ExtractorFailure>?>(count: documents.count, initial: nil)
        let queue = WorkQueue(count: documents.count)
        let baseline = BaselineExtractor()
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, documents.count))) { _ in
            while let i = queue.next() {
                let g = documents[i]
                let result: Result<PredictionDocument, ExtractorFailure>
                switch extractor {
                case .builtin:
                    if let article = g.loadArticle() {
                        result = .success(baseline.extract(id: g.id, article: article))
                    } else {
                        result = .failure(ExtractorFailure(id: g.id, reason: "cannot read the article \(g.articlePath)", stderrTail: [], seconds: 0))
                    }
                case .command(let e):
                    result = e.run(g)
                }
                slots[i] = result
                var failure: ExtractorFailure?
                if case .failure(let f) = result { failure = f }
                progress(ExtractionProgress(done: queue.finish(), total: documents.count, id: g.id, failure: failure))
            }
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

/// Hands out indices to workers, and counts finished items.
final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var finished = 0
    private let count: Int

    init(count: Int) { self.count = count }

    func next() -> Int? {
        lock.withLock {
            guard nextIndex < count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    func finish() -> Int { lock.withLock { finished += 1; return finished } }
}
