import Foundation

/// Where predictions come from.
public enum PredictionSource: Sendable {
    /// A JSON Lines file in the extractor form (`-` for standard input).
    case jsonLines(String)
    /// A folder of annotation XML files (status `prediction`).
    case annotations(URL)
    /// Documents already in memory (from `attest run`), with the name to report them under.
    case documents([PredictionDocument], name: String)
}

/// Everything `attest score` needs to know.
public struct ScoreRequest: Sendable {
    public var goldFiles: [URL]
    public var predictions: PredictionSource
    public var options: ScoringOptions
    /// Predicted type → corpus type, or nil to drop it (`--map GPE=LOC --map NORP=-`).
    public var typeMap: [String: String?]
    public var declaredTypes: Set<EntityType>
    public var requireAll: Bool
    public var shard: Shard?
    public var bootstrap: Bootstrap?
    public var jobs: Int

    public init(
        goldFiles: [URL], predictions: PredictionSource, options: ScoringOptions = ScoringOptions(), typeMap: [String: String?] = [:],
        declaredTypes: Set<EntityType> = Set(EntityType.defaults), requireAll: Bool = false, shard: Shard? = nil, bootstrap: Bootstrap? = nil,
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.goldFiles = goldFiles
        self.predictions = predictions
        self.options = options
        self.typeMap = typeMap
        self.declaredTypes = declaredTypes
        self.requireAll = requireAll
        self.shard = shard
        self.bootstrap = bootstrap
        self.jobs = jobs
    }

    /// Parses `--map FROM=TO` (TO `-` drops FROM).
    public static func parseMap(_ items: [String]) throws -> [String: String?] {
        var map: [String: String?] = [:]
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw AttestError("--map takes FROM=TO or FROM=- (drop), such as GPE=LOC; got \(Brief.quoted(item))")
            }
            map[parts[0]] = parts[1] == "-" ? String?.none : parts[1]
        }
        return map
    }
}

/// The outcome of scoring: a scorecard when the input was sound, and every
/// diagnostic (errors make the command exit 2; warnings are shown).
public struct ScoreOutcome: Sendable {
    public var scorecard: Scorecard?
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Reads gold and predictions, checks every prediction, and scores.
/// Predictions stream in batches; each batch is decoded, checked and scored
/// on all cores, so memory holds the gold set and one batch.
public struct ScoreRun: Sendable {
    public var request: ScoreRequest

    public init(_ request: ScoreRequest) { self.request = request }

    private struct Item: Sendable {
        var id: String?
        var score: DocumentScore?
        var diagnostics: [Diagnostic] = []
        var dropped: [String: Int] = [:]
    }

    public func run() throws -> ScoreOutcome {
        let cwd = FileManager.default.currentDirectoryPath
        let allIDs = Set(request.goldFiles.map { Self.stem($0) })
        // Gold files are read when their prediction arrives, by the worker
        // that scores it: memory holds one batch, not the gold set.
        var paths: [String: String] = [:]
        for url in request.goldFiles where request.shard?.contains(Self.stem(url)) ?? true { paths[Self.stem(url)] = url.path }
        let goldPaths = paths

        var seen: [String: Int] = [:]
        var scores: [DocumentScore] = []
        var diagnostics: [Diagnostic] = []
        var dropped: [String: Int] = [:]
        func collect(_ items: [Item], file: String, lines: [Int]) {
            for (k, item) in items.enumerated() {
                diagnostics.append(contentsOf: item.diagnostics)
                for (t, n) in item.dropped { dropped[t, default: 0] += n }
                guard let id = item.id else { continue }
                if let first = seen[id] {
                    diagnostics.append(
                        Diagnostic(
                            file: file, location: SourceLocation(line: lines[k], column: 1),
                            message: "document \(id) is predicted again (first at line \(first)); each document once", rule: PredictionRules.duplicate.id))
                    continue
                }
                seen[id] = lines[k]
                if let s = item.score { scores.append(s) }
            }
        }

        switch request.predictions {
        case .jsonLines(let path):
            let name = path == "-" ? "<stdin>" : DisplayPath.of(path: FileBytes.join(cwd, path), relativeTo: cwd)
            try JSONLines.read(path: path) { batch in
                let items = self.perWorker(batch) { line, reader in
                    self.process(line: line, file: name, gold: goldPaths, reader: reader, allIDs: allIDs)
                }
                collect(items, file: name, lines: batch.map(\.number))
            }
        case .annotations(let folder):
            let urls = Corpus.files(in: folder, ext: "xml")
            let (docs, problems) = GoldLoader.load(files: urls, jobs: request.jobs)
            diagnostics.append(contentsOf: problems)
            let items = self.perWorker(docs) { doc, reader -> Item in
                let name = DisplayPath.of(path: FileBytes.join(cwd, doc.path), relativeTo: cwd)
                var item = self.process(
                    PredictionDocument(doc.document), file: name, line: doc.document.header.origin?.line ?? 1, gold: goldPaths, reader: reader,
                    allIDs: allIDs)
                if doc.document.header.status != .prediction {
                    item.diagnostics.append(
                        Diagnostic(
                            file: name, location: doc.document.header.origin ?? .start, severity: .warning,
                            message: "status is \(doc.document.header.status.rawValue), not prediction; scored as a prediction all the same", rule: PredictionRules.field.id))
                }
                return item
            }
            collect(items, file: DisplayPath.of(folder), lines: docs.map { $0.document.header.origin?.line ?? 1 })
        case .documents(let docs, let name):
            let items = self.perWorker(Array(docs.enumerated())) { pair, reader in
                self.process(pair.element, file: name, line: pair.offset + 1, gold: goldPaths, reader: reader, allIDs: allIDs)
            }
            collect(items, file: name, lines: docs.indices.map { $0 + 1 })
        }

        for (type, n) in dropped.sorted(by: { $0.key < $1.key }) {
            diagnostics.append(
                Diagnostic(
                    file: sourceName(cwd), severity: PredictionRules.undeclaredType.severity,
                    message: "\(n) predicted mention(s) of type \(type), which the corpus does not declare, were left out; map it with --map \(type)=TYPE or drop it with --map \(type)=-",
                    rule: PredictionRules.undeclaredType.id))
        }
        // Gold documents with no prediction are scored as empty.
        let missing = goldPaths.keys.filter { seen[$0] == nil }.sorted()
        if !missing.isEmpty {
            let severity: Severity = request.requireAll ? .error : .warning
            let list = missing.prefix(10).joined(separator: ", ") + (missing.count > 10 ? ", … (\(missing.count) in all)" : "")
            diagnostics.append(
                Diagnostic(
                    file: sourceName(cwd), severity: severity,
                    message: "\(missing.count) gold document(s) have no prediction and are scored as empty: \(list)", rule: PredictionRules.missing.id))
            let scorer = DocumentScorer(options: request.options)
            let collectErrors = request.options.collectErrors
            let empties = self.perWorker(missing) { id, reader -> Item in
                switch reader.load(goldPaths[id]!) {
                case .failure(let d): return Item(diagnostics: [d])
                case .success(let g):
                    return Item(id: id, score: scorer.score(gold: g.document, prediction: nil, article: collectErrors ? g.loadArticle() : nil))
                }
            }
            for item in empties {
                diagnostics.append(contentsOf: item.diagnostics)
                if let s = item.score { scores.append(s) }
            }
        }
        if diagnostics.contains(where: { $0.severity == .error }) { return ScoreOutcome(scorecard: nil, diagnostics: diagnostics) }
        return ScoreOutcome(scorecard: Scorecard(documents: scores, options: request.options, bootstrap: request.bootstrap), diagnostics: diagnostics)
    }

    /// Maps `items` on `jobs` workers, each with its own gold reader, keeping their order.
    func perWorker<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T, GoldReader) -> R) -> [R] {
        let texts = request.options.collectErrors
        let jobs = request.jobs
        let slots = ResultSlots<R?>(count: items.count, initial: nil)
        let workers = max(1, min(jobs, items.count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let reader = GoldReader(texts: texts)
            var local: [(Int, R)] = []
            var i = w
            while i < items.count {
                local.append((i, transform(items[i], reader)))
                i += workers
            }
            slots.fill(local)
        }
        return slots.values.map { $0! }
    }

    private func sourceName(_ cwd: String) -> String {
        switch request.predictions {
        case .jsonLines(let p): p == "-" ? "<stdin>" : DisplayPath.of(path: FileBytes.join(cwd, p), relativeTo: cwd)
        case .annotations(let u): DisplayPath.of(u)
        case .documents(_, let name): name
        }
    }

    static func stem(_ url: URL) -> String {
        let name = url.lastPathComponent
        return name.hasSuffix(".xml") ? String(name.dropLast(4)) : name
    }

    private func process(line: JSONLine, file: String, gold: [String: String], reader: GoldReader, allIDs: Set<String>) -> Item {
        // Well-formed lines take the fast path; any other is read again by the
        // full parser, which says exactly what is wrong.
        if let doc = line.bytes.withUnsafeBufferPointer({ FastPredictionDecoder.decode($0) }) {
            return process(doc, file: file, line: line.number, gold: gold, reader: reader, allIDs: allIDs)
        }
        let result = line.bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONSyntaxError) -> JSONValue in try JSONParser.parse(buffer) }
        }
        let parsed: JSONValue
        switch result {
        case .success(let value): parsed = value
        case .failure(let error):
            return Item(diagnostics: [
                Diagnostic(
                    file: file, location: SourceLocation(line: line.number, column: JSONLines.column(of: error.offset, in: line.bytes)),
                    message: "not valid JSON: \(error.message)", rule: PredictionRules.syntax.id)
            ])
        }
        switch PredictionDecoder().decode(parsed) {
        case .issues(let issues):
            return Item(
                diagnostics: issues.map {
                    Diagnostic(
                        file: file, location: SourceLocation(line: line.number, column: JSONLines.column(of: $0.offset, in: line.bytes)),
                        message: "\($0.field) \($0.message)", rule: $0.rule)
                })
        case .document(let doc):
            return process(doc, file: file, line: line.number, gold: gold, reader: reader, allIDs: allIDs)
        }
    }

    /// Maps types, checks the prediction against its gold document and article, and scores it.
    private func process(_ input: PredictionDocument, file: String, line: Int, gold: [String: String], reader: GoldReader, allIDs: Set<String>) -> Item {
        var item = Item()
        let at = SourceLocation(line: line, column: 1)
        guard let goldPath = gold[input.id] else {
            if allIDs.contains(input.id) { return item }  // another shard's document
            let known = allIDs.count <= 5 ? allIDs.sorted().joined(separator: ", ") : "\(allIDs.count) documents"
            item.diagnostics.append(
                Diagnostic(file: file, location: at, message: "id: unknown document \(Brief.quoted(input.id)); the gold set has \(known)", rule: PredictionRules.unknownDocument.id))
            return item
        }
        item.id = input.id
        let g: GoldDocument
        switch reader.load(goldPath) {
        case .failure(let d):
            item.diagnostics.append(d)
            return item
        case .success(let loaded): g = loaded
        }
        var doc = input
        doc.mentions = []
        for m in input.mentions {
            var mention = m
            if let mapped = request.typeMap[m.type.name] {
                guard let mapped else { continue }
                mention.type = EntityType(mapped)
            }
            guard request.declaredTypes.contains(mention.type) else {
                item.dropped[mention.type.name, default: 0] += 1
                continue
            }
            doc.mentions.append(mention)
        }
        // Ranges against the header's length, then texts against the article.
        let length = g.document.header.length
        var needsArticle = request.options.collectErrors
        func check(_ span: Span, _ text: String?, _ field: String) {
            if span.end > length {
                item.diagnostics.append(
                    Diagnostic(
                        file: file, location: at, message: "\(field): span \(span) lies outside the text of \(input.id) (\(length) code points)",
                        rule: PredictionRules.range.id))
            }
            if text != nil { needsArticle = true }
        }
        for (i, m) in input.mentions.enumerated() { check(m.span, m.text, "entities[\(i)]") }
        for (i, q) in input.quotes.enumerated() {
            check(q.content.span, q.content.text, "quotes[\(i)]")
            if let s = q.speaker { check(s.span, s.text, "quotes[\(i)].speaker") }
            if let c = q.cue { check(c.span, c.text, "quotes[\(i)].cue") }
        }
        var article: ArticleText?
        if needsArticle {
            article = g.loadArticle()
            if let article {
                func verify(_ span: Span, _ text: String?, _ field: String) {
                    guard let text, !article.matches(text, at: span), let why = OffsetDiagnosis.explain(text: text, span: span, article: article) else { return }
                    item.diagnostics.append(Diagnostic(file: file, location: at, message: "\(field).text: \(why)", rule: PredictionRules.text.id))
                }
                for (i, m) in input.mentions.enumerated() { verify(m.span, m.text, "entities[\(i)]") }
                for (i, q) in input.quotes.enumerated() {
                    verify(q.content.span, q.content.text, "quotes[\(i)]")
                    if let s = q.speaker { verify(s.span, s.text, "quotes[\(i)].speaker") }
                    if let c = q.cue { verify(c.span, c.text, "quotes[\(i)].cue") }
                }
            } else {
                item.diagnostics.append(
                    Diagnostic(file: file, location: at, message: "cannot read the article of \(input.id) to check the predicted texts", rule: FileCheck.unreadable.id))
            }
        }
        guard item.diagnostics.isEmpty else { return item }
        item.score = DocumentScorer(options: request.options).score(gold: g.document, prediction: doc, article: article)
        return item
    }
}

/// A worker's gold reader: one libxml2 parser, reused for every file it reads.
final class GoldReader {
    private let parser = XMLParser()
    private let sax = GoldSAXReader()
    private let cwd = FileManager.default.currentDirectoryPath
    /// Whether to keep the gold's covered texts (only listed errors show them).
    let texts: Bool

    init(texts: Bool) { self.texts = texts }

    func load(_ path: String) -> Result<GoldDocument, Diagnostic> { GoldLoader.read(path, parser: parser, cwd: cwd, sax: sax, texts: texts) }
}

/// Maps `items` on all cores, keeping their order.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    guard items.count > 1 else { return items.map(transform) }
    let slots = ResultSlots<R?>(count: items.count, initial: nil)
    let workers = min(items.count, ProcessInfo.processInfo.activeProcessorCount * 4)
    DispatchQueue.concurrentPerform(iterations: workers) { w in
        var i = w
        while i < items.count {
            slots[i] = transform(items[i])
            i += workers
        }
    }
    return slots.values.map { $0! }
}
