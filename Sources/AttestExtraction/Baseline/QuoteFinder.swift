import AttestCorpus

/// Finds quotations: direct and mixed ones from paired quotation marks,
/// indirect ones from "X said (that) …" clauses, each attributed with the
/// cue-verb lexicon in both orders ("X said", "said X", "X told …",
/// "…, reported X"), a pronoun speaker resolved to the most recent PERSON.
struct QuoteFinder {
    let tokens: [Token]
    let scalars: [Unicode.Scalar]
    let mentions: [PredictedMention]

    init(article: ArticleText, tokens: [Token], mentions: [PredictedMention]) {
        self.tokens = tokens
        self.scalars = Array(article.string.unicodeScalars)
        self.mentions = mentions
    }

    struct Attribution {
        var speaker: Span
        var cue: Span
    }

    func text(_ s: Span) -> String { String(String.UnicodeScalarView(scalars[s.start..<s.end])) }

    /// Index of the first token starting at or after `offset`.
    func tokenIndex(atOrAfter offset: Int) -> Int {
        var lo = 0
        var hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].span.start < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Index of the last token ending at or before `offset`, or -1.
    func tokenIndex(endingBefore offset: Int) -> Int { tokenIndex(atOrAfter: offset) - 1 }

    func isSpeech(_ i: Int) -> Bool { i >= 0 && i < tokens.count && Lexicon.speechVerbs.contains(tokens[i].lower) }
    /// Whether `t` ends a sentence, or (looking forward) starts a new paragraph.
    func isSentenceEnd(_ t: Token) -> Bool { isStop(t) || t.startsParagraph }
    /// Sentence-ending punctuation.
    func isStop(_ t: Token) -> Bool { [".", "!", "?", ";"].contains(t.text) }
    func isQuoteMark(_ t: Token) -> Bool {
        t.kind == .punctuation
            && (QuotationMarks.opening.contains(t.text.unicodeScalars.first!)
                || QuotationMarks.closing.contains(t.text.unicodeScalars.first!) || t.text == "’" || t.text == "‘")
    }

    /// The span of tokens first...last with honorifics stripped from the front.
    func phrase(_ first: Int, _ last: Int) -> Span? {
        var a = first
        while a < last && Lexicon.honorifics.contains(tokens[a].text) && tokens[a + 1].isCapitalised { a += 1 }
        guard a <= last else { return nil }
        return Span(tokens[a].span.start, tokens[last].span.end)
    }

    /// The noun phrase after a verb: up to the next punctuation, at most 12 tokens.
    func phraseAfter(_ verb: Int) -> Span? {
        var k = verb + 1
        guard k < tokens.count, tokens[k].kind != .punctuation, !tokens[k].startsParagraph else { return nil }
        let first = k
        while k + 1 < tokens.count && tokens[k + 1].kind != .punctuation && !tokens[k + 1].startsParagraph
            && k - first < 11
        { k += 1 }
        // "said Ann Lee of Harbour Council": stop the phrase before "of"/"in"/"on" when it starts with a name.
        if tokens[first].isCapitalised {
            var e = first
            while e + 1 <= k
                && (tokens[e + 1].isCapitalised
                    || Lexicon.nameConnectors.contains(tokens[e + 1].text) && e + 2 <= k && tokens[e + 2].isCapitalised)
            { e += 1 }
            k = e
        } else if ["in", "on", "this", "yesterday", "today", "last", "after", "when", "while", "before"].contains(
            tokens[first].lower)
        {
            return nil  // "said in a statement", "said on Monday": no speaker follows
        }
        return phrase(first, k)
    }

    /// The subject before a verb: back to the sentence start, a comma or a quote mark; a parenthetical between commas is skipped.
    func subjectBefore(_ verb: Int) -> Span? {
        var end = verb - 1
        var guardCount = 0
        while end >= 0 && guardCount < 3 {
            guardCount += 1
            guard !isStop(tokens[end]), !isQuoteMark(tokens[end]) else { return nil }
            var start = end
            while start - 1 >= 0 && tokens[start - 1].kind != .punctuation && !tokens[start].startsParagraph
                && end - start < 14
            { start -= 1 }
            if tokens[end].text == "," || tokens[end].text == ")" {
                // "Commander Alexis Boon, from the Met, said": skip the parenthetical.
                var k = end - 1
                while k >= 0 && tokens[k].text != "," && tokens[k].text != "(" && !isStop(tokens[k])
                    && !isQuoteMark(tokens[k]) && !tokens[k].startsParagraph
                { k -= 1 }
                guard k >= 0, tokens[k].text == "," || tokens[k].text == "(" else { return nil }
                end = k - 1
                continue
            }
            let first = tokens[start].lower
            if ["from", "of", "who", "which", "speaking", "according"].contains(first) { return nil }
            return phrase(start, end)
        }
        return nil
    }

    /// Attribution after a closing mark: "…,” said X" or "…,” X said".
    func attributionAfter(_ close: Int) -> Attribution? {
        var k = tokenIndex(atOrAfter: close + 1)
        guard k < tokens.count, !tokens[k].startsParagraph else { return nil }
        if tokens[k].text == "," { k += 1 }
        guard k < tokens.count, !tokens[k].startsParagraph else { return nil }
        if isSpeech(k), let s = phraseAfter(k) { return Attribution(speaker: s, cue: tokens[k].span) }
        // X said: up to 12 tokens, no punctuation, then a speech verb.
        var v = k
        while v < tokens.count && v - k < 12 && tokens[v].kind != .punctuation && !isSpeech(v) { v += 1 }
        if v > k, isSpeech(v), let s = phrase(k, v - 1) { return Attribution(speaker: s, cue: tokens[v].span) }
        return nil
    }

    /// Attribution before an opening mark in the same sentence: "X said: “…" or "X claimed the shooting was “…”".
    func attributionBefore(_ open: Int) -> Attribution? {
        var k = tokenIndex(endingBefore: open + 1) - 1
        if k >= 0 && tokens[k].span.start == open { k -= 1 }
        var steps = 0
        while k >= 0 && steps < 30 {
            let t = tokens[k]
            if isSentenceEnd(t) && t.text != ":" { return nil }
            if t.startsParagraph && !isSpeech(k) { return nil }
            if isSpeech(k) {
                // "branded “very racist” by his parents" is handled by the caller.
                if let s = subjectBefore(k) { return Attribution(speaker: s, cue: t.span) }
                if let s = phraseAfter(k), tokens[k + 1].text != ":" { return Attribution(speaker: s, cue: t.span) }
                return nil
            }
            if isQuoteMark(t) { return nil }
            k -= 1
            steps += 1
        }
        return nil
    }

    /// "“…” by his parents" after a passive speech verb before the quote.
    func passiveAgent(after close: Int, verbBefore open: Int) -> Attribution? {
        let k = tokenIndex(atOrAfter: close + 1)
        guard k + 1 < tokens.count, tokens[k].lower == "by" else { return nil }
        var v = tokenIndex(endingBefore: open + 1)
        if v >= 0 && tokens[v].span.start == open { v -= 1 }
        while v >= 0 && !isSpeech(v) && !isSentenceEnd(tokens[v]) { v -= 1 }
        guard v >= 0, isSpeech(v), let s = phraseAfter(k) else { return nil }
        return Attribution(speaker: s, cue: tokens[v].span)
    }

    func quotes() -> [PredictedQuote] {
        let marked = QuotationMarkPairs.find(in: scalars)
        var out: [PredictedQuote] = []
        var previous: (quote: PredictedQuote, paragraphEnd: Int)?
        for m in marked {
            let words = tokens[tokenIndex(atOrAfter: m.content.start)..<tokenIndex(atOrAfter: m.content.end)].filter {
                $0.kind != .punctuation
            }.count
            let lastScalar = scalars[m.content.end - 1]
            let ends = [".", ",", "?", "!", "…"].contains(String(lastScalar))
            let openToken = tokenIndex(atOrAfter: m.open)
            let afterColon = openToken > 0 && tokens[openToken - 1].text == ":"
            let opensParagraph = openToken < tokens.count && tokens[openToken].startsParagraph
            var attribution = m.close.flatMap { attributionAfter($0) }
            if m.depth > 0 {
                // A quotation inside a quotation counts only right after a speech verb: "asking ‘why …?’".
                guard openToken > 0, isSpeech(openToken - 1) else { continue }
                let cue = openToken - 1
                let speaker = subjectBefore(cue) ?? (cue > 0 ? phrase(max(0, cue - 2), cue - 1) : nil)
                out.append(
                    PredictedQuote(
                        content: PredictedSpan(m.content, text: text(m.content)), kind: .direct,
                        speaker: speaker.map { PredictedSpan($0, text: text($0)) },
                        cue: PredictedSpan(tokens[cue].span, text: tokens[cue].text)))
                continue
            }
            let direct =
                afterColon || opensParagraph || (ends && words >= 4) || attribution != nil && words >= 4 || words >= 9
            if attribution == nil { attribution = attributionBefore(m.open) }
            if attribution == nil, let close = m.close { attribution = passiveAgent(after: close, verbBefore: m.open) }
            var quote = PredictedQuote(
                content: PredictedSpan(m.content, text: text(m.content)), kind: direct ? .direct : .mixed)
            if let a = attribution {
                quote.speaker = PredictedSpan(a.speaker, text: text(a.speaker))
                quote.cue = PredictedSpan(a.cue, text: text(a.cue))
            } else if direct, let prev = previous, prev.quote.kind == .direct,
                opensParagraph ? m.open - prev.paragraphEnd <= 2 : m.open < prev.paragraphEnd
            {
                // A quotation that continues the previous speaker's: the next
                // paragraph, or the rest of a quotation an attribution interrupted.
                quote.speaker = prev.quote.speaker
                quote.cue = prev.quote.cue
            }
            quote.speakerEntity = quote.speaker.flatMap { entityName(for: $0.span) }
            out.append(quote)
            var end = m.content.end
            while end < scalars.count && scalars[end] != "\n" { end += 1 }
            previous = (quote, end)
        }
        return out + indirectQuotes(excluding: marked)
    }

    /// The name of the entity a speaker refers to: a mention it overlaps, or for a pronoun the most recent PERSON.
    func entityName(for span: Span) -> String? {
        if let m = mentions.first(where: { $0.span.overlaps(span) }) { return m.text }
        let word = text(span).lowercased()
        if Lexicon.pronouns.contains(word) && word != "it" && word != "we" && word != "i" {
            return mentions.last(where: { $0.type == .person && $0.span.end <= span.start })?.text
        }
        return nil
    }

    /// "CLAUSE, reported X." / "CLAUSE, X reported." first, then "X said (that)
    /// CLAUSE." and "reported by X that CLAUSE." for the verbs left.
    func indirectQuotes(excluding marked: [MarkedQuote]) -> [PredictedQuote] {
        func inMarks(_ offset: Int) -> Bool {
            marked.contains { $0.depth == 0 && $0.open <= offset && offset <= ($0.close ?? $0.content.end) }
        }
        func make(_ clause: Span, _ speaker: Span, _ verb: Int) -> PredictedQuote {
            PredictedQuote(
                content: PredictedSpan(clause, text: text(clause)), kind: .indirect,
                speaker: PredictedSpan(speaker, text: text(speaker)),
                speakerEntity: entityName(for: speaker), cue: PredictedSpan(tokens[verb].span, text: tokens[verb].text))
        }
        var out: [PredictedQuote] = []
        var claimed: [Span] = []
        let verbs = tokens.indices.filter { Lexicon.reportingVerbs.contains(tokens[$0].lower) && $0 + 1 < tokens.count }
        // Pattern B: the clause comes first and the attribution closes the sentence.
        for v in verbs where v >= 2 {
            var comma: Int
            var speaker: Span?
            var end: Int
            if tokens[v - 1].text == "," {
                comma = v - 1
                speaker = phraseAfter(v)
                guard let sp = speaker else { continue }
                end = tokenIndex(atOrAfter: sp.end)
                guard end - v <= 6 else { continue }
            } else {
                var k = v - 1
                while k >= 0 && tokens[k].kind != .punctuation && v - k < 6 { k -= 1 }
                guard k >= 0, tokens[k].text == ",", k < v - 1 else { continue }
                comma = k
                speaker = phrase(k + 1, v - 1)
                end = v + 1
            }
            guard let speaker, end < tokens.count ? isSentenceEnd(tokens[end]) : true else { continue }
            var s = comma - 1
            while s - 1 >= 0 && !isStop(tokens[s - 1]) && !tokens[s].startsParagraph && !isQuoteMark(tokens[s - 1]) {
                s -= 1
            }
            guard s < comma, !isQuoteMark(tokens[comma - 1]) else { continue }
            let clause = Span(tokens[s].span.start, tokens[comma - 1].span.end)
            if marked.contains(where: { $0.content.overlaps(clause) }) { continue }
            guard tokens[s...(comma - 1)].filter({ $0.kind != .punctuation }).count >= 4 else { continue }
            out.append(make(clause, speaker, v))
            claimed.append(Span(tokens[s].span.start, tokens[min(end, tokens.count - 1)].span.end))
        }
        // Pattern A: subject, verb, [object of "told"], ["that"], clause to the sentence end.
        for v in verbs where !claimed.contains(where: { $0.contains(tokens[v].span) }) {
            let next = tokens[v + 1]
            if next.text == ":" || next.text == "," || isQuoteMark(next) { continue }
            var c = v + 1
            var subject: Span?
            if next.lower == "by" {
                // "reported by The Telegraph that …"
                var k = v + 2
                while k < tokens.count && tokens[k].lower != "that" && tokens[k].kind != .punctuation && k - v < 8 {
                    k += 1
                }
                guard k < tokens.count, tokens[k].lower == "that", k > v + 2 else { continue }
                var first = v + 2
                if tokens[first].lower == "the" && first + 1 < k { first += 1 }
                subject = phrase(first, k - 1)
                c = k + 1
            } else {
                subject = subjectBefore(v)
                if tokens[v].lower == "told" {
                    while c < tokens.count && tokens[c].lower != "that" && tokens[c].kind != .punctuation && c - v < 8 {
                        c += 1
                    }
                    guard c < tokens.count, tokens[c].lower == "that" else { continue }
                }
                if c < tokens.count && tokens[c].lower == "that" { c += 1 }
            }
            guard let subject, c < tokens.count, tokens[c].kind != .punctuation else { continue }
            // An infinitive or a passive is no content clause: "reported to have …", "claimed by …".
            if ["to", "by", "for", "on", "of", "in", "at", "with", "about"].contains(tokens[c].lower) { continue }
            var e = c
            // The clause ends at the sentence end, a quotation mark or a dash that opens an aside.
            while e + 1 < tokens.count && !isSentenceEnd(tokens[e + 1]) && !isQuoteMark(tokens[e + 1])
                && !["—", "–"].contains(tokens[e + 1].text)
            { e += 1 }
            // A clause that runs into a quotation is the lead-in of a mixed quote: "claimed the shooting was “…”".
            if e + 1 < tokens.count, isQuoteMark(tokens[e + 1]), !inMarks(tokens[v].span.start) { continue }
            while e > c && tokens[e].kind == .punctuation { e -= 1 }
            let clause = Span(tokens[c].span.start, tokens[e].span.end)
            guard tokens[c...e].filter({ $0.kind != .punctuation }).count >= 3 else { continue }
            // Inside quotation marks only when the whole clause is.
            if inMarks(tokens[v].span.start) != inMarks(clause.end - 1) { continue }
            if marked.contains(where: { $0.content.overlaps(clause) && !$0.content.contains(clause) }) { continue }
            out.append(make(clause, subject, v))
        }
        return out
    }
}
