import AttestEditing
import Foundation

extension Agreement {
    /// Agreement between annotation folders of a corpus, as `attest agree` and the studio's agreement
    /// page measure it: each folder read, the articles of documents two or more folders have, the
    /// report, and (when asked) every disagreement of each document between the pair whose figures
    /// it shows (`Report.documentDetails`).
    public static func measure(
        corpus: Corpus, folders: [URL], names: [String], listingDisagreements: Bool
    ) throws -> Report {
        let sets = try folders.map { try Corpus.annotations(in: $0) }
        var seen: [String: Int] = [:]
        for set in sets { for id in set.keys { seen[id, default: 0] += 1 } }
        var articles: [String: ArticleText] = [:]
        for (id, count) in seen.sorted(by: { $0.key < $1.key }) where count > 1 {
            articles[id] = try corpus.article(for: id)
        }
        var report = report(names: names, sets: sets, articles: articles)
        guard !report.documents.isEmpty else {
            throw AttestError("no two folders have a document in common", kind: .notFound)
        }
        if listingDisagreements {
            for (k, d) in report.perDocument.enumerated() {
                let pair = report.pairs[report.documentDetails[k].pair]
                let a = sets[pair.i][d.id]!
                let adjudication = Adjudication(
                    a: a, b: sets[pair.j][d.id]!, article: articles[d.id]!, header: a.header)
                report.disagreements += adjudication.disagreements(document: d.id, article: articles[d.id]!)
            }
        }
        return report
    }

    /// The manifest's annotators (`<annotators>`): their folders and names.
    public static func team(of corpus: Corpus) throws -> (folders: [URL], names: [String]) {
        let names = corpus.annotatorNames
        guard names.count >= 2 else {
            throw AttestError(
                "give two or more annotation folders, or declare them in attest.xml: <annotators><annotator name=\"alice\" annotations=\"annotators/alice\"/>…</annotators>"
            )
        }
        return (try names.map { try corpus.annotatorFolder($0) }, names)
    }
}
