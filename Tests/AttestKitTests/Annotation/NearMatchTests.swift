import AttestKit
import Testing

@Suite struct NearMatchTests {
    let article = ArticleText("Kaba’s family — led by José Barreiro — said “no”. BARREIRO agreed.\n")

    func texts(_ needle: String) -> [String] { NearMatch.spans(of: needle, in: article).map { article[$0] } }

    @Test func apostropheStyle() { #expect(texts("Kaba's") == ["Kaba’s"]) }
    @Test func decomposedAccents() { #expect(texts("Jose\u{301} Barreiro") == ["José Barreiro"]) }
    @Test func caseIsIgnored() { #expect(texts("barreiro") == ["Barreiro", "BARREIRO"]) }
    @Test func dashStyle() { #expect(texts("family - led") == ["family — led"]) }
    @Test func quotationMarkStyle() { #expect(texts("\"no\"") == ["“no”"]) }
    @Test func noNearMatchIsEmpty() { #expect(texts("Moreira").isEmpty) }

    @Test func suggestionsGiveTheExactTextAndItsOccurrence() {
        let locator = TextLocator(article: article, documentID: "d")
        let s = locator.suggestions(for: "barreiro")
        #expect(s.contains("--text 'Barreiro': [28,36)"))
        #expect(s.contains("--text 'BARREIRO': [50,58)"))
        #expect(locator.suggestions(for: "Moreira") == "")
    }
}
