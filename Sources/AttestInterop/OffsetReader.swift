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

/// A span read from another tool's file, or why it cannot be.
enum SpanReading {
    case success(Span)
    case failure(String)
}
