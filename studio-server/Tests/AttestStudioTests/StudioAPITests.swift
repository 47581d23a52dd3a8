import Foundation
import Testing

@testable import AttestKit
@testable import AttestStudio

/// The studio API without a network: every endpoint, the 409 and 422 paths and the security rules.
@Suite struct StudioAPITests {
    /// The repository root: studio-server/Tests/AttestStudioTests/ is three folders below it.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A scratch corpus: the test sample plus an article with an emoji and markup in it.
    final class Scratch: @unchecked Sendable {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("studio-\(UUID().uuidString)")
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    static func corpus() throws -> (Scratch, Studio) {
        let scratch = Scratch()
        let sample = repository.appendingPathComponent("Tests/AttestKitTests/Fixtures/sample")
        for path in ["attest.xml", "corpus/sample.txt", "annotations/sample.xml"] {
            let target = scratch.url.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: sample.appendingPathComponent(path), to: target)
        }
        let corpus = try Corpus.open(root: scratch.url)
        let incoming = scratch.url.appendingPathComponent("story.txt")
        try Data("🚢 Ana Silva said <script>alert(1)</script> and \"><img src=x onerror=alert(1)>.\n".utf8).write(
            to: incoming)
        try ArticleImporter.add(incoming, id: "story", to: corpus)
        return (scratch, Studio(corpus: corpus, token: nil, origins: []))
    }

    /// Declares `program` as the manifest's `<extractor>` and reopens the corpus.
    static func declareExtractor(_ program: String, in scratch: Scratch) throws -> Corpus {
        let manifest = scratch.url.appendingPathComponent("attest.xml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        let attribute = program.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
            of: "\"", with: "&quot;")
        try Data(
            text.replacingOccurrences(of: "</manifest>", with: "  <extractor command=\"\(attribute)\"/>\n</manifest>")
                .utf8
        ).write(to: manifest)
        return try Corpus.open(root: scratch.url)
    }

    static func call(
        _ studio: Studio, _ method: String, _ path: String, body: String? = nil, headers: [String: String] = [:]
    ) async throws -> (status: Int, json: [String: Any], headers: [String: String]) {
        let r = try await studio.call(method, path, body: body, headers: headers)
        // deliberate: a body that is not JSON reads as {}
        let json = (try? JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any]) ?? [:]
        return (r.status, json, r.headers)
    }

    @Test func listsAndGetsDocumentsWithAVersion() async throws {
        let (scratch, studio) = try Self.corpus()
        withExtendedLifetime(scratch) {}
        let list = try await Self.call(studio, "GET", "/api/documents")
        #expect(list.status == 200)
        let docs = list.json["documents"] as? [[String: Any]] ?? []
        #expect(docs.map { $0["id"] as? String } == ["sample", "story"])
        let doc = try await Self.call(studio, "GET", "/api/documents/sample")
        #expect(doc.status == 200)
        let version = doc.json["version"] as? String ?? ""
        #expect(doc.headers["etag"] == "\"\(version)\"")
        #expect(
            version
                == SHA256Hex.of(
                    [UInt8](try Data(contentsOf: scratch.url.appendingPathComponent("annotations/sample.xml")))))
        #expect((doc.json["text"] as? String)?.hasPrefix("“We will not back down,”") == true)
    }

    @Test func anEditAfterAnEmojiLandsAtCodePointOffsets() async throws {
        let (scratch, studio) = try Self.corpus()
        let version = try await Self.call(studio, "GET", "/api/documents/story").json["version"] as! String
        // "🚢 " is two code points (three UTF-16 units): "Ana Silva" is [2,11).
        let edits =
            #"[{"op":"add-entity","entity":{"id":"e1","type":"PERSON","name":"Ana Silva","mentions":[{"id":"m1","start":2,"end":11,"text":"Ana Silva"}]}}]"#
        let r = try await Self.call(
            studio, "POST", "/api/documents/story/edits", body: edits, headers: ["if-match": "\"\(version)\""])
        #expect(r.status == 200, "\(r.json)")
        // The inverse is a JSON array of edits, not a string holding one.
        #expect((r.json["inverse"] as? [[String: Any]])?.first?["op"] as? String == "remove-entity", "\(r.json)")
        let xml = try String(contentsOf: scratch.url.appendingPathComponent("annotations/story.xml"), encoding: .utf8)
        #expect(xml.contains(#"<mention id="m1" start="2" end="11">Ana Silva</mention>"#))
        // Undo through the API restores the file.
        let written = r.json["version"] as! String
        #expect(
            try await Self.call(studio, "POST", "/api/documents/story/undo", headers: ["if-match": written]).status
                == 200)
        let after = try String(contentsOf: scratch.url.appendingPathComponent("annotations/story.xml"), encoding: .utf8)
        #expect(!after.contains("<mention"))
    }

    /// A change's answer carries the article unless the client asks to leave it out (`?text=omit`);
    /// the rest of the answer is the same, and so is the file written.
    @Test func anEditsAnswerLeavesTheTextOutWhenAsked() async throws {
        let (scratch, studio) = try Self.corpus()
        defer { withExtendedLifetime(scratch) {} }  // the folder lives as long as the test
        let opened = try await Self.call(studio, "GET", "/api/documents/sample")
        var version = try #require(opened.json["version"] as? String, "\(opened.status) \(opened.json)")
        let full = try await Self.call(
            studio, "POST", "/api/documents/sample/edits", body: #"[{"op":"rename","entity":"e1","name":"J. Doe"}]"#,
            headers: ["if-match": version])
        #expect(full.status == 200, "\(full.json)")
        #expect((full.json["text"] as? String)?.hasPrefix("“We will not back down,”") == true)
        version = try #require(full.json["version"] as? String)
        let lean = try await Self.call(
            studio, "POST", "/api/documents/sample/edits?text=omit",
            body: #"[{"op":"rename","entity":"e1","name":"Jane Doe"}]"#, headers: ["if-match": version])
        #expect(lean.status == 200)
        #expect(lean.json["text"] == nil)
        #expect(lean.json["length"] as? Int == full.json["length"] as? Int)
        #expect((lean.json["annotation"] as? [String: Any]) != nil && (lean.json["version"] as? String)?.count == 64)
        let reread = try await Self.call(studio, "GET", "/api/documents/sample")
        #expect(reread.json["version"] as? String == lean.json["version"] as? String)
    }

    /// A document served has its edit journal read in the background, ahead of its first edit (which
    /// then reads only what was appended after); the first page serving a document does the same.
    @Test func aDocumentServedHasItsJournalReadAhead() async throws {
        let (scratch, studio) = try Self.corpus()
        defer { withExtendedLifetime(scratch) {} }
        for name in ["J. Doe", "Jane Doe"] {
            var editor = try AnnotationEditor.open("sample", in: studio.corpus)
            try editor.apply([.rename(entity: "e1", name: name)])
            try editor.commit(summary: name)
        }
        let journal = EditJournal(corpus: studio.corpus).url(for: "sample").path
        #expect(studio.kept.keptJournals.isEmpty)
        /// The journals `kept` holds once the background read is done (or after 2 s).
        func keptJournals(_ kept: KeptDocuments) async throws -> [String] {
            for _ in 0..<100 where kept.keptJournals.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
            return kept.keptJournals
        }
        #expect(try await Self.call(studio, "GET", "/api/documents/sample").status == 200)
        #expect(try await keptJournals(studio.kept) == [journal])
        // The first page with the document in it.
        let other = Studio(corpus: studio.corpus, token: nil, origins: [])
        #expect(try await other.call("GET", "/?doc=sample").status == 200)
        #expect(try await keptJournals(other.kept) == [journal])
    }

    @Test func aStaleVersionIs409AndAnInvalidResult422AndNothingIsWritten() async throws {
        let (scratch, studio) = try Self.corpus()
        let url = scratch.url.appendingPathComponent("annotations/sample.xml")
        let before = try Data(contentsOf: url)
        let stale = try await Self.call(
            studio, "POST", "/api/documents/sample/edits", body: #"[{"op":"rename","entity":"e1","name":"J. Doe"}]"#,
            headers: ["if-match": "\"0000\""])
        #expect(stale.status == 409)
        #expect(((stale.json["error"] as? [String: Any])?["version"] as? String)?.count == 64)
        let version = try await Self.call(studio, "GET", "/api/documents/sample").json["version"] as! String
        let invalid = try await Self.call(
            studio, "POST", "/api/documents/sample/edits",
            body: #"[{"op":"set-span","id":"m2","span":{"start":48,"end":59,"text":"Shelbyville"}}]"#,
            headers: ["if-match": version])
        #expect(invalid.status == 422)
        let diagnostics = (invalid.json["error"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []
        #expect(diagnostics.contains { $0["rule"] as? String == "span.text" })
        let missing = try await Self.call(studio, "POST", "/api/documents/sample/edits", body: "[]")
        #expect(missing.status == 428)
        #expect(try Data(contentsOf: url) == before)
    }

    @Test func statusSuggestionsAndErrors() async throws {
        let (scratch, studio) = try Self.corpus()
        withExtendedLifetime(scratch) {}
        let version = try await Self.call(studio, "GET", "/api/documents/sample").json["version"] as! String
        let status = try await Self.call(
            studio, "PUT", "/api/documents/sample/status", body: #"{"status":"draft"}"#, headers: ["if-match": version])
        #expect(status.status == 200)
        #expect((status.json["annotation"] as? [String: Any])?["status"] as? String == "draft")
        let suggestions = try await Self.call(studio, "POST", "/api/documents/sample/suggestions")
        #expect(suggestions.status == 200)
        #expect(!(suggestions.json["mentions"] as? [Any] ?? []).isEmpty)
        #expect(try await Self.call(studio, "GET", "/api/documents/nope").status == 404)
        #expect(try await Self.call(studio, "GET", "/api/documents/..%2F..%2Fetc").status == 400)
        #expect(try await Self.call(studio, "GET", "/api/documents/a b").status == 400)
        let bad = try await Self.call(
            studio, "POST", "/api/documents/sample/edits", body: "{", headers: ["if-match": version])
        #expect(bad.status == 400)
        #expect((bad.json["error"] as? [String: Any])?["code"] as? String == "bad-edits")
    }

    /// A write that fails for I/O (here the journal's folder is a file) is 500 `io`, not a refused edit;
    /// nothing is written.
    @Test func anIOFailureIs500AndWritesNothing() async throws {
        let (scratch, studio) = try Self.corpus()
        let url = scratch.url.appendingPathComponent("annotations/sample.xml")
        let before = try Data(contentsOf: url)
        let state = scratch.url.appendingPathComponent("annotations/.attest")
        try? FileManager.default.removeItem(at: state.appendingPathComponent("journal"))
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        try Data("not a folder".utf8).write(to: state.appendingPathComponent("journal"))
        let version = try await Self.call(studio, "GET", "/api/documents/sample").json["version"] as! String
        let r = try await Self.call(
            studio, "POST", "/api/documents/sample/edits", body: #"[{"op":"rename","entity":"e1","name":"J. Doe"}]"#,
            headers: ["if-match": version])
        #expect(r.status == 500, "\(r.json)")
        #expect((r.json["error"] as? [String: Any])?["code"] as? String == "io")
        #expect(try Data(contentsOf: url) == before)
    }

    @Test func securityRules() async throws {
        let (scratch, studio) = try Self.corpus()
        withExtendedLifetime(scratch) {}
        #expect(
            try await Self.call(studio, "GET", "/api/documents", headers: ["origin": "http://evil.example"]).status
                == 403)
        #expect(
            try await Self.call(studio, "GET", "/api/documents", headers: ["origin": "http://localhost"]).status == 200)
        let big = String(repeating: " ", count: StudioSecurity.bodyLimit + 1)
        let tooLarge = try await Self.call(studio, "POST", "/api/documents/sample/edits", body: big)
        #expect(tooLarge.status == 413)
        #expect((tooLarge.json["error"] as? [String: Any])?["code"] as? String == "too-large")
        let token = "s3cret-0123456789abcdef"
        let locked = Studio(corpus: studio.corpus, token: token, origins: [])
        #expect(try await Self.call(locked, "GET", "/api/documents").status == 401)
        #expect(
            try await Self.call(
                locked, "GET", "/api/documents", headers: ["authorization": "Bearer wrong-0123456789abcdef"]
            ).status == 401)
        #expect(try await Self.call(locked, "GET", "/api/documents?token=\(token)").status == 401)
        #expect(try await Self.call(locked, "GET", "/?token=\(token)").status == 200)
        #expect(
            try await Self.call(locked, "GET", "/api/documents", headers: ["authorization": "Bearer \(token)"]).status
                == 200)
        // Header names in any case.
        #expect(try await Self.call(locked, "GET", "/api/documents", headers: ["X-ATTEST-TOKEN": token]).status == 200)
        // Article text never reaches the page as markup: JSON escapes < > &.
        let raw = try await locked.call("GET", "/api/documents/story", headers: ["x-attest-token": token])
        let body = String(decoding: raw.body, as: UTF8.self)
        #expect(raw.status == 200)
        #expect(!body.contains("<script>") && !body.contains("<img"))
        #expect(body.contains("\\u003cscript\\u003e"))
        // Every answer, refusals included, says nosniff and no-referrer.
        for answer in [raw, try await locked.call("GET", "/api/documents")] {
            #expect(answer.headers["x-content-type-options"] == "nosniff")
            #expect(answer.headers["referrer-policy"] == "no-referrer")
        }
        // The page is served with a content security policy; the script sets text, never HTML.
        let page = try await Self.call(studio, "GET", "/")
        #expect(page.status == 200)
        #expect(page.headers["content-security-policy"]?.contains("script-src 'self'") == true)
        #expect(StudioAssets.scripts.count > 10)
        for (path, script) in StudioAssets.scripts {
            #expect(!script.contains("innerHTML"), "\(path)")
            #expect(!script.contains("insertAdjacentHTML"), "\(path)")
        }
        #expect(try await Self.call(studio, "GET", "/nope.js").status == 404)
    }

    /// Every route that changes a document refuses a request without `If-Match` (428), and changes nothing.
    @Test func everyChangeNeedsIfMatch() async throws {
        let (scratch, studio) = try Self.corpus()
        let url = scratch.url.appendingPathComponent("annotations/sample.xml")
        let before = try Data(contentsOf: url)
        let routes: [(String, String, String)] = [
            ("POST", "edits", #"[{"op":"rename","entity":"e1","name":"X"}]"#),
            ("PUT", "status", #"{"status": "gold"}"#),
            ("POST", "undo", ""), ("POST", "redo", ""), ("POST", "realign", ""),
        ]
        for (method, route, body) in routes {
            let r = try await Self.call(studio, method, "/api/documents/sample/\(route)", body: body)
            #expect(r.status == 428, "\(route): \(r.json)")
            #expect((r.json["error"] as? [String: Any])?["code"] as? String == "version-required", "\(route)")
        }
        #expect(try Data(contentsOf: url) == before)
        // Header case does not matter; the quotes around the version are optional.
        let version = try await Self.call(studio, "GET", "/api/documents/sample").json["version"] as! String
        let upper = try await Self.call(
            studio, "POST", "/api/documents/sample/edits", body: #"[{"op":"rename","entity":"e1","name":"X"}]"#,
            headers: ["IF-MATCH": version])
        #expect(upper.status == 200, "\(upper.json)")
        #expect(try String(contentsOf: url, encoding: .utf8).contains(#"name="X""#))
    }

    /// The query is parsed by the router: percent-encoding decoded, unknown values refused.
    @Test func queryParameters() async throws {
        let (scratch, studio) = try Self.corpus()
        withExtendedLifetime(scratch) {}
        let encoded = try await Self.call(studio, "POST", "/api/documents/sample/suggestions?extractor=base%6Cine")
        #expect(encoded.status == 200, "\(encoded.json)")
        #expect(encoded.json["extractor"] as? String == "baseline")
        let unknown = try await Self.call(studio, "POST", "/api/documents/sample/suggestions?extractor=gpt&x=1")
        #expect(unknown.status == 400)
        let wrongMethod = try await Self.call(studio, "DELETE", "/api/documents/sample")
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.headers["allow"] == "GET")
        #expect(try await Self.call(studio, "GET", "/api/nothing").status == 404)
    }

    /// Review mode: a prediction from `--pred` or uploaded, with the counts of `attest score --errors`.
    @Test func reviewFromPredAndFromAnUpload() async throws {
        let (scratch, plain) = try Self.corpus()
        // The sample: Jane Doe exact, Springfield as ORG (gold LOC), Police spurious; the rest missed.
        let pred = scratch.url.appendingPathComponent("pred.jsonl")
        try Data(
            (#"{"id": "sample", "entities": [{"start": 36, "end": 44, "type": "PERSON"}, "#
                + #"{"start": 48, "end": 59, "type": "ORG"}, {"start": 80, "end": 86, "type": "ORG"}], "quotes": []}"#
                + "\n").utf8
        ).write(to: pred)
        let none = try await Self.call(plain, "GET", "/api/documents/sample/review")
        #expect(none.status == 404 && (none.json["error"] as? [String: Any])?["code"] as? String == "no-predictions")
        let studio = Studio(corpus: plain.corpus, token: nil, origins: [], predictions: pred.path)
        let r = try await Self.call(studio, "GET", "/api/documents/sample/review")
        #expect(r.status == 200, "\(r.json)")
        // Gold: m1 Jane Doe, m2 Springfield, m3 Ed Ray, m4 Doe, m5 Courier; q1–q3.
        #expect(r.json["counts"] as? [String: Int] == ["type": 1, "spurious": 1, "missed": 3, "missed-quote": 3])
        #expect(r.json["errors"] as? Int == 8)
        let marks = (r.json["marks"] as? [[String: Any]] ?? []).map { "\($0["review"]!) \($0["id"]!)" }
        #expect(marks.contains("correct m1") && marks.contains("type m2") && marks.contains("missed m5"), "\(marks)")
        // Uploaded: one document; its id may be left out.
        let upload = try await Self.call(
            studio, "POST", "/api/documents/sample/review?name=mine.json",
            body: #"{"entities": [{"start": 36, "end": 44, "type": "PERSON"}]}"#)
        #expect(upload.status == 200)
        #expect(upload.json["source"] as? String == "mine.json")
        #expect(upload.json["errors"] as? Int == 7)
        let other = try await Self.call(studio, "POST", "/api/documents/sample/review", body: #"{"id": "story"}"#)
        #expect(other.status == 404)
        let bad = try await Self.call(
            studio, "POST", "/api/documents/sample/review",
            body: #"{"entities": [{"start": 36, "end": 400, "type": "PERSON"}]}"#)
        #expect(bad.status == 422, "\(bad.json)")
        #expect(((bad.json["error"] as? [String: Any])?["message"] as? String)?.contains("400") == true)
    }

    /// Suggestions from the manifest's extractor (any program speaking the protocol) or the baseline.
    @Test func suggestionsFromTheManifestsExtractor() async throws {
        let (scratch, plain) = try Self.corpus()
        let program = #"printf '{"entities": [{"start": 36, "end": 44, "type": "PERSON"}]}'"#
        let corpus = try Self.declareExtractor(program, in: scratch)
        let studio = Studio(corpus: corpus, token: nil, origins: [])
        let r = try await Self.call(studio, "POST", "/api/documents/sample/suggestions")
        #expect(r.status == 200, "\(r.json)")
        let mentions = r.json["mentions"] as? [[String: Any]] ?? []
        #expect(mentions.count == 1 && mentions.first?["text"] as? String == "Jane Doe")
        #expect(r.json["extractor"] as? String == program)
        let baseline = try await Self.call(studio, "POST", "/api/documents/sample/suggestions?extractor=baseline")
        #expect(baseline.json["extractor"] as? String == "baseline")
        #expect(try await Self.call(studio, "POST", "/api/documents/sample/suggestions?extractor=gpt").status == 400)
        #expect(
            try await Self.call(plain, "POST", "/api/documents/sample/suggestions?extractor=manifest").status == 400)
    }

    /// The first answers inside the page (`/?doc=ID`): the page's bytes with the marker replaced by a
    /// JSON block holding what `GET /api/documents` and `GET /api/documents/ID` answer, errors included;
    /// nothing a file or the address holds can end the block or add markup.
    @Test func thePageCarriesTheFirstAnswersAsTheAPIGivesThem() async throws {
        let (scratch, studio) = try Self.corpus()
        withExtendedLifetime(scratch) {}
        let page = StudioAssets.all["/index.html"]!.bytes
        let marker = page.firstRange(of: StudioFirstPage.marker)!
        func block(_ path: String) async throws -> (page: [UInt8], answers: [String: Any], headers: [String: String]) {
            let r = try await studio.call("GET", path)
            #expect(r.status == 200)
            #expect(Array(r.body.prefix(marker.lowerBound)) == Array(page[..<marker.lowerBound]))
            #expect(Array(r.body.suffix(page.count - marker.upperBound)) == Array(page[marker.upperBound...]))
            let inner = r.body.dropFirst(marker.lowerBound).dropLast(page.count - marker.upperBound)
            let open = Array(#"<script type="application/json" id="first-answers">"#.utf8)
            let close = Array("</script>".utf8)
            #expect(inner.starts(with: open) && inner.suffix(close.count).elementsEqual(close))
            let json = Data(inner.dropFirst(open.count).dropLast(close.count))
            // deliberate: a block that is not JSON reads as {} and fails the expectations below
            let answers = (try? JSONSerialization.jsonObject(with: json) as? [String: Any]) ?? [:]
            return (r.body, answers, r.headers)
        }
        let list = try await Self.call(studio, "GET", "/api/documents")
        let story = try await Self.call(studio, "GET", "/api/documents/story")
        let first = try await block("/?doc=story")
        #expect(first.headers["cache-control"] == "no-store")
        let listed = first.answers["list"] as? [String: Any] ?? [:]
        #expect(listed["status"] as? Int == 200)
        #expect((listed["data"] as? NSDictionary) == (list.json as NSDictionary))
        let document = first.answers["document"] as? [String: Any] ?? [:]
        #expect(document["id"] as? String == "story")
        let answer = document["answer"] as? [String: Any] ?? [:]
        #expect(answer["status"] as? Int == 200)
        #expect((answer["data"] as? NSDictionary) == (story.json as NSDictionary))
        #expect((answer["data"] as? [String: Any])?["text"] as? String == story.json["text"] as? String)
        // The article holds "<script>alert(1)</script>": the page has one "</script>" more than its file (the block's).
        let scripts = { (bytes: [UInt8]) in
            String(decoding: bytes, as: UTF8.self).components(separatedBy: "</script>").count
        }
        #expect(scripts(first.page) == scripts(page) + 1)
        // A document that does not exist: the API's 404, inside the page.
        let missing = try await block("/?doc=nope")
        let refused = (missing.answers["document"] as? [String: Any])?["answer"] as? [String: Any] ?? [:]
        #expect(refused["status"] as? Int == 404)
        #expect(((refused["data"] as? [String: Any])?["error"] as? [String: Any])?["code"] as? String != nil)
        // The address is echoed as the id: markup in it stays inside the JSON string.
        let hostile = try await block("/?doc=%3C%2Fscript%3E%3Cimg%20src%3Dx%3E")
        #expect((hostile.answers["document"] as? [String: Any])?["id"] as? String == "</script><img src=x>")
        #expect(scripts(hostile.page) == scripts(page) + 1)
        #expect(!String(decoding: hostile.page, as: UTF8.self).contains("<img"))
        // No document asked for: the list only.
        let plain = try await block("/")
        #expect(plain.answers["list"] != nil && plain.answers["document"] == nil)
    }

    @Test func theServedPageIsThePageFolderByteForByte() async throws {
        let page = Self.repository.appendingPathComponent("studio-server/Sources/AttestStudio/Page")
        // Every file of the folder is served (a module left out of AttestStudioPage/page.c would break the page).
        let names = try FileManager.default.contentsOfDirectory(atPath: page.path).sorted()
        #expect(Set(names.map { "/" + $0 }) == Set(StudioAssets.all.keys))
        for name in names {
            let file = try Data(contentsOf: page.appendingPathComponent(name))
            #expect(StudioAssets.all["/" + name]?.bytes == [UInt8](file), "\(name)")
            #expect(StudioAssets.all["/" + name]?.type.hasPrefix("text/") == true, "\(name)")
        }
    }
}
