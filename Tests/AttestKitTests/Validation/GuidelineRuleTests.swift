import AttestKit
import Foundation
import Testing

/// An annotation that follows docs/guidelines.md passes `--strict`, and the
/// rules still catch what the guidelines forbid.
@Suite struct GuidelineRuleTests {
    static func attributionCorpus() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        let fixture = Paths.repository.appendingPathComponent("Tests/AttestKitTests/Fixtures/attribution")
        for path in ["attest.xml", "corpus/eastman.txt", "annotations/eastman.xml"] {
            folder.write(path, [UInt8](try Data(contentsOf: fixture.appendingPathComponent(path))))
        }
        return folder
    }

    /// "Professor Cres Eastman, Director of …, and Chairman of …, says it is crucial …": the speaker
    /// span is the name, 129 code points from the content, tied to it by the cue in one sentence;
    /// the pronoun speaker "he" is attributed to the entity.
    @Test func theAppositionCasePassesStrictAndCheck() throws {
        let folder = try Self.attributionCorpus()
        let strict = try CommandRunner.run(["validate", "--strict"], in: folder.url)
        #expect(strict.status == 0, "\(strict.stdout)\(strict.stderr)")
        #expect(strict.stderr.contains("0 error(s), 0 warning(s)"), "\(strict.stderr)")
        let check = try CommandRunner.run(["check"], in: folder.url)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    static let article = ArticleText(
        "Ana Silva, the mayor, left the town hall before the vote on Friday. “It is over,” says the text.\nAna Silva, mayor of a city of thirty thousand people on the river, says it is over.\n"
    )

    static func x(_ s: Int, _ e: Int) -> Excerpt { Excerpt(span: Span(s, e), text: article[Span(s, e)]) }

    static func run(_ rule: some Rule, _ quotes: [Quote], mentions: [Span] = []) -> [String] {
        let entities = mentions.enumerated().map { i, span in
            Entity(
                id: "e\(i + 1)", type: .person, name: article[span],
                mentions: [Mention(id: "m\(i + 1)", excerpt: Excerpt(span: span, text: article[span]))])
        }
        let header = DocumentHeader(id: "d", articlePath: "d.txt", sha256: "", length: article.count, status: .gold)
        var sink = DiagnosticSink(file: "d.xml")
        let doc = AnnotationDocument(header: header, entities: entities, quotes: quotes)
        rule.check(
            ValidationSubject(document: doc, article: article, settings: CheckSettings(speakerDistance: 40)),
            into: &sink)
        return sink.diagnostics.map(\.message)
    }

    @Test func aDistantSpeakerIsNearOnlyThroughItsCueInOneSentence() {
        let text = Self.article.string
        func at(_ s: String, from: Int = 0) -> Span {
            let scalars = Array(text.unicodeScalars)
            let needle = Array(s.unicodeScalars)
            let start = (from...(scalars.count - needle.count)).first {
                Array(scalars[$0..<$0 + needle.count]) == needle
            }!
            return Span(start, start + needle.count)
        }
        let line2 = at("Ana Silva, mayor").start
        let speaker = at("Ana Silva", from: line2)
        let cue = at("says", from: line2)
        let content = at("it is over", from: line2)
        let tied = Quote(
            id: "q1", kind: .indirect, content: Self.x(content.start, content.end),
            speaker: Self.x(speaker.start, speaker.end), cue: Self.x(cue.start, cue.end))
        #expect(Self.run(SpeakerDistanceRule(), [tied]).isEmpty)
        // Without the cue, the same speaker is too far.
        var untied = tied
        untied.cue = nil
        #expect(Self.run(SpeakerDistanceRule(), [untied]).count == 1)
        // A speaker in another sentence than the cue is not tied by it.
        let first = at("Ana Silva")
        let otherCue = at("says the text")
        let quote = at("It is over,")
        let across = Quote(
            id: "q2", kind: .direct, content: Self.x(quote.start, quote.end),
            speaker: Self.x(first.start, first.end), cue: Self.x(otherCue.start, otherCue.start + 4))
        #expect(SpeakerDistanceRule.gap(first, quote) > 40)
        #expect(Self.run(SpeakerDistanceRule(), [across]).count == 1)
    }

    /// `respan … --role speaker --text Cres` inside "Cres Eastman" is refused.
    @Test func aSpeakerSpanInsideAMentionCutsIt() throws {
        let inside = Quote(id: "q1", kind: .direct, content: Self.x(36, 46), speaker: Self.x(0, 3))
        let found = Self.run(SpanCutsMentionRule(), [inside], mentions: [Span(0, 9)])
        #expect(found.count == 1)
        #expect(found.first?.contains("lies inside mention m1") == true, "\(found)")
        let whole = Quote(id: "q1", kind: .direct, content: Self.x(36, 46), speaker: Self.x(0, 9))
        #expect(Self.run(SpanCutsMentionRule(), [whole], mentions: [Span(0, 9)]).isEmpty)

        let folder = try Self.attributionCorpus()
        let r = try CommandRunner.run(
            ["respan", "eastman", "q1", "--role", "speaker", "--text", "Cres"], in: folder.url)
        #expect(r.status != 0)
        #expect(r.stderr.contains("span.cuts-mention"), "\(r.stderr)")
    }

    /// A stale document is one error naming `attest realign`, not one per span.
    @Test func aStaleDocumentIsOneError() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let article = folder.url.appendingPathComponent("corpus/sample.txt")
        folder.write("corpus/sample.txt", Array("Breaking: ".utf8) + [UInt8](try Data(contentsOf: article)))
        let r = try CommandRunner.run(["validate"], in: folder.url)
        #expect(r.status == 1)
        let errors = r.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 1, "\(r.stdout)")
        #expect(errors.first?.contains("[article.hash]") == true)
        #expect(errors.first?.contains("attest realign sample") == true)
    }
}

/// Gold means valid: a document becomes gold only when `validate --strict` passes on it.
@Suite struct GoldMeansValidTests {
    @Test func markingGoldWithAWarningIsRefusedByTheCLIAndTheService() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let url = folder.url.appendingPathComponent("annotations/sample.xml")
        #expect(try CommandRunner.run(["status", "sample", "draft"], in: folder.url).status == 0)
        // The second "Doe", 128 code points from q1's content: speaker.distance warns.
        let far = try CommandRunner.run(
            ["edit-quote", "sample", "q1", "--speaker-text", "Doe", "--speaker-nth", "2"], in: folder.url)
        #expect(far.status == 0, "\(far.stderr)")
        let before = read(url)
        let cli = try CommandRunner.run(["status", "sample", "gold"], in: folder.url)
        #expect(cli.status != 0)
        #expect(cli.stderr.contains("speaker.distance"), "\(cli.stderr)")
        #expect(read(url) == before)
        // The page's "Mark gold" goes through the service: 422 with the warning as its diagnostic.
        let service = StudioService(corpus: try Corpus.open(root: folder.url))
        let version = SHA256Hex.of(Array(before.utf8))
        #expect {
            try service.setStatus(.gold, of: "sample", expectedVersion: version)
        } throws: { error in
            guard let e = error as? StudioError, e.httpStatus == 422 else { return false }
            return String(decoding: JSONTree.object(e.extra).bytes, as: UTF8.self).contains("speaker.distance")
        }
        #expect(read(url) == before)
        // Once the warning is fixed, gold is accepted.
        #expect(try CommandRunner.run(["undo", "sample"], in: folder.url).status == 0)
        #expect(try CommandRunner.run(["status", "sample", "gold"], in: folder.url).status == 0)
        #expect(read(url).contains(#"status="gold""#))
    }
}
