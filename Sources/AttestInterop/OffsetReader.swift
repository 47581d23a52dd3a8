import AttestAgreement

/// Reads the offsets another tool wrote. Attest counts code points; tools in
/// JavaScript (Label Studio, some brat setups) count UTF-16 units, which
/// differ after any astral-plane character such as an emoji. Where the file
/// gives the covered text, the reader checks it in code points first, then
/// in UTF-16 units, and converts (and reports) when only the latter fits.
struct OffsetReader {
    let article: ArticleText
    /// Code point index of each UTF-16 unit boundary (nil inside a surrogate pair).
    private let codePointAtUnit: [Int?]
    /// How many spans were converted from UTF-16 units.
    private(set) var converted = 0

    init(text: String) {
        article = ArticleText(text)
        var map: [Int?] = []
        map.reserveCapacity(text.utf16.count + 1)
        var cp = 0
        for scalar in text.unicodeScalars {
            map.append(cp)
            if scalar.utf16.count == 2 { map.append(nil) }
            cp += 1
        }
        map.append(cp)
        codePointAtUnit = map
    }

    /// Whether UTF-16 units and code points differ anywhere in this text.
    var hasAstral: Bool { codePointAtUnit.count - 1 != article.count }

    /// The span in code points, or an error message. `covered`: the text the
    /// file says the span covers, when it says.
    mutating func span(_ start: Int, _ end: Int, covered: String?) -> SpanReading {
        let asCodePoints = Span(start, end)
        let fitsCodePoints = start >= 0 && start < end && end <= article.count
        if let covered {
            if fitsCodePoints, Self.same(article[asCodePoints], covered) { return .success(asCodePoints) }
            if let s = unitSpan(start, end), Self.same(article[s], covered) {
                converted += 1
                return .success(s)
            }
            let actual = fitsCodePoints ? Brief.quoted(article[asCodePoints], limit: 40) : "nothing (out of range)"
            return .failure(
                "[\(start),\(end)) should cover \(Brief.quoted(covered, limit: 40)) but covers \(actual) in code points, and does not in UTF-16 units either"
            )
        }
        guard fitsCodePoints else {
            return .failure("[\(start),\(end)) is not a span of the \(article.count)-code-point text")
        }
        return .success(asCodePoints)
    }

    /// The fragments of a brat span (one, or several when discontinuous), in code points. `covered`:
    /// the text the file gives, the fragments' texts joined by a space.
    mutating func spans(_ offsets: [(Int, Int)], covered: String?) -> SpansReading {
        if offsets.count == 1 {
            switch span(offsets[0].0, offsets[0].1, covered: covered) {
            case .success(let s): return .success([s])
            case .failure(let why): return .failure(why)
            }
        }
        let shown = offsets.map { "\($0.0) \($0.1)" }.joined(separator: ";")
        let asCodePoints = offsets.map { Span($0.0, $0.1) }
        let article = self.article
        func fits(_ spans: [Span]) -> Bool {
            spans.allSatisfy { $0.start >= 0 && $0.start < $0.end && $0.end <= article.count }
        }
        func joined(_ spans: [Span]) -> String { spans.map { article[$0] }.joined(separator: " ") }
        if fits(asCodePoints), covered.map({ Self.same(joined(asCodePoints), $0) }) ?? true {
            return .success(asCodePoints)
        }
        if let covered {
            let units = offsets.compactMap { unitSpan($0.0, $0.1) }
            if units.count == offsets.count, Self.same(joined(units), covered) {
                converted += 1
                return .success(units)
            }
            return .failure(
                "[\(shown)] should cover \(Brief.quoted(covered, limit: 40)) but does not, in code points or UTF-16 units"
            )
        }
        return .failure("[\(shown)] is not a span of the \(article.count)-code-point text")
    }

    /// brat writes a line break inside a span's text as a space.
    static func same(_ actual: String, _ covered: String) -> Bool {
        actual == covered || actual.replacingOccurrences(of: "\n", with: " ") == covered
    }

    private func unitSpan(_ start: Int, _ end: Int) -> Span? {
        guard start >= 0, start < end, end < codePointAtUnit.count, let s = codePointAtUnit[start],
            let e = codePointAtUnit[end]
        else { return nil }
        return Span(s, e)
    }

    /// The UTF-16 offset of a code point offset (for writing formats that count units).
    func unit(_ codePoint: Int) -> Int {
        // Binary search over the monotone map (nil entries skipped by stepping back).
        var lo = 0
        var hi = codePointAtUnit.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            let value = codePointAtUnit[mid] ?? codePointAtUnit[mid - 1]!
            if value < codePoint { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The note for the import report, when spans were converted.
    func note(_ file: String) -> [String] {
        converted == 0
            ? []
            : ["\(file): \(converted) span(s) counted UTF-16 units, not code points; converted to code points"]
    }
}

/// The fragments of a span read from another tool's file, or why they cannot be.
enum SpansReading {
    case success([Span])
    case failure(String)
}

/// A span read from another tool's file, or why it cannot be.
enum SpanReading {
    case success(Span)
    case failure(String)
}
