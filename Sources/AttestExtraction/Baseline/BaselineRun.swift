import AttestCorpus
import Foundation

/// Runs the built-in baseline over corpus documents, on all cores.
public enum BaselineRun {
    /// Predictions for `documents` (gold or draft), in their order.
    public static func extract(_ documents: [GoldDocument]) throws -> [PredictionDocument] {
        let extractor = BaselineExtractor()
        let results = ConcurrentMap.map(documents) { g -> PredictionDocument? in
            guard let article = g.loadArticle() else { return nil }
            return extractor.extract(id: g.id, article: article)
        }
        if let k = results.firstIndex(where: { $0 == nil }) {
            throw AttestError(
                "cannot read the article of \(documents[k].id) (\(DisplayPath.of(path: documents[k].articlePath, relativeTo: FileManager.default.currentDirectoryPath)))"
            )
        }
        return results.map { $0! }
    }
}
