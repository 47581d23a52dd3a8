import AttestKit
import Foundation

/// `attest-bench phases --keep DIR`: where one thread's time goes when
/// scoring, phase by phase, on the documents of an existing score benchmark.
func phaseBenchmark(_ options: Options) throws {
    guard let keep = options.keep else { throw AttestError("phases needs --keep DIR of a score benchmark") }
    let root = URL(fileURLWithPath: keep)
    let corpus = try Corpus.open(root: root)
    let files = Array(corpus.annotationURLs().prefix(options.docs))
    var lines: [JSONLine] = []
    try JSONLines.read(path: root.appendingPathComponent("predictions.jsonl").path) { batch in
        if lines.count < files.count { lines.append(contentsOf: batch.prefix(files.count - lines.count)) }
    }
    let n = files.count
    print("| phase (1 thread) | seconds | µs/document |")
    print("|---|---|---|")
    func phase(_ label: String, _ body: () throws -> Void) rethrows {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        let s = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print(String(format: "| %@ | %.2f | %.1f |", label, s, 1e6 * s / Double(n)))
    }
    var values: [JSONValue] = []
    try phase("JSON parse of the prediction line") {
        values = try lines.map { line in try line.bytes.withUnsafeBufferPointer { try JSONParser.parse($0) } }
    }
    var predictions: [PredictionDocument] = []
    phase("decode into PredictionDocument") {
        predictions = values.compactMap {
            if case .document(let d) = PredictionDecoder().decode($0) { return d } else { return nil }
        }
    }
    var fast: [PredictionDocument?] = []
    phase("fast path: bytes straight to PredictionDocument") {
        fast = lines.map { line in line.bytes.withUnsafeBufferPointer { FastPredictionDecoder.decode($0) } }
    }
    // Lines the fast path declines (escapes) go to the full parser in `attest score`.
    precondition(zip(fast, predictions).allSatisfy { $0.0 == nil || $0.0 == $0.1 })
    let declined = fast.filter { $0 == nil }.count
    if declined > 0 { print("(\(declined) of \(n) lines left to the full parser)") }
    let parseOnly = try Validator(corpus: corpus, depth: .parse)
    phase("gold: read + libxml2 parse only (the floor)") { _ = parseOnly.validate(files: files, jobs: 1) }
    var golds: [GoldDocument] = []
    phase("gold: read + libxml2 tree + model (validate, export)") {
        golds = GoldSet.load(files: files, articles: corpus.articleResolver, jobs: 1).documents
    }
    phase("gold: read + libxml2 SAX2 straight to the model (score)") {
        golds = GoldSet.load(files: files, articles: corpus.articleResolver, jobs: 1, streaming: true).documents
    }
    var articles: [ArticleText] = []
    phase("article: read + code-point index") { articles = golds.map { $0.loadArticle()! } }
    phase("text checks (matches)") {
        var bad = 0
        for (p, a) in zip(predictions, articles) {
            for m in p.mentions where !(m.text.map { a.matches($0, at: m.span) } ?? true) { bad += 1 }
        }
        precondition(bad == 0)
    }
    let scorer = DocumentScorer(options: ScoringOptions(collectErrors: false))
    var scores: [DocumentScore] = []
    phase("scoring (4 schemes overall and per type, quotes)") {
        scores = zip(golds, predictions).map { scorer.score(gold: $0.document, prediction: $1) }
    }
    phase("totals and metrics") { _ = Scorecard(documents: scores, options: scorer.options) }
}
