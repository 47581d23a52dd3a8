import AttestKit
import Foundation
import Testing

/// `attest assign` and `attest status` without a document: who annotates what, and how far they are.
@Suite struct AssignCommandTests {
    /// A corpus of `count` articles (d01…) with three annotators declared.
    static func team(_ count: Int) throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write(
            "attest.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest xmlns="urn:attest:format:1" version="1.0">
              <corpus name="team" guidelines="1.0"/>
              <annotators>
                <annotator name="ann1" annotations="annotators/ann1"/>
                <annotator name="ann2" annotations="annotators/ann2"/>
                <annotator name="ann3" annotations="annotators/ann3"/>
              </annotators>
            </manifest>

            """)
        for i in 1...count {
            let id = String(format: "d%02d", i)
            folder.write("in/\(id).txt", "“Quote \(i) 🦊 here,” said Ana Silva — the mayor of 𝔸rcadia.\n")
            let r = try CommandRunner.run(["new", "in/\(id).txt", "--id", id], in: folder.url)
            #expect(r.status == 0, "\(r.stderr)")
        }
        return folder
    }

    static func attest(_ args: [String], _ folder: TemporaryFolder) throws -> CommandRunner.Result {
        try CommandRunner.run(args, in: folder.url)
    }

    @Test func sharesOutEvenlyWithAnOverlapAnnotatedTwice() throws {
        let folder = try Self.team(10)
        let r = try Self.attest(["assign", "--overlap", "0.2"], folder)
        #expect(r.status == 0, "\(r.stderr)")
        // Hand-computed: ten documents, a fifth shared (d05 and d10: the running share 0.2·i passes 1
        // and 2 there), each to the least-loaded annotators in the manifest's order: 12 assignments, 4 each.
        let expected = """
            <?xml version="1.0" encoding="UTF-8"?>
            <assignments>
              <document id="d01"><annotator name="ann1"/></document>
              <document id="d02"><annotator name="ann2"/></document>
              <document id="d03"><annotator name="ann3"/></document>
              <document id="d04"><annotator name="ann1"/></document>
              <document id="d05"><annotator name="ann2"/><annotator name="ann3"/></document>
              <document id="d06"><annotator name="ann1"/></document>
              <document id="d07"><annotator name="ann2"/></document>
              <document id="d08"><annotator name="ann3"/></document>
              <document id="d09"><annotator name="ann1"/></document>
              <document id="d10"><annotator name="ann2"/><annotator name="ann3"/></document>
            </assignments>

            """
        #expect(read(folder.url.appendingPathComponent("assignments.xml")) == expected)
        #expect(r.stdout.contains("ann1: 4 documents (0 annotated twice)"))
        #expect(r.stdout.contains("ann3: 4 documents (2 annotated twice)"))
        // Each annotator's starting file: the article's empty draft with their name, valid under --strict.
        let start = try AnnotationFile.read(folder.url.appendingPathComponent("annotators/ann3/d05.xml")).document
        #expect(start.header.annotators == ["ann3"])
        #expect(start.header.status == .draft)
        #expect(start.entities.isEmpty && start.quotes.isEmpty)
        #expect(
            start.header.sha256
                == (try AnnotationFile.read(folder.url.appendingPathComponent("annotations/d05.xml")).document.header
                    .sha256))
        #expect(
            !FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("annotators/ann1/d05.xml").path))
        let v = try Self.attest(
            ["validate", "--strict", "annotators/ann1", "annotators/ann2", "annotators/ann3"], folder)
        #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
        #expect(v.stderr.contains("12 file(s) checked: 0 error(s), 0 warning(s)"))
        // Again: nothing new to give, nothing rewritten.
        let again = try Self.attest(["assign", "--overlap", "0.2"], folder)
        #expect(again.status == 0)
        #expect(again.stdout.contains("0 assignment(s) recorded"))
        #expect(read(folder.url.appendingPathComponent("assignments.xml")) == expected)
    }

    @Test func progressCountsWhatEachAnnotatorDid() throws {
        let folder = try Self.team(3)
        #expect(try Self.attest(["assign", "d01", "d02", "--to", "ann1", "ann2"], folder).status == 0)
        // ann1 starts d01 (one entity) and finishes d02 (marked gold, which needs --strict to pass).
        let e = try Self.attest(
            ["entity", "annotators/ann1/d01.xml", "--type", "PERSON", "--text", "Ana Silva"], folder)
        #expect(e.status == 0, "\(e.stderr)")
        #expect(try Self.attest(["status", "annotators/ann1/d02.xml", "gold"], folder).status == 0)
        #expect(try Self.attest(["status", "annotators/ann2/d02.xml", "gold"], folder).status == 0)
        let r = try Self.attest(["status", "--json"], folder)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["documents"] as? Int == 3)
        #expect(json["shared"] as? [String] == ["d01", "d02"])
        #expect(json["ready-to-curate"] as? [String] == ["d02"])
        let people = try #require(json["annotators"] as? [[String: Any]])
        #expect(people.map { $0["name"] as? String } == ["ann1", "ann2", "ann3"])
        #expect(people[0]["started"] as? [String] == ["d01"])
        #expect(people[0]["done"] as? [String] == ["d02"])
        #expect(people[0]["next"] as? String == "d01")
        #expect(people[1]["not-started"] as? [String] == ["d01"])
        #expect(people[2]["assigned"] as? Int == 0)
        let text = try Self.attest(["status"], folder).stdout
        #expect(text.contains("ann1: 2 assigned: 1 done, 1 started, 0 not started; next: d01"))
        #expect(text.contains("annotated twice: 2 documents, 1 ready to curate (d02)"))
    }

    @Test func refusesWhatItCannotRecord() throws {
        let folder = try Self.team(2)
        let unknown = try Self.attest(["assign", "d01", "--to", "carol"], folder)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("carol") && unknown.stderr.contains("ann1, ann2, ann3"))
        let missing = try Self.attest(["assign", "nope", "--to", "ann1"], folder)
        #expect(missing.status != 0 && missing.stderr.contains("no document nope"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("assignments.xml").path))
        // A hostile file: an external entity is never resolved, a path is not an id; nothing is written.
        for (hostile, needle) in [
            (
                "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<assignments><document id=\"&x;\"/></assignments>\n",
                "assignments.xml:"
            ),
            (
                "<assignments>\n<document id=\"../../etc\"><annotator name=\"ann1\"/></document>\n</assignments>\n",
                "assignments.xml:2:1: error: <document> needs an id"
            ),
            (
                "<assignments>\n<document id=\"d01\"><annotator name=\"ann1\"/><annotator name=\"ann1\"/></document>\n</assignments>\n",
                "[assignments.duplicate]"
            ),
            ("<assignments><document", "assignments.xml:1:"),
        ] {
            folder.write("assignments.xml", hostile)
            let r = try Self.attest(["assign", "d02", "--to", "ann2"], folder)
            #expect(r.status == 2, "\(r.stderr)")
            #expect(r.stderr.contains(needle), "\(r.stderr)")
            #expect(!r.stderr.contains("root:"))
            #expect(read(folder.url.appendingPathComponent("assignments.xml")) == hostile)
            #expect(
                !FileManager.default.fileExists(
                    atPath: folder.url.appendingPathComponent("annotators/ann2/d02.xml").path))
            #expect(try Self.attest(["status"], folder).status == 2)
        }
    }

    @Test func twoAssignersAtOnceBothLand() throws {
        let folder = try Self.team(8)
        // Eight processes at once, each giving its own document: every one recorded, every file whole.
        let results = try (1...8).map { i in
            let process = Process()
            process.executableURL = CommandRunner.executable
            process.arguments = ["assign", String(format: "d%02d", i), "--to", "ann\(i % 3 + 1)"]
            process.currentDirectoryURL = folder.url
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }.map { p -> Int32 in
            p.waitUntilExit()
            return p.terminationStatus
        }
        #expect(results == Array(repeating: 0, count: 8))
        let recorded = try AssignmentsFile.read(
            Array(read(folder.url.appendingPathComponent("assignments.xml")).utf8), file: "assignments.xml")
        #expect(recorded.documentIDs == (1...8).map { String(format: "d%02d", $0) })
        for i in 1...8 {
            #expect(recorded.annotators[String(format: "d%02d", i)] == ["ann\(i % 3 + 1)"])
        }
    }

    @Test func anEditRecordsWhoMadeIt() throws {
        let folder = try Self.team(1)
        #expect(try Self.attest(["assign", "d01", "--to", "ann2"], folder).status == 0)
        let file = "annotators/ann2/d01.xml"
        let before = read(folder.url.appendingPathComponent(file))
        let r = try CommandRunner.run(
            ["entity", file, "--type", "PERSON", "--text", "Ana Silva"], in: folder.url,
            environment: ["ATTEST_ANNOTATOR": "ann2-laptop"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try AnnotationFile.read(folder.url.appendingPathComponent(file)).document
        #expect(doc.header.annotators == ["ann2", "ann2-laptop"])
        #expect(doc.mentions.map(\.mention.excerpt.text) == ["Ana Silva"])
        let history = try CommandRunner.run(["undo", file, "--list"], in: folder.url)
        #expect(history.stdout.contains("(by ann2-laptop)"), "\(history.stdout)")
        // Undo puts the file back byte for byte, the name with the mention.
        #expect(try Self.attest(["undo", file], folder).status == 0)
        #expect(read(folder.url.appendingPathComponent(file)) == before)
    }
}
