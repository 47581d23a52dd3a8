import AttestKit
import Foundation
import Testing

/// What each editing verb did, not only that it ran: from the sample, one
/// verb through the CLI, then the XML must hold every expected fragment and
/// none of the vanished ones; the same verb through the library must write
/// the same bytes.
@Suite struct VerbEffectTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var library: @Sendable (inout AnnotationEditor) throws -> Void
        var present: [String]
        var absent: [String]
        var testDescription: String { name }
    }

    // The sample: e1 PERSON Jane Doe (m1 [36,44), m4 "Doe" [151,154)), e2 LOC Springfield (m2),
    // e3 PERSON Ed Ray (m3), e4 ORG The Courier (m5 "Courier"); q1 said by e1, q2 by e3, q3 by e1 (speaker m4).
    static let cases: [Case] = [
        Case(
            name: "rename", arguments: ["rename", "sample", "e2", "Springfield, Ill."],
            library: { try $0.rename("e2", to: "Springfield, Ill.") },
            present: [
                #"<entity id="e2" type="LOC" name="Springfield, Ill.">"#,
                #"<entity id="e1" type="PERSON" name="Jane Doe">"#, #"<entity id="e3" type="PERSON" name="Ed Ray">"#,
            ],
            absent: [#"name="Springfield">"#]),
        Case(
            name: "retype", arguments: ["retype", "sample", "e4", "--type", "LOC"],
            library: { try $0.retype("e4", to: .location) },
            present: [
                #"<entity id="e4" type="LOC" name="The Courier">"#, #"<entity id="e2" type="LOC" name="Springfield">"#,
            ],
            absent: [#"type="ORG""#]),
        Case(
            name: "move re-attributes the quote", arguments: ["move", "sample", "m4", "--to", "e3"],
            library: { try $0.move(mentions: ["m4"], to: "e3") },
            present: [
                #"<quote id="q3" kind="mixed" speaker-entity="e3">"#,
                #"<quote id="q1" kind="direct" speaker-entity="e1">"#,
                "<mention id=\"m3\" start=\"93\" end=\"99\">Ed Ray</mention>\n      <mention id=\"m4\" start=\"151\" end=\"154\">Doe</mention>",
            ],
            absent: [#"<quote id="q3" kind="mixed" speaker-entity="e1">"#]),
        Case(
            name: "split", arguments: ["split", "sample", "m4", "--name", "D."],
            library: { _ = try $0.split(mentions: ["m4"], name: "D.", type: nil) },
            present: [
                "<entity id=\"e5\" type=\"PERSON\" name=\"D.\">\n      <mention id=\"m4\" start=\"151\" end=\"154\">Doe</mention>",
                #"<quote id="q3" kind="mixed" speaker-entity="e5">"#,
            ],
            absent: [#"<quote id="q3" kind="mixed" speaker-entity="e1">"#]),
        Case(
            name: "merge-entities", arguments: ["merge-entities", "sample", "e3", "--into", "e1"],
            library: { try $0.merge(["e3"], into: "e1") },
            present: [
                #"<mention id="m3" start="93" end="99">Ed Ray</mention>"#,
                #"<quote id="q2" kind="indirect" speaker-entity="e1">"#,
            ],
            absent: [#"<entity id="e3""#, #"speaker-entity="e3""#]),
        Case(
            name: "remove cascades to the entity", arguments: ["remove", "sample", "m5"],
            library: { _ = try $0.remove(["m5"]) },
            present: [#"<entity id="e2" type="LOC" name="Springfield">"#],
            absent: [#"id="m5""#, #"id="e4""#]),
        Case(
            name: "entity", arguments: ["entity", "sample", "--type", "ORG", "--text", "Police"],
            library: { _ = try $0.addMentions(type: .organization, text: "Police") },
            present: [
                "<entity id=\"e5\" type=\"ORG\" name=\"Police\">\n      <mention id=\"m6\" start=\"80\" end=\"86\">Police</mention>"
            ],
            absent: []),
        Case(
            name: "respan", arguments: ["respan", "sample", "m1", "--text", "Mayor Jane Doe"],
            library: { try $0.respan("m1", to: Span(30, 44)) },
            present: [#"<mention id="m1" start="30" end="44">Mayor Jane Doe</mention>"#],
            absent: [#"<mention id="m1" start="36" end="44">"#]),
        Case(
            name: "edit-quote kind", arguments: ["edit-quote", "sample", "q2", "--kind", "direct"],
            library: {
                var change = QuoteChange()
                change.kind = .direct
                try $0.editQuote("q2", change: change)
            },
            present: [#"<quote id="q2" kind="direct" speaker-entity="e3">"#],
            absent: [#"kind="indirect""#]),
        Case(
            name: "edit-quote without cue", arguments: ["edit-quote", "sample", "q1", "--no-cue"],
            library: {
                var change = QuoteChange()
                change.removeCue = true
                try $0.editQuote("q1", change: change)
            },
            present: [#"<cue start="100" end="104">told</cue>"#],
            absent: [#"<cue start="25" end="29">said</cue>"#]),
        Case(
            name: "status", arguments: ["status", "sample", "draft"],
            library: { try $0.setStatus(.draft) },
            present: [#"status="draft""#],
            absent: [#"status="gold""#]),
    ]

    @Test(arguments: cases) func theVerbDidWhatItSays(_ c: Case) throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let url = folder.url.appendingPathComponent("annotations/sample.xml")
        let r = try CommandRunner.run(c.arguments, in: folder.url)
        #expect(r.status == 0, "\(r.stderr)")
        let xml = read(url)
        for fragment in c.present { #expect(xml.contains(fragment), "missing: \(fragment)") }
        for fragment in c.absent { #expect(!xml.contains(fragment), "still there: \(fragment)") }
        // The library's verb from the same start writes the same bytes.
        let other = try TemporaryFolder.sampleCorpus()
        var editor = try AnnotationEditor.open("sample", in: try Corpus.open(root: other.url))
        try c.library(&editor)
        try editor.commit(summary: c.name)
        #expect(read(other.url.appendingPathComponent("annotations/sample.xml")) == xml)
    }

    /// The page sends the verbs' edits through the API; the files must be the
    /// bytes the CLI writes from the same start.
    @Test(arguments: [
        (["move", "sample", "m4", "--to", "e3"], #"[{"op":"move","mentions":["m4"],"entity":"e3"}]"#),
        (
            ["move", "sample", "m2", "--to", "e1", "--retype"],
            #"[{"op":"move","mentions":["m2"],"entity":"e1","retype":true}]"#
        ),
        (
            ["rename", "sample", "e2", "Springfield, Ill."],
            #"[{"op":"rename","entity":"e2","name":"Springfield, Ill."}]"#
        ),
        (["merge-entities", "sample", "e1", "e3"], #"[{"op":"merge-entities","target":"e1","sources":["e3"]}]"#),
        (
            ["split", "sample", "m4", "--name", "Doe"],
            #"[{"op":"split-entity","entity":"e1","mentions":["m4"],"new-id":"e5","name":"Doe"}]"#
        ),
        // The page leaves ids and cascades to the server.
        (
            ["split", "sample", "m4", "--name", "Doe"],
            #"[{"op":"split-entity","entity":"e1","mentions":["m4"],"name":"Doe"}]"#
        ),
        (
            ["entity", "sample", "--type", "ORG", "--text", "Police"],
            #"[{"op":"annotate","type":"ORG","spans":[{"start":80,"end":86,"text":"Police"}]}]"#
        ),
        (
            ["entity", "sample", "--type", "PERSON", "--text", "Jane", "--nth", "1"],
            #"[{"op":"annotate","type":"PERSON","spans":[{"start":36,"end":40,"text":"Jane"}]}]"#
        ),
        // Accepting every suggestion of a type: one edit, as `entity --all`.
        (
            ["entity", "sample", "--type", "ORG", "--text", "the", "--all"],
            #"[{"op":"annotate","type":"ORG","spans":[{"start":122,"end":125,"text":"the"},{"start":162,"end":165,"text":"the"}]}]"#
        ),
        (["retype", "sample", "e4", "--type", "LOC"], #"[{"op":"retype","entity":"e4","type":"LOC"}]"#),
        (
            ["respan", "sample", "m5", "--text", "The Courier"],
            #"[{"op":"set-span","id":"m5","span":{"start":105,"end":116,"text":"The Courier"}}]"#
        ),
        (
            ["edit-quote", "sample", "q1", "--kind", "indirect"],
            #"[{"op":"set-quote-kind","quote":"q1","kind":"indirect"}]"#
        ),
        (
            ["respan", "sample", "q1", "--role", "speaker", "--text", "Mayor Jane Doe"],
            #"[{"op":"set-speaker","quote":"q1","speaker":{"start":30,"end":44,"text":"Mayor Jane Doe"}}]"#
        ),
        (["edit-quote", "sample", "q1", "--no-speaker"], #"[{"op":"set-speaker","quote":"q1","speaker":null}]"#),
        (
            ["edit-quote", "sample", "q2", "--no-speaker-entity"],
            #"[{"op":"set-speaker-entity","quote":"q2","entity":null}]"#
        ),
        (
            ["edit-quote", "sample", "q3", "--speaker-entity", "e3"],
            #"[{"op":"set-speaker-entity","quote":"q3","entity":"e3"}]"#
        ),
        (
            ["respan", "sample", "q3", "--role", "cue", "--text", "called the plan"],
            #"[{"op":"set-cue","quote":"q3","cue":{"start":155,"end":170,"text":"called the plan"}}]"#
        ),
        (["edit-quote", "sample", "q1", "--no-cue"], #"[{"op":"set-cue","quote":"q1","cue":null}]"#),
        // An accepted quote suggestion: content, speaker and cue as one change; the speaker attributes it.
        (
            [
                "quote", "sample", "--text", "a city of 30,000", "--kind", "indirect", "--speaker-text", "Jane Doe",
                "--cue-text", "said",
            ],
            #"[{"op":"quote","kind":"indirect","content":{"start":62,"end":78,"text":"a city of 30,000"},"speaker":{"start":36,"end":44,"text":"Jane Doe"},"cue":{"start":25,"end":29,"text":"said"}}]"#
        ),
        (["remove", "sample", "m5"], #"[{"op":"remove","ids":["m5"]}]"#),
        (["remove", "sample", "q2", "m3"], #"[{"op":"remove","ids":["q2","m3"]}]"#),
        (
            ["quote", "sample", "--text", "a city of 30,000", "--kind", "indirect"],
            #"[{"op":"quote","kind":"indirect","content":{"start":62,"end":78,"text":"a city of 30,000"}}]"#
        ),
    ])
    func thePageAndTheCLIWriteTheSameBytes(arguments: [String], edits: String) throws {
        let cli = try TemporaryFolder.sampleCorpus(draft: true)
        let r = try CommandRunner.run(arguments, in: cli.url)
        #expect(r.status == 0, "\(r.stderr)")
        let page = try TemporaryFolder.sampleCorpus(draft: true)
        // What the page's request reaches: the edits decoded as the server decodes them, applied by the service.
        let service = StudioService(corpus: try Corpus.open(root: page.url))
        let url = page.url.appendingPathComponent("annotations/sample.xml")
        let version = SHA256Hex.of(Array(read(url).utf8))
        let answer = try service.apply(
            try AnnotationEdit.decode(json: Array(edits.utf8)), to: "sample", expectedVersion: version)
        #expect(answer.version == SHA256Hex.of(Array(read(url).utf8)))
        #expect(read(url) == read(cli.url.appendingPathComponent("annotations/sample.xml")))
    }

    /// Status, undo, redo and realign: the service the page's routes call and
    /// the CLI, from the same start, write the same bytes (and change the file).
    @Test(arguments: ["status", "undo", "redo", "realign"])
    func theLifecycleVerbsWriteTheSameBytes(_ verb: String) throws {
        func prepared() throws -> TemporaryFolder {
            let folder = try TemporaryFolder.sampleCorpus()
            let rename = try CommandRunner.run(["rename", "sample", "e2", "Springfield, Ill."], in: folder.url)
            #expect(rename.status == 0, "\(rename.stderr)")
            if verb == "redo" { #expect(try CommandRunner.run(["undo", "sample"], in: folder.url).status == 0) }
            if verb == "realign" {
                let article = folder.url.appendingPathComponent("corpus/sample.txt")
                _ = folder.write("corpus/sample.txt", Array("Lead: ".utf8) + Array(try Data(contentsOf: article)))
            }
            return folder
        }
        let cli = try prepared()
        let page = try prepared()
        let url = page.url.appendingPathComponent("annotations/sample.xml")
        let before = read(url)
        let arguments = verb == "status" ? ["status", "sample", "draft"] : [verb, "sample"]
        let r = try CommandRunner.run(arguments, in: cli.url)
        #expect(r.status == 0, "\(r.stderr)")
        let service = StudioService(corpus: try Corpus.open(root: page.url))
        let version = SHA256Hex.of(Array(before.utf8))
        switch verb {
        case "status": _ = try service.setStatus(.draft, of: "sample", expectedVersion: version)
        case "undo": _ = try service.reverse(.undo, "sample", expectedVersion: version)
        case "redo": _ = try service.reverse(.redo, "sample", expectedVersion: version)
        default:
            let body = try service.realign("sample", expectedVersion: version)
            #expect(body.findings != nil)
        }
        let written = read(url)
        #expect(written != before, "\(verb) changed nothing")
        #expect(written == read(cli.url.appendingPathComponent("annotations/sample.xml")))
    }

    /// The earlier spellings (`retype DOC E TYPE`, `merge-entities DOC KEEP E…`,
    /// `merge` of score reports) still work for a release, hidden from help.
    @Test(arguments: [
        (["retype", "sample", "e4", "LOC"], ["retype", "sample", "e4", "--type", "LOC"]),
        (["merge-entities", "sample", "e1", "e3"], ["merge-entities", "sample", "e3", "--into", "e1"]),
    ])
    func theEarlierSpellingsStillWork(old: [String], new: [String]) throws {
        let a = try TemporaryFolder.sampleCorpus()
        let b = try TemporaryFolder.sampleCorpus()
        let before = read(a.url.appendingPathComponent("annotations/sample.xml"))
        #expect(try CommandRunner.run(old, in: a.url).status == 0)
        #expect(try CommandRunner.run(new, in: b.url).status == 0)
        let written = read(a.url.appendingPathComponent("annotations/sample.xml"))
        #expect(written != before)
        #expect(written == read(b.url.appendingPathComponent("annotations/sample.xml")))
    }

    @Test func helpShowsOnlyTheNewSpellings() throws {
        let help = try CommandRunner.run(["--help"], in: Paths.repository)
        #expect(help.status == 0)
        #expect(help.stdout.contains("merge-scores"))
        #expect(!help.stdout.contains("  merge "), "\(help.stdout)")
        let retype = try CommandRunner.run(["retype", "--help"], in: Paths.repository)
        #expect(retype.stdout.contains("--type <type>"), "\(retype.stdout)")
        let both = try CommandRunner.run(["retype", "sample", "e4", "LOC", "--type", "ORG"], in: Paths.repository)
        #expect(both.status == 2)
    }

    /// A mention moves to an entity of another type only with --retype: otherwise refused, nothing written.
    @Test func aCrossTypeMoveNeedsRetype() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let url = folder.url.appendingPathComponent("annotations/sample.xml")
        let before = read(url)
        let r = try CommandRunner.run(["move", "sample", "m2", "--to", "e1"], in: folder.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains("m2 \"Springfield\" is a LOC mention"), "\(r.stderr)")
        #expect(r.stderr.contains("--retype"))
        #expect(read(url) == before)
        // Through the edits the page sends, the same.
        var editor = try AnnotationEditor.open("sample", in: try Corpus.open(root: folder.url))
        #expect(throws: AttestError.self) {
            try editor.apply(
                try AnnotationEdit.decode(json: Array(#"[{"op":"move","mentions":["m2"],"entity":"e1"}]"#.utf8)))
        }
    }

    /// Moving an entity's last mention removes the emptied entity (its quote follows the mention).
    @Test func movingTheLastMentionRemovesTheEntity() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        #expect(try CommandRunner.run(["move", "sample", "m2", "--to", "e1", "--retype"], in: folder.url).status == 0)
        let xml = read(folder.url.appendingPathComponent("annotations/sample.xml"))
        #expect(!xml.contains(#"<entity id="e2""#))
        #expect(xml.contains(#"<mention id="m2" start="48" end="59">Springfield</mention>"#))
        #expect(try CommandRunner.run(["undo", "sample"], in: folder.url).status == 0)
        #expect(read(folder.url.appendingPathComponent("annotations/sample.xml")).contains(#"<entity id="e2""#))
    }
}
