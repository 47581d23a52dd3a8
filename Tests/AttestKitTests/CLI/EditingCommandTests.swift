import AttestKit
import Foundation
import Testing

/// The editing verbs as a user runs them.
@Suite struct EditingCommandTests {
    static func attest(_ args: [String], _ folder: TemporaryFolder) throws -> CommandRunner.Result {
        try CommandRunner.run(args, in: folder.url)
    }

    /// A copy of the shipped corpus: manifest, articles, annotations and the text store.
    static func shippedCorpus() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        let fm = FileManager.default
        for sub in ["corpus", "annotations", "annotations/.attest/texts"] {
            let from = Paths.repository.appendingPathComponent(sub)
            for name in try fm.contentsOfDirectory(atPath: from.path)
            where name.hasSuffix(".txt") || name.hasSuffix(".xml") {
                folder.write("\(sub)/\(name)", [UInt8](try Data(contentsOf: from.appendingPathComponent(name))))
            }
        }
        folder.write("attest.xml", [UInt8](try Data(contentsOf: Paths.repository.appendingPathComponent("attest.xml"))))
        return folder
    }

    /// A word inserted at the start of every shipped article: realign gives
    /// back exactly the original annotations, shifted.
    @Test func shippedArticlesRealignAfterAWordAtTheStart() throws {
        let folder = try Self.shippedCorpus()
        let corpus = try Corpus.open(root: folder.url)
        let ids = corpus.documentIDs()
        #expect(ids.count == 3)
        var before: [String: AnnotationDocument] = [:]
        let word = "Exclusive: "
        for id in ids {
            before[id] = try AnnotationFile.read(corpus.annotationURL(for: id)).document
            let url = corpus.articleURL(for: id)
            folder.write("corpus/\(id).txt", Array(word.utf8) + [UInt8](try Data(contentsOf: url)))
        }
        let stale = try Self.attest(["show", ids[0]], folder)
        #expect(stale.status == 2)
        #expect(stale.stderr.contains("attest realign \(ids[0])"))
        let run = try Self.attest(["realign"], folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").count == 3)
        #expect(run.stdout.contains("0 to check (old text from the text store)"))
        for id in ids {
            let old = try #require(before[id])
            let new = try AnnotationFile.read(corpus.annotationURL(for: id)).document
            #expect(new.header.status == old.header.status)
            #expect(new.entities.map(\.id) == old.entities.map(\.id))
            let oldX = RealignTests.excerpts(old)
            let newX = RealignTests.excerpts(new)
            #expect(Set(oldX.keys) == Set(newX.keys))
            for (key, x) in oldX {
                let y = try #require(newX[key])
                #expect(y.text == x.text, "\(id) \(key)")
                #expect(y.span.start - x.span.start == word.count && y.span.length == x.span.length, "\(id) \(key)")
            }
            #expect(new.quotes.map(\.speakerEntity) == old.quotes.map(\.speakerEntity))
        }
        #expect(try Self.attest(["validate", "--strict"], folder).status == 0)
        #expect(try Self.attest(["fmt", "--check"], folder).status == 0)
        #expect(try Self.attest(["check"], folder).status == 0)
    }

    @Test func dryRunShowsTheChangeAndWritesNothing() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let url = folder.url.appendingPathComponent("annotations/sample.xml")
        let before = read(url)
        let r = try Self.attest(["retype", "sample", "e4", "loc", "--dry-run"], folder)
        #expect(r.status == 0)
        #expect(r.stdout.contains("-Police Chief {[Ed Ray|PERSON e3]|speaker q2} <told|cue q2> The [Courier|ORG e4]"))
        #expect(r.stdout.contains("+Police Chief {[Ed Ray|PERSON e3]|speaker q2} <told|cue q2> The [Courier|LOC e4]"))
        #expect(r.stderr.contains("dry run: nothing written"))
        #expect(read(url) == before)
        for args in [
            ["rename", "sample", "e4", "The Courier-Journal"], ["merge-entities", "sample", "e1", "e3"],
            ["split", "sample", "m4"], ["move", "sample", "m4", "--to", "e3"],
            ["respan", "sample", "m5", "--text", "The Courier"],
            ["respan", "sample", "q1", "--start", "1", "--end", "22"],
            ["edit-quote", "sample", "q2", "--kind", "mixed", "--no-cue"], ["remove", "sample", "q1", "m2"],
            ["status", "sample", "draft"], ["remove-doc", "sample"],
            ["entity", "sample", "--type", "org", "--text", "Police"],
            ["quote", "sample", "--text", "the plan", "--kind", "indirect"],
        ] {
            let r = try Self.attest(args + ["--dry-run"], folder)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(r.stderr.contains("dry run: nothing written"), "\(args)")
            #expect(read(url) == before, "\(args)")
        }
    }

    /// Gold means valid, also after the document became gold: a change that would add a warning
    /// (an error for `validate --strict` and `check`) is refused until the document is a draft again.
    @Test func aGoldDocumentRefusesAChangeThatAddsAWarning() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let url = folder.url.appendingPathComponent("annotations/sample.xml")
        let before = read(url)
        let change = ["edit-quote", "sample", "q2", "--speaker-text", "Ed Ray", "--no-speaker-entity"]
        let refused = try Self.attest(change, folder)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("sample is gold: this change would add 1 warning(s)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("[speaker.entity-missing]"))
        #expect(read(url) == before)
        // A change that keeps it valid is made on the gold document as on any other.
        #expect(try Self.attest(["rename", "sample", "e4", "The Courier-Journal"], folder).status == 0)
        #expect(try Self.attest(["validate", "--strict"], folder).status == 0)
        // Back to draft, the same change is made.
        #expect(try Self.attest(["status", "sample", "draft"], folder).status == 0)
        #expect(try Self.attest(change, folder).status == 0)
        #expect(read(url).contains(#"status="draft""#))
    }

    @Test func verbsWriteAndUndoRestores() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let url = folder.url.appendingPathComponent("annotations/sample.xml")
        let before = read(url)
        let steps: [[String]] = [
            ["rename", "sample", "e4", "The Courier-Journal"], ["merge-entities", "sample", "e1", "e3"],
            ["split", "sample", "m3", "--name", "Ed Ray"], ["respan", "sample", "m5", "--text", "The Courier"],
            ["edit-quote", "sample", "q2", "--speaker-text", "Doe", "--speaker-nth", "2"],
            // Back to draft before a change that adds a warning (a gold document refuses it).
            ["status", "sample", "draft"],
            ["edit-quote", "sample", "q2", "--speaker-text", "Ed Ray", "--no-speaker-entity"],
            ["remove", "sample", "q3", "m4"],
        ]
        for args in steps {
            let r = try Self.attest(args, folder)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        let status = try Self.attest(["status", "sample"], folder)
        #expect(status.stdout == "sample: draft (4 entities, 4 mentions, 2 quotes)\n")
        let list = try Self.attest(["undo", "sample", "--list"], folder)
        #expect(list.stdout.split(separator: "\n").count == steps.count)
        let preview = try Self.attest(["undo", "sample", "--dry-run"], folder)
        #expect(preview.status == 0)
        #expect(preview.stdout.contains("q3"), "\(preview.stdout)")
        #expect(preview.stdout.hasSuffix("would undo attest remove sample q3 m4\n"), "\(preview.stdout)")
        #expect(try Self.attest(["undo", "sample", "--list"], folder).stdout == list.stdout)
        for _ in steps { #expect(try Self.attest(["undo", "sample"], folder).status == 0) }
        #expect(read(url) == before)
        let empty = try Self.attest(["undo", "sample"], folder)
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("nothing to undo"))
    }

    @Test func removeDocThenUndo() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let r = try Self.attest(["remove-doc", "sample"], folder)
        #expect(r.status == 0)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("corpus/sample.txt").path))
        #expect(try Self.attest(["undo", "sample"], folder).status == 0)
        #expect(try Self.attest(["validate", "--strict"], folder).status == 0)
    }

    @Test func missesSayWhatWasMeant() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let lower = try Self.attest(["entity", "sample", "--type", "person", "--text", "jane doe"], folder)
        #expect(lower.status == 2)
        #expect(lower.stderr.contains("did you mean:\n  --text 'Jane Doe': [36,44)"))
        let unknown = try Self.attest(["entity", "sample", "--type", "persn", "--text", "Jane Doe"], folder)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("the corpus declares LOC, ORG, PERSON"))
        let quote = try Self.attest(["quote", "sample", "--text", "\"a disgrace\"", "--kind", "mixed"], folder)
        #expect(quote.status == 2)
        #expect(quote.stderr.contains("--text '“a disgrace”'"))
        // An invalid result names the document, not a line of a file never written.
        let bad = try Self.attest(["respan", "sample", "m1", "--start", "35", "--end", "44"], folder)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("sample: the result would not validate"))
        #expect(bad.stderr.contains("[span.whitespace]"))
        #expect(!bad.stderr.contains("sample.xml:"))
    }

    @Test func realignReportsWhatItCouldNotCarryAndExitsOne() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        #expect(try Self.attest(["realign"], folder).status == 0)  // keeps the text
        let url = folder.url.appendingPathComponent("corpus/sample.txt")
        folder.write(
            "corpus/sample.txt", read(url).replacingOccurrences(of: "Doe called the plan “a disgrace”.\n", with: ""))
        let r = try Self.attest(["realign"], folder)
        #expect(r.status == 1)
        #expect(r.stdout.contains("content of quote q3 \"a disgrace\" [172,182) was deleted from the text and removed"))
        #expect(r.stdout.contains("mention m4 of e1 (Jane Doe) \"Doe\" [151,154) was deleted"))
        #expect(try Self.attest(["status", "sample"], folder).stdout.hasPrefix("sample: draft"))
        #expect(try Self.attest(["validate", "--strict"], folder).status == 0)
    }
}
