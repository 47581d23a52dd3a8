import AttestCorpus

/// The fast path for reading one line of extractor output: straight from
/// the bytes to a `PredictionDocument`, without building a JSON tree. It
/// handles well-formed lines in the documented form and gives up (nil) on
/// anything else — a syntax error, a field of the wrong type, a string
/// with escapes (rare in extractor output), a member given twice — so that
/// `JSONParser` and `PredictionDecoder` read that line again and say exactly
/// what is wrong. Whatever it accepts, it reads as those two do (a
/// randomised differential test holds it to that).
package struct FastPredictionDecoder {
    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0
    /// Nesting depth of the container being read, counted as `JSONParser` counts it.
    private var level = 0

    package static func decode(_ buffer: UnsafeBufferPointer<UInt8>, defaultID: String? = nil) -> PredictionDocument? {
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

    /// A string without escapes or control characters, in valid UTF-8, as a byte range.
    private mutating func key() -> Range<Int>? {
        guard take(UInt8(ascii: "\"")), let base = b.baseAddress else { return nil }
        let start = i
        var ascii = true
        // The index kept in a local while scanning (the stored one was reloaded at each byte).
        var k = i
        let count = b.count
        while k < count {
            let c = base[k]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") { break }
            if c < 0x20 { return nil }
            if c >= 0x80 { ascii = false }
            k += 1
        }
        i = k
        guard i < count, base[i] == UInt8(ascii: "\"") else { return nil }
        if !ascii, String(validating: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self) == nil { return nil }
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
        return String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
    }

    private mutating func isNull() -> Bool {
        ws()
        guard i + 4 <= b.count, b[i] == UInt8(ascii: "n"), b[i + 1] == UInt8(ascii: "u"), b[i + 2] == UInt8(ascii: "l"),
            b[i + 3] == UInt8(ascii: "l")
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
        if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            return nil
        }
        return v
    }

    /// Skips any value (unknown members) that `JSONParser` would accept,
    /// nesting as deep as it allows; declines strings with escapes.
    private mutating func skip() -> Bool {
        ws()
        guard i < b.count else { return false }
        switch b[i] {
        case UInt8(ascii: "\""):
            return key() != nil
        case UInt8(ascii: "{"):
            return members { d, _ in d.skip() }
        case UInt8(ascii: "["):
            return elements { d in d.skip() }
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return number()
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        for k in 0..<n where b[i + k] != word.utf8Start[k] { return false }
        i += n
        return true
    }

    /// A number as RFC 8259 writes it: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func number() -> Bool {
        func digit() -> Bool { i < b.count && b[i] >= 0x30 && b[i] <= 0x39 }
        if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
        guard digit() else { return false }
        if b[i] == 0x30 {
            i += 1
            if digit() { return false }
        } else {
            while digit() { i += 1 }
        }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digit() else { return false }
            while digit() { i += 1 }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digit() else { return false }
            while digit() { i += 1 }
        }
        return true
    }

    /// Members of an object, handing each key to `body` (which reads its value).
    private mutating func members(_ body: (inout FastPredictionDecoder, Range<Int>) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")), level < JSONParser.maximumDepth else { return false }
        level += 1
        defer { level -= 1 }
        if take(UInt8(ascii: "}")) { return true }
        repeat {
            guard let k = key(), take(UInt8(ascii: ":")), body(&self, k) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    private mutating func elements(_ body: (inout FastPredictionDecoder) -> Bool) -> Bool {
        if isNull() { return true }
        guard take(UInt8(ascii: "[")), level < JSONParser.maximumDepth else { return false }
        level += 1
        defer { level -= 1 }
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

    /// Whether the member with bit `bit` is seen for the first time in its
    /// object; a member given twice sends the line to the full decoder.
    private static func first(_ seen: inout UInt8, _ bit: UInt8) -> Bool {
        defer { seen |= bit }
        return seen & bit == 0
    }

    /// Reads the member `k` when it is `start`, `end` or `text` (bits 1, 2
    /// and 4 of `seen`): whether it was read well and once; nil for another member.
    private mutating func spanMember(
        _ k: Range<Int>, _ start: inout Int?, _ end: inout Int?, _ text: inout String?, _ seen: inout UInt8
    ) -> Bool? {
        if equals(k, "start") {
            start = offset()
            return start != nil && Self.first(&seen, 1)
        }
        if equals(k, "end") {
            end = offset()
            return end != nil && Self.first(&seen, 2)
        }
        if equals(k, "text") {
            guard let t = optionalString() else { return false }
            text = t
            return Self.first(&seen, 4)
        }
        return nil
    }

    /// `{"start", "end", "text"?}`, or null.
    private mutating func nestedSpan() -> PredictedSpan?? {
        if isNull() { return .some(nil) }
        var start: Int?
        var end: Int?
        var text: String?
        var seen: UInt8 = 0
        let ok = members { d, k in
            if let read = d.spanMember(k, &start, &end, &text, &seen) { return read }
            return d.skip()
        }
        guard ok, let start, let end, start < end else { return nil }
        return .some(PredictedSpan(Span(start, end), text: text))
    }

    /// One entity mention object.
    private mutating func mention() -> PredictedMention? {
        var start: Int?
        var end: Int?
        var type: String?
        var text: String?
        var seen: UInt8 = 0
        let ok = members { d, k in
            if let read = d.spanMember(k, &start, &end, &text, &seen) { return read }
            if d.equals(k, "type") {
                type = d.string()
                return !(type?.isEmpty ?? true) && Self.first(&seen, 8)
            }
            return d.skip()
        }
        guard ok, let start, let end, let type, start < end else { return nil }
        return PredictedMention(span: Span(start, end), type: EntityType(type), text: text)
    }

    /// One quote object.
    private mutating func quote() -> PredictedQuote? {
        var start: Int?
        var end: Int?
        var text: String?
        var kind: QuoteKind?
        var entity: String?
        var speaker: PredictedSpan?
        var cue: PredictedSpan?
        var seen: UInt8 = 0
        let ok = members { d, k in
            if let read = d.spanMember(k, &start, &end, &text, &seen) { return read }
            if d.equals(k, "kind") {
                guard let s = d.optionalString(), Self.first(&seen, 8) else { return false }
                guard let s else { return true }
                kind = QuoteKind(rawValue: s)
                return kind != nil
            }
            if d.equals(k, "speaker") {
                guard let s = d.nestedSpan() else { return false }
                speaker = s
                return Self.first(&seen, 16)
            }
            if d.equals(k, "cue") {
                guard let c = d.nestedSpan() else { return false }
                cue = c
                return Self.first(&seen, 32)
            }
            if d.equals(k, "speaker_entity") {
                guard let e = d.optionalString() else { return false }
                entity = e
                return Self.first(&seen, 64)
            }
            return d.skip()
        }
        guard ok, let start, let end, start < end else { return nil }
        return PredictedQuote(
            content: PredictedSpan(Span(start, end), text: text), kind: kind, speaker: speaker, speakerEntity: entity,
            cue: cue)
    }

    private mutating func document(defaultID: String?) -> PredictionDocument? {
        var id: String?
        var mentions: [PredictedMention] = []
        var quotes: [PredictedQuote] = []
        var seen: UInt8 = 0
        let ok = members { d, k in
            if d.equals(k, "id") {
                id = d.string()
                return !(id?.isEmpty ?? true) && Self.first(&seen, 1)
            }
            if d.equals(k, "entities") {
                guard Self.first(&seen, 2) else { return false }
                return d.elements { d in
                    guard let m = d.mention() else { return false }
                    mentions.append(m)
                    return true
                }
            }
            if d.equals(k, "quotes") {
                guard Self.first(&seen, 4) else { return false }
                return d.elements { d in
                    guard let q = d.quote() else { return false }
                    quotes.append(q)
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
