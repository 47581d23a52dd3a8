import AttestKit
import Foundation
import Synchronization
import Testing

/// A rejected suggestion is not offered again, per document and extractor;
/// the file that keeps them is written by racing writers and read as input.
@Suite struct SuggestionRejectionTests {
    static func mentions(_ tree: JSONTree) -> [JSONTree] {
        guard case .object(let o) = tree, case .array(let items)? = o["mentions"] else { return [] }
        return items
    }

    static func field(_ tree: JSONTree, _ key: String) -> JSONTree? {
        guard case .object(let o) = tree else { return nil }
        return o[key]
    }

    @Test func aRejectedSuggestionIsNotOfferedAgain() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let service = StudioService(corpus: try Corpus.open(root: folder.url))
        let before = Self.mentions(try service.suggestions("sample", extractor: "baseline"))
        let first = try #require(before.first)
        guard case .int(let start)? = Self.field(first, "start"), case .int(let end)? = Self.field(first, "end"),
            case .string(let type)? = Self.field(first, "type")
        else {
            Issue.record("no span in \(first)")
            return
        }
        try service.reject("sample", extractor: "baseline", start: start, end: end, type: type)
        try service.reject("sample", extractor: "baseline", start: start, end: end, type: type)  // once is kept
        let after = try service.suggestions("sample", extractor: "baseline")
        #expect(Self.mentions(after).count == before.count - 1)
        #expect(!Self.mentions(after).contains(first))
        #expect(Self.field(after, "rejected") == .int(1))
        // Another extractor's rejection hides nothing from the baseline.
        let store = SuggestionRejections(corpus: try Corpus.open(root: folder.url))
        try store.add(.init(extractor: "other", start: 0, end: 5, type: "ORG"), document: "sample")
        #expect(Self.mentions(try service.suggestions("sample", extractor: "baseline")).count == before.count - 1)
        #expect(try store.all(document: "sample").count == 2)
        #expect(throws: StudioError.self) {
            try service.reject("sample", extractor: "gpt", start: 0, end: 1, type: "X")
        }
        #expect(throws: StudioError.self) {
            try service.reject("sample", extractor: "baseline", start: 5, end: 5, type: "X")
        }
    }

    @Test func racingRejectionsAreAllKept() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let corpus = try Corpus.open(root: folder.url)
        let errors = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 40) { i in
            do {
                try SuggestionRejections(corpus: corpus).add(
                    .init(extractor: "baseline", start: i, end: i + 1, type: "LOC"), document: "sample")
            } catch {
                errors.withLock { $0.append("\(error)") }
            }
        }
        #expect(errors.withLock { $0 }.isEmpty)
        let store = SuggestionRejections(corpus: corpus)
        #expect(try store.all(document: "sample").count == 40)
        let lines = read(store.url(for: "sample")).split(separator: "\n")
        #expect(lines.count == 40)
    }

    @Test func theFileIsInputLikeAnyOther() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let corpus = try Corpus.open(root: folder.url)
        let store = SuggestionRejections(corpus: corpus)
        try store.add(.init(extractor: "baseline", start: 1, end: 2, type: "LOC"), document: "sample")
        let url = store.url(for: "sample")
        // A damaged line is skipped; the others still count.
        let handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
        handle.write(Data("{not json\n[1,2]\n".utf8))
        try handle.close()
        #expect(try store.all(document: "sample").count == 1)
        // A link in its place is refused, read or written.
        let elsewhere = TemporaryFolder()
        let target = elsewhere.write("outside.jsonl", "")
        try FileManager.default.removeItem(at: url)
        try FileManager.default.createSymbolicLink(at: url, withDestinationURL: target)
        #expect(throws: AttestError.self) { try store.all(document: "sample") }
        #expect(throws: AttestError.self) {
            try store.add(.init(extractor: "baseline", start: 3, end: 4, type: "LOC"), document: "sample")
        }
        #expect(read(target).isEmpty)
    }
}
