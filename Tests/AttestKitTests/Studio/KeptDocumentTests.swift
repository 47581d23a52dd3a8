import AttestKit
import Foundation
import Testing

/// The server keeps documents open between requests (`KeptDocuments`) and validates only what an edit
/// changed: it must still never edit an old version, never lose another writer's change, and refuse
/// exactly what a whole validation refuses.
@Suite struct KeptDocumentTests {
    static let text =
        (0..<30).map { "Ana\($0) met Bo\($0) in Metropolitan\($0) — “fine”, 🚢 𝒜." }.joined(separator: " ") + "\n"

    /// A draft corpus with one document "story" over `text`, and a service that keeps documents.
    static func corpus() throws -> (TemporaryFolder, StudioService) {
        let folder = try TemporaryFolder.sampleCorpus(draft: true)
        let story = folder.write("story.txt", text)
        try ArticleImporter.add(story, id: "story", to: try Corpus.open(root: folder.url))
        return (folder, StudioService(corpus: try Corpus.open(root: folder.url)))
    }

    /// The excerpt of the `n`th occurrence of `word` in `text`.
    static func excerpt(_ word: String, _ n: Int = 0) -> Excerpt {
        let article = ArticleText(text)
        let span = article.occurrences(of: word)[n]
        return Excerpt(span: span, text: word)
    }

    static func version(_ root: URL) throws -> String {
        SHA256Hex.of([UInt8](try Data(contentsOf: root.appendingPathComponent("annotations/story.xml"))))
    }

    /// What `attest validate` says of the file as it is.
    static func validate(_ root: URL) throws -> [Diagnostic] {
        let file = root.appendingPathComponent("annotations/story.xml")
        return try Validator(corpus: try Corpus.open(root: root)).validate(
            bytes: [UInt8](try Data(contentsOf: file)), file: file)
    }

    static func mentions(_ folder: TemporaryFolder) throws -> Int {
        try AnnotationFile.read(folder.url.appendingPathComponent("annotations/story.xml")).document.mentions.count
    }

    /// Another process's transaction, as `attest entity` makes it (no kept document).
    static func otherWriter(_ root: URL, _ x: Excerpt) throws {
        var editor = try AnnotationEditor.open("story", in: try Corpus.open(root: root))
        try editor.apply([.annotate(type: EntityType("LOC"), spans: [x])])
        try editor.commit(summary: "other")
    }

    @Test func anEditOnAKeptDocumentStartsFromWhatTheFileSaysNow() throws {
        let (folder, service) = try Self.corpus()
        var version = try service.document("story").version
        for n in 0..<12 {
            // The server's edit, on the kept document.
            version = try service.apply(
                [.annotate(type: EntityType("PERSON"), spans: [Self.excerpt("Ana\(n)")])], to: "story",
                expectedVersion: version
            ).version
            #expect(service.kept.count == 1)
            // Another writer between two of the server's edits: the next one is made on its file.
            try Self.otherWriter(folder.url, Self.excerpt("Metropolitan\(n)"))
            version = try Self.version(folder.url)
        }
        #expect(try Self.mentions(folder) == 24, "no writer's mention lost")
        let found = try Self.validate(folder.url)
        #expect(found.filter { $0.severity == .error }.isEmpty)
    }

    @Test func theServerAndAnotherProcessRacingLoseNothing() throws {
        let (folder, service) = try Self.corpus()
        _ = try service.document("story")
        let root = folder.url
        let errors = LockedList()
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for n in 0..<15 {
                // Turns of a few milliseconds, so that the two writers' transactions interleave.
                Thread.sleep(forTimeInterval: Double((n * 7 + worker * 3) % 5) / 1000)
                do {
                    if worker == 1 {
                        try Self.otherWriter(root, Self.excerpt("Metropolitan\(n)"))
                        continue
                    }
                    // As the page does: on 409 the newer version, and the same change again.
                    var tries = 0
                    while true {
                        do {
                            _ = try service.apply(
                                [.annotate(type: EntityType("PERSON"), spans: [Self.excerpt("Bo\(n)")])], to: "story",
                                expectedVersion: try Self.version(root))
                            break
                        } catch let error as StudioError where error.httpStatus == 409 && tries < 50 {
                            tries += 1
                        }
                    }
                } catch {
                    errors.append("\(worker): \(error)")
                }
            }
        }
        #expect(errors.values.isEmpty)
        #expect(try Self.mentions(folder) == 30, "15 from each writer")
    }

    @Test func onlyTheChangedPartIsCheckedYetTheSchemaStillRefuses() throws {
        let (folder, service) = try Self.corpus()
        var version = try service.document("story").version
        version = try service.apply(
            [.annotate(type: EntityType("PERSON"), spans: [Self.excerpt("Ana1")])], to: "story",
            expectedVersion: version
        ).version
        let before = try Data(contentsOf: folder.url.appendingPathComponent("annotations/story.xml"))
        // A name the model takes and the schema refuses (at most 256 characters): a kept commit must
        // find it, though it checks only the changed entity against the schema.
        let entity = try AnnotationFile.read(folder.url.appendingPathComponent("annotations/story.xml"))
            .document.entities[0].id
        #expect {
            _ = try service.apply(
                [.rename(entity: entity, name: String(repeating: "n", count: 300))], to: "story",
                expectedVersion: version)
        } throws: { error in
            guard let error = error as? StudioError else { return false }
            return error.httpStatus == 422 && "\(error.extra)".contains("schema.invalid")
        }
        #expect(try Data(contentsOf: folder.url.appendingPathComponent("annotations/story.xml")) == before)
    }

    @Test func aMentionAddedToAKeptEntityIsCheckedAgainstTheSchema() throws {
        let (folder, service) = try Self.corpus()
        var version = try service.document("story").version
        version = try service.apply(
            [.annotate(type: EntityType("PERSON"), spans: [Self.excerpt("Ana1"), Self.excerpt("Ana2")])],
            to: "story", expectedVersion: version
        ).version
        let file = folder.url.appendingPathComponent("annotations/story.xml")
        let entity = try AnnotationFile.read(file).document.entities[0].id
        let before = try Data(contentsOf: file)
        // An id the model takes and the schema's Identifier pattern refuses: only the new mention of the
        // entity is checked against the schema, and it must be.
        let bad = Mention(id: "not an id", excerpt: Self.excerpt("Ana3"))
        #expect {
            _ = try service.apply(
                [.addMention(entity: entity, mention: bad, index: nil)], to: "story", expectedVersion: version)
        } throws: { error in
            guard let error = error as? StudioError else { return false }
            return error.httpStatus == 422 && "\(error.extra)".contains("schema.invalid")
        }
        #expect(try Data(contentsOf: file) == before)
        // A good id is taken, and only then is the file written.
        let good = Mention(id: "m77", excerpt: Self.excerpt("Ana3"))
        _ = try service.apply(
            [.addMention(entity: entity, mention: good, index: nil)], to: "story", expectedVersion: version)
        #expect(try AnnotationFile.read(file).document.entities[0].mentions.count == 2)
    }

    @Test func aKeptCommitFindsWhatValidatingTheFileFinds() throws {
        let (folder, service) = try Self.corpus()
        var version = try service.document("story").version
        // Warnings among them: a span inside a word ("Metro" of "Metropolitan3"), a quote without speaker.
        let edits: [[AnnotationEdit]] = [
            [.annotate(type: EntityType("PERSON"), spans: [Self.excerpt("Ana3")])],
            [.annotate(type: EntityType("LOC"), spans: [Self.excerpt("Metro", 3)])],
            [.quote(kind: .direct, content: Self.excerpt("fine", 2))],
            [.annotate(type: EntityType("PERSON"), spans: [Self.excerpt("Bo3")])],
        ]
        for change in edits {
            let body = try service.apply(change, to: "story", expectedVersion: version)
            version = body.version
            let full = try Self.validate(folder.url).map { "\($0.severity): \($0.message) [\($0.rule)]" }.sorted()
            guard case .array(let said) = body.diagnostics else { throw AttestError("no diagnostics") }
            let kept = said.map { d -> String in
                guard case .object(let o) = d, case .string(let s)? = o["severity"],
                    case .string(let m)? = o["message"],
                    case .string(let r)? = o["rule"]
                else { return "" }
                return "\(s): \(m) [\(r)]"
            }
            #expect(kept.sorted() == full)
            #expect(!full.isEmpty || change == edits[0])
        }
        #expect(version == (try Self.version(folder.url)))
    }

    /// What the page does with a change's answer (changes.js `patchList`), over JSON trees.
    static func patch(_ list: [JSONTree], _ change: JSONTree) throws -> [JSONTree] {
        guard case .object(let c) = change, case .array(let set)? = c["set"], case .array(let removed)? = c["removed"],
            case .int(let count)? = c["count"]
        else { throw AttestError("not a list change") }
        func id(_ t: JSONTree) -> JSONTree? { if case .object(let o) = t { o["id"] } else { nil } }
        var gone = Set(removed.map { "\($0)" })
        var placed: [(Int, JSONTree)] = []
        for s in set {
            guard case .object(let o) = s, case .int(let at)? = o["at"], let item = o["item"] else {
                throw AttestError("bad set")
            }
            gone.insert("\(id(item)!)")
            placed.append((at, item))
        }
        var out = list.filter { !gone.contains("\(id($0)!)") }
        for (at, item) in placed.sorted(by: { $0.0 < $1.0 }) { out.insert(item, at: at) }
        #expect(out.count == count)
        return out
    }

    /// The answer of `change` with `changes=1`, patched onto the annotation shown before, is the
    /// annotation a fresh GET gives; it returns that document.
    static func checkPatched(_ service: StudioService, _ shown: DocumentBody, _ change: [AnnotationEdit]) throws
        -> DocumentBody
    {
        let body = try service.apply(change, to: "story", expectedVersion: shown.version, changes: true)
        let now = try service.document("story")
        #expect(body.version == now.version)
        guard case .object(let old) = shown.annotation, case .object(let new) = now.annotation,
            case .object(let delta) = try #require(body.changes), case .array(let oldE)? = old["entities"],
            case .array(let oldQ)? = old["quotes"], let de = delta["entities"], let dq = delta["quotes"]
        else { throw AttestError("unexpected answer") }
        #expect(body.annotation == .null, "the whole annotation is not sent")
        #expect(.array(try Self.patch(oldE, de)) == new["entities"])
        #expect(.array(try Self.patch(oldQ, dq)) == new["quotes"])
        #expect(delta["status"] == new["status"])
        #expect(delta["annotators"] == new["annotators"])
        if case .object(let es) = de, case .array(let set)? = es["set"] {
            #expect(set.count <= 2, "only what changed is sent: \(set.count) entities")
        }
        return now
    }

    @Test func aChangesAnswerPatchedIsTheDocumentAsWritten() throws {
        let (folder, service) = try Self.corpus()
        defer { withExtendedLifetime(folder) {} }
        var shown = try service.document("story")
        let edits: [[AnnotationEdit]] = [
            [.annotate(type: EntityType("PERSON"), spans: [Self.excerpt("Ana5"), Self.excerpt("Bo5")])],
            [.annotate(type: EntityType("LOC"), spans: [Self.excerpt("Metropolitan2")])],
            [.quote(kind: .direct, content: Self.excerpt("fine", 5), speaker: Self.excerpt("Ana5"))],
            [.annotate(type: EntityType("LOC"), spans: [Self.excerpt("Metropolitan0")])],
            [.annotate(type: EntityType("PERSON"), spans: [Self.excerpt("Ana0")])],
        ]
        for change in edits { shown = try Self.checkPatched(service, shown, change) }
        // Renaming, retyping, and removing a mention and a quote, each checked the same way.
        guard case .object(let a) = shown.annotation, case .array(let entities)? = a["entities"],
            case .array(let quotes)? = a["quotes"], case .object(let first) = entities[0],
            case .string(let e)? = first["id"], case .object(let q) = quotes[0], case .string(let qid)? = q["id"],
            case .array(let ms)? = first["mentions"], case .object(let m) = ms[0], case .string(let mid)? = m["id"]
        else { throw AttestError("unexpected annotation") }
        let more: [[AnnotationEdit]] = [
            [.rename(entity: e, name: "Ana Five")], [.retype(entity: e, type: EntityType("ORG"))],
            [.remove(ids: [mid])], [.remove(ids: [qid])],
        ]
        for change in more { shown = try Self.checkPatched(service, shown, change) }
    }
}

/// Strings appended from several threads.
final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ s: String) { lock.withLock { items.append(s) } }
    var values: [String] { lock.withLock { items } }
}
