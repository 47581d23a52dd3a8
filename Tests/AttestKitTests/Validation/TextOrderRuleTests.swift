import AttestKit
import Testing

/// The rules that read the article at each excerpt visit the excerpts in text order
/// (`ValidationSubject.textOrder`) but report in document order, each finding once, as they did when
/// they walked the document: here the mentions are written out of text order on purpose.
@Suite struct TextOrderRuleTests {
    // "Metropolitan" holds "Met"; curly quotes, a dash and an astral character shift bytes from code points.
    static let article = ArticleText("“Go” — Ana Metropolitan 𝒜na said. Ana left.\n")

    static func subject(_ spans: [(Int, Int, String?)]) -> ValidationSubject {
        let mentions = spans.enumerated().map { i, s in
            Mention(
                id: "m\(i + 1)",
                excerpt: Excerpt(span: Span(s.0, s.1), text: s.2 ?? article[Span(s.0, s.1)]))
        }
        let header = DocumentHeader(id: "d", articlePath: "d.txt", sha256: "", length: article.count, status: .gold)
        let doc = AnnotationDocument(
            header: header,
            entities: [Entity(id: "e1", type: .person, name: "Ana", mentions: mentions)], quotes: [])
        return ValidationSubject(document: doc, article: article)
    }

    static func messages(_ rule: some Rule, _ subject: ValidationSubject) -> [String] {
        var sink = DiagnosticSink(file: "d.xml")
        rule.check(subject, into: &sink)
        return sink.diagnostics.map(\.message)
    }

    @Test func textOrderIsByStartThenDocumentOrder() {
        let s = Self.subject([(34, 37, nil), (7, 10, nil), (34, 37, nil), (7, 10, nil)])
        #expect(s.textOrder == [1, 3, 0, 2])
    }

    @Test func duplicatesAreReportedInDocumentOrderAgainstTheFirst() {
        let s = Self.subject([(34, 37, nil), (7, 10, nil), (34, 37, nil), (7, 10, nil), (34, 37, nil), (7, 11, nil)])
        #expect(
            Self.messages(DuplicateAnnotationRule(), s) == [
                "mention m3 repeats the span [34,37) of mention m1",
                "mention m4 repeats the span [7,10) of mention m2",
                "mention m5 repeats the span [34,37) of mention m1",
            ])
    }

    @Test func spanRulesReportInDocumentOrder() {
        // m1 cuts "Metropolitan" (late in the text), m2 has a stray space (early), m3 misreads its text.
        let s = Self.subject([(11, 14, nil), (6, 10, nil), (34, 37, "Bob"), (24, 27, nil)])
        #expect(
            Self.messages(SpanWordBoundaryRule(), s) == [
                "mention m1 \"Met\" [11,14) ends inside the word \"Metropolitan\""
            ])
        #expect(
            Self.messages(SpanWhitespaceRule(), s) == [
                "mention m2 \" Ana\" has white space at its start; trim the span"
            ])
        #expect(
            Self.messages(SpanTextRule(), s) == [
                "mention m3 reads \"Bob\" but the article has \"Ana\" at [34,37)"
            ])
        let many = Self.subject([(34, 37, "Bob"), (7, 10, "Bob"), (24, 27, "𝒜nX")])
        #expect(
            Self.messages(SpanTextRule(), many).map { String($0.prefix(12)) } == [
                "mention m1 r", "mention m2 r", "mention m3 r",
            ])
    }
}
