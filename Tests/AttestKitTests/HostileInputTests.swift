import AttestKit
import Foundation
import Testing

/// Hostile and broken input: one clear error naming the file and the
/// problem, never a crash, a hang or a leaked byte.
@Suite struct HostileInputTests {
    let folder: TemporaryFolder
    let validator: Validator

    init() throws {
        folder = try TemporaryFolder.sampleCorpus()
        validator = try Validator(corpus: try Corpus.open(root: folder.url))
    }

    private func check(_ name: String, _ bytes: [UInt8]) -> [Diagnostic] {
        let file = folder.write("annotations/\(name).xml", bytes)
        return validator.validate(files: [file]).diagnostics
    }

    private func expectOne(_ diagnostics: [Diagnostic], rule: String, file: String, mentioning words: String) {
        #expect(diagnostics.count == 1, "\(diagnostics)")
        guard let d = diagnostics.first else { return }
        #expect(d.rule == rule)
        #expect(d.severity == .error)
        #expect(d.file.hasSuffix("annotations/\(file).xml"))
        #expect(d.message.localizedCaseInsensitiveContains(words), "\(d.message)")
    }

    @Test func externalEntityIsRefusedAndNothingLeaks() {
        let secret = folder.write("secret.txt", "SECRET-BYTES-42")
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE annotation [<!ENTITY xxe SYSTEM "file://\(secret.path)">]>
            <annotation xmlns="urn:attest:format:1" version="1.0">&xxe;</annotation>
            """
        let d = check("xxe", Array(xml.utf8))
        expectOne(d, rule: "xml.doctype", file: "xxe", mentioning: "DOCTYPE")
        for format in DiagnosticFormat.allCases { #expect(!format.render(d).contains("SECRET-BYTES")) }
    }

    @Test func externalDTDIsRefused() {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE annotation SYSTEM "http://example.invalid/attest.dtd">
            <annotation xmlns="urn:attest:format:1" version="1.0"/>
            """
        expectOne(check("dtd", Array(xml.utf8)), rule: "xml.doctype", file: "dtd", mentioning: "DOCTYPE")
    }

    @Test func billionLaughsIsRefused() {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for i in 1...9 {
            let prev = i == 1 ? "lol" : "lol\(i - 1)"
            xml += "<!ENTITY lol\(i) \"" + String(repeating: "&\(prev);", count: 10) + "\">\n"
        }
        xml += "]>\n<lolz>&lol9;</lolz>\n"
        let start = Date()
        expectOne(check("laughs", Array(xml.utf8)), rule: "xml.doctype", file: "laughs", mentioning: "DOCTYPE")
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func doctypeAfterACommentIsStillRefused() {
        let xml = "<?xml version=\"1.0\"?>\n<!-- <x> -->\n<!DOCTYPE a [<!ENTITY e \"x\">]>\n<a>&e;</a>\n"
        expectOne(
            check("comment-doctype", Array(xml.utf8)), rule: "xml.doctype", file: "comment-doctype",
            mentioning: "DOCTYPE")
    }

    @Test func invalidUTF8() {
        var bytes = Array(read(Paths.sampleAnnotation).utf8)
        let index = bytes.firstIndex(of: UInt8(ascii: "J"))!
        bytes[index] = 0xFF
        let d = check("utf8", bytes)
        expectOne(d, rule: "xml.malformed", file: "utf8", mentioning: "UTF-8")
        #expect(d.first?.line == 7)
    }

    @Test func truncatedFile() {
        let bytes = Array(read(Paths.sampleAnnotation).utf8)
        expectOne(
            check("truncated", Array(bytes.prefix(bytes.count / 2))), rule: "xml.malformed", file: "truncated",
            mentioning: "not well-formed")
    }

    @Test func deepNesting() {
        let xml =
            "<?xml version=\"1.0\"?>\n" + String(repeating: "<a>", count: 10_000)
            + String(repeating: "</a>", count: 10_000)
        let start = Date()
        expectOne(check("deep", Array(xml.utf8)), rule: "xml.malformed", file: "deep", mentioning: "depth")
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func fiftyMegabyteFile() {
        var bytes = Array("<?xml version=\"1.0\"?>\n<annotation>".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 50 * 1024 * 1024)
        bytes += Array("</annotation>\n".utf8)
        expectOne(check("huge", bytes), rule: "xml.too-large", file: "huge", mentioning: "bytes")
    }

    @Test func offsetOfTenToTheThirty() throws {
        let text = read(Paths.sampleAnnotation).replacingOccurrences(
            of: "<mention id=\"m3\" start=\"93\"", with: "<mention id=\"m3\" start=\"1000000000000000000000000000000\"")
        let d = check("sample", Array(text.utf8))
        expectOne(d, rule: "schema.invalid", file: "sample", mentioning: "1000000000000000000000000000000")
        #expect(d.first?.line == 15)
    }

    @Test func notXMLAtAll() {
        expectOne(
            check("plain", Array("This is an article, not XML.\n".utf8)), rule: "xml.malformed", file: "plain",
            mentioning: "not well-formed")
        expectOne(
            check("binary", [0x00, 0x01, 0x02, 0xFF, 0xFE]), rule: "xml.malformed", file: "binary",
            mentioning: "not well-formed")
        expectOne(check("empty", []), rule: "xml.malformed", file: "empty", mentioning: "not well-formed")
    }

    @Test func wrongRootElement() {
        let d = check("html", Array("<html><body/></html>".utf8))
        #expect(d.map(\.rule) == ["schema.invalid"])
    }

    @Test func articleThatIsNotUTF8() {
        folder.write("corpus/sample.txt", [0x61, 0xFF, 0x62])
        let d = check("sample", Array(read(Paths.sampleAnnotation).utf8))
        #expect(Set(d.map(\.rule)) == ["article.hash", "article.encoding"])
    }
}

@Suite struct DiagnosticFormatTests {
    let diagnostics = [
        Diagnostic(
            file: "a/b.xml", location: SourceLocation(line: 3, column: 7), message: "bad, very: bad", rule: "span.text"),
        Diagnostic(file: "c.xml", location: .start, severity: .warning, message: "meh", rule: "entity.empty"),
    ]

    @Test func gcc() {
        #expect(
            DiagnosticFormat.gcc.render(diagnostics)
                == "a/b.xml:3:7: error: bad, very: bad [span.text]\nc.xml:1:1: warning: meh [entity.empty]\n")
    }

    @Test func github() {
        #expect(
            DiagnosticFormat.github.render(diagnostics)
                == "::error file=a/b.xml,line=3,col=7,title=span.text::bad, very: bad\n::warning file=c.xml,line=1,col=1,title=entity.empty::meh\n"
        )
    }

    @Test func json() throws {
        let data = Data(DiagnosticFormat.json.render(diagnostics).utf8)
        let rows = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows[0]["rule"] as? String == "span.text")
        #expect(rows[0]["line"] as? Int == 3)
        #expect(rows[1]["severity"] as? String == "warning")
    }
}
