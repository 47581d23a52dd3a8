import AttestKit
import Foundation

/// Writes predictions for a synthetic corpus: each gold mention and quote is
/// kept, or with 2.5% chance each dropped, shifted by one code point,
/// retyped, or joined by a spurious span; mention texts are included so the
/// scorer checks them against the articles.
func writePredictions(corpus: Corpus, to path: String, seed: UInt64) throws -> Int {
    let handle = FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil
    guard let handle else { throw AttestError("cannot write \(path)") }
    defer { try? handle.close() }  // deliberate: read only
    var rng = SeededGenerator(seed: seed)
    var buffer = ""
    var count = 0
    let generator = SyntheticCorpus()
    for index in 0..<corpus.annotationURLs().count {
        let (_, text, gold) = generator.document(index, seed: seed)
        let article = ArticleText(text)
        var p = PredictionDocument(gold)
        var mentions: [PredictedMention] = []
        for var m in p.mentions {
            let r = Int.random(in: 0..<40, using: &rng)
            switch r {
            case 0: continue
            case 1:
                m.span.end = max(m.span.start + 1, m.span.end - 1)
                m.text = article[m.span]
            case 2: m.type = m.type == .person ? .organization : .person
            case 3:
                let s = Int.random(in: 0..<(article.count - 8), using: &rng)
                mentions.append(PredictedMention(span: Span(s, s + 6), type: .location, text: article[Span(s, s + 6)]))
            default: break
            }
            mentions.append(m)
        }
        p.mentions = mentions
        p.quotes = p.quotes.compactMap { q in
            var q = q
            switch Int.random(in: 0..<40, using: &rng) {
            case 0: return nil
            case 1:
                q.content.span.end -= 1
                q.content.text = article[q.content.span]
            case 2: q.speaker = nil
            default: break
            }
            return q
        }
        buffer += PredictionWriter.line(p)
        count += 1
        if buffer.utf8.count > 1 << 20 {
            handle.write(Data(buffer.utf8))
            buffer = ""
        }
    }
    handle.write(Data(buffer.utf8))
    return count
}

func peakMemoryMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),  // deliberate: Linux only
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return -1 }
    let kb = Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    return kb / 1024
}

func scoreBenchmark(_ options: Options) throws {
    var options = options
    if options.docs == 10_000 && !CommandLine.arguments.contains("--docs") { options.docs = 100_000 }
    let root =
        options.keep.map { URL(fileURLWithPath: $0) }
        ?? FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-score-bench-\(ProcessInfo.processInfo.processIdentifier)")
    defer { if options.keep == nil { try? FileManager.default.removeItem(at: root) } }  // deliberate: cleanup
    let predictions = root.appendingPathComponent("predictions.jsonl").path
    var files: [URL]
    if let existing = reusableCorpus(root), existing.annotationURLs().count == options.docs,
        FileManager.default.fileExists(atPath: predictions)
    {
        files = existing.annotationURLs()
    } else {
        print("generating \(options.docs) documents and predictions in \(root.path) …")
        files = try SyntheticCorpus().write(count: options.docs, to: root, seed: options.seed)
        _ = try writePredictions(corpus: try Corpus.open(root: root), to: predictions, seed: options.seed)
    }
    let corpus = try Corpus.open(root: root)
    let predBytes = fileSize(predictions)
    print(
        "corpus: \(files.count) documents; predictions \(predBytes / 1_000_000) MB of JSON Lines; cores: \(ProcessInfo.processInfo.activeProcessorCount)\n"
    )
    print("| what | seconds | documents/s | µs/document |")
    print("|---|---|---|---|")
    // Warm the page cache for both measurements alike.
    for f in files { _ = FileManager.default.contents(atPath: f.path) }
    let parse = try Validator(corpus: corpus, depth: .parse)
    func best(_ label: String, _ body: () -> Void) -> Double {
        var seconds = Double.infinity
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            seconds = min(seconds, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let rate = Double(files.count) / seconds
        print(
            String(
                format: "| %@, best of 3 | %.2f | %.0f | %.1f |", label, seconds, rate,
                1e6 * seconds / Double(files.count)))
        return rate
    }
    let floor1 = best("libxml2 parse floor: read + parse every gold file, 1 thread") {
        _ = parse.validate(files: files, jobs: 1)
    }
    let floor2 = best("libxml2 parse floor: read + parse every gold file, 2 threads") {
        _ = parse.validate(files: files, jobs: 2)
    }
    // The scoring run itself, each time in a fresh process (cold: nothing
    // cached by an earlier run, and its peak memory is its own); best of 3.
    var outputs: [(rate: Double, text: String)] = []
    for run in 0..<3 {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments =
            ["score-child", "--keep", root.path, "--docs", "\(options.docs)"] + (run == 0 ? [] : ["--quick"])
        let pipe = Pipe()
        child.standardOutput = pipe
        try child.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        child.waitUntilExit()
        if let line = output.split(separator: "\n").first(where: { $0.contains("attest score") }),
            let rate = Double(line.split(separator: "|")[2].trimmingCharacters(in: .whitespaces))
        {
            outputs.append((rate, output))
        }
    }
    guard let fastest = outputs.max(by: { $0.rate < $1.rate }), let first = outputs.first else {
        throw AttestError("the scoring run failed")
    }
    let seconds = Double(files.count) / fastest.rate
    print(
        String(
            format:
                "| **attest score: gold XML + JSONL predictions, checked and scored, 2 threads, cold, best of 3** | %.2f | %.0f | %.1f |",
            seconds, fastest.rate, 1e6 * seconds / Double(files.count)))
    // The first run also measured scoring alone on loaded data, and memory.
    print(first.text.split(separator: "\n").filter { !$0.contains("attest score: gold XML") }.joined(separator: "\n"))
    print(
        String(
            format:
                "\nattest score total time / libxml2 parse floor (2 threads): %.2f× (floor on 1 thread: %.0f documents/s)",
            floor2 / fastest.rate, floor1))
}

/// The measured run: gold XML and JSONL predictions, cold (nothing cached by
/// an earlier run), on both cores, as `attest score --pred predictions.jsonl`.
func scoreChild(_ options: Options) throws {
    guard let keep = options.keep else { throw AttestError("score-child needs --keep DIR") }
    let root = URL(fileURLWithPath: keep)
    let corpus = try Corpus.open(root: root)
    var outcome: ScoreOutcome?
    let files = corpus.annotationURLs()
    _ = try measure("**attest score: gold XML + JSONL predictions, checked and scored, 2 threads**", docs: files.count)
    {
        outcome = try ScoreRun(
            ScoreRequest(
                goldFiles: files, articles: corpus.articleResolver,
                predictions: .jsonLines(root.appendingPathComponent("predictions.jsonl").path),
                options: ScoringOptions(collectErrors: false))
        ).run()
    }
    guard let card = outcome?.scorecard else {
        throw AttestError("scoring failed: \(outcome?.diagnostics.prefix(3) ?? [])")
    }
    print(String(format: "\npeak memory of the scoring process: %.0f MiB", peakMemoryMiB()))
    if CommandLine.arguments.contains("--quick") { return }
    try scoreLoaded(corpus: corpus, predictions: root.appendingPathComponent("predictions.jsonl").path)
    print(
        String(
            format: "figures: entities strict F1 %.4f, quotes overlap F1 %.4f, attribution accuracy %.4f",
            card["entities.strict.f1"] ?? 0, card["quotes.overlap.f1"] ?? 0, card["quotes.attribution.accuracy"] ?? 0))
}

/// Scoring alone, with gold and predictions already in memory: the figure
/// to set beside nervaluate's Evaluator.evaluate() (data loaded).
func scoreLoaded(corpus: Corpus, predictions path: String) throws {
    let (golds, _) = corpus.loadGold()
    var byID: [String: PredictionDocument] = [:]
    try JSONLines.read(path: path) { batch in
        for line in batch {
            let value = try line.bytes.withUnsafeBufferPointer { try JSONParser.parse($0) }
            if case .document(let d) = PredictionDecoder().decode(value) { byID[d.id] = d }
        }
    }
    let pairs = golds.map { ($0.document, byID[$0.id]) }
    let scorer = DocumentScorer(options: ScoringOptions(collectErrors: false))
    for threads in [1, 2] {
        // Best of three runs, as for nervaluate (scripts/bench-nervaluate.py).
        var best = Double.infinity
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            let scores = ConcurrentMap.map(pairs, jobs: threads) { pair in
                scorer.score(gold: pair.0, prediction: pair.1)
            }
            let card = Scorecard(documents: scores, options: scorer.options)
            precondition(card.documents.count == pairs.count)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        print(
            String(
                format:
                    "| attest scoring alone (entities in 4 schemes + per type, quotes), data loaded, %d thread(s), best of 3 | %.2f | %.0f | %.1f |",
                threads, best, Double(pairs.count) / best, 1e6 * best / Double(pairs.count)))
    }
}
