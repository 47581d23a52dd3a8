import AttestKit
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Two writers at once, and writers killed at any instant: every change that
/// succeeded is in the file and in the journal, every failure left nothing,
/// and undo takes them all back, in reverse order, to the original bytes.
@Suite(.serialized) struct ConcurrentEditTests {
    static func attest(_ arguments: [String], _ folder: TemporaryFolder) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments, in: folder.url)
    }

    /// Undoes everything through the CLI; returns how many undos succeeded.
    static func undoAll(_ folder: TemporaryFolder, limit: Int = 10_000) throws -> Int {
        var undone = 0
        while undone < limit {
            let r = try attest(["undo", "sample"], folder)
            if r.status != 0 {
                #expect(r.stderr.contains("nothing to undo"), "\(r.stderr)")
                break
            }
            undone += 1
        }
        return undone
    }

    static func leftovers(_ folder: TemporaryFolder) -> [String] {
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("annotations").path))
            ?? []
        return names.filter { $0.hasSuffix(".tmp") }
    }

    /// 30 trials of two `attest rename` processes on different entities,
    /// started together: both succeed (the second applies on top of the
    /// first) or one says so; neither rename is ever lost.
    @Test func racingCLIRenamesLoseNothing() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let url = folder.url.appendingPathComponent("annotations/sample.xml")
        let original = try Data(contentsOf: url)
        var accepted = 0
        for trial in 0..<30 {
            let names = ["Jane Q. Doe \(trial)", "Springfield \(trial)"]
            let processes = zip(["e1", "e2"], names).map { entity, name -> (Process, Pipe) in
                let p = Process()
                p.executableURL = CommandRunner.executable
                p.arguments = ["rename", "sample", entity, name]
                p.currentDirectoryURL = folder.url
                let err = Pipe()
                p.standardError = err
                p.standardOutput = FileHandle.nullDevice
                return (p, err)
            }
            for (p, _) in processes { try p.run() }
            var statuses: [Int32] = []
            for (p, err) in processes {
                _ = err.fileHandleForReading.readDataToEndOfFile()
                p.waitUntilExit()
                statuses.append(p.terminationStatus)
            }
            let xml = try String(contentsOf: url, encoding: .utf8)
            for (i, name) in names.enumerated() {
                #expect(statuses[i] == 0 || statuses[i] == 2, "trial \(trial)")
                #expect(xml.contains("name=\"\(name)\"") == (statuses[i] == 0), "trial \(trial): \(statuses)")
                if statuses[i] == 0 { accepted += 1 }
            }
        }
        #expect(accepted == 60)
        #expect(try EditJournal(corpus: Corpus.open(root: folder.url)).entries("sample").count == accepted)
        #expect(try Self.undoAll(folder) == accepted)
        #expect(try Data(contentsOf: url) == original)
        #expect(try Self.attest(["validate", "--strict"], folder).status == 0)
    }

    /// Hundreds of commits from threads of one process and from four
    /// processes at once, each writer renaming its own entity again and again.
    @Test func hundredsOfConcurrentCommitsFromThreadsAndProcesses() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let url = folder.url.appendingPathComponent("annotations/sample.xml")
        let original = try Data(contentsOf: url)
        let corpus = try Corpus.open(root: folder.url)
        let entities = ["e1", "e2", "e3", "e4"]
        let rounds = 40
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: entities.count) { t in
            for i in 0..<rounds {
                do {
                    var editor = try AnnotationEditor.open("sample", in: corpus)
                    try editor.rename(entities[t], to: "T\(t)-\(i)")
                    try editor.commit(summary: "thread \(t) round \(i)")
                } catch {
                    failures.withLock { $0.append("thread \(t) round \(i): \(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
        var xml = try String(contentsOf: url, encoding: .utf8)
        for (t, e) in entities.enumerated() {
            #expect(xml.contains("id=\"\(e)\"") && xml.contains("name=\"T\(t)-\(rounds - 1)\""))
        }
        // Four processes at once, each a loop of renames of its own entity.
        let loops = try entities.enumerated().map { t, e -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = [
                "-c",
                "for i in $(seq 0 \(rounds / 2 - 1)); do '\(CommandRunner.executable.path)' rename sample \(e) \"P\(t)-$i\" >/dev/null 2>>errors.txt || echo \"P\(t)-$i failed\" >> failed.txt; done",
            ]
            p.currentDirectoryURL = folder.url
            try p.run()
            return p
        }
        for p in loops { p.waitUntilExit() }
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("failed.txt").path))
        xml = try String(contentsOf: url, encoding: .utf8)
        for t in entities.indices { #expect(xml.contains("name=\"P\(t)-\(rounds / 2 - 1)\"")) }
        let total = entities.count * rounds + entities.count * (rounds / 2)
        let history = try EditJournal(corpus: corpus).history("sample")
        #expect(history.undoable.count == total)
        // Undo pops them newest first: each step restores the entry's "before".
        for _ in 0..<total { _ = try EditUndo.undo("sample", in: corpus) }
        #expect(try Data(contentsOf: url) == original)
        #expect(Self.leftovers(folder).isEmpty)
        // Redo brings one back.
        _ = try EditUndo.redo("sample", in: corpus)
        #expect(try String(contentsOf: url, encoding: .utf8).contains("name=\"T"))
    }

    /// `kill -9` at random instants during edits and undos: afterwards undo
    /// works back to the beginning, no temporary file is left, and the file
    /// validates at every step.
    @Test func killedWritersLeaveUndoWorking() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let url = folder.url.appendingPathComponent("annotations/sample.xml")
        let original = try Data(contentsOf: url)
        var generator = SystemRandomNumberGenerator()
        var killed = 0
        for run in 0..<200 {
            let p = Process()
            p.executableURL = CommandRunner.executable
            p.arguments = run % 3 == 2 ? ["undo", "sample"] : ["rename", "sample", "e\(run % 4 + 1)", "K\(run)"]
            p.currentDirectoryURL = folder.url
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(UInt32.random(in: 0...60_000, using: &generator))
            if p.isRunning {
                kill(p.processIdentifier, SIGKILL)
                killed += 1
            }
            p.waitUntilExit()
            // What is on disk always reads as a whole annotation.
            _ = try AnnotationFile.read(url)
        }
        #expect(killed > 20, "only \(killed) of 200 runs were killed before they ended")
        // The next writer settles what the killed ones left (on a loaded machine nearly every run may
        // have been killed, so one is let finish); then undo goes all the way back.
        #expect(try Self.attest(["rename", "sample", "e1", "Settled"], folder).status == 0)
        let undone = try Self.undoAll(folder)
        #expect(undone > 0)
        #expect(try Data(contentsOf: url) == original)
        #expect(Self.leftovers(folder).isEmpty, "\(Self.leftovers(folder))")
        #expect(try Self.attest(["validate", "--strict"], folder).status == 0)
        let history = try EditJournal(corpus: Corpus.open(root: folder.url)).history("sample")
        #expect(history.pending == nil && history.undoable.isEmpty)
    }

    /// A journal written by the earlier version (one bare entry a line, no
    /// records) still undoes, and new records follow it.
    @Test func aJournalOfTheEarlierFormStillUndoes() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let url = folder.url.appendingPathComponent("annotations/sample.xml")
        let original = try Data(contentsOf: url)
        #expect(try Self.attest(["rename", "sample", "e1", "Janet Doe"], folder).status == 0)
        #expect(try Self.attest(["retype", "sample", "e4", "LOC"], folder).status == 0)
        let journal = folder.url.appendingPathComponent("annotations/.attest/journal/sample.jsonl")
        // Rewrite it as the earlier version kept it: the entries alone, oldest first.
        let bare = try String(contentsOf: journal, encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix(#"{"op":"commit""#) }
            .compactMap { line in line.range(of: #""entry":"#).map { String(line[$0.upperBound...].dropLast()) } }
        try Data((bare.joined(separator: "\n") + "\n").utf8).write(to: journal)
        #expect(bare.count == 2 && bare.allSatisfy { $0.hasPrefix("{") && $0.contains(#""summary""#) })
        #expect(try Self.attest(["undo", "sample"], folder).status == 0)
        #expect(try Self.attest(["rename", "sample", "e2", "Springfield, Ill."], folder).status == 0)
        #expect(try Self.attest(["undo", "sample"], folder).status == 0)
        #expect(try Self.attest(["undo", "sample"], folder).status == 0)
        #expect(try Data(contentsOf: url) == original)
    }

    /// A journal is input: a crafted entry never writes outside the corpus,
    /// nor a file that does not validate.
    @Test func aTamperedJournalIsRefusedAndWritesNothing() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let journal = folder.url.appendingPathComponent("annotations/.attest/journal/sample.jsonl")
        #expect(try Self.attest(["remove-doc", "sample"], folder).status == 0)
        let honest = try String(contentsOf: journal, encoding: .utf8)
        let outside = folder.url.deletingLastPathComponent().appendingPathComponent("outside-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: outside) }
        let relative = "../" + outside.lastPathComponent
        // The article moved out of the corpus; then the XML replaced as well.
        let moved = honest.replacingOccurrences(
            of: #""article":"corpus\/sample.txt""#, with: #""article":"\#(relative)""#
        )
        .replacingOccurrences(of: #""article":"corpus/sample.txt""#, with: #""article":"\#(relative)""#)
        #expect(moved != honest)
        for tampered in [moved, moved.replacingOccurrences(of: #""xml":"<?xml"#, with: #""xml":"not xml <?xml"#)] {
            try Data(tampered.utf8).write(to: journal)
            let r = try Self.attest(["undo", "sample"], folder)
            #expect(r.status == 2, "\(r.stderr)")
            #expect(r.stderr.hasPrefix("error: "), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: outside.path))
            #expect(
                !FileManager.default.fileExists(
                    atPath: folder.url.appendingPathComponent("annotations/sample.xml").path))
        }
        // The honest journal restores it.
        try Data(honest.utf8).write(to: journal)
        #expect(try Self.attest(["undo", "sample"], folder).status == 0)
        let url = folder.url.appendingPathComponent("annotations/sample.xml")
        let restored = try Data(contentsOf: url)

        // A forged inverse whose "before" is the hash of an invalid result.
        #expect(try Self.attest(["rename", "sample", "e1", "Janet Doe"], folder).status == 0)
        let renamed = try Data(contentsOf: url)
        let corpus = try Corpus.open(root: folder.url)
        var forged = try AnnotationEditor.open("sample", in: corpus, forWriting: false)
        try forged.apply(.setSpan(id: "m2", Excerpt(span: Span(48, 59), text: "Shelbyville")))
        let before = SHA256Hex.of(AnnotationWriter.bytes(forged.document))
        var lines = try String(contentsOf: journal, encoding: .utf8).split(separator: "\n").map(String.init)
        let commitLine = try #require(lines.lastIndex { $0.hasPrefix(#"{"op":"commit""#) })
        let inverse = try AnnotationEdit.json([.setSpan(id: "m2", Excerpt(span: Span(48, 59), text: "Shelbyville"))])
        var line = lines[commitLine]
        line = line.replacingOccurrences(
            of: #""inverse":\[[^\]]*\]"#, with: #""inverse":\#(inverse)"#, options: .regularExpression)
        line = line.replacingOccurrences(
            of: #""before":"[0-9a-f]{64}""#, with: #""before":"\#(before)""#, options: .regularExpression)
        lines[commitLine] = line
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: journal)
        let r = try Self.attest(["undo", "sample"], folder)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("span.text"), "\(r.stderr)")
        #expect(try Data(contentsOf: url) == renamed)
        _ = restored
    }

    /// Journal, articles, stored texts and annotation files are opened only
    /// as regular files inside the corpus: links out and FIFOs are refused
    /// with a clear error, never followed or waited on.
    @Test func linksOutAndFIFOsAreRefused() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let elsewhere = TemporaryFolder()
        let target = elsewhere.write("target.jsonl", "{\"secret\": 1}\n")
        let journalFolder = folder.url.appendingPathComponent("annotations/.attest/journal")
        try FileManager.default.createDirectory(at: journalFolder, withIntermediateDirectories: true)
        let journal = journalFolder.appendingPathComponent("sample.jsonl")
        try FileManager.default.createSymbolicLink(at: journal, withDestinationURL: target)
        let r = try Self.attest(["rename", "sample", "e1", "Janet Doe"], folder)
        #expect(r.status == 2)
        #expect(r.stderr.contains("symbolic link"), "\(r.stderr)")
        #expect(read(target) == "{\"secret\": 1}\n")
        try FileManager.default.removeItem(at: journal)

        // An article that is a FIFO: refused at once, not waited on.
        let article = folder.url.appendingPathComponent("corpus/sample.txt")
        let text = try Data(contentsOf: article)
        try FileManager.default.removeItem(at: article)
        #expect(mkfifo(article.path, 0o644) == 0)
        let started = Date()
        let show = try Self.attest(["show", "sample"], folder)
        #expect(show.status == 2)
        #expect(show.stderr.contains("FIFO"), "\(show.stderr)")
        let edit = try Self.attest(["rename", "sample", "e1", "Janet Doe"], folder)
        #expect(edit.status == 2)
        #expect(Date().timeIntervalSince(started) < 10)
        try FileManager.default.removeItem(at: article)
        try text.write(to: article)

        // A stored text that is a FIFO: realign does not wait on it.
        #expect(try Self.attest(["rename", "sample", "e1", "Janet Doe"], folder).status == 0)
        let texts = folder.url.appendingPathComponent("annotations/.attest/texts")
        let stored = try #require(try FileManager.default.contentsOfDirectory(atPath: texts.path).first)
        try FileManager.default.removeItem(at: texts.appendingPathComponent(stored))
        #expect(mkfifo(texts.appendingPathComponent(stored).path, 0o644) == 0)
        try Data("Lead. ".utf8 + text).write(to: article)
        let realign = try Self.attest(["realign", "sample"], folder)
        #expect(realign.status == 2)
        #expect(Date().timeIntervalSince(started) < 20)
        try text.write(to: article)

        // An annotation file that is a link out of the corpus is not read.
        let annotation = folder.url.appendingPathComponent("annotations/sample.xml")
        let outside = elsewhere.write("sample.xml", read(annotation))
        try FileManager.default.removeItem(at: annotation)
        try FileManager.default.createSymbolicLink(at: annotation, withDestinationURL: outside)
        let linked = try Self.attest(["show", "sample"], folder)
        #expect(linked.status == 2)
        #expect(linked.stderr.contains("symbolic link out of the corpus"), "\(linked.stderr)")
        // Validation and scoring name it and do not read it.
        let validate = try Self.attest(["validate"], folder)
        #expect(validate.status == 2)  // io.unreadable: an I/O error
        #expect((validate.stdout + validate.stderr).contains("symbolic link out of the corpus"), "\(validate.stdout)")
        #expect((validate.stdout + validate.stderr).contains("[io.unreadable]"))
    }
}

/// A value shared by threads in a test.
final class Mutex<Value>: @unchecked Sendable {
    // @unchecked: `value` is only touched under `lock`.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
