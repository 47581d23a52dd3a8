import AttestKit
import Foundation
import Testing

/// Every edit, applied and committed, then undone through the journal,
/// gives back the annotation file byte for byte.
@Suite struct EditInverseTests {
    struct Scenario: CustomStringConvertible, Sendable {
        let name: String
        let change: @Sendable (inout AnnotationEditor) throws -> Void
        var description: String { name }
    }

    static let scenarios: [Scenario] = [
        Scenario(name: "add mention and entity") { try $0.addMentions(type: .organization, text: "Police") },
        Scenario(name: "add mention to an entity") {
            let x = Excerpt(span: Span(36, 44), text: "Jane Doe")
            try $0.apply(.addMention(entity: "e3", mention: Mention(id: "m9", excerpt: x), index: 0))
            try $0.apply(.removeMention("m1"))
        },
        Scenario(name: "remove mention") { _ = try $0.remove(["m4"]) },
        Scenario(name: "add entity") {
            try $0.apply(
                .addEntity(
                    Entity(
                        id: "e9", type: .person, name: "Mayor",
                        mentions: [Mention(id: "m9", excerpt: Excerpt(span: Span(30, 35), text: "Mayor"))]),
                    index: 1))
        },
        Scenario(name: "remove entity") { _ = try $0.remove(["e2"]) },
        Scenario(name: "remove many ids") { _ = try $0.remove(["q2", "e3", "m5"]) },
        Scenario(name: "retype") { try $0.retype("e4", to: .location) },
        Scenario(name: "rename") { try $0.rename("The Courier", to: "The Springfield Courier") },
        Scenario(name: "merge entities") { try $0.merge(["e3"], into: "e1") },
        Scenario(name: "split an entity") { try $0.split(mentions: ["m4"], name: "Doe", type: nil) },
        Scenario(name: "move mentions") { try $0.move(mentions: ["m4"], to: "e3") },
        Scenario(name: "set a mention's span") { try $0.respan("m5", to: Span(105, 116)) },
        Scenario(name: "set a quote's content span") { try $0.respan("q2", to: Span(117, 149)) },
        Scenario(name: "set quote kind") {
            var c = QuoteChange()
            c.kind = .direct
            try $0.editQuote("q3", change: c)
        },
        Scenario(name: "set speaker span") {
            var c = QuoteChange()
            // The second "Doe" (m4): the first lies inside the mention "Jane Doe" (span.cuts-mention).
            c.speakerText = "Doe"
            c.speakerNth = 2
            try $0.editQuote("q1", change: c)
        },
        Scenario(name: "remove speaker and speaker entity") {
            var c = QuoteChange()
            c.removeSpeaker = true
            c.removeSpeakerEntity = true
            try $0.editQuote("q2", change: c)
        },
        Scenario(name: "set speaker entity") {
            var c = QuoteChange()
            c.speakerEntity = "Ed Ray"
            try $0.editQuote("q3", change: c)
        },
        Scenario(name: "set and remove cue") {
            var c = QuoteChange()
            c.removeCue = true
            try $0.editQuote("q1", change: c)
            var d = QuoteChange()
            d.cueText = "called"
            try $0.editQuote("q2", change: d)
        },
        Scenario(name: "add quote") {
            try $0.addQuote(text: "the plan", kind: .indirect, speakerText: "Doe", cueText: "called")
        },
        Scenario(name: "remove quote") { _ = try $0.remove(["q1"]) },
        Scenario(name: "set status") { try $0.setStatus(.gold) },
    ]

    @Test(arguments: scenarios)
    func applyThenUndoIsByteIdentical(_ scenario: Scenario) throws {
        // A draft: some scenarios add warnings, which a gold document refuses.
        let folder = try TemporaryFolder.sampleCorpus(draft: true)
        let corpus = try Corpus.open(root: folder.url)
        let url = corpus.annotationURL(for: "sample")
        let before = try Data(contentsOf: url)
        var editor = try AnnotationEditor.open("sample", in: corpus)
        try scenario.change(&editor)
        // The inverse, applied in memory, gives the document back.
        var check = EditApplier(document: editor.document)
        _ = try check.applyAll(editor.inverse)
        #expect(AnnotationWriter.xml(check.document) == AnnotationWriter.xml(editor.original))
        let commit = try editor.commit(summary: scenario.name)
        #expect(commit.changed)
        #expect(try Data(contentsOf: url) != before)
        let entry = try EditUndo.undo("sample", in: corpus)
        #expect(entry.summary == scenario.name)
        #expect(try Data(contentsOf: url) == before)
        #expect(try EditJournal(corpus: corpus).entries("sample").isEmpty)
    }

    @Test func undoGoesBackThroughSeveralTransactions() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let corpus = try Corpus.open(root: folder.url)
        let url = corpus.annotationURL(for: "sample")
        var states = [try Data(contentsOf: url)]
        for step in 0..<3 {
            var editor = try AnnotationEditor.open("sample", in: corpus)
            try editor.rename("e2", to: "Springfield \(step)")
            try editor.commit(summary: "step \(step)")
            states.append(try Data(contentsOf: url))
        }
        for expected in states.dropLast().reversed() {
            _ = try EditUndo.undo("sample", in: corpus)
            #expect(try Data(contentsOf: url) == expected)
        }
        #expect(throws: AttestError.self) { try EditUndo.undo("sample", in: corpus) }
    }

    @Test func removeDocumentAndUndoRestoresBothFiles() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let corpus = try Corpus.open(root: folder.url)
        let xml = try Data(contentsOf: corpus.annotationURL(for: "sample"))
        let text = try Data(contentsOf: corpus.articleURL(for: "sample"))
        let editor = try AnnotationEditor.open("sample", in: corpus)
        try editor.removeDocument(summary: "remove")
        #expect(!FileManager.default.fileExists(atPath: corpus.annotationURL(for: "sample").path))
        #expect(!FileManager.default.fileExists(atPath: corpus.articleURL(for: "sample").path))
        _ = try EditUndo.undo("sample", in: corpus)
        #expect(try Data(contentsOf: corpus.annotationURL(for: "sample")) == xml)
        #expect(try Data(contentsOf: corpus.articleURL(for: "sample")) == text)
    }

    @Test func undoRefusesAFileChangedSince() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let corpus = try Corpus.open(root: folder.url)
        var editor = try AnnotationEditor.open("sample", in: corpus)
        try editor.retype("e4", to: .location)
        try editor.commit(summary: "retype")
        var other = try AnnotationEditor.open("sample", in: corpus)
        try other.rename("e4", to: "Courier")
        try AtomicFile.write(Array(other.xml.utf8), to: corpus.annotationURL(for: "sample"))
        let changed = try Data(contentsOf: corpus.annotationURL(for: "sample"))
        #expect(throws: AttestError.self) { try EditUndo.undo("sample", in: corpus) }
        #expect(try Data(contentsOf: corpus.annotationURL(for: "sample")) == changed)
    }

    @Test func aTransactionIsAllOrNothing() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let corpus = try Corpus.open(root: folder.url)
        var editor = try AnnotationEditor.open("sample", in: corpus)
        let before = editor.document
        // The second edit fails (e1 is attributed quotes), so the first is not kept either.
        #expect(throws: AttestError.self) { try editor.apply([.rename(entity: "e2", name: "X"), .removeEntity("e1")]) }
        #expect(editor.document == before)
        #expect(!editor.hasChanges)
    }

    @Test func anInvalidResultIsNotWrittenAndTheErrorNamesTheDocument() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let corpus = try Corpus.open(root: folder.url)
        let url = corpus.annotationURL(for: "sample")
        let before = try Data(contentsOf: url)
        var editor = try AnnotationEditor.open("sample", in: corpus)
        // A span whose text does not match the article.
        try editor.apply(.setSpan(id: "m2", Excerpt(span: Span(48, 59), text: "Shelbyville")))
        do {
            try editor.commit(summary: "bad")
            Issue.record("an invalid result was committed")
        } catch let error as AttestError {
            #expect(error.message.contains("sample: "))
            #expect(error.message.contains("[span.text]"))
            #expect(!error.message.contains("sample.xml:"))
        }
        #expect(try Data(contentsOf: url) == before)
        #expect(try EditJournal(corpus: corpus).entries("sample").isEmpty)
    }

    @Test func commitRefusesAFileChangedOnDisk() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let corpus = try Corpus.open(root: folder.url)
        var editor = try AnnotationEditor.open("sample", in: corpus)
        try editor.rename("e2", to: "Springfield, Ill.")
        folder.write("annotations/sample.xml", read(corpus.annotationURL(for: "sample")) + "\n")
        #expect(throws: AttestError.self) { try editor.commit(summary: "late") }
        #expect(try EditJournal(corpus: corpus).entries("sample").isEmpty)
    }

    @Test func addingASpeakerThatIsAMentionAttributesTheQuote() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let corpus = try Corpus.open(root: folder.url)
        var editor = try AnnotationEditor.open("sample", in: corpus)
        let q = try editor.addQuote(text: "the plan", kind: .indirect, speakerText: "Doe", cueText: "called")
        let commit = try editor.commit(summary: "quote")
        #expect(editor.document.quotes.first { $0.id == q.id }?.speakerEntity == "e1")
        #expect(commit.notes.count == 1)
    }

    @Test func quotesFollowTheirSpeakerMentionOnMoveAndSplit() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let corpus = try Corpus.open(root: folder.url)
        // Two editors at once in one process: the first only reads (a writer would hold the lock).
        var editor = try AnnotationEditor.open("sample", in: corpus, forWriting: false)
        try editor.move(mentions: ["m4"], to: "e3")
        #expect(editor.document.quotes.first { $0.id == "q3" }?.speakerEntity == "e3")
        #expect(editor.document.quotes.first { $0.id == "q1" }?.speakerEntity == "e1")
        var split = try AnnotationEditor.open("sample", in: corpus)
        let id = try split.split(mentions: ["m4"], name: nil, type: nil)
        #expect(split.document.entity(withID: id)?.name == "Doe")
        #expect(split.document.quotes.first { $0.id == "q3" }?.speakerEntity == id)
    }

    @Test func editsRoundTripThroughJSON() throws {
        let x = Excerpt(span: Span(1, 4), text: "“é”")
        let edits: [AnnotationEdit] = [
            .addEntity(
                Entity(id: "e1", type: "PERSON", name: "José", mentions: [Mention(id: "m1", excerpt: x)]), index: 2),
            .removeEntity("e1"), .retype(entity: "e1", type: "ORG"), .rename(entity: "e1", name: "A “B”"),
            .mergeEntities(target: "e1", sources: ["e2", "e3"]),
            .splitEntity(entity: "e1", mentions: ["m1"], newID: "e9", name: "N", type: nil),
            .splitEntity(entity: "e1", mentions: ["m1"], newID: "e9", name: "N", type: "LOC"),
            .addMention(entity: "e1", mention: Mention(id: "m2", excerpt: x), index: nil),
            .removeMention("m2"), .moveMention("m2", entity: "e3", index: 0),
            .addQuote(
                Quote(id: "q1", kind: .mixed, content: x, speaker: x, cue: nil, speakerEntity: "e1"), index: nil),
            .removeQuote("q1"), .setQuoteKind(quote: "q1", kind: .direct), .setSpeaker(quote: "q1", x),
            .setSpeaker(quote: "q1", nil), .setSpeakerEntity(quote: "q1", entity: "e2"),
            .setSpeakerEntity(quote: "q1", entity: nil), .setCue(quote: "q1", x), .setCue(quote: "q1", nil),
            .setSpan(id: "m1", x), .setStatus(.gold), .setArticle(sha256: String(repeating: "a", count: 64), length: 9),
            .removeDocument,
        ]
        let json = try AnnotationEdit.json(edits)
        #expect(try AnnotationEdit.decode(json: Array(json.utf8)) == edits)
        #expect(try AnnotationEdit.json(AnnotationEdit.decode(json: Array(json.utf8))) == json)
    }

    @Test func aBadEditInJSONNamesWhereItIsWrong() {
        let bad =
            #"[{"op":"rename","entity":"e1","name":"x"},{"op":"add-mention","entity":"e1","mention":{"id":"m1","end":3,"text":"abc"}}]"#
        do {
            _ = try AnnotationEdit.decode(json: Array(bad.utf8))
            Issue.record("decoded")
        } catch let error as AttestError {
            #expect(error.message.contains("[1].mention.start is missing"), "\(error.message)")
        } catch {
            Issue.record("\(error)")
        }
        #expect(throws: AttestError.self) { try AnnotationEdit.decode(json: Array(#"[{"op":"explode"}]"#.utf8)) }
    }
}
