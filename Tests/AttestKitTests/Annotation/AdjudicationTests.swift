import AttestKit
import Foundation
import Testing

/// Adjudication of two annotations of the sample: agreed parts kept, each disagreement a decision.
@Suite struct AdjudicationTests {
    @Test func disagreementsBecomeDecisionsAndTakingASideRestoresIt() throws {
        let a = try AnnotationFile.read(Paths.sampleAnnotation).document
        let bytes = [UInt8](try Data(contentsOf: Paths.sample.appendingPathComponent("corpus/sample.txt")))
        let article = try #require(ArticleText(bytes: bytes))
        // B: Springfield an ORG, no Courier, "Police" a new ORG, q2's speaker "The Courier" [105,116).
        var edit = EditApplier(document: a)
        _ = try edit.applyAll([
            .retype(entity: "e2", type: EntityType("ORG")), .removeMention("m5"), .removeEntity("e4"),
            .addEntity(
                Entity(
                    id: "e9", type: EntityType("ORG"), name: "Police",
                    mentions: [Mention(id: "m9", excerpt: Excerpt(span: Span(80, 86), text: "Police"))]), index: nil),
            .setSpeakerEntity(quote: "q2", entity: nil),
            .setSpeaker(quote: "q2", Excerpt(span: Span(105, 116), text: "The Courier")),
        ])
        let b = edit.document
        var header = a.header
        header.status = .draft
        let result = Adjudication(a: a, b: b, article: article, header: header)
        #expect(
            result.decisions.map(\.kind) == ["type", "only-b", "only-a", "speaker"], "\(result.decisions.map(\.kind))")
        #expect(result.draft.mentions.map(\.mention.id).sorted() == ["m1", "m3", "m4"])
        #expect(result.draft.quotes.count == 3 && result.draft.quotes[1].speaker == nil)
        // Taking every A side gives A back (but for the status).
        var back = EditApplier(document: result.draft)
        for d in result.decisions { _ = try back.applyAll(d.takeA) }
        var expected = a
        expected.header.status = .draft
        #expect(AnnotationWriter.bytes(back.document) == AnnotationWriter.bytes(expected))
        // Taking every B side gives B's mentions and speakers (under b- ids).
        var other = EditApplier(document: result.draft)
        for d in result.decisions { _ = try other.applyAll(d.takeB) }
        let spans = { (d: AnnotationDocument) in d.mentions.map { "\($0.entity.type.name) \($0.mention.span)" }.sorted()
        }
        #expect(spans(other.document) == spans(b))
        #expect(other.document.quotes.map { $0.speaker?.span } == b.quotes.map { $0.speaker?.span })
    }

    /// B's mention of an entity whose other mentions both annotators agree on: taking B's side adds
    /// it to that entity (no second "Jane Doe"), so taking every B side gives B's entities back.
    @Test func takingBsSideJoinsTheSharedEntity() throws {
        let b = try AnnotationFile.read(Paths.sampleAnnotation).document
        let bytes = [UInt8](try Data(contentsOf: Paths.sample.appendingPathComponent("corpus/sample.txt")))
        let article = try #require(ArticleText(bytes: bytes))
        // A lacks "Doe" (m4), which B has in e1 beside the agreed "Jane Doe" (m1).
        var edit = EditApplier(document: b)
        _ = try edit.applyAll([.removeMention("m4")])
        let a = edit.document
        let result = Adjudication(a: a, b: b, article: article, header: a.header)
        #expect(result.decisions.map(\.kind) == ["only-b"])
        var taken = EditApplier(document: result.draft)
        for d in result.decisions { _ = try taken.applyAll(d.takeB) }
        let groups = { (d: AnnotationDocument) in
            Set(
                d.entities.map { e in
                    "\(e.type.name) " + e.mentions.map { "\($0.span)" }.sorted().joined(separator: " ")
                })
        }
        #expect(groups(taken.document) == groups(b), "\(groups(taken.document))")
        #expect(taken.document.entities.filter { $0.name == "Jane Doe" }.count == 1)
    }
}
