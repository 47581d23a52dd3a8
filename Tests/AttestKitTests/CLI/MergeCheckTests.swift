import AttestKit
import Foundation
import Testing

/// `attest merge` combines the shards of one run and nothing else, and gates
/// the merged figures; shard jobs defer their gates with `--no-gates`.
@Suite(.serialized) struct MergeCheckTests {
    /// Reports of shards k/n of the corpus in `folder`, scored with gates deferred.
    static func shardReports(_ n: Int, in folder: TemporaryFolder) throws -> [String] {
        var paths: [String] = []
        for k in 1...n {
            let path = folder.url.appendingPathComponent("s\(k)of\(n).json").path
            let r = try CommandRunner.run(
                ["score", "--pred", "pred.jsonl", "--shard", "\(k)/\(n)", "--no-gates", "--json", path], in: folder.url)
            #expect(r.status == 0, "\(r.stderr)")
            paths.append(path)
        }
        return paths
    }

    static func corpus() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        try SyntheticCorpus().write(count: 6, to: folder.url)
        let export = try CommandRunner.run(["export"], in: folder.url)
        // Every prediction loses its entities: strict F1 0.
        let lines = export.stdout.split(separator: "\n").map { line -> String in
            var doc = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            doc["entities"] = [[String: Any]]()
            return String(decoding: try! JSONSerialization.data(withJSONObject: doc), as: UTF8.self)
        }
        folder.write("pred.jsonl", lines.joined(separator: "\n") + "\n")
        return folder
    }

    @Test func aMissingShardIsRefused() throws {
        let folder = try Self.corpus()
        let shards = try Self.shardReports(3, in: folder)
        let r = try CommandRunner.run(["merge", shards[0], shards[2]], in: folder.url)
        #expect(r.status == 2)
        #expect(
            r.stderr.contains("error: shard(s) 2/3 missing: the merged report would not cover the corpus"),
            "\(r.stderr)")
        let alone = try CommandRunner.run(["merge", shards[0]], in: folder.url)
        #expect(alone.status == 2)
        #expect(alone.stderr.contains("shard(s) 2/3, 3/3 missing"))
        let twice = try CommandRunner.run(["merge", shards[0], shards[1], shards[1], shards[2]], in: folder.url)
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("are both shard 2/3"))
    }

    @Test func shardsOfDifferentRunsAreRefused() throws {
        let folder = try Self.corpus()
        let three = try Self.shardReports(3, in: folder)
        let other = TemporaryFolder()
        let two = try Self.shardReports(2, in: folder).map { path -> String in
            let moved = other.url.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent).path
            try? FileManager.default.moveItem(atPath: path, toPath: moved)
            return moved
        }
        let r = try CommandRunner.run(["merge", three[0], two[1]], in: folder.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains("shards of one run share N"), "\(r.stderr)")
        // Another gold set: one more document.
        let bigger = try Self.corpus()
        try SyntheticCorpus().write(count: 7, to: bigger.url)
        let foreign = try Self.shardReports(3, in: bigger)
        let mixed = try CommandRunner.run(["merge", three[0], three[1], foreign[2]], in: folder.url)
        #expect(mixed.status == 2)
        #expect(mixed.stderr.contains("scored against different gold sets"), "\(mixed.stderr)")
    }

    @Test func gatesApplyToTheMergedFigures() throws {
        let folder = try Self.corpus()
        let shards = try Self.shardReports(2, in: folder)
        let gated = try CommandRunner.run(["merge"] + shards + ["--min", "entities.strict.f1=0.5"], in: folder.url)
        #expect(gated.status == 1)
        #expect(gated.stdout.contains("FAILED entities.strict.f1: 0.0000, minimum 0.5000"))
        #expect(gated.stdout.contains("attest score: 6 document(s)"))
        let passing = try CommandRunner.run(["merge"] + shards + ["--min", "quotes.overlap.f1=0.9"], in: folder.url)
        #expect(passing.status == 0, "\(passing.stdout)")
        let usage = try CommandRunner.run(["merge"] + shards + ["--shard", "1/2"], in: folder.url)
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("--shard does not apply to merge"))
    }
}
