import AttestKit
import Foundation
import Testing

/// import, export and score --pred in other tools' formats, through the binary, on a copy of the shipped corpus.
@Suite(.serialized) struct InteropCommandTests {
    static func shippedCorpus() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        for sub in ["corpus", "annotations"] {
            for name in try FileManager.default.contentsOfDirectory(
                atPath: Paths.repository.appendingPathComponent(sub).path) where !name.hasPrefix(".")
            {
                folder.write(
                    "\(sub)/\(name)",
                    [UInt8](try Data(contentsOf: Paths.repository.appendingPathComponent("\(sub)/\(name)"))))
            }
        }
        folder.write("attest.xml", [UInt8](try Data(contentsOf: Paths.repository.appendingPathComponent("attest.xml"))))
        return folder
    }

    static func attest(_ args: [String], _ folder: TemporaryFolder) throws -> CommandRunner.Result {
        try CommandRunner.run(args, in: folder.url)
    }

    static func report(_ path: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? [String: Any])
    }

    /// The baseline's predictions written for each tool score exactly as the JSON Lines do
    /// (entities in every format; quotes too in every format but CoNLL).
    @Test func scoringOtherFormatsGivesTheFiguresOfJSONLines() throws {
        let folder = try Self.shippedCorpus()
        let run = try Self.attest(["run", "--out", "pred.jsonl", "--no-gates"], folder)
        #expect(run.status == 0, "\(run.stderr)")
        let reference = try Self.attest(["score", "--pred", "pred.jsonl", "--json", "ref.json", "--no-gates"], folder)
        #expect(reference.status == 0, "\(reference.stderr)")
        let expected = try Self.report(folder.url.appendingPathComponent("ref.json"))
        let targets: [(String, String)] = [
            ("conll", "pred.conll"), ("brat", "brat-pred"), ("labelstudio", "pred.json"),
            ("doccano", "pred.doccano.jsonl"), ("spacy", "pred.spacy.jsonl"),
        ]
        for (format, out) in targets {
            let export = try Self.attest(
                ["export", "--from-pred", "pred.jsonl", "--format", format, "--out", out], folder)
            #expect(export.status == 0, "\(format): \(export.stderr)")
            let scored = try Self.attest(["score", "--pred", out, "--json", "\(format).json", "--no-gates"], folder)
            #expect(scored.status == 0, "\(format): \(scored.stderr)")
            let got = try Self.report(folder.url.appendingPathComponent("\(format).json"))
            for key in ["entities", "entity_types", "entity_confusion"] {
                #expect(
                    NSDictionary(dictionary: got[key] as? [String: Any] ?? [:])
                        == NSDictionary(dictionary: expected[key] as? [String: Any] ?? [:]), "\(format) \(key)")
            }
            if format != "conll" {
                #expect(
                    NSDictionary(dictionary: got["quotes"] as? [String: Any] ?? [:])
                        == NSDictionary(dictionary: expected["quotes"] as? [String: Any] ?? [:]), "\(format) quotes")
            }
        }
        // A CoNLL file without document ids cannot be matched to articles: said, exit 2.
        folder.write("noid.conll", "Met B-ORG\nPolice I-ORG\n")
        let noID = try Self.attest(["score", "--pred", "noid.conll"], folder)
        #expect(noID.status == 2 && noID.stderr.contains("-DOCSTART- -X- ID O"), "\(noID.stderr)")
    }

    /// Export the gold set, import it into an empty corpus: the files validate strictly and are the
    /// shipped ones byte for byte (brat keeps Attest's ids in notes, the JSON formats in their
    /// `attest` field); exporting the imported corpus gives the same export byte for byte.
    @Test(arguments: ["brat", "labelstudio", "doccano", "spacy"])
    func exportImportExport(_ format: String) throws {
        let folder = try Self.shippedCorpus()
        let out = format == "brat" ? "out" : "out.json"
        #expect(try Self.attest(["export", "--format", format, "--out", out], folder).status == 0)
        let target = TemporaryFolder()
        target.write(
            "attest.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest xmlns=\"urn:attest:format:1\" version=\"1.0\">\n  <corpus name=\"t\" guidelines=\"1.0\"/>\n</manifest>\n"
        )
        let source = folder.url.appendingPathComponent(out).path
        let imported = try Self.attest(
            ["import", format, source, "--status", "gold", "--annotator", "attest-team"], target)
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        #expect(imported.stdout.contains("imported 3 of 3 document(s)"))
        let strict = try Self.attest(["validate", "--strict"], target)
        #expect(strict.status == 0, "\(strict.stdout)\(strict.stderr)")
        #expect(try Self.attest(["fmt", "--check"], target).status == 0)
        for sub in ["corpus", "annotations"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent(sub).path)
            where !name.hasPrefix(".") {
                #expect(
                    try Data(contentsOf: folder.url.appendingPathComponent("\(sub)/\(name)"))
                        == Data(contentsOf: target.url.appendingPathComponent("\(sub)/\(name)")),
                    "\(format) \(sub)/\(name)")
            }
        }
        let again = format == "brat" ? "again" : "again.json"
        #expect(try Self.attest(["export", "--format", format, "--out", again], target).status == 0)
        if format == "brat" {
            for name in try FileManager.default.contentsOfDirectory(atPath: source) {
                #expect(
                    try Data(contentsOf: folder.url.appendingPathComponent("out/\(name)"))
                        == Data(contentsOf: target.url.appendingPathComponent("again/\(name)")), "\(name)")
            }
        } else {
            // The corpus's name is in no JSON export: the files are the same.
            #expect(
                try Data(contentsOf: folder.url.appendingPathComponent(out))
                    == Data(contentsOf: target.url.appendingPathComponent(again)))
        }
        // Importing again refuses every document (their files exist) and writes nothing: exit 1.
        let twice = try Self.attest(["import", format, source], target)
        #expect(twice.status == 1 && twice.stderr.contains("already exists"), "\(twice.stderr)")
    }

    /// Gold means valid: a document asked for as gold whose annotation has a warning is written as a
    /// draft, said, exit 1; a clean one is gold; `attest check`'s strict validation passes on both.
    @Test func importAsGoldWritesADocumentWithWarningsAsDraft() throws {
        let target = TemporaryFolder()
        target.write(
            "attest.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest xmlns=\"urn:attest:format:1\" version=\"1.0\">\n  <corpus name=\"t\" guidelines=\"1.0\"/>\n</manifest>\n"
        )
        target.write("in/clean.txt", "Ana Silva met Bob Lee in Oslo.\n")
        target.write("in/clean.ann", "T1\tPERSON 0 9\tAna Silva\nT2\tLOC 25 29\tOslo\n")
        // "Osl" cuts a word: span.word-boundary, a warning.
        target.write("in/cut.txt", "Ana Silva met Bob Lee in Oslo.\n")
        target.write("in/cut.ann", "T1\tPERSON 0 9\tAna Silva\nT2\tLOC 25 28\tOsl\n")
        let imported = try Self.attest(["import", "brat", "in", "--status", "gold"], target)
        #expect(imported.status == 1, "\(imported.stdout)\(imported.stderr)")
        let said = imported.stdout + imported.stderr
        #expect(said.contains("cut: written as draft, not gold: 1 warning(s)"), "\(said)")
        #expect(read(target.url.appendingPathComponent("annotations/cut.xml")).contains(#"status="draft""#))
        #expect(read(target.url.appendingPathComponent("annotations/clean.xml")).contains(#"status="gold""#))
        // No gold document has a warning: the strict validation counts only the draft's.
        let strict = try Self.attest(["validate", "--strict", "annotations/clean.xml"], target)
        #expect(strict.status == 0, "\(strict.stdout)\(strict.stderr)")
    }

    /// agree and adjudicate through the binary: two copies agree everywhere; one removed mention
    /// (66 mentions against 65) gives F1 = 130/131, a listed disagreement, a failed gate, and a decision.
    /// `attest apply` on a draft outside `annotations/` journals that draft, not the gold document:
    /// `undo DRAFT` takes the change back, and the gold document's own changes stay undoable.
    @Test func applyOnADraftJournalsTheDraft() throws {
        let folder = try Self.shippedCorpus()
        let gold = "kaba-family-accuses-met"
        for sub in ["a", "b"] {
            folder.write(
                "\(sub)/\(gold).xml",
                [UInt8](try Data(contentsOf: folder.url.appendingPathComponent("annotations/\(gold).xml"))))
        }
        #expect(try Self.attest(["remove", "b/\(gold).xml", "m13"], folder).status == 0)
        #expect(try Self.attest(["remove", gold, "m12"], folder).status == 0)
        #expect(try Self.attest(["adjudicate", "a", "b", "--out", "adj"], folder).status == 1)
        let draft = folder.url.appendingPathComponent("adj/\(gold).xml")
        let before = read(draft)
        let edit =
            #"[{"op":"add-entity","entity":{"id":"e4","type":"LOC","name":"Streatham Hill","mentions":[{"id":"m13","start":196,"end":210,"text":"Streatham Hill"}]}}]"#
        let applied = try Self.attest(["apply", "adj/\(gold).xml", edit], folder)
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(read(draft) != before)
        let undone = try Self.attest(["undo", "adj/\(gold).xml"], folder)
        #expect(undone.status == 0, "\(undone.stderr)")
        #expect(read(draft) == before)
        // The gold document's journal holds only its own change, which still undoes.
        let goldUndo = try Self.attest(["undo", gold], folder)
        #expect(goldUndo.status == 0 && goldUndo.stdout.contains("m12"), "\(goldUndo.stdout)\(goldUndo.stderr)")
        #expect(try Self.attest(["undo", gold], folder).status == 2)
    }

    @Test func agreeAndAdjudicate() throws {
        let folder = try Self.shippedCorpus()
        let fm = FileManager.default
        try fm.copyItem(
            at: folder.url.appendingPathComponent("annotations"), to: folder.url.appendingPathComponent("a"))
        try fm.copyItem(
            at: folder.url.appendingPathComponent("annotations"), to: folder.url.appendingPathComponent("b"))
        let same = try Self.attest(["agree", "a", "b", "--json", "same.json"], folder)
        #expect(same.status == 0, "\(same.stderr)")
        let average = try Self.report(folder.url.appendingPathComponent("same.json"))["average"] as? [String: Double]
        #expect(
            average?.values.allSatisfy { $0 == 1 } == true && average?.count == Agreement.Pair.keys.count,
            "\(String(describing: average))")
        #expect(try Self.attest(["remove", "kaba-family-accuses-met", "m13"], folder).status == 0)
        try fm.removeItem(at: folder.url.appendingPathComponent("b/kaba-family-accuses-met.xml"))
        try fm.copyItem(
            at: folder.url.appendingPathComponent("annotations/kaba-family-accuses-met.xml"),
            to: folder.url.appendingPathComponent("b/kaba-family-accuses-met.xml"))
        let edited = try Self.attest(
            [
                "agree", "a", "b", "--json", "edited.json", "--disagreements", "--min", "mentions.strict.f1=0.999",
                "--junit", "agree.xml",
            ],
            folder)
        #expect(edited.status == 1, "\(edited.stdout)\(edited.stderr)")
        #expect(edited.stdout.contains("only-a  A: LOC [196,210) \"Streatham Hill\""), "\(edited.stdout)")
        let figures = try Self.report(folder.url.appendingPathComponent("edited.json"))["average"] as? [String: Double]
        #expect(abs((figures?["mentions.strict.f1"] ?? 0) - 130.0 / 131) < 1e-6)
        #expect(read(folder.url.appendingPathComponent("agree.xml")).contains("failures=\"1\""))
        // The same from the manifest's annotators.
        let manifest = read(folder.url.appendingPathComponent("attest.xml")).replacingOccurrences(
            of: "</manifest>",
            with:
                "  <annotators>\n    <annotator name=\"alice\" annotations=\"a\"/>\n    <annotator name=\"bob\" annotations=\"b\"/>\n  </annotators>\n</manifest>"
        )
        folder.write("attest.xml", manifest)
        let declared = try Self.attest(["agree", "--json", "declared.json"], folder)
        #expect(
            declared.status == 0 && declared.stdout.contains("between alice, bob"),
            "\(declared.stdout)\(declared.stderr)")
        let same2 = try Self.report(folder.url.appendingPathComponent("declared.json"))["average"] as? [String: Double]
        #expect(same2 == figures)
        // The agreement page: self-contained, every figure also as text, the document with the
        // difference first (worst first) and linking to its curation view, the difference listed.
        let paged = try Self.attest(
            ["agree", "--html", "agree.html", "--studio", "http://127.0.0.1:9999"], folder)
        #expect(paged.status == 0, "\(paged.stderr)")
        let html = read(folder.url.appendingPathComponent("agree.html"))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("<link"), "nothing fetched")
        let link = "http://127.0.0.1:9999/?doc=kaba-family-accuses-met&amp;curate=1"
        #expect(html.contains("<th scope=\"row\"><a href=\"\(link)\"><bdi>kaba-family-accuses-met</bdi></a></th>"))
        // Per document by hand: A has n mentions there, B the same but one: F1 = 2(n − 1)/(2n − 1).
        let n =
            read(folder.url.appendingPathComponent("a/kaba-family-accuses-met.xml")).components(
                separatedBy: "<mention "
            ).count - 1
        let perDocument = String(format: "%.4f", 2 * Double(n - 1) / Double(2 * n - 1))
        let rows = html.components(separatedBy: "<tr>").filter { $0.contains("<th scope=\"row\"><a href=") }
        #expect(rows.first?.contains("kaba-family-accuses-met") == true && rows.count == 3, "\(rows)")
        #expect(rows.first?.contains("<td>\(perDocument)</td>") == true, "\(perDocument) \(rows)")
        #expect(html.contains("<td><bdi>only-a</bdi></td><td><bdi>LOC [196,210) &quot;Streatham Hill&quot;</bdi></td>"))
        #expect(html.contains("<svg class=\"chart\"") && html.contains("aria-label=\"Mentions, strict F1\""))
        #expect(try Self.attest(["validate"], folder).status == 0)
        let adjudicated = try Self.attest(["adjudicate", "a", "b", "--out", "adj"], folder)
        #expect(adjudicated.status == 1 && adjudicated.stdout.contains("1 decision(s) in"), "\(adjudicated.stdout)")
        #expect(try Self.attest(["validate", "--strict", "adj"], folder).status == 0)
        // Taking A's side of the one decision gives A's file back (but for the status and annotators).
        let decisions = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: folder.url.appendingPathComponent("adj/decisions.json")))
                as? [[String: Any]])
        let first = try #require((decisions.first?["decisions"] as? [[String: Any]])?.first?["take-a"])
        let edits = String(decoding: try JSONSerialization.data(withJSONObject: first), as: UTF8.self)
        #expect(try Self.attest(["apply", "adj/kaba-family-accuses-met.xml", edits], folder).status == 0)
        let body = { (url: URL) in
            read(url).split(separator: "\n").filter { !$0.contains("<document") && !$0.contains("annotator") }
        }
        #expect(
            body(folder.url.appendingPathComponent("adj/kaba-family-accuses-met.xml"))
                == body(folder.url.appendingPathComponent("a/kaba-family-accuses-met.xml")))
    }
}
