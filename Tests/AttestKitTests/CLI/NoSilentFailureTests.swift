import AttestKit
import Foundation
import Testing

/// Failures that once passed silently now stop the command with exit 2 and
/// their cause: a broken manifest is never taken for "no corpus", and flag
/// values the library cannot take are refused by the CLI with what it expected.
@Suite(.serialized) struct NoSilentFailureTests {
    static func corpusWithBrokenManifest() throws -> TemporaryFolder {
        let folder = try TemporaryFolder.sampleCorpus()
        folder.write(
            "attest.xml",
            "<manifest xmlns=\"urn:attest:format:1\" version=\"1.0\"><corpus name=\"x\"/><gates><gate/></gates>\n")
        return folder
    }

    @Test func mergeWithABrokenManifestExitsTwo() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let export = try CommandRunner.run(["export", "--out", "gold.jsonl"], in: folder.url)
        #expect(export.status == 0, "\(export.stderr)")
        let score = try CommandRunner.run(["score", "--pred", "gold.jsonl", "--json", "run.json"], in: folder.url)
        #expect(score.status == 0, "\(score.stderr)")
        folder.write(
            "attest.xml",
            "<manifest xmlns=\"urn:attest:format:1\" version=\"1.0\"><corpus name=\"x\"/><gates><gate/></gates>\n")
        let merge = try CommandRunner.run(["merge", "run.json"], in: folder.url)
        #expect(merge.status == 2)
        #expect(merge.stderr.contains("attest.xml:2:1: error: not well-formed XML"))
        #expect(merge.stderr.contains("error: attest.xml is not a valid manifest"))
        #expect(merge.stdout.isEmpty)
    }

    @Test func validatingAFileInACorpusWithABrokenManifestExitsTwo() throws {
        let folder = try Self.corpusWithBrokenManifest()
        let r = try CommandRunner.run(["validate", "annotations/sample.xml"], in: folder.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: attest.xml is not a valid manifest"))
    }

    @Test func validatingAFileOutsideAnyCorpusStillWorks() throws {
        let folder = TemporaryFolder()
        folder.write(
            "corpus/sample.txt", [UInt8](try Data(contentsOf: Paths.sample.appendingPathComponent("corpus/sample.txt")))
        )
        folder.write("annotations/sample.xml", read(Paths.sampleAnnotation))
        let r = try CommandRunner.run(["validate", "annotations/sample.xml"], in: folder.url)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    }

    @Test(arguments: [
        (["--map", "GPE"], "--map takes FROM=TO or FROM=- (drop), such as GPE=LOC; got \"GPE\""),
        (["--shard", "3/2"], "--shard 3/2: a shard is K/N with 1 <= K <= N, such as 2/4"),
        (["--shard", "two"], "--shard takes K/N, such as 2/4; got \"two\""),
        (
            ["--min", "entities.strict.f1"],
            "--min takes METRIC=VALUE, such as entities.strict.f1=0.8; got \"entities.strict.f1\""
        ),
    ])
    func badFlagValuesAreUsageErrors(flags: [String], message: String) throws {
        let folder = try TemporaryFolder.sampleCorpus()
        folder.write("pred.jsonl", "{\"id\": \"sample\"}\n")
        let r = try CommandRunner.run(["score", "--pred", "pred.jsonl"] + flags, in: folder.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }
}
