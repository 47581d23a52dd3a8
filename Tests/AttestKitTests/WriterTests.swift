import AttestKit
import Foundation
import Testing

@Suite struct WriterTests {
    /// Markup characters, line ends, tabs and astral characters survive a
    /// write and a read, and the writer escapes exactly as `escape` does.
    @Test func escapingRoundTrips() throws {
        let tricky = "a & b < c > d \"e\" \r\n\t f — “g” 🎉 ’"
        let x = Excerpt(span: Span(0, tricky.unicodeScalars.count), text: tricky)
        let header = DocumentHeader(
            id: "w", articlePath: "../corpus/w.txt", sha256: String(repeating: "0", count: 64),
            length: tricky.unicodeScalars.count, status: .draft, annotators: ["A & B"], guidelines: "1.0")
        let doc = AnnotationDocument(
            header: header,
            entities: [Entity(id: "e1", type: .person, name: tricky, mentions: [Mention(id: "m1", excerpt: x)])],
            quotes: [Quote(id: "q1", kind: .direct, content: x, speakerEntity: "e1")])
        let xml = AnnotationWriter.xml(doc)
        #expect(xml.contains("name=\"\(AnnotationWriter.escape(tricky))\""))
        #expect(xml.contains(">\(AnnotationWriter.escape(tricky))</mention>"))
        #expect(xml.contains("<annotator name=\"A &amp; B\"/>"))
        let back = try AnnotationFile.parse(Array(xml.utf8), name: "w.xml")
        #expect(back.entities[0].name == tricky)
        #expect(back.entities[0].mentions[0].text == tricky)
        #expect(back.quotes[0].content.text == tricky)
        #expect(AnnotationWriter.xml(back) == xml)
    }

    @Test func ordersByOffsetThenIDWhateverTheInputOrder() {
        let header = DocumentHeader(id: "w", articlePath: "a", sha256: "", length: 50, status: .draft)
        func m(_ id: String, _ s: Int) -> Mention {
            Mention(id: id, excerpt: Excerpt(span: Span(s, s + 2), text: "ab"))
        }
        let doc = AnnotationDocument(
            header: header,
            entities: [
                Entity(id: "e10", type: .person, name: "x", mentions: [m("m3", 20), m("m1", 5)]),
                Entity(id: "e2", type: .person, name: "y", mentions: [m("m2", 5)]),
                Entity(id: "e3", type: .person, name: "z"),
            ])
        let canonical = AnnotationWriter.canonical(doc)
        // e10 and e2 both start at 5: the id decides (e2 before e10); an entity without mentions goes last.
        #expect(canonical.entities.map(\.id) == ["e2", "e10", "e3"])
        #expect(canonical.entities[1].mentions.map(\.id) == ["m1", "m3"])
        #expect(AnnotationWriter.xml(doc) == AnnotationWriter.xml(canonical))
    }
}
