import AttestKit
import Foundation
import Testing

/// The studio's JSON: deterministic, parseable, and never markup.
@Suite struct JSONTreeTests {
    static let awkward = [
        "", "plain", "“curly” — dashes", "🚢 𝒜 emoji", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
        "tab\tnew\nline\rcr", "\u{0}\u{1}\u{1F}", "line\u{2028}para\u{2029}end", "back\\slash & amp",
    ]

    /// The three conventions, by hand, and `.encoder` against `JSONEncoder` itself.
    @Test func stringsInEachStyle() throws {
        func written(_ s: String, _ style: JSONStringWriter.Style) -> String {
            var out: [UInt8] = []
            JSONStringWriter.write(s, into: &out, style: style)
            return String(decoding: out, as: UTF8.self)
        }
        let s = "a<b>&\"c\\\n\u{8}\u{C}\u{1}\u{2028}🚢"
        #expect(written(s, .plain) == #""a<b>&\"c\\\n\u0008\u000c\u0001"# + "\u{2028}🚢\"")
        #expect(written(s, .markup) == #""a\u003cb\u003e\u0026\"c\\\n\u0008\u000c\u0001\u2028🚢""#)
        #expect(written(s, .encoder) == #""a<b>&\"c\\\n\b\f\u0001"# + "\u{2028}🚢\"")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        for t in Self.awkward {
            #expect(written(t, .encoder) == String(decoding: try encoder.encode(t), as: UTF8.self), "\(t)")
            var out: [UInt8] = []
            JSONTree.quote(t, into: &out)
            #expect(!out.contains(UInt8(ascii: "<")) && !out.contains(UInt8(ascii: ">")))
        }
    }

    @Test func documentsRoundTripThroughAJSONParser() throws {
        let value = JSONTree.object([
            "b": .array(Self.awkward.map { .string($0) }), "a": .int(-3), "c": .null, "d": .bool(true),
        ])
        let text = value.rendered
        #expect(text.hasPrefix(#"{"a":-3,"b":["","plain","#))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(value.bytes)) as? [String: Any])
        #expect(parsed["b"] as? [String] == Self.awkward)
    }

    /// Edits already encoded go in as a value, not a string, with markup still escaped.
    @Test func encodedJSONIsAValueWithMarkupEscaped() throws {
        let edits = try AnnotationEdit.json([.rename(entity: "e1", name: "<b>Tom & Jerry</b>")])
        let value = JSONTree.object(["inverse": .encoded(Array(edits.utf8))])
        #expect(!value.bytes.contains(UInt8(ascii: "<")) && !value.bytes.contains(UInt8(ascii: "&")))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(value.bytes)) as? [String: Any])
        let inverse = try #require(parsed["inverse"] as? [[String: Any]])
        #expect(inverse.first?["name"] as? String == "<b>Tom & Jerry</b>")
        let again = try AnnotationEdit.decode(json: Array(try JSONSerialization.data(withJSONObject: inverse)))
        #expect(again == [.rename(entity: "e1", name: "<b>Tom & Jerry</b>")])
    }
}
