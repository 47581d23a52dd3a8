import AttestKit
import Foundation
import Testing

/// `attest realign`: annotations carried across edits of their article.
@Suite struct RealignTests {
    static let text = """
        “We will not back down,” said Mayor José Moreira of Springfield — a city of 30,000.
        Police Chief Ed Ray told The Courier that the march had been peaceful.

        Moreira later called the plan “a disgrace”. 🎉 The Union said it would appeal.

        """

    /// A corpus with `text` annotated through the editor (which also keeps the text in the store).
    static func annotated() throws -> (TemporaryFolder, Corpus) {
        let folder = TemporaryFolder()
        folder.write(
            "attest.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest xmlns="urn:attest:format:1" version="1.0">
              <corpus name="realign" guidelines="1.0"/>
            </manifest>

            """)
        let source = folder.write("incoming/story.txt", text)
        let corpus = try Corpus.open(root: folder.url)
        try ArticleImporter.add(source, id: "story", to: corpus)
        var editor = try AnnotationEditor.open("story", in: corpus)
        try editor.addMentions(type: .person, text: "José Moreira")
        try editor.addMentions(type: .person, text: "Moreira", nth: 2, entityID: "e1")
        try editor.addMentions(type: .location, text: "Springfield")
        try editor.addMentions(type: .person, text: "Ed Ray")
        try editor.addMentions(type: .organization, text: "Courier", name: "The Courier")
        try editor.addMentions(type: .organization, text: "Union", name: "The Union")
        try editor.addQuote(text: "We will not back down,", kind: .direct, speakerText: "José Moreira", cueText: "said")
        try editor.addQuote(
            text: "the march had been peaceful", kind: .indirect, speakerText: "Ed Ray", cueText: "told")
        try editor.addQuote(text: "a disgrace", kind: .mixed, speakerText: "Moreira", speakerNth: 2, cueText: "called")
        try editor.addQuote(
            text: "it would appeal", kind: .indirect, speakerText: "The Union", speakerEntity: "e5", cueText: "said",
            cueNth: 2)
        try editor.setStatus(.gold)
        try editor.commit(summary: "annotate")
        #expect(try Validator(corpus: corpus).validateCorpus(corpus).diagnostics == [])
        return (folder, corpus)
    }

    /// Every excerpt with a key naming it.
    static func excerpts(_ d: AnnotationDocument) -> [String: Excerpt] {
        var out: [String: Excerpt] = [:]
        for (_, m) in d.mentions { out[m.id] = m.excerpt }
        for q in d.quotes {
            for (role, x) in q.excerpts { out["\(q.id).\(role)"] = x }
        }
        return out
    }

    /// Edits the article, realigns, and returns the document before and after and the result.
    static func realign(_ edit: (String) -> String) throws -> (
        before: AnnotationDocument, after: AnnotationDocument, result: Realignment, corpus: Corpus,
        folder: TemporaryFolder
    ) {
        let (folder, corpus) = try annotated()
        let before = try AnnotationFile.read(corpus.annotationURL(for: "story")).document
        folder.write("corpus/story.txt", edit(text))
        var editor = try AnnotationEditor.open("story", in: corpus, allowStale: true)
        let (result, source) = try #require(try editor.realign())
        #expect(source == .store)
        try editor.commit(summary: "realign")
        let after = try AnnotationFile.read(corpus.annotationURL(for: "story")).document
        // The realigned document validates strictly.
        let report = try Validator(corpus: corpus).validateCorpus(corpus)
        #expect(report.diagnostics == [], "\(report.diagnostics)")
        #expect(after.header.sha256 == SHA256Hex.of(Array(edit(text).utf8)))
        #expect(after.header.length == edit(text).unicodeScalars.count)
        return (before, after, result, corpus, folder)
    }

    /// Every excerpt kept its text and moved by `shift(oldStart)`.
    static func expectShifted(_ r: (before: AnnotationDocument, after: AnnotationDocument), by shift: (Int) -> Int) {
        let old = excerpts(r.before)
        let new = excerpts(r.after)
        #expect(Set(old.keys) == Set(new.keys))
        for (key, x) in old {
            guard let y = new[key] else { continue }
            #expect(y.text == x.text, "\(key)")
            #expect(y.span == Span(x.span.start + shift(x.span.start), x.span.end + shift(x.span.start)), "\(key)")
        }
    }

    @Test func anEditAtTheStartShiftsEverySpan() throws {
        let r = try Self.realign { "UPDATED 14:05 — " + $0 }
        Self.expectShifted((r.before, r.after)) { _ in 16 }
        #expect(r.result.findings.isEmpty)
        #expect(r.after.header.status == .gold)
    }

    @Test func anEditInTheMiddleShiftsWhatFollows() throws {
        // Inserted right after a mention: the mention does not grow.
        let r = try Self.realign { $0.replacingOccurrences(of: "Ed Ray told", with: "Ed Ray (retired) told") }
        let at =
            Array(Self.text.unicodeScalars).count
            - Array(Self.text.components(separatedBy: "Ed Ray told")[1].unicodeScalars).count - 5
        Self.expectShifted((r.before, r.after)) { $0 >= at ? 10 : 0 }
        #expect(r.result.findings.isEmpty)
    }

    @Test func anEditAtTheEndMovesNothing() throws {
        let r = try Self.realign { $0 + "More to follow.\n" }
        Self.expectShifted((r.before, r.after)) { _ in 0 }
        #expect(r.after.header.status == .gold)
    }

    @Test func anEditInsideAMentionIsReportedAndSendsTheDocumentToDraft() throws {
        let r = try Self.realign { $0.replacingOccurrences(of: "José Moreira of", with: "José A. Moreira of") }
        let changed = r.result.findings.map(\.what)
        #expect(changed.contains { $0.hasPrefix("mention m1") })
        #expect(changed.contains { $0 == "speaker of quote q1" })
        let m1 = try #require(r.after.mentions.first { $0.mention.id == "m1" })
        #expect(m1.mention.text == "José A. Moreira")
        #expect(r.after.header.status == .draft)
        for f in r.result.findings {
            #expect(f.description.contains("José Moreira"))
            #expect(f.description.contains("check it"))
        }
    }

    @Test func deletingAParagraphWithAQuoteListsWhatWasRemoved() throws {
        let r = try Self.realign {
            $0.replacingOccurrences(
                of: "Police Chief Ed Ray told The Courier that the march had been peaceful.\n", with: "")
        }
        let lost = r.result.findings.filter { $0.outcome == .lost }
        #expect(Set(lost.map { $0.old.text }) == ["the march had been peaceful", "Ed Ray", "Courier"])
        #expect(r.after.quotes.map(\.id) == ["q1", "q3", "q4"])
        #expect(r.after.entity(withID: "e3") == nil)  // Ed Ray
        #expect(r.after.entity(withID: "e4") == nil)  // The Courier
        #expect(lost.first { $0.old.text == "the march had been peaceful" }!.description.contains("speaker \"Ed Ray\""))
        #expect(r.after.header.status == .draft)
        // What is left moved back by the paragraph's length.
        let cut = "Police Chief Ed Ray told The Courier that the march had been peaceful.\n".unicodeScalars.count
        let old = Self.excerpts(r.before)
        for (key, y) in Self.excerpts(r.after) {
            let x = try #require(old[key])
            #expect(y.text == x.text)
            #expect(y.span.start == x.span.start - (x.span.start > 90 ? cut : 0), "\(key)")
        }
    }

    @Test func aLineEndingChangeCarriesEverySpan() throws {
        let r = try Self.realign { $0.replacingOccurrences(of: "\n", with: "\r\n") }
        let lineStarts = Array(Self.text.unicodeScalars).enumerated().filter { $0.element == "\n" }.map(\.offset)
        Self.expectShifted((r.before, r.after)) { start in lineStarts.filter { $0 < start }.count }
        #expect(r.result.findings.isEmpty)
    }

    @Test func astralPlaneCharactersCountAsOneCodePoint() throws {
        let r = try Self.realign { "🚨 " + $0.replacingOccurrences(of: "🎉 The", with: "🎉🎉 The") }
        let party = Array(Self.text.unicodeScalars).firstIndex(of: "🎉")!
        Self.expectShifted((r.before, r.after)) { $0 > party ? 3 : 2 }
        let union = try #require(r.after.mentions.first { $0.mention.text == "Union" })
        let newText = "🚨 " + Self.text.replacingOccurrences(of: "🎉 The", with: "🎉🎉 The")
        #expect(ArticleText(newText)[union.mention.span] == "Union")
    }

    @Test func undoRevertsARealignment() throws {
        let (folder, corpus) = try Self.annotated()
        let url = corpus.annotationURL(for: "story")
        let before = try Data(contentsOf: url)
        folder.write("corpus/story.txt", "Lead. " + Self.text)
        var editor = try AnnotationEditor.open("story", in: corpus, allowStale: true)
        _ = try editor.realign()
        try editor.commit(summary: "realign")
        #expect(try Data(contentsOf: url) != before)
        _ = try EditUndo.undo("story", in: corpus)
        #expect(try Data(contentsOf: url) == before)
    }

    @Test func aStaleDocumentIsRefusedNamingRealign() throws {
        let (folder, corpus) = try Self.annotated()
        folder.write("corpus/story.txt", "Lead. " + Self.text)
        do {
            _ = try AnnotationEditor.open("story", in: corpus)
            Issue.record("a stale document was opened")
        } catch let error as AttestError {
            #expect(error.message.contains("attest realign story"))
        }
        for args in [["show", "story"], ["rename", "story", "e1", "X"], ["remove", "story", "q1"]] {
            let r = try CommandRunner.run(args, in: folder.url)
            #expect(r.status == 2)
            #expect(r.stderr.contains("attest realign story"), "\(args)")
        }
    }

    @Test func theOldTextComesFromGitWhenTheStoreLacksIt() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/git") else { return }
        let (folder, corpus) = try Self.annotated()
        try FileManager.default.removeItem(at: TextStore(corpus: corpus).folder)
        let git = { (args: String) in
            _ = try CommandRunner.shell(
                "git -c user.email=t@t -c user.name=t \(args)", in: folder.url)
        }
        try git("init -q")
        try git("add -A")
        try git("commit -qm annotated")
        folder.write("corpus/story.txt", "Lead. " + Self.text)
        var editor = try AnnotationEditor.open("story", in: corpus, allowStale: true)
        let (result, source) = try #require(try editor.realign())
        guard case .git = source else {
            Issue.record("expected git, got \(source)")
            return
        }
        #expect(result.findings.isEmpty)
    }

    @Test func withoutTheOldTextRealignSaysWhatIsMissing() throws {
        let (folder, corpus) = try Self.annotated()
        try FileManager.default.removeItem(at: TextStore(corpus: corpus).folder)
        folder.write("corpus/story.txt", "Lead. " + Self.text)
        var editor = try AnnotationEditor.open("story", in: corpus, allowStale: true)
        #expect(throws: AttestError.self) { _ = try editor.realign() }
    }

    /// More line-end changes than a character alignment takes at once: the
    /// line-by-line pass (line ends ignored) still carries every span.
    @Test func manyLineEndChangesGoLineByLine() {
        var text = ""
        var mentions: [Mention] = []
        for i in 0..<3_000 {
            let prefix = "Paragraph \(i): "
            let start = text.unicodeScalars.count + prefix.unicodeScalars.count
            text += prefix + "Ana Silva spoke — “again”.\n"
            mentions.append(Mention(id: "m\(i + 1)", excerpt: Excerpt(span: Span(start, start + 9), text: "Ana Silva")))
        }
        let old = ArticleText(text)
        let new = ArticleText(text.replacingOccurrences(of: "\n", with: "\r\n"))
        let header = DocumentHeader(id: "d", articlePath: "d.txt", sha256: "", length: old.count, status: .gold)
        let doc = AnnotationDocument(
            header: header, entities: [Entity(id: "e1", type: .person, name: "Ana Silva", mentions: mentions)])
        let result = Realignment.carry(doc, from: old, to: new, newSHA256: "x")
        #expect(result.findings.isEmpty)
        #expect(result.carried == 3_000)
        var applier = EditApplier(document: doc)
        _ = try? applier.applyAll(result.edits)
        for (i, m) in applier.document.entities[0].mentions.enumerated() {
            #expect(new[m.span] == "Ana Silva")
            #expect(m.span.start == mentions[i].span.start + i)
        }
    }

    /// A text rewritten beyond recognition: nothing is carried silently.
    @Test func aRewrittenTextReportsEverySpan() throws {
        let old = ArticleText(Self.text)
        let new = ArticleText("Completely different words now stand here.\n")
        let (folder, corpus) = try Self.annotated()
        let doc = try AnnotationFile.read(corpus.annotationURL(for: "story")).document
        withExtendedLifetime(folder) {}
        let result = Realignment.carry(doc, from: old, to: new, newSHA256: "x")
        let spans = doc.mentions.count + doc.quotes.reduce(0) { $0 + $1.excerpts.count }
        #expect(result.carried + result.findings.count == spans)
        #expect(result.edits.contains(.setStatus(.draft)))
    }
}
