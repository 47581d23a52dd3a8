import Foundation
import Testing

@testable import AttestKit
@testable import AttestStudio

/// A team on one server (`--users`): each annotator works blind in their own folder, a curator
/// works on gold, reads everyone's and gives out documents. Every refusal is checked through the router.
@Suite struct StudioTeamTests {
    static let ann1 = "ann1-token-0123456789abcdef"
    static let ann2 = "ann2-token-0123456789abcdef"
    static let chief = "chief-token-0123456789abcdef"

    /// The API tests' corpus with two annotators declared, `sample` (which has gold annotations) and
    /// `story` given to both.
    static func team() throws -> (StudioAPITests.Scratch, Studio) {
        let (scratch, plain) = try StudioAPITests.corpus()
        let manifest = scratch.url.appendingPathComponent("attest.xml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try Data(
            text.replacingOccurrences(
                of: "</manifest>",
                with: """
                      <annotators>
                        <annotator name="ann1" annotations="annotators/ann1"/>
                        <annotator name="ann2" annotations="annotators/ann2"/>
                      </annotators>
                    </manifest>
                    """
            ).utf8
        ).write(to: manifest)
        let corpus = try Corpus.open(root: scratch.url)
        _ = try Assigning.assign(in: corpus) { current in
            var current = current
            current.give("sample", to: ["ann1", "ann2"])
            current.give("story", to: ["ann1", "ann2"])
            return current
        }
        var studio = Studio(corpus: corpus, token: nil, origins: [], predictions: plain.predictions)
        studio.users = [
            ann1: StudioUser(name: "ann1", role: .annotator), ann2: StudioUser(name: "ann2", role: .annotator),
            chief: StudioUser(name: "chief", role: .curator),
        ]
        return (scratch, studio)
    }

    static func call(
        _ studio: Studio, _ token: String?, _ method: String, _ path: String, body: String? = nil,
        headers: [String: String] = [:]
    ) async throws -> (status: Int, json: [String: Any], headers: [String: String]) {
        var headers = headers
        if let token { headers["authorization"] = "Bearer \(token)" }
        return try await StudioAPITests.call(studio, method, path, body: body, headers: headers)
    }

    static func bytes(_ scratch: StudioAPITests.Scratch, _ path: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: scratch.url.appendingPathComponent(path)))) ?? []
    }

    @Test func everyRequestNeedsAUsersTokenOnLoopbackToo() async throws {
        let (scratch, studio) = try Self.team()
        withExtendedLifetime(scratch) {}
        for path in ["/api/documents", "/api/me", "/api/progress", "/?doc=sample"] {
            #expect(try await Self.call(studio, nil, "GET", path).status == 401, "\(path)")
            #expect(try await Self.call(studio, "not-a-user-token-at-all", "GET", path).status == 401, "\(path)")
        }
        // The page's own files hold no data: a browser fetches its modules without a token.
        for path in ["/app.js", "/team.js", "/app.css", "/index.html"] {
            #expect(try await Self.call(studio, nil, "GET", path).status == 200, "\(path)")
        }
        let me = try await Self.call(studio, Self.ann1, "GET", "/api/me")
        #expect(me.status == 200)
        #expect(me.json["name"] as? String == "ann1" && me.json["role"] as? String == "annotator")
        #expect(me.json["annotations"] as? String == "annotators/ann1")
        #expect((me.json["progress"] as? [String: Any])?["next"] as? String == "sample")
        #expect(try await Self.call(studio, Self.chief, "GET", "/api/me").json["role"] as? String == "curator")
    }

    @Test func anAnnotatorWorksBlindInTheirOwnFolder() async throws {
        let (scratch, studio) = try Self.team()
        let gold = Self.bytes(scratch, "annotations/sample.xml")
        // The gold sample has annotations; ann1 sees their own starting file, not those.
        let mine = try await Self.call(studio, Self.ann1, "GET", "/api/documents/sample")
        #expect(mine.status == 200)
        let annotation = mine.json["annotation"] as? [String: Any] ?? [:]
        #expect((annotation["entities"] as? [Any])?.isEmpty == true, "\(annotation)")
        #expect(annotation["annotators"] as? [String] == ["ann1"])
        let list = try await Self.call(studio, Self.ann1, "GET", "/api/documents")
        #expect((list.json["documents"] as? [[String: Any]])?.map { $0["entities"] as? Int } == [0, 0])
        // An edit lands in annotators/ann1/, with ann1 in the header and the journal; gold is untouched.
        let version = mine.json["version"] as? String ?? ""
        let edits =
            #"[{"op":"annotate","type":"PERSON","spans":[{"start":2,"end":11,"text":"Ana Silva"}]}]"#
        let story = try await Self.call(studio, Self.ann1, "GET", "/api/documents/story")
        let r = try await Self.call(
            studio, Self.ann1, "POST", "/api/documents/story/edits", body: edits,
            headers: ["if-match": story.json["version"] as? String ?? ""])
        #expect(r.status == 200, "\(r.json)")
        let written = try AnnotationFile.read(scratch.url.appendingPathComponent("annotators/ann1/story.xml")).document
        #expect(written.mentions.map(\.mention.excerpt.text) == ["Ana Silva"])
        #expect(written.header.annotators == ["ann1"])
        let key = try EditUndo.journalTarget(
            scratch.url.appendingPathComponent("annotators/ann1/story.xml").path, in: studio.corpus
        ).key
        #expect(try EditJournal(corpus: studio.corpus).entries(key).last?.author == "ann1")
        #expect(
            try AnnotationFile.read(scratch.url.appendingPathComponent("annotations/story.xml")).document.mentions
                .isEmpty)
        // Their status is their copy's: gold there is "done", the gold file stays as it was.
        let done = try await Self.call(
            studio, Self.ann1, "PUT", "/api/documents/sample/status", body: #"{"status":"gold"}"#,
            headers: ["if-match": version])
        #expect(done.status == 200, "\(done.json)")
        #expect(
            try AnnotationFile.read(scratch.url.appendingPathComponent("annotators/ann1/sample.xml")).document.header
                .status == .gold)
        #expect(Self.bytes(scratch, "annotations/sample.xml") == gold)
        // Undo through the API undoes their change, in their file.
        #expect(
            try await Self.call(
                studio, Self.ann1, "POST", "/api/documents/story/undo",
                headers: ["if-match": r.json["version"] as? String ?? ""]
            ).status == 200)
        #expect(
            try AnnotationFile.read(scratch.url.appendingPathComponent("annotators/ann1/story.xml")).document.mentions
                .isEmpty)
    }

    @Test func anAnnotatorIsRefusedWhatIsNotTheirs() async throws {
        let (scratch, studio) = try Self.team()
        let story = try await Self.call(studio, Self.ann2, "GET", "/api/documents/story")
        #expect(story.status == 200)
        let assignments = Self.bytes(scratch, "assignments.xml")
        let refusals: [(String, String, String?, Int, String)] = [
            ("GET", "/api/annotators/ann2/documents/story", nil, 403, "blind"),
            ("GET", "/api/documents/sample/review", nil, 403, "blind"),
            ("POST", "/api/assignments", #"{"documents":["story"],"to":["ann1"]}"#, 403, "curator-only"),
            ("POST", "/api/assignments", #"{"overlap":1}"#, 403, "curator-only"),
        ]
        for (method, path, body, status, code) in refusals {
            let r = try await Self.call(studio, Self.ann1, method, path, body: body)
            #expect(r.status == status, "\(method) \(path): \(r.json)")
            #expect((r.json["error"] as? [String: Any])?["code"] as? String == code, "\(method) \(path)")
        }
        #expect(Self.bytes(scratch, "assignments.xml") == assignments)
        // A document not given to ann1 is refused, and nothing is written for it.
        try Data("Another article.\n".utf8).write(to: scratch.url.appendingPathComponent("other.txt"))
        try ArticleImporter.add(scratch.url.appendingPathComponent("other.txt"), id: "other", to: studio.corpus)
        let other = try await Self.call(studio, Self.ann1, "GET", "/api/documents/other")
        #expect(other.status == 403 && (other.json["error"] as? [String: Any])?["code"] as? String == "not-assigned")
        #expect(
            !FileManager.default.fileExists(
                atPath: scratch.url.appendingPathComponent("annotators/ann1/other.xml").path))
        let edit = try await Self.call(
            studio, Self.ann1, "POST", "/api/documents/other/edits", body: "[]", headers: ["if-match": "x"])
        #expect(edit.status == 403)
        // The first page too: ann1's own version inside it, never the gold one.
        let page = try await studio.call("GET", "/?doc=sample", headers: ["authorization": "Bearer \(Self.ann1)"])
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(page.status == 200)
        #expect(html.contains(#""annotators":["ann1"]"#), "\(html.suffix(400))")
        // ann2's own version of story is theirs to read.
        #expect(try await Self.call(studio, Self.ann2, "GET", "/api/annotators/ann2/documents/story").status == 200)
    }

    @Test func aCuratorReadsEveryoneAndGivesOutDocuments() async throws {
        let (scratch, studio) = try Self.team()
        let ann1 = try await Self.call(studio, Self.chief, "GET", "/api/annotators/ann1/documents/sample")
        #expect(ann1.status == 200, "\(ann1.json)")
        #expect((ann1.json["annotation"] as? [String: Any])?["annotators"] as? [String] == ["ann1"])
        try Data("Another article.\n".utf8).write(to: scratch.url.appendingPathComponent("other.txt"))
        try ArticleImporter.add(scratch.url.appendingPathComponent("other.txt"), id: "other", to: studio.corpus)
        let given = try await Self.call(
            studio, Self.chief, "POST", "/api/assignments", body: #"{"documents":["other"],"to":["ann2"]}"#)
        #expect(given.status == 200, "\(given.json)")
        #expect(try studio.corpus.assignments().annotators["other"] == ["ann2"])
        #expect(
            FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("annotators/ann2/other.xml").path)
        )
        let progress = try await Self.call(studio, Self.chief, "GET", "/api/progress")
        #expect((progress.json["annotators"] as? [[String: Any]])?.map { $0["assigned"] as? Int } == [2, 3])
        // An annotator's progress shows their own line only.
        let theirs = try await Self.call(studio, Self.ann1, "GET", "/api/progress")
        #expect((theirs.json["annotators"] as? [[String: Any]])?.map { $0["name"] as? String } == ["ann1"])
        // The curator edits gold, recorded as theirs.
        let story = try await Self.call(studio, Self.chief, "GET", "/api/documents/story")
        let r = try await Self.call(
            studio, Self.chief, "POST", "/api/documents/story/edits",
            body: #"[{"op":"annotate","type":"PERSON","spans":[{"start":2,"end":11,"text":"Ana Silva"}]}]"#,
            headers: ["if-match": story.json["version"] as? String ?? ""])
        #expect(r.status == 200, "\(r.json)")
        let gold = try AnnotationFile.read(scratch.url.appendingPathComponent("annotations/story.xml")).document
        #expect(gold.header.annotators == ["chief"])
        #expect(try EditJournal(corpus: studio.corpus).entries("story").last?.author == "chief")
    }

    /// Sends `edits` as `token`'s user to their version of `id`.
    static func annotate(_ studio: Studio, _ token: String, _ id: String, _ edits: String) async throws {
        let doc = try await call(studio, token, "GET", "/api/documents/\(id)")
        let r = try await call(
            studio, token, "POST", "/api/documents/\(id)/edits", body: edits,
            headers: ["if-match": doc.json["version"] as? String ?? ""])
        #expect(r.status == 200, "\(r.json)")
    }

    /// A mention edit: `type` over `text` at [start, end).
    static func mark(_ type: String, _ start: Int, _ end: Int, _ text: String) -> String {
        #"{"op":"annotate","type":"\#(type)","spans":[{"start":\#(start),"end":\#(end),"text":"\#(text)"}]}"#
    }

    /// story: "🚢 Ana Silva said <script>…": both mark Ana Silva; ann1 "script" as ORG, ann2 as LOC;
    /// with `img`, ann2 alone marks "img" as ORG too.
    static func annotateStory(_ studio: Studio, img: Bool) async throws {
        let ana = mark("PERSON", 2, 11, "Ana Silva")
        try await annotate(studio, ann1, "story", "[\(ana),\(mark("ORG", 18, 24, "script"))]")
        let extra = img ? "," + mark("ORG", 50, 53, "img") : ""
        try await annotate(studio, ann2, "story", "[\(ana),\(mark("LOC", 18, 24, "script"))\(extra)]")
    }

    @Test func aCuratorSettlesEachDecisionOnTheGoldFile() async throws {
        let (scratch, studio) = try Self.team()
        try await Self.annotateStory(studio, img: true)
        // An annotator cannot curate.
        #expect(try await Self.call(studio, Self.ann1, "GET", "/api/documents/story/curation").status == 403)
        let c = try await Self.call(studio, Self.chief, "GET", "/api/documents/story/curation")
        #expect(c.status == 200, "\(c.json)")
        #expect(c.json["annotators"] as? [String] == ["ann1", "ann2"])
        let decisions = c.json["decisions"] as? [[String: Any]] ?? []
        #expect(decisions.map { $0["kind"] as? String } == ["type", "only-b"])
        #expect(decisions.first?["a"] as? String == "ORG [18,24) \"script\"")
        #expect((decisions.last?["b-span"] as? [String: Int]) == ["start": 50, "end": 53])
        // Start: the agreed annotation (Ana Silva) in the gold file, one transaction.
        var version =
            try await Self.call(studio, Self.chief, "GET", "/api/documents/story").json["version"] as? String ?? ""
        var r = try await Self.call(
            studio, Self.chief, "POST", "/api/documents/story/curation", body: #"{"start":true}"#,
            headers: ["if-match": version])
        #expect(r.status == 200, "\(r.json)")
        func gold() throws -> AnnotationDocument {
            try AnnotationFile.read(scratch.url.appendingPathComponent("annotations/story.xml")).document
        }
        #expect(try gold().mentions.map { "\($0.entity.type.name) \($0.mention.excerpt.text)" } == ["PERSON Ana Silva"])
        // A on the type decision, B on the only-b one: each one transaction.
        for (k, side) in [(0, "a"), (1, "b")] {
            version = (r.json["document"] as? [String: Any])?["version"] as? String ?? ""
            r = try await Self.call(
                studio, Self.chief, "POST", "/api/documents/story/curation",
                body: "{\"key\":\"\(decisions[k]["key"] as? String ?? "")\",\"side\":\"\(side)\"}",
                headers: ["if-match": version])
            #expect(r.status == 200, "\(r.json)")
        }
        #expect(
            try gold().mentions.map { "\($0.entity.type.name) \($0.mention.excerpt.text)" }.sorted()
                == ["ORG img", "ORG script", "PERSON Ana Silva"])
        #expect(((r.json["curation"] as? [String: Any])?["open"] as? Int) == 0)
        #expect(try EditJournal(corpus: studio.corpus).entries("story").count == 3)
        // Undo the last step: its decision is open again.
        version = (r.json["document"] as? [String: Any])?["version"] as? String ?? ""
        #expect(
            try await Self.call(studio, Self.chief, "POST", "/api/documents/story/undo", headers: ["if-match": version])
                .status == 200)
        let after = try await Self.call(studio, Self.chief, "GET", "/api/documents/story/curation")
        #expect((after.json["decisions"] as? [[String: Any]])?.map { $0["taken"] as? String } == ["a", nil])
        // The gold file validates under --strict once marked gold.
        let status = try await Self.call(
            studio, Self.chief, "PUT", "/api/documents/story/status", body: #"{"status":"gold"}"#,
            headers: [
                "if-match": try await Self.call(studio, Self.chief, "GET", "/api/documents/story").json["version"]
                    as? String ?? ""
            ])
        #expect(status.status == 200, "\(status.json)")
    }

    /// The agreement page: a curator's, computed from both folders, each document linking to its
    /// curation view with the token it was opened with; refused to an annotator (blind); no script.
    @Test func theAgreementPageShowsWhereTheyDifferedToTheCuratorOnly() async throws {
        let (scratch, studio) = try Self.team()
        withExtendedLifetime(scratch) {}
        try await Self.annotateStory(studio, img: false)
        #expect(try await Self.call(studio, Self.ann1, "GET", "/agreement").status == 403)
        #expect(try await Self.call(studio, nil, "GET", "/agreement").status == 401)
        let r = try await studio.call(
            "GET", "/agreement?token=\(Self.chief)", body: nil, headers: ["authorization": "Bearer \(Self.chief)"])
        #expect(r.status == 200)
        let html = String(decoding: r.body, as: UTF8.self)
        #expect(r.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(r.headers["content-security-policy"]?.contains("default-src 'none'") == true)
        #expect(!html.contains("<script"))
        // By hand: 2 mentions each, Ana Silva agrees: strict F1 = 2·1/4 = 0.5000.
        #expect(html.contains("<td>0.5000</td>"), "\(html.prefix(3000))")
        #expect(html.contains("href=\"/?doc=story&amp;curate=1&amp;token=\(Self.chief)\""))
        #expect(html.contains("1 difference(s) between <bdi>ann1</bdi> and <bdi>ann2</bdi>"))
        #expect(html.contains("<td><bdi>type</bdi></td><td><bdi>ORG [18,24) &quot;script&quot;</bdi></td>"))
    }
}
