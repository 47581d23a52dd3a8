import AttestScoring

/// `--errors`: per document, every missed, spurious, boundary and type
/// error and every wrong speaker, with context and offsets.
public enum ErrorListing {
    public static func render(_ card: Scorecard) -> String {
        var out = ""
        // The kind column is as wide as its longest entry, plus two spaces.
        let width = card.documents.flatMap { $0.errors.map(\.kind.rawValue.count) }.max() ?? 0
        for d in card.documents where !d.errors.isEmpty {
            out += "\n\(d.id): \(d.errors.count) error(s)\n"
            for e in d.errors { out += "  " + line(e, kindWidth: width) + "\n" }
        }
        return out.isEmpty ? "\nNo errors.\n" : out
    }

    static func line(_ e: ScoreError, kindWidth: Int) -> String {
        func side(_ label: String, _ span: Span?, _ type: String?, _ text: String?) -> String {
            guard let span else { return "\(label) none" }
            return "\(label) \(type.map { $0 + " " } ?? "")\(span) \(Brief.quoted(text ?? "", limit: 50))"
        }
        let kind = e.kind.rawValue.padding(toLength: kindWidth + 2, withPad: " ", startingAt: 0)
        var parts: [String] = []
        switch e.kind {
        case .missed, .missedQuote: parts.append(side("gold", e.gold, e.goldType, e.goldText))
        case .spurious, .spuriousQuote: parts.append(side("predicted", e.predicted, e.predictedType, e.predictedText))
        default:
            parts.append(side("gold", e.gold, e.goldType, e.goldText))
            parts.append(side("predicted", e.predicted, e.predictedType, e.predictedText))
        }
        let focus = e.focus.count > 80 ? String(e.focus.prefix(38)) + " … " + String(e.focus.suffix(38)) : e.focus
        let context = e.focus.isEmpty ? "" : "  …\(flat(e.before))⟦\(flat(focus))⟧\(flat(e.after))…"
        return kind + parts.joined(separator: " / ") + context
    }

    private static func flat(_ s: String) -> String {
        s.replacingOccurrences(of: "\n", with: "⏎").replacingOccurrences(of: "\t", with: " ")
    }
}
