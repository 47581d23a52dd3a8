import AttestCorpus

/// Spots offsets counted in the wrong units when an extractor gives no
/// `text` to check them by: UTF-8 bytes (Python on encoded bytes, Rust, Go)
/// or UTF-16 units (JavaScript, Java, C#) instead of code points. After the
/// first non-ASCII character the counts part; names and quotations begin and
/// end at word boundaries, so spans that cut words as code points but fall
/// on word boundaries in the other units give the mistake away.
public enum OffsetUnitsCheck {
    /// Units an extractor may have counted in by mistake.
    public enum Units: String, Sendable {
        case utf8 = "UTF-8 bytes"
        case utf16 = "UTF-16 units"
    }

    /// What the check found in one document.
    public struct Suspicion: Sendable {
        public var units: Units
        /// Spans without `text` whose position differs between the two counts.
        public var considered: Int
        /// Of those, how many start and end at word boundaries in each count.
        public var cleanAsCodePoints: Int
        public var cleanInUnits: Int
        /// One span, its field, and where it lies in code points under the other units.
        public var example: (field: PredictionField, span: Span, corrected: Span)
    }

    /// A suspicion when most spans without text fit word boundaries in
    /// another count and at most half do in code points; nil otherwise.
    public static func suspect(_ prediction: PredictionDocument, article: ArticleText) -> Suspicion? {
        guard article.utf8.count != article.count else { return nil }  // ASCII: every count agrees
        // Only spans without text are judged: when every span has its text, there is nothing to do
        // (and no need to decode the article, which was this check's whole cost on such files).
        var withoutText = false
        prediction.forEachSpan { _, _, text in withoutText = withoutText || text == nil }
        guard withoutText else { return nil }
        let scalars = Array(article.string.unicodeScalars)
        func isWord(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || s.properties.numericType != nil }
        func boundary(_ i: Int) -> Bool {
            i == 0 || i == scalars.count || !(isWord(scalars[i - 1]) && isWord(scalars[i]))
        }
        func clean(_ s: Span) -> Bool {
            s.start < s.end && s.end <= scalars.count && boundary(s.start) && boundary(s.end)
        }
        // UTF-16 offsets of each code point, when any lies outside the BMP.
        var utf16: [Int] = []
        if scalars.contains(where: { $0.value > 0xFFFF }) {
            var unit = 0
            for s in scalars {
                utf16.append(unit)
                unit += s.value > 0xFFFF ? 2 : 1
            }
            utf16.append(unit)
        }
        func fromUTF16(_ offset: Int) -> Int? {
            var lo = 0
            var hi = utf16.count - 1
            while lo <= hi {
                let mid = (lo + hi) / 2
                if utf16[mid] == offset { return mid }
                if utf16[mid] < offset { lo = mid + 1 } else { hi = mid - 1 }
            }
            return nil
        }
        var best: Suspicion?
        for units in [Units.utf8, .utf16] {
            if units == .utf16 && utf16.isEmpty { continue }
            var considered = 0
            var cleanCP = 0
            var cleanUnits = 0
            var example: (PredictionField, Span, Span)?
            prediction.forEachSpan { field, span, text in
                guard text == nil else { return }
                let corrected: Span?
                switch units {
                case .utf8:
                    corrected = article.scalarOffset(ofByte: span.start).flatMap { s in
                        article.scalarOffset(ofByte: span.end).map { Span(s, $0) }
                    }
                case .utf16:
                    corrected = fromUTF16(span.start).flatMap { s in fromUTF16(span.end).map { Span(s, $0) } }
                }
                guard corrected != span else { return }  // both counts agree here
                considered += 1
                if clean(span) { cleanCP += 1 }
                if let corrected, clean(corrected) {
                    cleanUnits += 1
                    if example == nil { example = (field, span, corrected) }
                }
            }
            guard considered > 0, let example, Double(cleanUnits) >= 0.8 * Double(considered),
                Double(cleanCP) <= 0.5 * Double(considered)
            else { continue }
            let s = Suspicion(
                units: units, considered: considered, cleanAsCodePoints: cleanCP, cleanInUnits: cleanUnits,
                example: example)
            if best == nil || s.cleanInUnits > best!.cleanInUnits { best = s }
        }
        return best
    }
}
