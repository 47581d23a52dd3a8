import AttestKit
import Foundation
import Testing

/// Every annotation command through the binary, on a fresh corpus made from
/// an article with curly quotes and a dash.
@Suite(.serialized) struct AnnotationCommandTests {
    static let article =
        "“We acted lawfully,” said Ana Silva of Harbour Council — again.\nSilva told the Ledger that Ana Silva would appeal.\nThe council called the ruling “a farce”.\n"

    /// An empty corpus (manifest only) plus the article outside it.
    static func emptyCorpus() -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write(
            "attest.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest xmlns=\"urn:attest:format:1\" version=\"1.0\">\n  <corpus name=\"t\" guidelines=\"1.0\"/>\n</manifest>\n"
        )
        try? FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("corpus"), withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("annotations"), withIntermediateDirectories: true)
        folder.write("incoming/Council Ruling.txt", article)
        return folder
    }

    static func attest(_ args: [String], _ folder: TemporaryFolder) throws -> CommandRunner.Result {
        try CommandRunner.run(args, in: folder.url)
    }

    @Test func newCopiesTheArticleByteForByteAndCreatesADraft() throws {
        let folder = Self.emptyCorpus()
        let r = try Self.attest(
            ["new", "incoming/Council Ruling.txt", "--id", "ruling", "--annotator", "tester"], folder)
        #expect(r.status == 0, "\(r.stderr)")
        let copied = try Data(contentsOf: folder.url.appendingPathComponent("corpus/ruling.txt"))
        #expect(copied == Data(Self.article.utf8))
        let xml = read(folder.url.appendingPathComponent("annotations/ruling.xml"))
        #expect(xml.contains("status=\"draft\""))
        #expect(xml.contains("length=\"\(Self.article.unicodeScalars.count)\""))
        #expect(xml.contains("sha256=\"\(SHA256Hex.of(Array(Self.article.utf8)))\""))
        #expect(xml.contains("<annotator name=\"tester\"/>"))
        // Adding it again is refused; nothing is overwritten.
        let again = try Self.attest(["new", "incoming/Council Ruling.txt", "--id", "ruling"], folder)
        #expect(again.status == 2)
        #expect(try Self.attest(["validate", "--strict"], folder).status == 0)
    }

    @Test func entityByTextNthAndAll() throws {
        let folder = Self.emptyCorpus()
        _ = try Self.attest(["new", "incoming/Council Ruling.txt", "--id", "ruling"], folder)
        // "Ana Silva" occurs twice: ambiguous without --nth, listed with context.
        let ambiguous = try Self.attest(["entity", "ruling", "--type", "PERSON", "--text", "Ana Silva"], folder)
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr.contains("occurs 2 times in ruling; say which with --nth"))
        #expect(ambiguous.stderr.contains("[26,35)"))
        let before = read(folder.url.appendingPathComponent("annotations/ruling.xml"))
        // Not found: clear error, nothing written.
        let missing = try Self.attest(["entity", "ruling", "--type", "PERSON", "--text", "Bob Ray"], folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("\"Bob Ray\" does not occur in ruling"))
        let outOfRange = try Self.attest(
            ["entity", "ruling", "--type", "PERSON", "--text", "Ana Silva", "--nth", "3"], folder)
        #expect(outOfRange.status == 2)
        #expect(outOfRange.stderr.contains("--nth 3 is out of range"))
        #expect(read(folder.url.appendingPathComponent("annotations/ruling.xml")) == before)

        #expect(
            try Self.attest(["entity", "ruling", "--type", "PERSON", "--text", "Ana Silva", "--all"], folder).status
                == 0)
        // "Silva" alone: only the occurrence not inside an annotated "Ana Silva".
        let silva = try Self.attest(
            ["entity", "ruling", "--type", "PERSON", "--text", "Silva", "--all", "--entity", "e1"], folder)
        #expect(silva.status == 0, "\(silva.stderr)")
        #expect(silva.stdout.contains("m3 [64,69) PERSON e1 Ana Silva"))
        #expect(
            try Self.attest(["entity", "ruling", "--type", "ORG", "--text", "Harbour Council"], folder).status == 0)
        // A type clash with an existing entity is refused.
        let clash = try Self.attest(
            ["entity", "ruling", "--type", "LOC", "--text", "Ledger", "--entity", "e1"], folder)
        #expect(clash.status == 2)
        #expect(clash.stderr.contains("entity e1 is a PERSON, not a LOC"))
        let xml = read(folder.url.appendingPathComponent("annotations/ruling.xml"))
        #expect(xml.contains("<mention id=\"m1\" start=\"26\" end=\"35\">Ana Silva</mention>"))
        #expect(xml.contains("<mention id=\"m3\" start=\"64\" end=\"69\">Silva</mention>"))
        #expect(try Self.attest(["validate", "--strict"], folder).status == 0)
    }

    @Test func quoteWithSpeakerEntityAndCue() throws {
        let folder = Self.emptyCorpus()
        _ = try Self.attest(["new", "incoming/Council Ruling.txt", "--id", "ruling"], folder)
        _ = try Self.attest(["entity", "ruling", "--type", "PERSON", "--text", "Ana Silva", "--all"], folder)
        let q = try Self.attest(
            [
                "quote", "ruling", "--kind", "direct", "--text", "We acted lawfully,", "--speaker-text", "Ana Silva",
                "--speaker-nth", "1", "--speaker-entity", "Ana Silva", "--cue-text", "said",
            ],
            folder)
        #expect(q.status == 0, "\(q.stderr)")
        #expect(q.stdout == "q1 direct [1,19) speaker [26,35) \"Ana Silva\" cue [21,25) \"said\" → e1\n")
        // The nearest "Silva" to the content is chosen when --speaker-nth is not given.
        let indirect = try Self.attest(
            [
                "quote", "ruling", "--kind", "indirect", "--text", "Ana Silva would appeal", "--speaker-text", "Silva",
                "--cue-text", "told",
            ], folder)
        #expect(indirect.status == 0, "\(indirect.stderr)")
        #expect(indirect.stdout.contains("speaker [64,69)"))
        // Quote marks inside a direct quote's content are refused by validation; nothing written.
        let before = read(folder.url.appendingPathComponent("annotations/ruling.xml"))
        let bad = try Self.attest(["quote", "ruling", "--kind", "mixed", "--text", "“a farce”"], folder)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("[quote.marks]"))
        #expect(read(folder.url.appendingPathComponent("annotations/ruling.xml")) == before)
        #expect(
            try Self.attest(
                ["quote", "ruling", "--kind", "mixed", "--text", "a farce", "--cue-text", "called"], folder
            ).status == 0)
        #expect(try Self.attest(["validate", "--strict"], folder).status == 0)
    }

    @Test func removeStatusShowStatsAndFmt() throws {
        let folder = Self.emptyCorpus()
        _ = try Self.attest(["new", "incoming/Council Ruling.txt", "--id", "ruling"], folder)
        _ = try Self.attest(["entity", "ruling", "--type", "PERSON", "--text", "Ana Silva", "--all"], folder)
        _ = try Self.attest(["entity", "ruling", "--type", "ORG", "--text", "Harbour Council"], folder)
        _ = try Self.attest(
            [
                "quote", "ruling", "--kind", "direct", "--text", "We acted lawfully,", "--speaker-text", "Ana Silva",
                "--speaker-nth", "1", "--speaker-entity", "e1", "--cue-text", "said",
            ], folder)
        // An entity that is a quote's speaker cannot go.
        let refused = try Self.attest(["remove", "ruling", "e1"], folder)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("entity e1 is the speaker of q1"))
        #expect(try Self.attest(["remove", "ruling", "m2"], folder).stdout.contains("removed mention m2"))
        #expect(try Self.attest(["remove", "ruling", "nothing"], folder).status == 2)
        #expect(try Self.attest(["status", "ruling", "gold"], folder).stdout == "ruling: gold\n")
        #expect(read(folder.url.appendingPathComponent("annotations/ruling.xml")).contains("status=\"gold\""))

        let show = try Self.attest(["show", "ruling"], folder)
        #expect(show.status == 0)
        #expect(
            show.stdout.contains(
                "“⟦We acted lawfully,|q1 direct⟧” <said|cue q1> {[Ana Silva|PERSON e1]|speaker q1} of [Harbour Council|ORG e2] — again."
            ))
        #expect(!show.stdout.contains("\u{1B}["))  // no colours when not on a terminal
        let colored = try Self.attest(["show", "ruling", "--color"], folder)
        #expect(colored.stdout.contains("\u{1B}["))

        let stats = try Self.attest(["stats"], folder)
        #expect(stats.status == 0)
        #expect(stats.stdout.contains("ruling"))
        #expect(stats.stdout.contains("total"))

        // fmt --check finds a file out of layout, fmt rewrites it, then --check passes.
        let url = folder.url.appendingPathComponent("annotations/ruling.xml")
        let canonical = read(url)
        try Data(canonical.replacingOccurrences(of: "  <entities>", with: "<entities>").utf8).write(to: url)
        let check = try Self.attest(["fmt", "--check"], folder)
        #expect(check.status == 1)
        // A unified diff of what would change.
        #expect(check.stdout.hasPrefix("--- annotations/ruling.xml\n+++ annotations/ruling.xml (canonical)\n@@ -"))
        #expect(check.stdout.contains("\n-<entities>\n+  <entities>\n"))
        #expect(try Self.attest(["fmt"], folder).status == 0)
        #expect(read(url) == canonical)
        #expect(try Self.attest(["fmt", "--check"], folder).status == 0)
    }

    /// The editor refuses to overwrite a file that changed on disk since it was read.
    @Test func refusesToOverwriteAFileChangedOnDisk() throws {
        let folder = Self.emptyCorpus()
        _ = try Self.attest(["new", "incoming/Council Ruling.txt", "--id", "ruling"], folder)
        let corpus = try Corpus.open(root: folder.url)
        // Opened to read: a writer holds the document's lock, so "meanwhile" needs an editor without it.
        var editor = try AnnotationEditor.open("ruling", in: corpus, forWriting: false)
        try editor.addMentions(type: .organization, text: "Harbour Council")
        // Meanwhile someone else changes the file.
        let other = try Self.attest(
            ["entity", "ruling", "--type", "PERSON", "--text", "Ana Silva", "--nth", "1"], folder)
        #expect(other.status == 0)
        let theirs = read(folder.url.appendingPathComponent("annotations/ruling.xml"))
        #expect(throws: AttestError.self) { try editor.commit(summary: "test") }
        do { try editor.commit(summary: "test") } catch let e as AttestError {
            #expect(e.message.contains("changed on disk since it was read"))
        }
        #expect(read(folder.url.appendingPathComponent("annotations/ruling.xml")) == theirs)
        // No temporary file is left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: folder.url.appendingPathComponent("annotations").path)
        #expect(leftovers.sorted() == [".attest", "ruling.xml"])
        // The failed commit left no journal entry behind (the CLI's own change has one).
        #expect(try EditJournal(corpus: corpus).entries("ruling").count == 1)
    }
}
