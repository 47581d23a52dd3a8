import AttestKit
import Testing

@Suite struct SpanTests {
    @Test func halfOpenOverlap() {
        #expect(Span(0, 4).overlaps(Span(3, 5)))
        #expect(!Span(0, 4).overlaps(Span(4, 6)))
        #expect(Span(0, 10).contains(Span(2, 4)))
        #expect(Span(0, 5).crosses(Span(3, 8)))
        #expect(!Span(0, 10).crosses(Span(3, 8)))
        #expect(Span(0, 4).overlap(with: Span(2, 10)) == 2)
    }

    @Test func jaccardOfCodePointSets() {
        #expect(Span(0, 4).jaccard(Span(2, 6)) == 2.0 / 6.0)
        #expect(Span(0, 4).jaccard(Span(0, 4)) == 1)
        #expect(Span(0, 4).jaccard(Span(5, 6)) == 0)
    }
}

@Suite struct ArticleTextTests {
    // Curly quotes and dashes are 3 UTF-8 bytes; the emoji is one code point
    // but two UTF-16 units and four UTF-8 bytes.
    let text = ArticleText("“Hi,” she said — 😀 Zoë’s here.")

    @Test func countsCodePoints() {
        #expect(text.count == 30)
        #expect(text.utf8.count > text.count)
    }

    @Test func slicesByCodePoint() {
        #expect(text[Span(1, 4)] == "Hi,")
        #expect(text[Span(0, 1)] == "“")
        #expect(text[Span(15, 16)] == "—")
        #expect(text[Span(17, 18)] == "😀")
        #expect(text[Span(19, 24)] == "Zoë’s")
    }

    @Test func findsOccurrencesInCodePoints() {
        #expect(text.occurrences(of: "Zoë") == [Span(19, 22)])
        #expect(text.occurrences(of: "e") == [Span(8, 9), Span(26, 27), Span(28, 29)])
        #expect(text.occurrences(of: "absent").isEmpty)
    }

    @Test func mapsBytesToCodePoints() {
        #expect(text.byteOffset(ofScalar: 1) == 3)
        #expect(text.scalarOffset(ofByte: 3) == 1)
        #expect(text.scalarOffset(ofByte: 1) == nil)
    }

    @Test func rejectsInvalidUTF8() {
        #expect(ArticleText(bytes: [0x61, 0xFF, 0x62]) == nil)
        #expect(ArticleText(bytes: [0xE2, 0x80]) == nil)  // truncated sequence
        #expect(ArticleText(bytes: [0xED, 0xA0, 0x80]) == nil)  // surrogate
        #expect(ArticleText(bytes: [0xC0, 0xAF]) == nil)  // overlong
    }

    @Test func keepsCarriageReturns() {
        let crlf = ArticleText("a\r\nb")
        #expect(crlf.count == 4)
        #expect(crlf[Span(3, 4)] == "b")
    }

    @Test func lineAndColumn() {
        let t = ArticleText("ab\n“cd")
        #expect(t.lineColumn(of: 4) == SourceLocation(line: 2, column: 2))
    }
}

@Suite struct LineIndexTests {
    @Test func findsTagColumns() {
        let index = LineIndex(bytes: Array("<a>\n  <b x=\"1\"/>  <c/>\n\t<p:d/>".utf8))
        #expect(index.column(ofTag: "b", onLine: 2) == 3)
        #expect(index.column(ofTag: "c", onLine: 2) == 15)
        #expect(index.column(ofTag: "d", onLine: 3) == 2)
        #expect(index.column(ofAttribute: "x", onLine: 2) == 6)
    }
}
