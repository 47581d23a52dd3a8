import AttestKit
import Foundation
import Testing

/// A speaker span that is exactly a mention's span follows the mention when it is respanned, unless
/// the same transaction set that quote's speaker itself.
@Suite struct SpeakerFollowsMentionTests {
    static func edited(_ edits: [AnnotationEdit]) throws -> (AnnotationDocument, [String]) {
        let folder = try TemporaryFolder.sampleCorpus(draft: true)
        var editor = try AnnotationEditor.open("sample", in: try Corpus.open(root: folder.url))
        try editor.apply(edits)
        let commit = try editor.commit(summary: "test")
        return (
            try AnnotationFile.read(folder.url.appendingPathComponent("annotations/sample.xml")).document, commit.notes
        )
    }

    @Test func theSpeakerFollowsItsRespannedMention() throws {
        let (doc, notes) = try Self.edited([
            .setSpan(id: "m1", Excerpt(span: Span(30, 44), text: "Mayor Jane Doe")),
            .setSpan(id: "m3", Excerpt(span: Span(87, 99), text: "Chief Ed Ray")),
        ])
        let speakers = Dictionary(uniqueKeysWithValues: doc.quotes.map { ($0.id, $0.speaker?.span) })
        #expect(speakers["q1"] == Span(30, 44))
        #expect(speakers["q2"] == Span(87, 99))
        #expect(speakers["q3"] == Span(151, 154), "Doe's mention did not move")
        #expect(notes.contains("the speaker of quote q1 follows its mention to [30,44)"))
    }

    @Test func aSpeakerSetInTheSameChangeStaysWhereItWasSet() throws {
        let (doc, _) = try Self.edited([
            .setSpan(id: "m1", Excerpt(span: Span(30, 44), text: "Mayor Jane Doe")),
            .setSpeaker(quote: "q1", Excerpt(span: Span(93, 99), text: "Ed Ray")),
        ])
        #expect(doc.quotes.first { $0.id == "q1" }?.speaker?.span == Span(93, 99))
    }
}

/// A respan finds a quote by its id whether the quote was there when the edits began, added by an
/// earlier edit of the same change, or removed by one (the applier keeps the quotes' ids between edits).
@Suite struct RespanLookupTests {
    @Test func aQuoteAddedOrRemovedInTheSameChangeIsFoundOrNot() throws {
        let folder = try TemporaryFolder.sampleCorpus(draft: true)
        var editor = try AnnotationEditor.open("sample", in: try Corpus.open(root: folder.url))
        // q1 is known as a quote first (a respan), then a new quote q9 is added and respanned.
        try editor.apply([
            .setSpan(id: "q1", Excerpt(span: Span(1, 12), text: "We will not")),
            .addQuote(
                Quote(id: "q9", kind: .indirect, content: Excerpt(span: Span(62, 78), text: "a city of 30,000")),
                index: nil),
            .setSpan(id: "q9", Excerpt(span: Span(64, 78), text: "city of 30,000")),
        ])
        #expect(editor.document.quotes.first { $0.id == "q9" }?.content.span == Span(64, 78))
        #expect(editor.document.quotes.first { $0.id == "q1" }?.content.span == Span(1, 12))
        // Removed, then respanned: no such quote (nor mention) any more.
        #expect(throws: AttestError.self) {
            try editor.apply([
                .removeQuote("q9"), .setSpan(id: "q9", Excerpt(span: Span(62, 78), text: "a city of 30,000")),
            ])
        }
        #expect(
            editor.document.quotes.first { $0.id == "q9" }?.content.span == Span(64, 78),
            "a failed change leaves all as it was")
        try editor.apply([.setSpan(id: "q9", Excerpt(span: Span(62, 78), text: "a city of 30,000"))])
        #expect(editor.document.quotes.first { $0.id == "q9" }?.content.span == Span(62, 78))
    }
}
