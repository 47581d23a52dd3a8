import Foundation
import Testing

@testable import AttestKit

/// The studio's JSON: deterministic, parseable, and never markup.
@Suite struct StudioJSONTests {
    static let awkward = [
        "", "plain", "“curly” — dashes", "🚢 𝒜 emoji", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
        "tab\tnew\nline\rcr", "\u{0}\u{1}\u{1F}", "line\u{2028}para\u{2029}end", "back\\slash & amp",
    ]

    @Test func stringsAreWrittenAsThePredictionWriterWritesThem() {
        for s in Self.awkward {
            var out: [UInt8] = []
            StudioJSON.quote(s, into: &out)
            #expect(String(decoding: out, as: UTF8.self) == PredictionWriter.string(s, escapingMarkup: true), "\(s)")
            #expect(!out.contains(UInt8(ascii: "<")) && !out.contains(UInt8(ascii: ">")))
        }
    }

    @Test func documentsRoundTripThroughAJSONParser() throws {
        let value = StudioJSON.object([
            "b": .array(Self.awkward.map { .string($0) }), "a": .int(-3), "c": .null, "d": .bool(true),
        ])
        let text = value.rendered
        #expect(text.hasPrefix(#"{"a":-3,"b":["","plain","#))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(value.bytes)) as? [String: Any])
        #expect(parsed["b"] as? [String] == Self.awkward)
    }
}
