import AttestKit
import Foundation
import Testing

/// A journal kept between transactions (`KeptDocuments`) is read on from where it was left, and read
/// whole whenever the file is not the one it was or was not appended to: whatever other writers did,
/// each transaction's record gets the next sequence number and the journal replays.
@Suite struct KeptJournalTests {
    static func journal(_ folder: TemporaryFolder) -> URL {
        folder.url.appendingPathComponent("annotations/.attest/journal/story.jsonl")
    }

    /// The sequence numbers of the journal's commit records, in file order.
    static func commitSeqs(_ folder: TemporaryFolder) throws -> [Int] {
        let text = try String(contentsOf: journal(folder), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("{\"op\":\"commit\",\"seq\":") else { return nil }
            return Int(line.dropFirst(21).prefix { $0.isNumber })
        }
    }

    /// One transaction through the kept documents (the server's way) or without (the CLI's).
    static func edit(_ root: URL, _ word: String, kept: KeptDocuments?) throws {
        var editor = try AnnotationEditor.open("story", in: try Corpus.open(root: root), kept: kept)
        try editor.apply([.annotate(type: EntityType("PERSON"), spans: [KeptDocumentTests.excerpt(word)])])
        try editor.commit(summary: word)
    }

    @Test func anotherWritersRecordsAreReadOnFromTheKeptJournal() throws {
        let (folder, _) = try KeptDocumentTests.corpus()
        let kept = KeptDocuments()
        for n in 0..<6 {
            try Self.edit(folder.url, "Ana\(n)", kept: kept)
            try Self.edit(folder.url, "Bo\(n)", kept: n % 2 == 0 ? nil : KeptDocuments())
        }
        let history = try EditJournal(corpus: try Corpus.open(root: folder.url)).history("story")
        #expect(try Self.commitSeqs(folder).count == 12)
        #expect(Set(try Self.commitSeqs(folder)).count == 12)
        #expect(history.undoable.count == 12)
        #expect(history.pending == nil)
    }

    @Test func aJournalCutOrReplacedIsReadWhole() throws {
        let (folder, _) = try KeptDocumentTests.corpus()
        let kept = KeptDocuments()
        for n in 0..<3 { try Self.edit(folder.url, "Ana\(n)", kept: kept) }
        #expect(try Self.commitSeqs(folder) == [1, 2, 3])
        // Emptied in place (same file, shorter): the kept history no longer holds.
        try FileHandle(forWritingTo: Self.journal(folder)).truncate(atOffset: 0)
        try Self.edit(folder.url, "Ana3", kept: kept)
        #expect(try Self.commitSeqs(folder) == [1])
        // Replaced by another file as long or longer, whose records are not the kept ones.
        try Self.edit(folder.url, "Ana4", kept: nil)
        let other = try Data(contentsOf: Self.journal(folder))
        try Self.edit(folder.url, "Ana5", kept: kept)
        let aside = Self.journal(folder).appendingPathExtension("new")
        try other.write(to: aside)
        try FileManager.default.removeItem(at: Self.journal(folder))
        try FileManager.default.moveItem(at: aside, to: Self.journal(folder))
        try Self.edit(folder.url, "Ana6", kept: kept)
        #expect(try Self.commitSeqs(folder) == [1, 2, 3])
        #expect(try EditJournal(corpus: try Corpus.open(root: folder.url)).history("story").undoable.count == 3)
    }

    @Test func aTornLineLeftByAKilledWriterIsCutOff() throws {
        let (folder, _) = try KeptDocumentTests.corpus()
        let kept = KeptDocuments()
        try Self.edit(folder.url, "Ana0", kept: kept)
        // A writer killed in the middle of a record: part of a line, no newline.
        let handle = try FileHandle(forWritingTo: Self.journal(folder))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"op\":\"commit\",\"seq\":2,\"entr".utf8))
        try handle.close()
        try Self.edit(folder.url, "Ana1", kept: kept)
        #expect(try Self.commitSeqs(folder) == [1, 2])
        #expect(try EditJournal(corpus: try Corpus.open(root: folder.url)).history("story").undoable.count == 2)
    }

    /// Journals kept hold their bytes: beyond the bytes allowed in all, the least recently used go.
    @Test func keptJournalsStayWithinTheirBytes() throws {
        let (folder, _) = try KeptDocumentTests.corpus()
        let corpus = try Corpus.open(root: folder.url)
        let other = folder.write("other.txt", KeptDocumentTests.text)
        try ArticleImporter.add(other, id: "other", to: corpus)
        for id in ["story", "other"] {
            var editor = try AnnotationEditor.open(id, in: corpus)
            try editor.apply([.annotate(type: EntityType("PERSON"), spans: [KeptDocumentTests.excerpt("Ana0")])])
            try editor.commit(summary: "first")
        }
        let size = try Data(contentsOf: Self.journal(folder)).count
        func touch(_ id: String, _ kept: KeptDocuments, _ n: Int) throws {
            var editor = try AnnotationEditor.open(id, in: corpus, kept: kept)
            try editor.apply([.annotate(type: EntityType("PERSON"), spans: [KeptDocumentTests.excerpt("Bo\(n)")])])
            try editor.commit(summary: "again")
        }
        // Room for both: both kept.
        let roomy = KeptDocuments()
        try touch("story", roomy, 1)
        try touch("other", roomy, 1)
        #expect(roomy.keptJournals.count == 2)
        // Room for one: the one used last stays.
        let tight = KeptDocuments(journalBytes: size + size / 2)
        try touch("story", tight, 2)
        try touch("other", tight, 2)
        #expect(tight.keptJournals.map { URL(fileURLWithPath: $0).lastPathComponent } == ["other.jsonl"])
    }

    /// Read ahead (as the server does once a document is served), a journal is kept, and the next
    /// transaction reads on from there: an early record damaged in place after the read ahead (same
    /// file, same size, same last bytes) is not read again, where a whole read would refuse it.
    @Test func aJournalReadAheadIsReadOnFromByTheNextTransaction() throws {
        let (folder, _) = try KeptDocumentTests.corpus()
        for n in 0..<5 { try Self.edit(folder.url, "Ana\(n)", kept: nil) }
        let journal = EditJournal(corpus: try Corpus.open(root: folder.url))
        // Larger than half of what the kept documents may hold: not read ahead.
        let size = try Data(contentsOf: Self.journal(folder)).count
        let small = KeptDocuments(journalBytes: 2 * size - 2)
        journal.warm("story", kept: small)
        #expect(small.keptJournals.isEmpty)
        let kept = KeptDocuments(journalBytes: 2 * size)
        journal.warm("story", kept: kept)
        #expect(kept.keptJournals == [Self.journal(folder).path])
        // The first record's first bytes made unreadable, in place.
        let handle = try FileHandle(forWritingTo: Self.journal(folder))
        try handle.write(contentsOf: Data("#".utf8))
        try handle.close()
        #expect(throws: (any Error).self) { try journal.history("story") }
        try Self.edit(folder.url, "Ana5", kept: kept)
        #expect(try Self.commitSeqs(folder) == [2, 3, 4, 5, 6])  // the first line no longer reads as a commit
        // A second read ahead does nothing while the journal is kept.
        journal.warm("story", kept: kept)
        #expect(kept.keptJournals.count == 1)
    }

    /// What the next writer must settle under the lock is left to it: a torn last line, a pending
    /// record. A journal that is a link, or none at all, keeps nothing and throws nothing.
    @Test func aJournalReadAheadKeepsNothingToSettle() throws {
        let (folder, _) = try KeptDocumentTests.corpus()
        let journal = EditJournal(corpus: try Corpus.open(root: folder.url))
        let none = KeptDocuments()
        journal.warm("story", kept: none)
        #expect(none.keptJournals.isEmpty)
        try Self.edit(folder.url, "Ana0", kept: nil)
        func append(_ text: String) throws {
            let handle = try FileHandle(forWritingTo: Self.journal(folder))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        }
        try append("{\"op\":\"commit\",\"seq\":2,\"entr")
        let torn = KeptDocuments()
        journal.warm("story", kept: torn)
        #expect(torn.keptJournals.isEmpty)
        try Self.edit(folder.url, "Ana1", kept: nil)  // cuts the torn line
        try append("{\"op\":\"undo\",\"seq\":3,\"of\":2}\n")
        let pending = KeptDocuments()
        journal.warm("story", kept: pending)
        #expect(pending.keptJournals.isEmpty)
        // Settled by the next writer (the file was not undone: aborted), then kept.
        try Self.edit(folder.url, "Ana2", kept: nil)
        let settled = KeptDocuments()
        journal.warm("story", kept: settled)
        #expect(settled.keptJournals.count == 1)
        // A link in the journal's place.
        let aside = Self.journal(folder).appendingPathExtension("real")
        try FileManager.default.moveItem(at: Self.journal(folder), to: aside)
        try FileManager.default.createSymbolicLink(at: Self.journal(folder), withDestinationURL: aside)
        let linked = KeptDocuments()
        journal.warm("story", kept: linked)
        #expect(linked.keptJournals.isEmpty)
    }

    /// Reads ahead racing the writers: one thread reads the journal ahead again and again (forgetting
    /// it each time, so that each read really happens) while the server's writer and the CLI's commit.
    /// Every transaction still gets its own sequence number and the journal replays.
    @Test func readsAheadRacingTheWritersLoseNothing() throws {
        let (folder, _) = try KeptDocumentTests.corpus()
        let root = folder.url
        let kept = KeptDocuments()
        let journal = EditJournal(corpus: try Corpus.open(root: root))
        let journalPath = Self.journal(folder).path
        let done = ResultSlots<Bool>(count: 1, initial: false)
        let reads = ResultSlots<Int>(count: 1, initial: 0)
        let errors = ResultSlots<String>(count: 1, initial: "")
        // The reader on a thread of its own, so that it runs beside the writers however busy the
        // machine (a shared pool may run one task to its end before starting the other).
        let reader = Thread {
            while !done[0] {
                kept.forgetJournal(at: journalPath)
                journal.warm("story", kept: kept)
                reads[0] += 1
            }
        }
        reader.start()
        // The writers start once the reader has read at least once.
        for _ in 0..<10_000 where reads[0] == 0 { usleep(1_000) }
        do {
            for n in 0..<8 {
                try Self.edit(root, "Ana\(n)", kept: kept)
                try Self.edit(root, "Bo\(n)", kept: nil)
            }
        } catch {
            errors[0] = "\(error)"
        }
        let readsWhileWriting = reads[0]
        done[0] = true
        while !reader.isFinished { usleep(1_000) }
        #expect(errors[0] == "")
        #expect(readsWhileWriting > 0)
        #expect(try Self.commitSeqs(folder) == Array(1...16))
        let history = try journal.history("story")
        #expect(history.undoable.count == 16)
        #expect(history.pending == nil)
    }
}
