import AttestExtraction
import Foundation

/// Reads gold and predictions, checks every prediction, and scores.
/// Predictions stream in batches; each batch is decoded, checked and scored
/// on all cores, so memory holds the gold set and one batch.
public struct ScoreRun: Sendable {
    public var request: ScoreRequest

    public init(_ request: ScoreRequest) { self.request = request }

    /// What became of one prediction (or of one gold document without one).
    private struct Item: Sendable {
        var id: String?
        /// The gold document's place in `Gold.ids`, when the prediction is one of the run's.
        var gold: Int?
        var score: DocumentScore?
        var diagnostics: [Diagnostic] = []
        var dropped: [String: Int] = [:]
        var skipped: SkippedDocument?
        /// The size of its gold file, as read.
        var goldSize: Int?
    }

    /// What the run has gathered so far: each predicted document once, its
    /// score or why it was skipped, and every diagnostic.
    private struct Tally {
        /// The line each gold document was first predicted at, by its place in `Gold.ids` (0: not yet),
        /// so that the serial step between batches hashes no id (the workers have found each place).
        var firstLines: [Int]
        var scores: [DocumentScore] = []
        var diagnostics: [Diagnostic] = []
        var dropped: [String: Int] = [:]
        var skipped: [SkippedDocument] = []
        /// Sizes of the gold files read, by place.
        var goldSizes: [Int?]

        init(goldCount: Int) {
            firstLines = Array(repeating: 0, count: goldCount)
            goldSizes = Array(repeating: nil, count: goldCount)
        }

        /// Takes a batch's items in order; a document predicted twice is an error at its second line.
        mutating func collect(_ items: [Item], file: String, lines: [Int]) {
            for (k, item) in items.enumerated() {
                diagnostics.append(contentsOf: item.diagnostics)
                for (t, n) in item.dropped { dropped[t, default: 0] += n }
                guard let id = item.id, let place = item.gold else { continue }
                if let size = item.goldSize { goldSizes[place] = size }
                let first = firstLines[place]
                if first != 0 {
                    diagnostics.append(
                        Diagnostic(
                            file: file, location: SourceLocation(line: lines[k], column: 1),
                            message: "document \(id) is predicted again (first at line \(first)); each document once",
                            rule: PredictionRules.duplicate.id))
                    continue
                }
                firstLines[place] = lines[k]
                if let s = item.score { scores.append(s) }
                if let s = item.skipped { skipped.append(s) }
            }
        }
    }

    /// The gold documents of the run (the shard's, if one is scored), by id.
    private struct Gold: Sendable {
        /// The run's gold documents: their ids and paths, and each id's place in both.
        var ids: [String]
        var paths: [String]
        var places: [String: Int]
        /// Each place's file, by its index in the request's gold files.
        var files: [Int]
        /// Every gold id, the shards' included.
        var allIDs: Set<String>
    }

    public func run() throws -> ScoreOutcome {
        let cwd = FileManager.default.currentDirectoryPath
        // Gold files are read when their prediction arrives, by the worker
        // that scores it: memory holds one batch, not the gold set.
        var gold = Gold(ids: [], paths: [], places: [:], files: [], allIDs: [])
        gold.ids.reserveCapacity(request.goldFiles.count)
        gold.paths.reserveCapacity(request.goldFiles.count)
        gold.places.reserveCapacity(request.goldFiles.count)
        gold.allIDs.reserveCapacity(request.goldFiles.count)
        // Each URL's path made once, on every core (10,000 of them took 10 ms of one core).
        let goldPaths = ConcurrentMap.map(request.goldFiles, jobs: request.jobs) { url in
            let path = url.path
            return (path, Self.stem(path))
        }
        for (file, (path, id)) in goldPaths.enumerated() {
            gold.allIDs.insert(id)
            guard request.shard?.contains(id) ?? true else { continue }
            if let place = gold.places[id] {
                // Two files of one stem: the last one, as the run always took.
                gold.paths[place] = path
                gold.files[place] = file
                continue
            }
            gold.places[id] = gold.ids.count
            gold.ids.append(id)
            gold.paths.append(path)
            gold.files.append(file)
        }
        let sourceName = request.predictions.displayName(workingDirectory: cwd)
        var tally = Tally(goldCount: gold.ids.count)
        try readPredictions(into: &tally, gold: gold, sourceName: sourceName, cwd: cwd)
        if case .jsonLines = request.predictions {
            tally.diagnostics = Self.notJSONLines(tally.diagnostics, file: sourceName)
        }
        tally.diagnostics += Self.droppedTypes(tally.dropped, file: sourceName)
        scoreUnpredicted(into: &tally, gold: gold, file: sourceName)
        if tally.diagnostics.contains(where: { $0.severity == .error }) {
            return ScoreOutcome(scorecard: nil, diagnostics: tally.diagnostics)
        }
        var card = Scorecard(
            documents: tally.scores, options: request.options, bootstrap: request.bootstrap, skipped: tally.skipped,
            progress: request.bootstrapProgress)
        card.shard = request.shard
        var sizes = [Int?](repeating: nil, count: goldPaths.count)
        for (place, file) in gold.files.enumerated() { sizes[file] = tally.goldSizes[place] }
        card.goldSet = GoldSet.fingerprint(paths: goldPaths.map(\.0), sizes: sizes)
        return ScoreOutcome(scorecard: card, diagnostics: tally.diagnostics)
    }

    /// Reads, checks and scores every prediction, from whichever source the request names.
    private func readPredictions(into tally: inout Tally, gold: Gold, sourceName: String, cwd: String) throws {
        switch request.predictions {
        case .jsonLines(let path):
            try JSONLines.read(path: path) { batch in
                let items = self.perWorker(batch) { line, reader -> Item in
                    switch PredictionLineReader.read(line, file: sourceName) {
                    case .problems(let problems): return Item(diagnostics: problems)
                    case .document(let doc):
                        return self.process(doc, file: sourceName, line: line.number, gold: gold, reader: reader)
                    }
                }
                tally.collect(items, file: sourceName, lines: batch.map(\.number))
            }
        case .annotations(let folder):
            let urls = Corpus.files(in: folder, ext: "xml")
            // Prediction files name the gold's article; theirs is not read.
            let (docs, problems) = GoldSet.load(files: urls, articles: nil, jobs: request.jobs)
            tally.diagnostics.append(contentsOf: problems)
            let items = self.perWorker(docs) { doc, reader -> Item in
                let name = DisplayPath.of(path: FileBytes.join(cwd, doc.path), relativeTo: cwd)
                let header = doc.document.header
                var item = self.process(
                    PredictionDocument(doc.document), file: name, line: header.origin?.line ?? 1, gold: gold,
                    reader: reader)
                if header.status != .prediction {
                    item.diagnostics.append(
                        Diagnostic(
                            file: name, location: header.origin ?? .start, severity: .warning,
                            message:
                                "status is \(header.status.rawValue), not prediction; scored as a prediction all the same",
                            rule: PredictionRules.field.id))
                }
                return item
            }
            tally.collect(items, file: DisplayPath.of(folder), lines: docs.map { $0.document.header.origin?.line ?? 1 })
        case .documents(let docs, let name):
            let items = self.perWorker(Array(docs.enumerated())) { pair, reader in
                self.process(pair.element, file: name, line: pair.offset + 1, gold: gold, reader: reader)
            }
            tally.collect(items, file: name, lines: docs.indices.map { $0 + 1 })
        }
    }

    /// A file none of whose lines is JSON was not JSON Lines at all (another tool's format, taken
    /// for JSON Lines): one error that says so and names `--pred-format`, not one per line.
    static func notJSONLines(_ diagnostics: [Diagnostic], file: String) -> [Diagnostic] {
        guard diagnostics.count > 1, diagnostics.allSatisfy({ $0.rule == PredictionRules.syntax.id }),
            let first = diagnostics.first
        else { return diagnostics }
        return [
            Diagnostic(
                file: first.file, location: first.location,
                message:
                    "\(file) is not JSON Lines: none of its \(diagnostics.count) lines is JSON (line \(first.location.line): \(first.message)); if it is another tool's output, name it with --pred-format brat, conll, labelstudio, doccano or spacy",
                rule: PredictionRules.syntax.id)
        ]
    }

    /// One note per undeclared predicted type that was left out.
    private static func droppedTypes(_ dropped: [String: Int], file: String) -> [Diagnostic] {
        dropped.sorted(by: { $0.key < $1.key }).map { type, n in
            Diagnostic(
                file: file, severity: PredictionRules.undeclaredType.severity,
                message:
                    "\(n) predicted mention(s) of type \(type), which the corpus does not declare, were left out; "
                    + "map it with --map \(type)=TYPE or drop it with --map \(type)=-",
                rule: PredictionRules.undeclaredType.id)
        }
    }

    /// Gold documents with no prediction are scored as empty (files of other
    /// statuses are only listed as skipped), and named in one diagnostic.
    private func scoreUnpredicted(into tally: inout Tally, gold: Gold, file: String) {
        let unpredicted = tally.firstLines.indices.filter { tally.firstLines[$0] == 0 }.sorted {
            gold.ids[$0] < gold.ids[$1]
        }
        guard !unpredicted.isEmpty else { return }
        let scorer = DocumentScorer(options: request.options)
        let collectErrors = request.options.collectErrors
        let empties = self.perWorker(unpredicted) { place, reader -> Item in
            let id = gold.ids[place]
            switch reader.load(gold.paths[place]) {
            case .failure(let problem): return Item(diagnostics: problem.diagnostics)
            case .success(let g):
                let status = g.document.header.status
                guard self.request.statuses.contains(status) else {
                    return Item(id: id, skipped: SkippedDocument(id: id, status: status), goldSize: g.fileSize)
                }
                let article = collectErrors ? g.loadArticle() : nil
                return Item(
                    id: id, score: scorer.score(gold: g.document, prediction: nil, article: article),
                    goldSize: g.fileSize)
            }
        }
        var missing: [String] = []
        for (item, place) in zip(empties, unpredicted) {
            if let size = item.goldSize { tally.goldSizes[place] = size }
            tally.diagnostics.append(contentsOf: item.diagnostics)
            if let s = item.score {
                tally.scores.append(s)
                missing.append(s.id)
            }
            if let s = item.skipped { tally.skipped.append(s) }
        }
        guard !missing.isEmpty else { return }
        let list =
            missing.prefix(10).joined(separator: ", ") + (missing.count > 10 ? ", … (\(missing.count) in all)" : "")
        tally.diagnostics.append(
            Diagnostic(
                file: file, severity: request.requireAll ? .error : .warning,
                message: "\(missing.count) gold document(s) have no prediction and are scored as empty: \(list)",
                rule: PredictionRules.missing.id))
    }

    /// Maps `items` on the request's workers, each with its own gold reader, keeping their order.
    private func perWorker<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T, GoldSet.Reader) -> R)
        -> [R]
    {
        let texts = request.options.collectErrors
        let articles = request.articles
        return ConcurrentMap.map(
            items, jobs: request.jobs, state: { GoldSet.Reader(texts: texts, articles: articles) }, transform)
    }

    static func stem(_ path: String) -> String {
        let name = FileBytes.lastComponent(of: path)
        return name.hasSuffix(".xml") ? String(name.dropLast(4)) : name
    }

    /// Maps types, checks the prediction against its gold document and article, and scores it.
    private func process(
        _ input: PredictionDocument, file: String, line: Int, gold: Gold, reader: GoldSet.Reader
    ) -> Item {
        var item = Item()
        let at = SourceLocation(line: line, column: 1)
        guard let place = gold.places[input.id] else {
            let allIDs = gold.allIDs
            if allIDs.contains(input.id) { return item }  // another shard's document
            let known = allIDs.count <= 5 ? allIDs.sorted().joined(separator: ", ") : "\(allIDs.count) documents"
            item.diagnostics.append(
                Diagnostic(
                    file: file, location: at,
                    message: "id: unknown document \(Brief.quoted(input.id)); the gold set has \(known)",
                    rule: PredictionRules.unknownDocument.id))
            return item
        }
        item.id = input.id
        item.gold = place
        let goldPath = gold.paths[place]
        let g: GoldDocument
        switch reader.load(goldPath) {
        case .failure(let problem):
            item.diagnostics.append(contentsOf: problem.diagnostics)
            return item
        case .success(let loaded): g = loaded
        }
        item.goldSize = g.fileSize
        // Not part of the gold set (a draft, say): listed, not scored.
        guard request.statuses.contains(g.document.header.status) else {
            item.skipped = SkippedDocument(id: input.id, status: g.document.header.status)
            return item
        }
        let check = PredictionCheck(typeMap: request.typeMap, declaredTypes: request.declaredTypes)
        let (doc, dropped) = check.mapTypes(input)
        item.dropped = dropped
        // Ranges against the header's length, then texts against the article.
        for (field, message) in check.rangeProblems(input, length: g.document.header.length, article: g.loadArticle) {
            item.diagnostics.append(
                Diagnostic(file: file, location: at, message: "\(field): \(message)", rule: PredictionRules.range.id))
        }
        var article: ArticleText?
        if request.options.collectErrors || PredictionCheck.hasTexts(input) {
            article = g.loadArticle()
            if let article {
                for (field, message) in check.textProblems(input, article: article) {
                    item.diagnostics.append(
                        Diagnostic(
                            file: file, location: at, message: "\(field): \(message)", rule: PredictionRules.text.id))
                }
            } else {
                item.diagnostics.append(
                    Diagnostic(
                        file: file, location: at,
                        message: "cannot read the article of \(input.id) to check the predicted texts",
                        rule: FileCheck.unreadable.id))
            }
        }
        guard item.diagnostics.isEmpty else { return item }
        // Offsets in the wrong units pass the checks above when no text is given.
        if let article = article ?? g.article, let suspicion = OffsetUnitsCheck.suspect(input, article: article) {
            let e = suspicion.example
            item.diagnostics.append(
                Diagnostic(
                    file: file, location: at, severity: PredictionRules.offsetUnits.severity,
                    message:
                        "offsets of \(input.id) look like \(suspicion.units.rawValue), not code points: of \(suspicion.considered) span(s) "
                        + "after non-ASCII text, \(suspicion.considered - suspicion.cleanAsCodePoints) cut a word as code points, "
                        + "\(suspicion.cleanInUnits) fall on word boundaries as \(suspicion.units.rawValue); "
                        + "\(e.field) \(e.span) would be \(e.corrected) \(Brief.quoted(article[e.corrected], limit: 40)) in code points",
                    rule: PredictionRules.offsetUnits.id))
        }
        item.score = DocumentScorer(options: request.options).score(gold: g.document, prediction: doc, article: article)
        return item
    }
}
