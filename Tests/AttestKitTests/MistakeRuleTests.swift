import AttestKit
import Foundation
import Testing

/// The annotator-mistake rules' thresholds and edge cases, beyond their fixtures.
@Suite struct MistakeRuleTests {
    static let article = ArticleText("“It is over,” said José Moreira, the union’s general secretary, on Monday.\n")

    static func document(_ quotes: [Quote], mentions: [(String, EntityType, Span)]) -> AnnotationDocument {
        var entities: [Entity] = []
        for (i, (name, type, span)) in mentions.enumerated() {
            entities.append(
                Entity(
                    id: "e\(i + 1)", type: type, name: name,
                    mentions: [Mention(id: "m\(i + 1)", excerpt: Excerpt(span: span, text: article[span]))]))
        }
        let header = DocumentHeader(
            id: "d", articlePath: "d.txt", sha256: "", length: article.count, status: .gold)
        return AnnotationDocument(header: header, entities: entities, quotes: quotes)
    }

    static func x(_ s: Int, _ e: Int) -> Excerpt { Excerpt(span: Span(s, e), text: article[Span(s, e)]) }

    static func run(_ rule: some Rule, _ doc: AnnotationDocument, settings: CheckSettings = CheckSettings()) -> [String]
    {
        var sink = DiagnosticSink(file: "d.xml")
        rule.check(ValidationSubject(document: doc, article: article, settings: settings), into: &sink)
        return sink.diagnostics.map(\.message)
    }

    @Test func aSpeakerSpanStartingInsideANameCutsIt() {
        // "Moreira, the union’s general secretary" cuts "José Moreira".
        let q = Quote(id: "q1", kind: .direct, content: Self.x(1, 12), speaker: Self.x(24, 62))
        let doc = Self.document([q], mentions: [("José Moreira", .person, Span(19, 31))])
        let found = Self.run(SpanCutsMentionRule(), doc)
        #expect(found.count == 1)
        #expect(found.first?.contains("holding only \"Moreira\"") == true)
        // The whole name, or a span around it, is fine.
        let whole = Quote(id: "q1", kind: .direct, content: Self.x(1, 12), speaker: Self.x(19, 62))
        #expect(
            Self.run(SpanCutsMentionRule(), Self.document([whole], mentions: [("José Moreira", .person, Span(19, 31))]))
                .isEmpty)
    }

    @Test func speakerDistanceFollowsTheManifest() {
        let q = Quote(id: "q1", kind: .direct, content: Self.x(1, 12), speaker: Self.x(64, 70))
        let doc = Self.document([q], mentions: [])
        #expect(Self.run(SpeakerDistanceRule(), doc, settings: CheckSettings(speakerDistance: 40)).count == 1)
        #expect(Self.run(SpeakerDistanceRule(), doc, settings: CheckSettings(speakerDistance: 60)).isEmpty)
    }

    @Test func nearDuplicatesDifferByAComma() {
        let a = Quote(id: "q1", kind: .direct, content: Self.x(1, 12))
        let b = Quote(id: "q2", kind: .direct, content: Self.x(1, 11))
        let c = Quote(id: "q2", kind: .indirect, content: Self.x(1, 11))
        #expect(Self.run(QuoteNearDuplicateRule(), Self.document([a, b], mentions: [])).count == 1)
        #expect(Self.run(QuoteNearDuplicateRule(), Self.document([a, c], mentions: [])).isEmpty)
        let strict = CheckSettings(speakerDistance: 100, nearDuplicate: 0.95)
        #expect(Self.run(QuoteNearDuplicateRule(), Self.document([a, b], mentions: []), settings: strict).isEmpty)
    }

    @Test func aSpeakerThatIsAPersonsNameIsInferredButNotAnOrganisationInADescription() {
        let named = Quote(id: "q1", kind: .direct, content: Self.x(1, 12), speaker: Self.x(19, 62))
        let doc = Self.document(
            [named], mentions: [("José Moreira", .person, Span(19, 31)), ("union", .organization, Span(37, 42))])
        // Two entities inside the speaker span: nothing is inferred.
        #expect(doc.inferredSpeaker(of: named) == nil)
        let person = Self.document([named], mentions: [("José Moreira", .person, Span(19, 31))])
        #expect(person.inferredSpeaker(of: named) == "e1")
        #expect(Self.run(SpeakerEntityMissingRule(), person).count == 1)
        let description = Quote(id: "q1", kind: .direct, content: Self.x(1, 12), speaker: Self.x(33, 62))
        let org = Self.document([description], mentions: [("union", .organization, Span(37, 42))])
        #expect(org.inferredSpeaker(of: description) == nil)
    }

    @Test func theManifestSetsTheThresholds() throws {
        let folder = TemporaryFolder()
        folder.write(
            "attest.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest xmlns="urn:attest:format:1" version="1.0">
              <corpus name="c" guidelines="1.0"/>
              <checks speaker-distance="250" near-duplicate="0.95"/>
            </manifest>

            """)
        let corpus = try Corpus.open(root: folder.url)
        #expect(corpus.manifest.checks == CheckSettings(speakerDistance: 250, nearDuplicate: 0.95))
        folder.write(
            "attest.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest xmlns="urn:attest:format:1" version="1.0">
              <corpus name="c" guidelines="1.0"/>
              <checks near-duplicate="1.5"/>
            </manifest>

            """)
        #expect(throws: AttestError.self) { try Corpus.open(root: folder.url) }
    }
}
