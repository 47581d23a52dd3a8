/// The fast path for reading one line of extractor output: straight from
/// the bytes to a `PredictionDocument`, without building a JSON tree. It
/// handles well-formed lines in the documented form and gives up (nil) on
/// anything else — a syntax error, a field of the wrong type, a string
/// with escapes (rare in extractor output) — so that `JSONParser` and `PredictionDecoder` read that
/// line again and say exactly what is wrong.
public struct FastPredictionDecoder {
    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0

    public static func decode(_ buffer: UnsafeBufferPointer<UInt8>, defaultID: String? = nil) -> PredictionDocument? {
        var d = FastPredictionDecoder(b: buffer)
        return d.document(defaultID: defaultID)
    }

    private init(b: UnsafeBufferPointer<UInt8>) { self.b = b }

    private mutating func ws() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
    }

    private mutating func take(_ c: UInt8) -> Bool {
        ws()
        guard i < b.count, b[i] == c else { return false }
        i += 1
        return true
    }

    /// A key without escapes, as a byte range.
    private mutating func key() -> Range<Int>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = i
        while i < b.count, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "\\") { i += 1 }
        guard i < b.count, b[i] == UInt8(ascii: "\"") else { return nil }
        defer { i += 1 }
        return start..<i
    }

    private func equals(_ r: Range<Int>, _ s: StaticString) -> Bool {
        guard r.count == s.utf8CodeUnitCount else { return false }
        for k in 0..<r.count where b[r.lowerBound + k] != s.utf8Start[k] { return false }
        return true
    }

    /// A string without escapes or control characters; the full parser reads the others.
    private mutating func string() -> String? {
        guard let r = key() else { return nil }
        for k in r where b[k] < 0x20 { return nil }
        return String(validating: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
    }

    private mutating func isNull() -> Bool {
        ws()
        guard i + 4 <= b.count, b[i] == UInt8(ascii: "n"), b[i + 1] == UInt8(ascii: "u"), b[i + 2] == UInt8(ascii: "l"), b[i + 3] == UInt8(ascii: "l")
        else { return false }
        i += 4
        return true
    }

    /// A non-negative integer that fits an offset.
    private mutating func offset() -> Int? {
        ws()
        var v = 0
        let start = i
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
            v = v * 10 + Int(b[i] - 0x30)
            i += 1
            if i - start > 10 { return nil }
        }
        guard i > start, !(b[start] == 0x30 && i - start > 1) else { return nil }
        if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") { return nil }
        return v
    }

    /// Skips any value (unknown members), nesting at most 64 levels.
    private mutating func skip(depth: Int = 0) -> Bool {
        ws()
        guard i < b.count, depth < JSONParser.maximumDepth else { return false }
        switch b[i] {
        case UInt8(ascii: "\""):
            i += 1
            while i < b.count, b[i] != UInt8(ascii: "\"") { i += b[i] == UInt8(ascii: "\\") ? 2 : 1 }
            guard i < b.count else { return false }
            i += 1
            return true
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = b[i] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let object = close == UInt8(ascii: "}")
            i += 1
            if take(close) { return true }
            repeat {
                if object { guard key() != nil, take(UInt8(ascii: ":")) else { return false } }
                guard skip(depth: depth + 1) else { return false }
            } while take(UInt8(ascii: ","))
            return take(close)
        default:
            let start = i
            while i < b.count, !(b[i] == UInt8(ascii: ",") || b[i] == UInt8(ascii: "}") || b[i] == UInt8(ascii: "]") || b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09) { i += 1 }
            return i > start
        }
    }

    /// Members of an object, handing each key to `body` (which reads its value).
    private mutating func members(_ body: (inout FastPredictionDecoder, Range<Int>) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        repeat {
            guard let k = key(), take(UInt8(ascii: ":")), body(&self, k) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    private mutating func elements(_ body: (inout FastPredictionDecoder) -> Bool) -> Bool {
        if isNull() { return true }
        guard take(UInt8(ascii: "[")) else { return false }
        if take(UInt8(ascii: "]")) { return true }
        repeat {
            guard body(&self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]"))
    }

    private mutating func optionalString() -> String?? {
        if isNull() { return .some(nil) }
        guard let s = string() else { return nil }
        return .some(s)
    }

    /// `{"start", "end", "text"?}`, or null.
    private mutating func nestedSpan() -> PredictedSpan?? {
        if isNull() { return .some(nil) }
        var start: Int?, end: Int?, text: String?
        let ok = members { d, k in
            if d.equals(k, "start") { start = d.offset(); return start != nil }
            if d.equals(k, "end") { end = d.offset(); return end != nil }
            if d.equals(k, "text") { guard let t = d.optionalString() else { return false }; text = t; return true }
            return d.skip()
        }
        guard ok, let start, let end, start < end else { return nil }
        return .some(PredictedSpan(Span(start, end), text: text))
    }

    private mutating func document(defaultID: String?) -> PredictionDocument? {
        var id: String?
        var mentions: [PredictedMention] = []
        var quotes: [PredictedQuote] = []
        let ok = members { d, k in
            if d.equals(k, "id") { id = d.string(); return id.map { !$0.isEmpty } ?? false }
            if d.equals(k, "entities") {
                return d.elements { d in
                    var start: Int?, end: Int?, type: String?, text: String?
                    let ok = d.members { d, k in
                        if d.equals(k, "start") { start = d.offset(); return start != nil }
                        if d.equals(k, "end") { end = d.offset(); return end != nil }
                        if d.equals(k, "type") { type = d.string(); return type.map { !$0.isEmpty } ?? false }
                        if d.equals(k, "text") { guard let t = d.optionalString() else { return false }; text = t; return true }
                        return d.skip()
                    }
                    guard ok, let start, let end, let type, start < end else { return false }
                    mentions.append(PredictedMention(span: Span(start, end), type: EntityType(type), text: text))
                    return true
                }
            }
            if d.equals(k, "quotes") {
                return d.elements { d in
                    var start: Int?, end: Int?, text: String?, kind: QuoteKind?, entity: String?
                    var speaker: PredictedSpan?, cue: PredictedSpan?
                    let ok = d.members { d, k in
                        if d.equals(k, "start") { start = d.offset(); return start != nil }
                        if d.equals(k, "end") { end = d.offset(); return end != nil }
                        if d.equals(k, "text") { guard let t = d.optionalString() else { return false }; text = t; return true }
                        if d.equals(k, "kind") {
                            guard let s = d.optionalString() else { return false }
                            guard let s else { return true }
                            kind = QuoteKind(rawValue: s)
                            return kind != nil
                        }
                        if d.equals(k, "speaker") { guard let s = d.nestedSpan() else { return false }; speaker = s; return true }
                        if d.equals(k, "cue") { guard let c = d.nestedSpan() else { return false }; cue = c; return true }
                        if d.equals(k, "speaker_entity") { guard let e = d.optionalString() else { return false }; entity = e; return true }
                        return d.skip()
                    }
                    guard ok, let start, let end, start < end else { return false }
                    quotes.append(PredictedQuote(content: PredictedSpan(Span(start, end), text: text), kind: kind, speaker: speaker, speakerEntity: entity, cue: cue))
                    return true
                }
            }
            return d.skip()
        }
        ws()
        guard ok, i == b.count, let id = id ?? defaultID else { return nil }
        return PredictionDocument(id: id, mentions: mentions, quotes: quotes)
    }
}
