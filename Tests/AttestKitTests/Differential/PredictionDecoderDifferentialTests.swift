import AttestKit
import Foundation
import Testing

/// The fast prediction decoder and the general one (`JSONParser` then
/// `PredictionDecoder`) on thousands of generated lines: whenever the fast
/// path gives a document, the general path gives the same document. Lines
/// the fast path declines go to the general path in `attest score`, so this
/// is the whole contract.
@Suite struct PredictionDecoderDifferentialTests {
    /// Writes JSON lines of extractor output, valid and otherwise.
    struct LineGenerator {
        var rng: SeededGenerator

        mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
        mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
        mutating func pick<T>(_ xs: [T]) -> T { xs[int(0...xs.count - 1)] }

        /// A JSON string literal: plain, non-ASCII, or with escapes of every kind.
        mutating func string() -> String {
            pick([
                "\"Amara Okafor\"", "\"São Paulo\"", "\"“Quoted” — dash\"", "\"🚢 ship\"", "\"\"", "\"PERSON\"",
                "\"a\\\"b\"",
                "\"caf\\u00e9\"", "\"\\ud83d\\udea2\"", "\"\\ud83d\"", "\"tab\\tline\\n\"", "\"\\/slash\"",
                "\"bad \\x escape\"",
                "\"raw\ttab\"", "\"ORG\"", "\"LOC\"",
            ])
        }

        /// A JSON number or something that looks like one.
        mutating func number() -> String {
            pick([
                "0", "7", "42", "185", "-0", "-3", "1.0", "1.5e3", "2E2", "1e", "01", "00", "-", "12345678901",
                "99999999999999999999",
                "3.", ".5", "1e+2", "1e-2",
            ])
        }

        /// Any value, nested up to `depth` more levels.
        mutating func value(depth: Int) -> String {
            switch int(0...6) {
            case 0: return string()
            case 1: return number()
            case 2: return pick(["true", "false", "null", "nul", "tru", "None"])
            case 3 where depth > 0:
                return "[" + (0..<int(0...3)).map { _ in value(depth: depth - 1) }.joined(separator: ",") + "]"
            case 4 where depth > 0:
                return "{"
                    + (0..<int(0...3)).map { _ in "\(string()):\(value(depth: depth - 1))" }.joined(separator: ",")
                    + "}"
            default: return number()
            }
        }

        /// `levels` nested arrays around a value.
        func nested(_ levels: Int) -> String {
            String(repeating: "[", count: levels) + "1" + String(repeating: "]", count: levels)
        }

        mutating func offset(_ base: Int) -> String { chance(0.9) ? String(base) : number() }

        mutating func span(_ start: Int) -> [String] {
            let end = start + int(0...12)
            var members = ["\"start\": \(offset(start))", "\"end\": \(offset(end))"]
            if chance(0.6) { members.append("\"text\": " + (chance(0.2) ? "null" : string())) }
            return members
        }

        mutating func extras() -> [String] {
            var out: [String] = []
            if chance(0.2) { out.append("\"confidence\": \(number())") }
            if chance(0.1) { out.append("\(string()): \(value(depth: 3))") }
            if chance(0.03) { out.append("\"deep\": \(nested(int(58...66)))") }
            return out
        }

        mutating func object(_ members: [String]) -> String {
            var m = members
            // A member given twice, or in another order.
            if chance(0.08), let dup = m.randomElement(using: &rng) { m.insert(dup, at: int(0...m.count)) }
            if chance(0.2) { m.shuffle(using: &rng) }
            let space = pick(["", " ", "\t", "\n", "\r\n"])
            return "{" + space + m.joined(separator: "," + space) + space + "}"
        }

        mutating func mention() -> String {
            var m = span(int(0...150))
            m.append(
                "\"type\": "
                    + (chance(0.9)
                        ? pick(["\"PERSON\"", "\"ORG\"", "\"LOC\"", "\"GPE\""]) : pick(["\"\"", "3", "null"])))
            return object(m + extras())
        }

        mutating func quote() -> String {
            var m = span(int(0...150))
            if chance(0.7) {
                m.append("\"kind\": " + pick(["\"direct\"", "\"indirect\"", "\"mixed\"", "null", "\"DIRECT\"", "1"]))
            }
            if chance(0.6) { m.append("\"speaker\": " + (chance(0.1) ? "null" : object(span(int(0...150))))) }
            if chance(0.5) { m.append("\"cue\": " + (chance(0.1) ? "null" : object(span(int(0...150))))) }
            if chance(0.3) { m.append("\"speaker_entity\": " + (chance(0.2) ? "null" : string())) }
            return object(m + extras())
        }

        mutating func document() -> String {
            var members: [String] = []
            if chance(0.97) { members.append("\"id\": " + (chance(0.9) ? "\"doc-\(int(0...99))\"" : string())) }
            if chance(0.9) {
                members.append(
                    "\"entities\": "
                        + (chance(0.05)
                            ? "null" : "[" + (0..<int(0...5)).map { _ in mention() }.joined(separator: ",") + "]"))
            }
            if chance(0.7) {
                members.append("\"quotes\": [" + (0..<int(0...3)).map { _ in quote() }.joined(separator: ", ") + "]")
            }
            return object(members + extras())
        }

        /// A line: a document, sometimes damaged.
        mutating func line() -> [UInt8] {
            var bytes = Array(document().utf8)
            switch int(0...19) {
            case 0: bytes = Array(bytes.prefix(int(0...bytes.count)))  // truncated
            case 1:
                bytes.insert(pick([0x00, 0x01, 0x7B, 0x7D, 0x2C, 0x22, 0xFF, 0xC3, 0x5C]), at: int(0...bytes.count))
            case 2: bytes += Array(pick([" x", ",", "}", " ", "\n", " {}"]).utf8)
            case 3: bytes = Array(pick(["[]", "null", "\"doc\"", "1", ""]).utf8)
            default: break
            }
            return bytes
        }
    }

    enum General: Equatable {
        case document(PredictionDocument)
        case rejected
    }

    static func general(_ bytes: [UInt8]) -> General {
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONSyntaxError) -> JSONValue in try JSONParser.parse(buffer) }
        }
        guard case .success(let value) = parsed, case .document(let doc) = PredictionDecoder().decode(value) else {
            return .rejected
        }
        return .document(doc)
    }

    @Test(arguments: [1, 2, 3, 4]) func fastAndGeneralAgree(seed: UInt64) {
        var generator = LineGenerator(rng: SeededGenerator(seed: seed))
        var fastAccepted = 0
        var generalAccepted = 0
        var disagreements: [String] = []
        for _ in 0..<2_500 {
            let bytes = generator.line()
            let fast = bytes.withUnsafeBufferPointer { FastPredictionDecoder.decode($0) }
            let general = Self.general(bytes)
            if case .document = general { generalAccepted += 1 }
            guard let fast else { continue }
            fastAccepted += 1
            if general != .document(fast), disagreements.count < 5 {
                disagreements.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        #expect(disagreements.isEmpty, "fast and general decoders differ on:\n\(disagreements.joined(separator: "\n"))")
        // The generator exercises both paths: many lines valid, many not.
        #expect(fastAccepted > 200)
        #expect(generalAccepted > fastAccepted)
        #expect(generalAccepted < 2_400)
    }

    /// Lines in the documented form, every member once, take the fast path.
    @Test func wellFormedLinesTakeTheFastPath() {
        let line =
            #"{"id": "d", "entities": [{"start": 0, "end": 4, "type": "ORG", "text": "Acme"}], "quotes": [{"start": 5, "end": 9, "text": "x", "kind": "direct", "speaker": {"start": 0, "end": 4, "text": "Acme"}, "cue": null, "speaker_entity": "Acme"}]}"#
        let doc = Array(line.utf8).withUnsafeBufferPointer { FastPredictionDecoder.decode($0) }
        #expect(doc?.mentions.first?.text == "Acme")
        #expect(doc?.quotes.first?.speaker?.text == "Acme")
    }

    @Test func aRepeatedMemberIsAnIssue() throws {
        let line = #"{"id": "doc-1", "entities": [{"start": 0, "end": 4, "start": 1, "type": "ORG"}]}"#
        #expect(Array(line.utf8).withUnsafeBufferPointer { FastPredictionDecoder.decode($0) } == nil)
        let value = try Array(line.utf8).withUnsafeBufferPointer { try JSONParser.parse($0) }
        guard case .issues(let issues) = PredictionDecoder().decode(value) else {
            Issue.record("a repeated start was accepted")
            return
        }
        #expect(issues.map(\.field) == ["entities[0].start"])
        #expect(issues.first?.message == "is given more than once; give each member once")
    }
}
