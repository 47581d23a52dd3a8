import AttestReports

/// Carries a document's annotations from the text they were made on to an
/// edited version of it (`attest realign`).
///
/// Each span goes where its first and last kept code points went. A span
/// that reads as before there (or, after trimming whitespace, right next to
/// there) is carried; one whose words were edited is kept at its new place
/// with its new text and reported; one whose text was deleted entirely is
/// removed and reported with its old text and context. Anything reported
/// sends the document back to draft. Nothing is dropped silently.
public struct Realignment: Sendable {
    /// A span that was not carried as it was.
    public struct Finding: Sendable, CustomStringConvertible {
        public enum Outcome: Sendable, Equatable {
            /// Kept at its new place, but its text reads differently.
            case changed(Excerpt)
            /// Its text was deleted: the annotation was removed.
            case lost
        }
        /// "mention m3", "content of quote q2".
        public var what: String
        public var old: Excerpt
        /// The old text around it: `…before[text]after…`.
        public var context: String
        public var outcome: Outcome
        /// What else went with it (a quote's speaker and cue, an entity with its last mention).
        public var consequences: [String]

        public var description: String {
            switch outcome {
            case .changed(let x):
                return
                    "\(what) \(Brief.quoted(old.text)) \(old.span) now reads \(Brief.quoted(x.text)) at \(x.span); check it: \(context)"
            case .lost:
                let more = consequences.isEmpty ? "" : " (" + consequences.joined(separator: "; ") + ")"
                return
                    "\(what) \(Brief.quoted(old.text)) \(old.span) was deleted from the text and removed\(more): \(context)"
            }
        }
    }

    /// The edits that carry the document across (apply them to the document).
    public var edits: [AnnotationEdit]
    /// Spans carried to the same text (moved or not).
    public var carried: Int
    public var findings: [Finding]

    public static func carry(
        _ document: AnnotationDocument, from old: ArticleText, to new: ArticleText, newSHA256: String
    ) -> Realignment {
        let alignment = TextAlignment(old: old, new: new)
        var carrier = Carrier(old: old, new: new, alignment: alignment)
        var quoteEdits: [AnnotationEdit] = []
        var mentionEdits: [AnnotationEdit] = []
        var entityEdits: [AnnotationEdit] = []

        for q in document.quotes {
            switch carrier.place(q.content, what: "content of quote \(q.id)") {
            case .same(let x):
                if x != q.content.span { quoteEdits.append(.setSpan(id: q.id, carrier.excerpt(x))) }
            case .changed(let x):
                quoteEdits.append(.setSpan(id: q.id, carrier.excerpt(x)))
            case .lost:
                quoteEdits.append(.removeQuote(q.id))
                var parts: [String] = ["the \(q.kind.rawValue) quote \(q.id) went with it"]
                if let s = q.speaker { parts.append("speaker \(Brief.quoted(s.text))") }
                if let c = q.cue { parts.append("cue \(Brief.quoted(c.text))") }
                carrier.findings[carrier.findings.count - 1].consequences = parts
                continue
            }
            for (role, excerpt) in [("speaker", q.speaker), ("cue", q.cue)] {
                guard let excerpt else { continue }
                let edit = { (x: Excerpt?) -> AnnotationEdit in
                    role == "speaker" ? .setSpeaker(quote: q.id, x) : .setCue(quote: q.id, x)
                }
                switch carrier.place(excerpt, what: "\(role) of quote \(q.id)") {
                case .same(let x): if x != excerpt.span { quoteEdits.append(edit(carrier.excerpt(x))) }
                case .changed(let x): quoteEdits.append(edit(carrier.excerpt(x)))
                case .lost: quoteEdits.append(edit(nil))
                }
            }
        }
        let removedQuotes = Set(quoteEdits.compactMap { if case .removeQuote(let id) = $0 { id } else { nil } })
        for entity in document.entities {
            var left = entity.mentions.count
            for m in entity.mentions {
                switch carrier.place(m.excerpt, what: "mention \(m.id) of \(entity.id) (\(entity.name))") {
                case .same(let x): if x != m.span { mentionEdits.append(.setSpan(id: m.id, carrier.excerpt(x))) }
                case .changed(let x): mentionEdits.append(.setSpan(id: m.id, carrier.excerpt(x)))
                case .lost:
                    mentionEdits.append(.removeMention(m.id))
                    left -= 1
                    if left == 0 {
                        var parts = ["entity \(entity.id) had no other mention and was removed"]
                        for q in document.quotes where q.speakerEntity == entity.id && !removedQuotes.contains(q.id) {
                            quoteEdits.append(.setSpeakerEntity(quote: q.id, entity: nil))
                            parts.append("quote \(q.id) is no longer attributed to it")
                        }
                        carrier.findings[carrier.findings.count - 1].consequences = parts
                        entityEdits.append(.removeEntity(entity.id))
                    }
                }
            }
        }
        var edits = quoteEdits + mentionEdits + entityEdits
        edits.append(.setArticle(sha256: newSHA256, length: new.count))
        if !carrier.findings.isEmpty, document.header.status != .draft { edits.append(.setStatus(.draft)) }
        return Realignment(edits: edits, carried: carrier.carried, findings: carrier.findings)
    }
}

/// Places spans in the new text and keeps the findings.
private struct Carrier {
    enum Placement {
        case same(Span)
        case changed(Span)
        case lost
    }

    let old: ArticleText
    let new: ArticleText
    let alignment: TextAlignment
    var findings: [Realignment.Finding] = []
    var carried = 0

    init(old: ArticleText, new: ArticleText, alignment: TextAlignment) {
        self.old = old
        self.new = new
        self.alignment = alignment
    }

    func excerpt(_ span: Span) -> Excerpt { Excerpt(span: span, text: new[span]) }

    mutating func place(_ x: Excerpt, what: String) -> Placement {
        let oldText = old.contains(x.span) ? old[x.span] : x.text
        guard let mapped = alignment.map(x.span) else {
            findings.append(.init(what: what, old: x, context: context(x.span), outcome: .lost, consequences: []))
            return .lost
        }
        if new[mapped] == oldText {
            carried += 1
            return .same(mapped)
        }
        // The same words next to where it landed (an edit at its edge) …
        if let near = nearby(oldText, around: mapped) {
            carried += 1
            return .same(near)
        }
        // … or where it landed, once whitespace at the edges is trimmed.
        let trimmed = trim(mapped)
        if !trimmed.isEmpty, new[trimmed] == oldText.trimmingWhitespace() {
            carried += 1
            return .same(trimmed)
        }
        let placed = trimmed.isEmpty ? mapped : trimmed
        findings.append(
            .init(what: what, old: x, context: context(x.span), outcome: .changed(excerpt(placed)), consequences: []))
        return .changed(placed)
    }

    /// The occurrence of `text` nearest to `span` that overlaps or touches it.
    private func nearby(_ text: String, around span: Span) -> Span? {
        let length = text.unicodeScalars.count
        let window = Span(max(0, span.start - length), min(new.count, span.end + length))
        var best: Span?
        var start = window.start
        while start + length <= window.end {
            let candidate = Span(start, start + length)
            if candidate.overlaps(span), new.matches(text, at: candidate) {
                if best == nil || abs(candidate.start - span.start) < abs(best!.start - span.start) { best = candidate }
            }
            start += 1
        }
        return best
    }

    private func trim(_ span: Span) -> Span {
        var s = span
        while s.start < s.end, new.scalar(at: s.start).properties.isWhitespace { s.start += 1 }
        while s.end > s.start, new.scalar(at: s.end - 1).properties.isWhitespace { s.end -= 1 }
        return s
    }

    private func context(_ span: Span, width: Int = 30) -> String {
        guard old.contains(span) else { return "" }
        let flat = { (t: String) in t.replacingOccurrences(of: "\n", with: "⏎") }
        let before = old[Span(max(0, span.start - width), span.start)]
        let after = old[Span(span.end, min(old.count, span.end + width))]
        return "…\(flat(before))[\(flat(old[span]))]\(flat(after))…"
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let scalars = Array(unicodeScalars)
        var a = 0
        var b = scalars.count
        while a < b, scalars[a].properties.isWhitespace { a += 1 }
        while b > a, scalars[b - 1].properties.isWhitespace { b -= 1 }
        return String(String.UnicodeScalarView(scalars[a..<b]))
    }
}
