import AttestKit
import Foundation
import Testing

/// The studio's answers are written by the tree fast path; the Codable form
/// must say the same, and both keep markup and line separators out.
@Suite struct StudioBodyTests {
    static func parsed(_ bytes: [UInt8]) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? NSDictionary)
    }

    @Test func theFastPathSaysWhatTheEncoderSays() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        // Markup, a line separator and an astral character in the text the answer carries.
        let story = folder.write("story.txt", "🚢 Ana <b>Silva</b> & co\u{2028}said it.\n")
        var corpus = try Corpus.open(root: folder.url)
        try ArticleImporter.add(story, id: "story", to: corpus)
        corpus = try Corpus.open(root: folder.url)
        let service = StudioService(corpus: corpus)
        let before = try service.document("story")
        let added = try service.apply(
            [.annotate(type: EntityType("PERSON"), spans: [Excerpt(span: Span(2, 5), text: "Ana")])], to: "story",
            expectedVersion: before.version)
        let edited = try service.apply(
            [.rename(entity: "e1", name: "Ana <Silva> \u{2028}")], to: "story", expectedVersion: added.version)
        let undone = try service.reverse(.undo, "story", expectedVersion: edited.version)
        for (fast, slow) in [
            (try StudioJSON.encode(edited), try StudioJSON.encoded(edited)),
            (try StudioJSON.encode(undone), try StudioJSON.encoded(undone)),
            (try StudioJSON.encode(service.documents()), try StudioJSON.encoded(service.documents())),
        ] {
            #expect(try Self.parsed(fast) == Self.parsed(slow))
            for bytes in [fast, slow] {
                let s = String(decoding: bytes, as: UTF8.self)
                #expect(!s.contains("<") && !s.contains(">") && !s.contains("&") && !s.contains("\u{2028}"))
            }
        }
        let inverse = try #require(try Self.parsed(StudioJSON.encode(edited))["inverse"] as? [[String: Any]])
        #expect(inverse.first?["op"] as? String == "rename")
        #expect(inverse.first?["name"] as? String == "Ana")
    }
}
