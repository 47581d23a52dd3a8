import AttestKit
import Testing

/// `AnnotationWriter.bytes(_:reusing:previousBytes:)` copies the elements an edit left alone from the
/// file as read; what it makes is, byte for byte, the layout written from scratch.
@Suite struct WriterReuseTests {
    static func x(_ s: Int, _ text: String) -> Excerpt {
        Excerpt(span: Span(s, s + text.unicodeScalars.count), text: text)
    }

    /// Names and texts that the layout escapes or that are not ASCII: & < > " CR TAB LF, curly
    /// quotes, a dash, an emoji and an astral letter.
    static let document: AnnotationDocument = {
        let header = DocumentHeader(
            id: "d1", articlePath: "d1.txt", sha256: String(repeating: "a", count: 64), length: 500, status: .draft,
            annotators: ["ana"])
        let entities = [
            Entity(
                id: "e1", type: .person, name: "Ana \"A&B\" <Silva>",
                mentions: [Mention(id: "m1", excerpt: x(0, "Ana")), Mention(id: "m2", excerpt: x(40, "Silva 😀"))]),
            Entity(id: "e2", type: .organization, name: "Empty — one"),
            Entity(
                id: "e3", type: .location, name: "𝒜tlantis",
                mentions: [
                    Mention(id: "m3", excerpt: x(10, "𝒜tl\tan\ntis")), Mention(id: "m4", excerpt: x(90, "A\r\nB")),
                ]),
            Entity(id: "e4", type: .person, name: "Bo", mentions: [Mention(id: "m5", excerpt: x(120, "Bo"))]),
        ]
        let quotes = [
            Quote(
                id: "q1", kind: .direct, content: x(60, "“It is over,”"), speaker: x(0, "Ana"), cue: x(75, "says"),
                speakerEntity: "e1"),
            Quote(id: "q2", kind: .indirect, content: x(200, "it is <over> & done")),
            Quote(id: "q3", kind: .direct, content: x(300, "“No”"), cue: x(310, "said")),
        ]
        return AnnotationDocument(header: header, entities: entities, quotes: quotes)
    }()

    static let edits: [(String, @Sendable (inout AnnotationDocument) -> Void)] = [
        ("nothing", { _ in }),
        ("rename an entity", { $0.entities[0].name = "Ana S." }),
        ("add a mention", { $0.entities[2].mentions.append(Mention(id: "m9", excerpt: x(400, "Atlantis"))) }),
        ("empty an entity", { $0.entities[3].mentions = [] }),
        ("fill the empty entity", { $0.entities[1].mentions = [Mention(id: "m8", excerpt: x(150, "One"))] }),
        ("remove an entity", { $0.entities.remove(at: 0) }),
        (
            "a new entity first in text",
            {
                $0.entities.append(
                    Entity(id: "e9", type: .organization, name: "Z", mentions: [Mention(id: "m7", excerpt: x(1, "na"))])
                )
            }
        ),
        ("an entity's id changed", { $0.entities[3].id = "e7" }),
        ("change a quote", { $0.quotes[1].kind = .direct }),
        ("remove every quote", { $0.quotes = [] }),
        ("remove every entity", { $0.entities = [] }),
        ("a quote moved in the text", { $0.quotes[0].content = x(250, "“It is over,”") }),
        ("a new quote", { $0.quotes.append(Quote(id: "q0", kind: .indirect, content: x(5, "it"))) }),
        (
            "the header",
            {
                $0.header.status = .gold
                $0.header.annotators.append("bo")
            }
        ),
    ]

    @Test(arguments: 0..<edits.count)
    func eachEditIsWhatTheWriterMakes(_ k: Int) {
        let before = Self.document
        var after = before
        Self.edits[k].1(&after)
        let reused = AnnotationWriter.bytes(after, reusing: before, previousBytes: AnnotationWriter.bytes(before))
        #expect(reused == AnnotationWriter.bytes(after), "\(Self.edits[k].0)")
        // And from a document with no quotes or entities to one with them.
        let fromEmpty = AnnotationWriter.bytes(
            after, reusing: AnnotationDocument(header: before.header),
            previousBytes: AnnotationWriter.bytes(AnnotationDocument(header: before.header)))
        #expect(fromEmpty == AnnotationWriter.bytes(after), "\(Self.edits[k].0)")
    }

    /// Bytes not laid out as the writer lays them out (another indentation, an element missing, an
    /// element of another id in its place) are not copied from: the whole document is written.
    @Test func bytesNotInTheLayoutAreNotCopied() {
        let before = Self.document
        var after = before
        after.entities[0].name = "Ana S."
        let layout = String(decoding: AnnotationWriter.bytes(before), as: UTF8.self)
        for broken in [
            layout.replacingOccurrences(of: "    <entity", with: "   <entity"),
            layout.replacingOccurrences(of: "id=\"e3\"", with: "id=\"e5\""),
            layout.replacingOccurrences(of: "    </quote>\n", with: "</quote>\n"),
            String(layout.prefix(layout.count / 2)),
            "",
        ] {
            #expect(
                AnnotationWriter.bytes(after, reusing: before, previousBytes: Array(broken.utf8))
                    == AnnotationWriter.bytes(after))
        }
    }
}
