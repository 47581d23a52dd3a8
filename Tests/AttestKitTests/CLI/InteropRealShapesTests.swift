import AttestKit
import Foundation
import Synchronization
import Testing

/// `attest import` on files in the shapes other tools write (Fixtures/interop-real): a
/// pretty-printed Label Studio task with several annotators, doccano's custom columns, spaCy v2
/// training JSON, WNUT17's final U+FEFF line, CoNLL-2003's id-less `-DOCSTART-` lines. A file or
/// record that cannot be read stops only its own document.
@Suite(.serialized) struct InteropRealShapesTests {
    static let fixtures = Paths.repository.appendingPathComponent("Tests/AttestKitTests/Fixtures/interop-real")

    static func corpus() -> TemporaryFolder { BratAttributionImportTests.corpus() }

    static func attest(_ args: [String], _ folder: TemporaryFolder) throws -> CommandRunner.Result {
        try CommandRunner.run(args, in: folder.url)
    }

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    static func mentions(_ folder: TemporaryFolder, _ path: String) throws -> [String] {
        let doc = try AnnotationFile.read(folder.url.appendingPathComponent(path)).document
        return doc.entities.flatMap { e in e.mentions.map { "\(e.type) \($0.span.start) \($0.span.end) \($0.text)" } }
            .sorted()
    }

    @Test func aLabelStudioTaskGoesToEachAnnotatorAndSkipsTheCancelled() throws {
        let folder = Self.corpus()
        let r = try Self.attest(["import", "labelstudio", Self.fixture("ls-task.json")], folder)
        #expect(r.status == 0, "\(r.stderr)")
        // alice@example.org and bob@example.org are the manifest's alice and bob; 🚀 is two UTF-16
        // units, so "Bob Jones" at units 17–26 is code points 16–25.
        #expect(
            try Self.mentions(folder, "annotators/alice/doc-41.xml") == [
                "PERSON 0 9 Ana Silva", "PERSON 16 25 Bob Jones",
            ])
        #expect(try Self.mentions(folder, "annotators/bob/doc-41.xml") == ["LOC 29 35 Lisbon"])
        #expect(r.stderr.contains("1 cancelled annotation(s) skipped"), "\(r.stderr)")
        #expect(r.stderr.contains("1 annotation(s) not imported"), "\(r.stderr)")
        // The document is one of the corpus: its gold file an empty draft for curation to fill, never
        // the annotators' work.
        let gold = try AnnotationFile.read(folder.url.appendingPathComponent("annotations/doc-41.xml")).document
        #expect(gold.header.status == .draft && gold.entities.isEmpty && gold.quotes.isEmpty)
        #expect(gold.header.annotators.isEmpty && gold.header.length == 36, "\(gold.header)")
        #expect(r.stderr.contains("1 document(s) had no file in annotations/"), "\(r.stderr)")
        #expect(try Self.attest(["validate", "--strict", "annotations"], folder).status == 0)
    }

    /// Four imports of the same task at once: one of them writes each annotator's file and the gold
    /// draft, the others are refused ("already exists") or find the draft there; nothing is half
    /// written, the gold file is the empty draft, and the corpus validates.
    @Test func racingImportsWriteEachFileOnce() throws {
        let folder = Self.corpus()
        let results = Mutex<[CommandRunner.Result]>([])
        let root = folder.url
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            // deliberate: a run that cannot start is counted as missing below
            if let r = try? CommandRunner.run(["import", "labelstudio", Self.fixture("ls-task.json")], in: root) {
                results.withLock { $0.append(r) }
            }
        }
        let all = results.withLock { $0 }
        #expect(all.count == 4)
        #expect(all.allSatisfy { $0.status == 0 || $0.status == 1 }, "\(all.map(\.stderr))")
        #expect(all.filter { $0.stderr.contains("1 document(s) had no file in annotations/") }.count == 1)
        #expect(try Self.mentions(folder, "annotators/bob/doc-41.xml") == ["LOC 29 35 Lisbon"])
        let gold = try AnnotationFile.read(folder.url.appendingPathComponent("annotations/doc-41.xml")).document
        #expect(gold.entities.isEmpty && gold.header.status == .draft)
        #expect(try Self.attest(["validate", "--strict"], folder).status == 0)
    }

    @Test func doccanoColumnsAndOneRecordWithoutItsText() throws {
        let folder = Self.corpus()
        let r = try Self.attest(
            [
                "import", "doccano", Self.fixture("doccano-columns.jsonl"), "--text-field", "column_data",
                "--label-field", "column_label",
            ], folder)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("doccano-columns.jsonl:2: column_data is missing; skipped"), "\(r.stderr)")
        #expect(r.stderr.contains("1 relation(s) dropped"), "\(r.stderr)")
        #expect(r.stdout.contains("imported 2 of 3 document(s)"), "\(r.stdout)")
        #expect(try Self.mentions(folder, "annotations/doc-1.xml") == ["LOC 20 25 Porto", "PERSON 0 11 Maria Costa"])
        #expect(try Self.mentions(folder, "annotations/doc-3.xml") == ["ORG 4 8 IOPC"])
        // Without the flags the text field is not found, and the message names --text-field.
        let plain = try Self.attest(["import", "doccano", Self.fixture("doccano-columns.jsonl")], Self.corpus())
        #expect(plain.status == 1 && plain.stderr.contains("--text-field"), "\(plain.stderr)")
    }

    @Test func spacyTrainingJSONIsNamed() throws {
        let r = try Self.attest(["import", "spacy", Self.fixture("spacy-v2-train.json")], Self.corpus())
        #expect(r.status == 1)
        #expect(r.stderr.contains("spaCy v2 training JSON") && r.stderr.contains("spacy convert"), "\(r.stderr)")
    }

    @Test func wnutsLastLineAndCoNLL2003sDocumentLines() throws {
        let folder = Self.corpus()
        let wnut = try Self.attest(
            ["import", "conll", Self.fixture("wnut17.conll"), "--map", "location=LOC", "--map", "person=PERSON"], folder
        )
        #expect(wnut.status == 0, "\(wnut.stderr)")
        #expect(
            try Self.mentions(folder, "annotations/wnut17.xml") == ["LOC 11 17 Lisbon", "PERSON 18 29 Maria Costa"])
        // Three documents without ids: named after the file; the second has a stray line and is the
        // only one skipped, named with its line.
        let eng = try Self.attest(["import", "conll", Self.fixture("eng.testa"), "--map", "MISC=-"], folder)
        #expect(eng.status == 1, "\(eng.stderr)")
        #expect(eng.stderr.contains("eng.testa:9: a token line needs the word and its tag; skipped"), "\(eng.stderr)")
        #expect(eng.stdout.contains("imported 2 of 3 document(s) from conll: eng-1, eng-3"), "\(eng.stdout)")
        #expect(try Self.mentions(folder, "annotations/eng-1.xml") == ["ORG 8 22 LEICESTERSHIRE"])
        #expect(try Self.mentions(folder, "annotations/eng-3.xml") == [])
    }

    /// Export writes CoNLL-2003's own document lines with the ids beside them (`OUT.ids`); a
    /// predictions file named without `.conll` is read as CoNLL from its content and scored.
    @Test func conllExportKeepsIdsBesideTheTokens() throws {
        let folder = try InteropCommandTests.shippedCorpus()
        #expect(try Self.attest(["run", "--out", "pred.jsonl", "--no-gates"], folder).status == 0)
        let export = try Self.attest(
            ["export", "--from-pred", "pred.jsonl", "--format", "conll", "--out", "pred.testa"], folder)
        #expect(export.status == 0, "\(export.stderr)")
        let tokens = read(folder.url.appendingPathComponent("pred.testa"))
        let starts = tokens.split(separator: "\n").filter { $0.hasPrefix("-DOCSTART-") }
        #expect(starts.count == 3 && starts.allSatisfy { $0 == "-DOCSTART- -X- O O" }, "\(starts)")
        #expect(
            read(folder.url.appendingPathComponent("pred.testa.ids"))
                == "kaba-family-accuses-met\nkaba-officer-account-leaked\nmet-firearms-officers-protest\n")
        let scored = try Self.attest(["score", "--pred", "pred.testa", "--json", "c.json", "--no-gates"], folder)
        #expect(scored.status == 0, "\(scored.stderr)")
        let reference = try Self.attest(["score", "--pred", "pred.jsonl", "--json", "j.json", "--no-gates"], folder)
        #expect(reference.status == 0)
        let got = try InteropCommandTests.report(folder.url.appendingPathComponent("c.json"))
        let want = try InteropCommandTests.report(folder.url.appendingPathComponent("j.json"))
        #expect(
            NSDictionary(dictionary: got["entities"] as? [String: Any] ?? [:])
                == NSDictionary(dictionary: want["entities"] as? [String: Any] ?? [:]))
    }

    /// brat export writes `annotation.conf` (the corpus's types, the quote parts and relations, the
    /// Kind attribute); an id made from a file name is reported.
    @Test func bratExportConfigurationAndRewrittenIds() throws {
        let folder = try InteropCommandTests.shippedCorpus()
        #expect(try Self.attest(["export", "--format", "brat", "--out", "out"], folder).status == 0)
        let conf = read(folder.url.appendingPathComponent("out/annotation.conf"))
        for line in [
            "[entities]", "PERSON", "Quote", "Speaker\tArg1:Quote, Arg2:<ENTITY>",
            "Kind\tArg:Quote, Value:direct|indirect|mixed",
        ] {
            #expect(conf.contains(line), "\(line)")
        }
        let source = TemporaryFolder()
        source.write("Doc.One.txt", "Ana spoke.\n")
        source.write("Doc.One.ann", "T1\tPERSON 0 3\tAna\n")
        let target = Self.corpus()
        let r = try Self.attest(["import", "brat", source.url.path], target)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("ids from the file name \"Doc.One\" are written as \"doc-one\""), "\(r.stderr)")
    }

    /// A span past the end in code points that is the text in UTF-8 bytes: the range error says so,
    /// with the span in code points (with and without a text), as the in-range case does.
    @Test func aSpanPastTheEndInBytesGetsTheUnitDiagnosis() throws {
        let folder = try InteropCommandTests.shippedCorpus()
        let article = read(folder.url.appendingPathComponent("corpus/kaba-family-accuses-met.txt"))
        let scalars = Array(article.unicodeScalars)
        // The last "to": its code-point span, and the same span counted in UTF-8 bytes.
        let end = article.range(of: "to", options: .backwards)!
        let s = article.unicodeScalars.distance(from: article.unicodeScalars.startIndex, to: end.lowerBound)
        let b = article.utf8.distance(from: article.utf8.startIndex, to: end.lowerBound)
        #expect(b + 2 > scalars.count, "the byte span must lie past the end in code points")
        for text in ["", #", "text": "to""#] {
            folder.write(
                "p.jsonl",
                #"{"id": "kaba-family-accuses-met", "entities": [{"start": \#(b), "end": \#(b + 2), "type": "PERSON"\#(text)}], "quotes": []}"#
                    + "\n")
            let r = try Self.attest(["score", "--pred", "p.jsonl", "--no-gates"], folder)
            #expect(r.status == 2)
            #expect(
                r.stderr.contains(
                    "it fits the article as UTF-8 byte offsets: in code points it is [\(s),\(s + 2)) \"to\" [pred.range]"
                ),
                "\(r.stderr)")
        }
    }

    /// Label Studio export: names from the project's labeling config, the task id kept from the
    /// import (`doc-41` is task 41), mapped labels mapped back, predictions kept as predictions.
    @Test func labelStudioExportWithTheProjectsNames() throws {
        let folder = BratAttributionImportTests.corpus(annotators: false)
        #expect(try Self.attest(["import", "labelstudio", Self.fixture("ls-task.json")], folder).status == 0)
        folder.write(
            "config.xml",
            """
            <View>
              <Labels name="ner" toName="body"><Label value="PER"/><Label value="LOC"/></Labels>
              <Text name="body" value="$article"/>
            </View>
            """)
        let exported = try Self.attest(
            [
                "export", "--format", "labelstudio", "--status", "draft", "--ls-config", "config.xml", "--map",
                "PERSON=PER", "--out", "out.json",
            ], folder)
        #expect(exported.status == 0, "\(exported.stderr)")
        let tasks = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.url.appendingPathComponent("out.json")))
                as? [[String: Any]])
        #expect(tasks.count == 1)
        #expect(tasks.first?["id"] as? Int == 41)
        let data = tasks.first?["data"] as? [String: Any] ?? [:]
        #expect((data["article"] as? String)?.hasPrefix("Ana Silva met") == true && data["text"] == nil)
        let results = ((tasks.first?["annotations"] as? [[String: Any]])?.first?["result"] as? [[String: Any]]) ?? []
        #expect(results.count == 2)
        for result in results {
            #expect(result["from_name"] as? String == "ner" && result["to_name"] as? String == "body")
            #expect((result["value"] as? [String: Any])?["labels"] as? [String] == ["PER"])
        }
        // Predictions stay predictions.
        let shipped = try InteropCommandTests.shippedCorpus()
        #expect(try Self.attest(["run", "--out", "pred.jsonl", "--no-gates"], shipped).status == 0)
        let predicted = try Self.attest(
            ["export", "--from-pred", "pred.jsonl", "--format", "labelstudio", "--out", "pred.json"], shipped)
        #expect(predicted.status == 0, "\(predicted.stderr)")
        let predTasks = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: shipped.url.appendingPathComponent("pred.json")))
                as? [[String: Any]])
        #expect(predTasks.count == 3)
        #expect(predTasks.allSatisfy { $0["annotations"] == nil })
        #expect(
            predTasks.allSatisfy {
                (($0["predictions"] as? [[String: Any]])?.first?["model_version"] as? String) == "attest"
            })
        // A config without a <Labels> control is refused, named.
        folder.write("bad.xml", "<View><Text name=\"t\" value=\"$text\"/></View>")
        let bad = try Self.attest(
            ["export", "--format", "labelstudio", "--status", "draft", "--ls-config", "bad.xml"], folder)
        #expect(bad.status == 2 && bad.stderr.contains("bad.xml: the labeling config has no <Labels"), "\(bad.stderr)")
    }

    /// Numbers at or beyond ±2^63 (which once trapped converting Double to Int) are a field error with
    /// file and line, in import and in score, never a crash.
    @Test(arguments: ["1e19", "-1e19", "9223372036854775808", "1e400"])
    func hugeNumbersAreFieldErrors(number: String) throws {
        let folder = try InteropCommandTests.shippedCorpus()
        let text = "Ana Silva spoke."
        let files: [(format: String, name: String, body: String)] = [
            ("doccano", "d.jsonl", #"{"text": "\#(text)", "label": [[0, \#(number), "PERSON"]]}"# + "\n"),
            (
                "spacy", "s.jsonl",
                #"{"text": "\#(text)", "ents": [{"start": 0, "end": \#(number), "label": "PERSON"}]}"# + "\n"
            ),
            (
                "labelstudio", "l.json",
                #"[{"data": {"text": "\#(text)"}, "annotations": [{"result": [{"type": "labels", "value": {"start": \#(number), "end": 9, "text": "Ana Silva", "labels": ["PERSON"]}}]}]}]"#
            ),
        ]
        for f in files {
            folder.write(f.name, f.body)
            let r = try Self.attest(["import", f.format, f.name], folder)
            #expect(r.status == 1 || r.status == 2, "\(f.format) \(number): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains(f.name + ":"), "\(f.format) \(number): \(r.stderr)")
        }
        folder.write(
            "p.jsonl", #"{"id": "kaba-family-accuses-met", "text": "x", "label": [[0, \#(number), "PERSON"]]}"# + "\n")
        let scored = try Self.attest(["score", "--pred", "p.jsonl", "--pred-format", "doccano", "--no-gates"], folder)
        #expect(scored.status == 2, "\(scored.stderr)")
    }

    /// A predictions file taken for JSON Lines that has no JSON line at all: one error naming
    /// --pred-format, not one per line.
    @Test func aFileThatIsNotJSONLinesIsOneError() throws {
        let folder = try InteropCommandTests.shippedCorpus()
        folder.write("pred.tsv", String(repeating: "a\tb\tc\n", count: 500))
        let r = try Self.attest(["score", "--pred", "pred.tsv", "--no-gates"], folder)
        #expect(r.status == 2)
        let errors = r.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 1, "\(errors.count) errors")
        #expect(errors.first?.contains("none of its 500 lines is JSON") == true && r.stderr.contains("--pred-format"))
    }

    /// A Label Studio span whose text fits neither code points nor UTF-16 units stops its own task;
    /// the next task is imported.
    @Test func aLabelStudioSpanThatFitsNeitherStopsItsTaskOnly() throws {
        let folder = Self.corpus()
        folder.write(
            "tasks.json",
            #"""
            [{"id": 1, "data": {"text": "Ana Silva met 🚀 Bob Jones."}, "annotations": [{"result": [{"type": "labels", "value": {"start": 3, "end": 12, "text": "Bob Jones", "labels": ["PERSON"]}}]}]},
             {"id": 2, "data": {"text": "Maria Costa spoke."}, "annotations": [{"result": [{"type": "labels", "value": {"start": 0, "end": 11, "text": "Maria Costa", "labels": ["PERSON"]}}]}]}]
            """#)
        let r = try Self.attest(["import", "labelstudio", "tasks.json"], folder)
        #expect(r.status == 1)
        #expect(
            r.stderr.contains("tasks.json: task 1: result 1 (PERSON) [3,12) should cover \"Bob Jones\""), "\(r.stderr)")
        #expect(r.stdout.contains("imported 1 of 2 document(s) from labelstudio: doc-2"), "\(r.stdout)")
    }
}
