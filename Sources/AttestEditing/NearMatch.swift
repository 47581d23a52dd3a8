import AttestReports
import Foundation

/// Finds where a text that does not occur exactly nearly does: ignoring
/// case, apostrophe and quotation-mark style, dash style, Unicode
/// normalisation (NFC/NFD) and the kind of whitespace — so that a miss can
/// say "did you mean".
public enum NearMatch {
    /// Spans of the article that read as `text` once both are folded, in text order.
    public static func spans(of text: String, in article: ArticleText, limit: Int = 10) -> [Span] {
        let needle = text.map(fold)
        guard !needle.isEmpty else { return [] }
        var folded: [String] = []
        var starts: [Int] = []
        var offset = 0
        for ch in article.string {
            folded.append(fold(ch))
            starts.append(offset)
            offset += ch.unicodeScalars.count
        }
        starts.append(offset)
        var out: [Span] = []
        var i = 0
        while i + needle.count <= folded.count, out.count < limit {
            if folded[i] == needle[0], Array(folded[i..<(i + needle.count)]) == needle {
                out.append(Span(starts[i], starts[i + needle.count]))
                i += needle.count
            } else {
                i += 1
            }
        }
        return out
    }

    /// One character, folded: NFC, lower case, one apostrophe, one quotation
    /// mark, one dash, one space.
    static func fold(_ ch: Character) -> String {
        if ch.isWhitespace { return " " }
        let s = String(ch).precomposedStringWithCanonicalMapping.lowercased()
        switch s {
        case "\u{2019}", "\u{2018}", "\u{201B}", "`", "\u{00B4}", "\u{2032}", "\u{02BC}": return "'"
        case "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{00AB}", "\u{00BB}", "\u{2033}": return "\""
        case "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}": return "-"
        default: return s
        }
    }
}
