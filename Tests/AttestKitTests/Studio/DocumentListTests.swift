import AttestKit
import Foundation
import Testing

/// The document list keeps each file's line between requests (`DocumentSummaries`): it must still
/// say what the files say after any writer changed them, the server or another process.
@Suite struct DocumentListTests {
    static func line(_ body: DocumentListBody, _ id: String) throws -> [String: JSONTree] {
        let found = body.documents.first { line in
            if case .object(let o) = line, o["id"] == .string(id) { return true }
            return false
        }
        guard case .object(let o) = try #require(found) else { throw AttestError("not an object") }
        return o
    }

    /// Another process's transaction (a new file renamed into place), as `attest entity` makes it.
    static func addMention(_ id: String, _ excerpt: Excerpt, in root: URL) throws {
        var editor = try AnnotationEditor.open(id, in: try Corpus.open(root: root))
        try editor.apply([.annotate(type: EntityType("LOC"), spans: [excerpt])])
        try editor.commit(summary: "test")
    }

    @Test func theListFollowsEveryWriteAndTheArticle() throws {
        let folder = try TemporaryFolder.sampleCorpus(draft: true)
        let story = folder.write("story.txt", "🚢 Ana Silva went to Oslo — “fine”, she said.\n")
        try ArticleImporter.add(story, id: "story", to: try Corpus.open(root: folder.url))
        let service = StudioService(corpus: try Corpus.open(root: folder.url))
        // A line is kept once the article's last change is older than the margin for coarse file clocks.
        Thread.sleep(forTimeInterval: 0.06)
        #expect(try Self.line(service.documents(), "story")["mentions"] == .int(0))
        #expect(try Self.line(service.documents(), "story")["mentions"] == .int(0))
        #expect(service.summaries.count >= 1, "the lines are kept")
        // Written by another editor than the service's, between two lists.
        try Self.addMention("story", Excerpt(span: Span(20, 24), text: "Oslo"), in: folder.url)
        #expect(try Self.line(service.documents(), "story")["mentions"] == .int(1))
        // The article changed in place (same size, same inode): the document is stale.
        let article = folder.url.appendingPathComponent("corpus/story.txt")
        let handle = try FileHandle(forWritingTo: article)
        try handle.seek(toOffset: 5)
        try handle.write(contentsOf: Data("X".utf8))
        try handle.close()
        #expect(try Self.line(service.documents(), "story")["stale"] == .bool(true))
        #expect(try Self.line(service.documents(), "sample")["stale"] == .bool(false))
    }

    @Test func listsMadeWhileAnotherProcessWritesEndWithWhatTheFileSays() throws {
        let folder = try TemporaryFolder.sampleCorpus(draft: true)
        let text = (0..<40).map { "Place\($0) is here." }.joined(separator: " ") + "\n"
        let story = folder.write("story.txt", text)
        try ArticleImporter.add(story, id: "story", to: try Corpus.open(root: folder.url))
        let service = StudioService(corpus: try Corpus.open(root: folder.url))
        let root = folder.url
        let chars = Array(text.unicodeScalars)
        Thread.sleep(forTimeInterval: 0.06)
        // One writer adds 40 mentions, one transaction each, while four readers list over and over.
        let done = LockedFlag()
        DispatchQueue.concurrentPerform(iterations: 5) { worker in
            if worker == 0 {
                defer { done.set() }
                var at = 0
                for k in 0..<40 {
                    let word = "Place\(k)"
                    while String(String.UnicodeScalarView(chars[at..<(at + word.count)])) != word { at += 1 }
                    try? Self.addMention("story", Excerpt(span: Span(at, at + word.count), text: word), in: root)
                }
            } else {
                while !done.isSet { _ = service.documents() }
            }
        }
        #expect(try Self.line(service.documents(), "story")["mentions"] == .int(40))
        let fresh = StudioService(corpus: try Corpus.open(root: folder.url))
        #expect(try Self.line(fresh.documents(), "story") == Self.line(service.documents(), "story"))
    }
}

/// A flag set by one thread and read by others.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
