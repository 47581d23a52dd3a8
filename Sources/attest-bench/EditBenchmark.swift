import AttestKit
import Foundation

/// One synthetic document with 1,800 mentions and 200 quotes in a corpus
/// of its own, removed when the value goes away.
final class LargeDocument {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("attest-bench-\(UUID().uuidString)")
    let corpus: Corpus
    let id: String

    init(seed: UInt64, mentions: Int = 1_800, quotes: Int = 200) throws {
        var synthetic = SyntheticCorpus()
        synthetic.mentionsPerDocument = mentions
        synthetic.quotesPerDocument = quotes
        try synthetic.write(count: 1, to: root, seed: seed)
        corpus = try Corpus.open(root: root)
        id = corpus.documentIDs()[0]
    }

    deinit { try? FileManager.default.removeItem(at: root) }  // deliberate: cleanup
}

/// `attest-bench edit`: one synthetic document with 1,800 mentions and 200
/// quotes (2,000 annotations, 2,400 spans, about 150 KB of text). Times, as
/// medians of 21 runs: a whole transaction (open, apply, validate, write,
/// journal) and realigning after an edit at the start and one in the middle.
func editBenchmark(_ options: Options) throws {
    let large = try LargeDocument(seed: options.seed, mentions: options.mentions, quotes: options.quotes)
    defer { withExtendedLifetime(large) {} }  // its folder lives as long as the benchmark
    let (corpus, id) = (large.corpus, large.id)
    let articleURL = corpus.articleURL(for: id)
    let original = try Data(contentsOf: articleURL)
    let document = try AnnotationFile.read(corpus.annotationURL(for: id)).document
    let spans = document.mentions.count + document.quotes.reduce(0) { $0 + $1.excerpts.count }
    print(
        "document: \(original.count) bytes, \(document.mentions.count) mentions, \(document.quotes.count) quotes, \(spans) spans"
    )
    print("| operation | median ms | min ms | max ms |")
    print("|---|---|---|---|")
    func time(_ label: String, runs: Int = 21, _ body: (Int) throws -> Void) throws {
        var samples: [Double] = []
        for run in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try body(run)
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        samples.sort()
        print(String(format: "| %@ | %.1f | %.1f | %.1f |", label, samples[runs / 2], samples[0], samples[runs - 1]))
    }
    // The transaction proper: apply, validate, write, journal (the document already open).
    func transaction(_ label: String, _ change: (inout AnnotationEditor, Int) throws -> Void) throws {
        var samples: [Double] = []
        for run in 0..<21 {
            var editor = try AnnotationEditor.open(id, in: corpus)
            let start = DispatchTime.now().uptimeNanoseconds
            try change(&editor, run)
            try editor.commit(summary: "bench \(run)")
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        samples.sort()
        print(String(format: "| %@ | %.1f | %.1f | %.1f |", label, samples[10], samples[0], samples[20]))
    }
    try transaction("transaction: rename an entity (apply, validate, write, journal)") { editor, run in
        try editor.rename("e1", to: "Name \(run)")
    }
    try transaction("transaction: move 10 mentions (apply, validate, write, journal)") { editor, run in
        try moveTenMentions(&editor, run)
    }
    // The server's transaction: the document kept open (as after GET, which validated it).
    let kept = KeptDocuments()
    _ = try AnnotationEditor.open(id, in: corpus, forWriting: false, kept: kept).resultDiagnostics()
    try time("kept: open, move 10 mentions, commit (the server's transaction)") { run in
        var editor = try AnnotationEditor.open(id, in: corpus, kept: kept)
        try moveTenMentions(&editor, run)
        try editor.commit(summary: "bench \(run)")
    }
    try time("kept: open, rename, commit") { run in
        var editor = try AnnotationEditor.open(id, in: corpus, kept: kept)
        try editor.rename("e1", to: "Kept \(run)")
        try editor.commit(summary: "bench \(run)")
    }
    try time("open, rename, commit (one CLI command without process start)") { run in
        var editor = try AnnotationEditor.open(id, in: corpus)
        try editor.rename("e1", to: "Again \(run)")
        try editor.commit(summary: "bench \(run)")
    }
    try time("open only (read, parse, schema, article)") { _ in _ = try AnnotationEditor.open(id, in: corpus) }
    try time("undo (apply the inverse, write)") { run in
        _ = try EditUndo.undo(id, in: corpus)
    }
    try journalShare(corpus, id, time)
    let old = ArticleText(bytes: [UInt8](original))!
    let text = String(decoding: original, as: UTF8.self)
    let middle = text.index(text.startIndex, offsetBy: text.count / 2)
    let edited = "UPDATED — " + text[..<middle] + " (corrected)" + text[middle...]
    let new = ArticleText(edited)
    let sha = SHA256Hex.of(Array(edited.utf8))
    var result: Realignment?
    try time("realign: align the texts and carry every span (in memory)") { _ in
        result = Realignment.carry(document, from: old, to: new, newSHA256: sha)
    }
    let crlf = ArticleText(text.replacingOccurrences(of: "\n", with: "\r\n"))
    print("(the CRLF change inserts \(crlf.count - old.count) carriage returns)")
    try time("realign after a whole-text CRLF change (in memory)", runs: 5) { _ in
        _ = Realignment.carry(document, from: old, to: crlf, newSHA256: sha)
    }
    try Data(edited.utf8).write(to: articleURL)
    let annotationURL = corpus.annotationURL(for: id)
    let journal = EditJournal(corpus: corpus)
    let annotated = try Data(contentsOf: annotationURL)
    let journalBefore = try Data(contentsOf: journal.url(for: id))
    var samples: [Double] = []
    for _ in 0..<21 {
        let start = DispatchTime.now().uptimeNanoseconds
        var editor = try AnnotationEditor.open(id, in: corpus, allowStale: true)
        _ = try editor.realign()
        try editor.commit(summary: "realign")
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        try annotated.write(to: annotationURL)  // untimed: back to the stale state
        try journalBefore.write(to: journal.url(for: id))
    }
    samples.sort()
    print(
        String(
            format:
                "| realign command: open, recover the old text, carry, validate, write, journal | %.1f | %.1f | %.1f |",
            samples[10], samples[0], samples[20]))
    if let result { print("carried \(result.carried) span(s), \(result.findings.count) finding(s)") }
}

/// The lock and the durable journal alone: their share of every transaction,
/// with the history the benchmark made so far and with 10,000 transactions.
private func journalShare(
    _ corpus: Corpus, _ id: String, _ time: (String, Int, (Int) throws -> Void) throws -> Void
) throws {
    let journal = EditJournal(corpus: corpus)
    let url = corpus.annotationURL(for: id)
    guard let entry = try journal.last(id) else { return }
    func share(_ label: String) throws {
        try time("lock, settle the journal, release (\(label))", 21) { _ in
            let lock = try journal.lock(id)
            _ = try journal.recover(id, annotation: url)
            lock.release()
        }
        try time("a commit's journal records, pending and done, each flushed (\(label))", 21) { _ in
            let seq = try journal.beginCommit(entry, document: id, history: try journal.history(id))
            try journal.settle(seq, done: false, document: id)
        }
    }
    try share("\(try journal.history(id).records) records")
    // A long history: 10,000 more transactions (the same entry, recorded as done).
    let line =
        try String(contentsOf: journal.url(for: id), encoding: .utf8).split(separator: "\n")
        .first { $0.hasPrefix(#"{"op":"commit""#) }.map(String.init) ?? ""
    let body = line.range(of: #""entry":"#).map { String(line[$0.lowerBound...]) } ?? ""
    var text = ""
    let first = try journal.history(id).nextSeq
    for n in first..<(first + 10_000) {
        text += #"{"op":"commit","seq":\#(n),"#
        text += body
        text += "\n" + #"{"op":"done","seq":\#(n)}"# + "\n"
    }
    let handle = try FileHandle(forWritingTo: journal.url(for: id))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
    try handle.close()
    try share("\(try journal.history(id).undoable.count) transactions")
    // Back to a journal undo can use: the appended history is not this file's.
    try Data().write(to: journal.url(for: id))
}

/// Where a transaction's time goes (attest-bench edit-phases).
func editPhases(_ options: Options) throws {
    let large = try LargeDocument(seed: options.seed, mentions: options.mentions, quotes: options.quotes)
    defer { withExtendedLifetime(large) {} }  // its folder lives as long as the benchmark
    let (corpus, id) = (large.corpus, large.id)
    func t(_ label: String, _ body: () throws -> Void) rethrows {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<10 { try body() }
        print(label, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e7, "ms")
    }
    var editor = try AnnotationEditor.open(id, in: corpus, forWriting: false)
    try t("open") { editor = try AnnotationEditor.open(id, in: corpus, forWriting: false) }
    try editor.rename("e1", to: "X")
    let bytes = Array(editor.xml.utf8)
    t("xml") { _ = editor.xml }
    let v = try Validator(corpus: corpus)
    t("validate") { _ = v.validate(bytes: bytes, file: corpus.annotationURL(for: id)) }
    print(v.validate(bytes: bytes, file: corpus.annotationURL(for: id)).count, "diagnostics")
    for (name, depth) in [("parse", ValidationDepth.parse), ("schema", .schema)] {
        let w = try Validator(corpus: corpus, depth: depth)
        t(name) { _ = w.validate(bytes: bytes, file: corpus.annotationURL(for: id)) }
    }
    let full = try Validator(corpus: corpus, constraints: .full, depth: .schema)
    t("schema full constraints") { _ = full.validate(bytes: bytes, file: corpus.annotationURL(for: id)) }
    t("AnnotationFile.parse") { _ = try? AnnotationFile.parse(bytes, name: "x") }
    let articleBytes = [UInt8](try Data(contentsOf: corpus.articleURL(for: id)))
    t("ArticleText") { _ = ArticleText(bytes: articleBytes) }
    t("sha256 article") { _ = SHA256Hex.of(articleBytes) }
    let doc = editor.document
    let article = editor.article
    for rule in RuleRegistry.rules {
        let subject = ValidationSubject(document: doc, article: article, articleSHA256: "x")
        t("\(rule.descriptor.id)") {
            var sink = DiagnosticSink(file: "x")
            rule.check(subject, into: &sink)
        }
    }
    try t("store") { try editor.keepText() }
    let articleURL = corpus.articleURL(for: id)
    let text = try String(contentsOf: articleURL, encoding: .utf8)
    try Data(("UPDATED " + text).utf8).write(to: articleURL)
    var stale = try AnnotationEditor.open(id, in: corpus, allowStale: true)
    try t("open stale") { stale = try AnnotationEditor.open(id, in: corpus, allowStale: true) }
    try t("realign in editor") {
        var e = stale
        _ = try e.realign()
    }
    _ = try stale.realign()
    try t("edits to JSON") { _ = try AnnotationEdit.json(stale.edits + stale.inverse) }
    let json = Array(try AnnotationEdit.json(stale.edits).utf8)
    try t("edits from JSON") { _ = try AnnotationEdit.decode(json: json) }
}

/// The parts of one commit (attest-bench commit-phases).
func commitPhases(_ options: Options) throws {
    let large = try LargeDocument(seed: options.seed, mentions: options.mentions, quotes: options.quotes)
    defer { withExtendedLifetime(large) {} }  // its folder lives as long as the benchmark
    let (corpus, id) = (large.corpus, large.id)
    func t(_ label: String, _ body: () throws -> Void) rethrows {
        var best = Double.infinity
        for _ in 0..<15 {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        print(String(format: "%-40@ best %.2f ms", label, best))
    }
    try t("open") { _ = try AnnotationEditor.open(id, in: corpus) }
    var editor = try AnnotationEditor.open(id, in: corpus)
    let people = editor.document.entities.filter { $0.type == .person && $0.mentions.count > 20 }
    try editor.move(mentions: people[0].mentions.prefix(10).map(\.id), to: people[1].id)
    do {
        var e = editor
        let c = try e.commit(summary: "x", write: false)
        print("move: \(c.newWarnings.count) new warning(s), \(e.edits.count) edits")
    }
    try t("commit, no write (validate)") {
        var e = editor
        _ = try e.commit(summary: "x", write: false)
    }
    t("canonical bytes") { _ = AnnotationWriter.bytes(editor.document) }
    let journal = EditJournal(corpus: corpus)
    try t("journal entries") { _ = try journal.entries(id) }
    let bytes = AnnotationWriter.bytes(editor.document)
    let scratch = large.root.appendingPathComponent("scratch.xml")
    try t("AtomicFile.write 150 KB (fsync)") { try AtomicFile.write(bytes, to: scratch) }
    try t("commit with write") {
        var e = try AnnotationEditor.open(id, in: corpus)
        try e.rename(people[0].id, to: "P \(UUID().uuidString.prefix(4))")
        try e.commit(summary: "x")
    }
}

/// One commit, repeated, for a profiler (attest-bench commit-profile).
func commitProfile(_ options: Options) throws {
    let large = try LargeDocument(seed: options.seed, mentions: options.mentions, quotes: options.quotes)
    defer { withExtendedLifetime(large) {} }  // its folder lives as long as the benchmark
    let (corpus, id) = (large.corpus, large.id)
    for run in 0..<options.docs {
        var editor = try AnnotationEditor.open(id, in: corpus)
        try editor.rename("e1", to: "Name \(run)")
        try editor.commit(summary: "profile")
    }
}

/// `attest-bench edit-kept`: the server's transaction alone, 101 times, on the document kept open
/// (what a profile of the web annotator's edit should look at).
func keptEditBenchmark(_ options: Options) throws {
    let large = try LargeDocument(seed: options.seed, mentions: options.mentions, quotes: options.quotes)
    defer { withExtendedLifetime(large) {} }  // its folder lives as long as the benchmark
    let (corpus, id) = (large.corpus, large.id)
    let kept = KeptDocuments()
    _ = try AnnotationEditor.open(id, in: corpus, forWriting: false, kept: kept).resultDiagnostics()
    var samples: [Double] = []
    for run in 0..<101 {
        let start = DispatchTime.now().uptimeNanoseconds
        var editor = try AnnotationEditor.open(id, in: corpus, kept: kept)
        try moveTenMentions(&editor, run)
        try editor.commit(summary: "bench \(run)")
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    samples.sort()
    print(
        String(
            format: "kept: open, move 10 mentions, commit: median %.1f ms (%.1f–%.1f)", samples[50], samples[0],
            samples[100]))
}

/// Moves ten mentions between the first two people with more than 20, one way on even runs and back on
/// odd ones (the change every transaction benchmark makes).
func moveTenMentions(_ editor: inout AnnotationEditor, _ run: Int) throws {
    let people = editor.document.entities.filter { $0.type == .person && $0.mentions.count > 20 }
    let (from, to) = run % 2 == 0 ? (people[0], people[1]) : (people[1], people[0])
    try editor.move(mentions: from.mentions.prefix(10).map(\.id), to: to.id)
}
