import AttestKit
import Foundation
import Testing

/// Gold that does not hold against its article is never scored or exported:
/// the readers check every span's text, the hash and the length as they read.
@Suite(.serialized) struct InvalidGoldTests {
    /// The sample corpus with mention m1 ("Jane Doe" at [36,44)) moved one code point.
    static func shiftedCorpus() throws -> TemporaryFolder {
        let folder = try TemporaryFolder.sampleCorpus()
        let text = read(Paths.sampleAnnotation).replacingOccurrences(
            of: "<mention id=\"m1\" start=\"36\" end=\"44\">", with: "<mention id=\"m1\" start=\"37\" end=\"45\">")
        folder.write("annotations/sample.xml", text)
        folder.write(
            "pred.jsonl", "{\"id\": \"sample\", \"entities\": [{\"start\": 36, \"end\": 44, \"type\": \"PERSON\"}]}\n")
        return folder
    }

    static let expected = "annotations/sample.xml:8:7: error: mention m1 reads \"Jane Doe\" but the article has"

    @Test func scoreExitsTwoNamingFileAndLine() throws {
        let folder = try Self.shiftedCorpus()
        let r = try CommandRunner.run(["score", "--pred", "pred.jsonl"], in: folder.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains(Self.expected), "\(r.stderr)")
        #expect(r.stderr.contains("[span.text]"))
        #expect(r.stdout.isEmpty)
    }

    @Test func exportExitsTwoAndWritesNothing() throws {
        let folder = try Self.shiftedCorpus()
        let r = try CommandRunner.run(["export", "--out", "gold.jsonl"], in: folder.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains(Self.expected), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("gold.jsonl").path))
    }

    @Test func aChangedArticleIsCaughtByItsHash() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let article = folder.url.appendingPathComponent("corpus/sample.txt")
        var bytes = [UInt8](try Data(contentsOf: article))
        bytes[bytes.count - 2] = UInt8(ascii: "!")  // same length, other content
        folder.write("corpus/sample.txt", bytes)
        let (_, problems) = try Corpus.open(root: folder.url).loadGold(streaming: true)
        #expect(problems.map(\.rule).contains("article.hash"))
        #expect(problems.first { $0.rule == "article.hash" }?.line == 3)
    }

    @Test func soundGoldCarriesItsArticle() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let (documents, problems) = try Corpus.open(root: folder.url).loadGold(streaming: true)
        #expect(problems.isEmpty)
        #expect(documents.first?.article?.count == 185)
    }
}
