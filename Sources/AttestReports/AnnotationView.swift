import AttestScoring

/// Renders an article with every annotation marked, for `attest show`:
/// mentions as `[text|TYPE e1]`, quote contents as `⟦text|q1 direct⟧`,
/// speakers as `{text|speaker q1}` and cues as `<text|cue q1>`; with colours
/// on a terminal. After the text, the entities and the quotes in full.
public struct AnnotationView: Sendable {
    public var document: AnnotationDocument
    public var article: ArticleText
    public var colors: Bool

    public init(document: AnnotationDocument, article: ArticleText, colors: Bool) {
        self.document = document
        self.article = article
        self.colors = colors
    }

    private struct Mark {
        var span: Span
        var open: String
        var close: String
        var color: String
        var rank: Int  // among equal spans, lower ranks enclose higher ones
    }

    private static let reset = "\u{1B}[0m"

    private func typeColor(_ type: EntityType) -> String {
        switch type.name {
        case "PERSON": return "\u{1B}[1;34m"
        case "ORG": return "\u{1B}[1;32m"
        case "LOC": return "\u{1B}[1;33m"
        default: return "\u{1B}[1;36m"
        }
    }

    public func render() -> String {
        var marks: [Mark] = []
        for q in document.quotes {
            marks.append(
                Mark(
                    span: q.content.span, open: "⟦", close: "|\(q.id) \(q.kind.rawValue)⟧", color: "\u{1B}[35m", rank: 0
                ))
            if let s = q.speaker {
                marks.append(Mark(span: s.span, open: "{", close: "|speaker \(q.id)}", color: "\u{1B}[4m", rank: 1))
            }
            if let c = q.cue {
                marks.append(Mark(span: c.span, open: "<", close: "|cue \(q.id)>", color: "\u{1B}[1;31m", rank: 2))
            }
        }
        for e in document.entities {
            for m in e.mentions {
                marks.append(
                    Mark(span: m.span, open: "[", close: "|\(e.type) \(e.id)]", color: typeColor(e.type), rank: 3))
            }
        }
        marks = marks.filter { article.contains($0.span) && !$0.span.isEmpty }
        // Opening order: by start, longer first, then rank. Closing is the reverse nesting.
        let opens = marks.indices.sorted {
            let a = marks[$0]
            let b = marks[$1]
            return (a.span.start, -a.span.end, a.rank) < (b.span.start, -b.span.end, b.rank)
        }
        var events: [Int: (opens: [Int], closes: [Int])] = [:]
        for i in opens { events[marks[i].span.start, default: ([], [])].opens.append(i) }
        for i in opens.reversed() { events[marks[i].span.end, default: ([], [])].closes.append(i) }
        var out = ""
        var stack: [Int] = []
        let scalars = Array(article.string.unicodeScalars)
        for offset in 0...scalars.count {
            if let ev = events[offset] {
                for i in ev.closes {
                    out += colors ? marks[i].color + marks[i].close + Self.reset : marks[i].close
                    stack.removeAll { $0 == i }
                    if colors, let top = stack.last { out += marks[top].color }
                }
                for i in ev.opens {
                    out += colors ? marks[i].color + marks[i].open : marks[i].open
                    stack.append(i)
                }
            }
            if offset < scalars.count { out.unicodeScalars.append(scalars[offset]) }
        }
        if colors { out += Self.reset }
        if !out.hasSuffix("\n") { out += "\n" }
        return out + summary()
    }

    /// Entities and quotes, one per line.
    public func summary() -> String {
        var out = "\n\(document.id): \(document.header.status.rawValue), \(document.entities.count) entities, "
        out += "\(document.entities.reduce(0) { $0 + $1.mentions.count }) mentions, \(document.quotes.count) quotes\n"
        for e in document.entities {
            let texts = e.mentions.map { "\($0.text)\($0.span)" }.joined(separator: ", ")
            out += "  \(e.id) \(e.type) \(Brief.quoted(e.name, limit: 40)): \(texts)\n"
        }
        for q in document.quotes {
            var line = "  \(q.id) \(q.kind.rawValue) \(q.content.span) \(Brief.quoted(q.content.text, limit: 50))"
            if let s = q.speaker {
                line += " — speaker \(Brief.quoted(s.text, limit: 40))\(s.span)"
            } else {
                line += " — no speaker"
            }
            if let id = q.speakerEntity { line += " → \(id) (\(document.entity(withID: id)?.name ?? "?"))" }
            if let c = q.cue { line += ", cue \(Brief.quoted(c.text))\(c.span)" }
            out += line + "\n"
        }
        return out
    }
}
