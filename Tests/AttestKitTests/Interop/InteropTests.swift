import AttestKit
import Foundation
import Testing

/// Import and export: round trips per format, UTF-16 offsets found and fixed, brat by hand.
@Suite struct InteropTests {
    /// The shipped gold set, and a generated document with astral-plane characters.
    static func documents() throws -> [InteropDocument] {
        let corpus = try Corpus.open(root: Paths.repository)
        var docs: [InteropDocument] = []
        for url in corpus.annotationURLs() {
            let doc = try AnnotationFile.read(url).document
            let text = try String(contentsOf: corpus.articleURL(for: doc.id), encoding: .utf8)
            docs.append(InteropDocument(doc, text: text))
        }
        docs.append(astral)
        return docs
    }

    static let astral: InteropDocument = {
        let text = "🚢 Ana Silva met 𝒜lex Ruiz in São Paulo 🇧🇷.\n“We are ready,” said Ruiz — again.\n"
        let a = ArticleText(text)
        func at(_ s: String, _ nth: Int = 0) -> Span {
            var from = text.startIndex
            var r = text.range(of: s)!
            for _ in 0..<nth {
                from = r.upperBound
                r = text.range(of: s, range: from..<text.endIndex)!
            }
            let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: r.lowerBound)
            return Span(start, start + s.unicodeScalars.count)
        }
        #expect(a.count == text.unicodeScalars.count)
        return InteropDocument(
            id: "astral", text: text,
            mentions: [
                .init(span: at("Ana Silva"), type: "PERSON", group: 1),
                .init(span: at("𝒜lex Ruiz"), type: "PERSON", group: 2),
                .init(span: at("São Paulo"), type: "LOC", group: 3),
                .init(span: at("Ruiz", 1), type: "PERSON", group: 2),
            ],
            quotes: [
                .init(
                    content: at("We are ready,"), kind: .direct, speaker: at("Ruiz", 1), cue: at("said"),
                    speakerGroup: 2)
            ])
    }()

    /// What a format carries of a document, as comparable text.
    static func carried(_ d: InteropDocument, quotes: Bool, groups: Bool) -> [String] {
        let a = ArticleText(d.text)
        // Groups renumbered by first mention, so that only the partition counts.
        var renumber: [Int: Int] = [:]
        for m in d.mentions.sorted(by: { $0.span < $1.span }) {
            if let g = m.group, renumber[g] == nil { renumber[g] = renumber.count + 1 }
        }
        var out = d.mentions.map {
            "\($0.type) \($0.span) \(a[$0.span])" + (groups ? " group \($0.group.flatMap { renumber[$0] } ?? 0)" : "")
        }.sorted()
        if quotes {
            out += d.quotes.map {
                "quote \($0.kind) \($0.content) speaker \($0.speaker.map(\.description) ?? "-") cue \($0.cue.map(\.description) ?? "-")"
                    + " of \($0.speakerGroup.flatMap { renumber[$0] } ?? 0)"
            }.sorted()
        }
        return out
    }

    /// Writes, reads back, and compares what the format carries; then the
    /// annotation files of the first import and of a second round are byte for byte the same.
    @Test(arguments: InteropFormat.allCases)
    func roundTrip(_ format: InteropFormat) throws {
        let docs = try Self.documents()
        let folder = TemporaryFolder()
        let files = format.write(docs, name: "rt")
        for f in files { folder.write("out/" + f.path, f.bytes) }
        var back: [InteropDocument]
        if format == .conll {
            // Aligned to each article (the rebuilt text is tested below).
            let sentences = try CoNLLFormat.documents(
                String(decoding: files[0].bytes, as: UTF8.self), file: "rt.conll")
            #expect(sentences.count == docs.count)
            back = try zip(sentences, docs).map {
                try CoNLLFormat.read($0, id: $1.id, article: $1.text, file: "rt.conll")
            }
        } else {
            back = try format.read([folder.url.appendingPathComponent("out").path])
        }
        back.sort { $0.id < $1.id }
        let sorted = docs.sorted { $0.id < $1.id }
        #expect(back.map(\.id) == sorted.map(\.id))
        for (a, b) in zip(sorted, back) {
            #expect(a.text == b.text)
            let full = format != .conll
            #expect(
                Self.carried(a, quotes: full, groups: full) == Self.carried(b, quotes: full, groups: full), "\(a.id)")
        }
        // A second round changes nothing: the annotation files are byte for byte the same.
        let header = { (d: InteropDocument) in
            DocumentHeader(
                id: d.id, articlePath: "../corpus/\(d.id).txt", sha256: SHA256Hex.of(Array(d.text.utf8)),
                length: ArticleText(d.text).count, status: .gold, annotators: [], guidelines: "1.0")
        }
        let first = back.map { AnnotationWriter.bytes($0.annotation(header: header($0))) }
        if format != .conll {
            // brat (in notes) and the JSON formats (in their `attest` field) carry everything, Attest's
            // ids and names included: the files are the originals.
            #expect(first == sorted.map { AnnotationWriter.bytes($0.annotation(header: header($0))) })
        }
        let again = format.write(back, name: "rt")
        let folder2 = TemporaryFolder()
        for f in again { folder2.write("out/" + f.path, f.bytes) }
        var second: [InteropDocument]
        if format == .conll {
            let sentences = try CoNLLFormat.documents(String(decoding: again[0].bytes, as: UTF8.self), file: "rt")
            second = try zip(sentences, back).map { try CoNLLFormat.read($0, id: $1.id, article: $1.text, file: "rt") }
        } else {
            second = try format.read([folder2.url.appendingPathComponent("out").path]).sorted { $0.id < $1.id }
        }
        #expect(second.map { AnnotationWriter.bytes($0.annotation(header: header($0))) } == first)
        // What the format drops is said.
        #expect((format.drops == nil) == (format == .brat))
    }

    @Test func aHandWrittenBratFileWithAnEmojiBeforeASpan() throws {
        let folder = TemporaryFolder()
        let text = "🚢 Ana Silva said “it works” to 𝒜lex.\n"
        folder.write("in/doc.txt", text)
        folder.write(
            "in/doc.ann",
            """
            T1\tPERSON 2 11\tAna Silva
            T2\tQuote 18 26\tit works
            T3\tCue 12 16\tsaid
            T4\tPERSON 31 35\t𝒜lex
            R1\tSpeaker Arg1:T2 Arg2:T1
            R2\tCue Arg1:T2 Arg2:T3
            A1\tKind T2 direct
            #1\tAnnotatorNotes T1\tthe minister

            """)
        let docs = try InteropFormat.brat.read([folder.url.appendingPathComponent("in").path])
        #expect(docs.count == 1)
        let doc = docs[0]
        #expect(doc.mentions.map(\.span) == [Span(2, 11), Span(31, 35)])
        #expect(doc.quotes.first?.speaker == Span(2, 11) && doc.quotes.first?.cue == Span(12, 16))
        let header = DocumentHeader(
            id: "doc", articlePath: "../corpus/doc.txt", sha256: SHA256Hex.of(Array(text.utf8)),
            length: ArticleText(text).count, status: .draft)
        let xml = String(decoding: AnnotationWriter.bytes(doc.annotation(header: header)), as: UTF8.self)
        #expect(xml.contains(#"<mention id="m1" start="2" end="11">Ana Silva</mention>"#), "\(xml)")
        #expect(xml.contains(#"<quote id="q1" kind="direct" speaker-entity="e1">"#), "\(xml)")
        // Discontinuous spans are refused with their line.
        folder.write("bad/doc.txt", text)
        folder.write("bad/doc.ann", "T1\tPERSON 2 11\tAna Silva\nT2\tPERSON 2 5;6 11\tAna Silva\n")
        #expect {
            try InteropFormat.brat.read([folder.url.appendingPathComponent("bad").path])
        } throws: { "\($0)".contains("doc.ann:2:") && "\($0)".contains("discontinuous") }
    }

    /// Label Studio counts UTF-16 units: spans after an emoji are two units off
    /// in code points; the covered text finds them, and the note says so.
    @Test func utf16OffsetsAreFoundByTheirTextAndConverted() throws {
        let folder = TemporaryFolder()
        let task = #"""
            [{"id": 7, "data": {"text": "🚢 Ana Silva met 𝒜lex."}, "annotations": [{"result": [
              {"type": "labels", "value": {"start": 3, "end": 12, "text": "Ana Silva", "labels": ["PERSON"]}},
              {"type": "labels", "value": {"start": 17, "end": 22, "text": "𝒜lex", "labels": ["PERSON"]}}]}]}]
            """#
        let file = folder.write("ls.json", task)
        let docs = try InteropFormat.labelstudio.read([file.path])
        #expect(docs.first?.mentions.map(\.span) == [Span(2, 11), Span(16, 20)])
        #expect(docs.first?.notes.first?.contains("2 span(s) counted UTF-16 units") == true)
        #expect(docs.first?.id == "doc-7")
        // A text that fits neither is refused, naming both readings.
        let wrong = folder.write(
            "wrong.json", task.replacingOccurrences(of: #""text": "Ana Silva""#, with: #""text": "Ana Silvb""#))
        #expect(throws: AttestError.self) { try InteropFormat.labelstudio.read([wrong.path]) }
    }

    /// CoNLL without an article: the text is rebuilt (tokens joined by a space, a line per sentence).
    @Test func conllRebuildsTheTextAndReadsEveryTagScheme() throws {
        let iob2 = "-DOCSTART- -X- O O\n\nAna B-PER\nSilva I-PER\nsaid O\n.\tO\n\nIn O\nSão B-LOC\nPaulo I-LOC\n"
        let docs = try CoNLLFormat.documents(iob2, file: "t").map {
            try CoNLLFormat.read($0, id: "t", article: nil, file: "t")
        }
        #expect(docs.first?.text == "Ana Silva said .\nIn São Paulo\n")
        #expect(docs.first?.mentions.map { "\($0.type) \($0.span)" } == ["PER [0,9)", "LOC [20,29)"])
        let bioes = "Ana B-PER\nSilva E-PER\nmet O\nRuiz S-PER\nRuiz S-PER\n"
        let b = try CoNLLFormat.read(try CoNLLFormat.documents(bioes, file: "b")[0], id: "b", article: nil, file: "b")
        #expect(b.mentions.map(\.span) == [Span(0, 9), Span(14, 18), Span(19, 23)])
        let iob1 = "Ana I-PER\nSilva I-PER\nRuiz B-PER\n"
        let c = try CoNLLFormat.read(try CoNLLFormat.documents(iob1, file: "c")[0], id: "c", article: nil, file: "c")
        #expect(c.mentions.map(\.span) == [Span(0, 9), Span(10, 14)])
        #expect(throws: AttestError.self) {
            try CoNLLFormat.read(
                try CoNLLFormat.documents("Ana X-PER\n", file: "d")[0], id: "d", article: nil, file: "d")
        }
    }

    @Test func idsComeFromTheFileAFieldOrTheFileName() throws {
        let folder = TemporaryFolder()
        let file = folder.write(
            "Batch One.jsonl",
            #"{"id": 4, "doc_id": "harbour", "text": "Ana Silva.", "label": [[0, 9, "PERSON"]]}"# + "\n"
                + #"{"id": 5, "doc_id": "council", "text": "The council.", "label": []}"# + "\n")
        #expect(try InteropFormat.doccano.read([file.path]).map(\.id) == ["doc-4", "doc-5"])
        #expect(try InteropFormat.doccano.read([file.path], ids: .init("doc_id")).map(\.id) == ["harbour", "council"])
        #expect(try InteropFormat.doccano.read([file.path], ids: .file).map(\.id) == ["batch-one-1", "batch-one-2"])
        #expect(throws: AttestError.self) { try InteropFormat.doccano.read([file.path], ids: .init("missing")) }
    }
}

/// The format of a predictions file is read from its first record: the first non-blank line of JSON
/// Lines (blank lines and indentation before it skipped), or a JSON array's first element.
@Suite struct PredictionFormatDetectionTests {
    static func detect(_ text: String, name: String = "pred.jsonl") throws -> InteropFormat? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-detect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }  // deliberate: cleanup
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return InteropPredictions.detect(url.path)
    }

    @Test func fromTheFirstRecord() throws {
        let doccano = #"{"text": "Ana Silva", "label": [[0, 9, "PERSON"]]}"#
        #expect(try Self.detect("\n\n  " + doccano + "\n" + doccano + "\n") == .doccano)
        #expect(try Self.detect(#"{"text": "x", "ents": []}"# + "\n") == .spacy)
        #expect(try Self.detect(#"[{"data": {"text": "x"}, "annotations": []}]"#, name: "ls.json") == .labelstudio)
        // Attest's own extractor form, even when a later line looks like another tool's.
        #expect(try Self.detect(#"{"id": "a", "entities": [], "quotes": []}"# + "\n" + doccano + "\n") == nil)
        #expect(try Self.detect("\n \n") == nil)
    }

    /// Only the file's first mebibyte is read when it holds the whole first line; a first line
    /// longer than that, or a JSON array, is read whole, and detected as before.
    @Test func pastTheFirstMebibyte() throws {
        let doccano = #"{"text": "Ana Silva", "label": [[0, 9, "PERSON"]]}"#
        let own = #"{"id": "a", "entities": [], "quotes": []}"#
        let filler = String(repeating: own + "\n", count: (1 << 20) / own.utf8.count + 10)
        #expect(try Self.detect(doccano + "\n" + filler) == .doccano)
        #expect(try Self.detect(own + "\n" + String(repeating: doccano + "\n", count: 30_000)) == nil)
        // A first line of 1.5 MB: its record is only known once the whole line is read.
        let long = #"{"text": ""# + String(repeating: "x", count: 1_500_000) + #"", "label": [[0, 1, "PERSON"]]}"#
        #expect(try Self.detect(long + "\n" + doccano + "\n") == .doccano)
        let item = #"{"data": {"text": "x"}, "annotations": []}"#
        let array = "[" + Array(repeating: item, count: 40_000).joined(separator: ",") + "]"
        #expect(array.utf8.count > 1 << 20)
        #expect(try Self.detect(array, name: "ls.json") == .labelstudio)
    }
}
