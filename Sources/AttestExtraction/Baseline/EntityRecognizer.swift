import AttestCorpus

/// Finds named mentions: sequences of capitalised words (with connectors
/// such as "of" inside), classified by cues — honorifics and given names for
/// PERSON, organisational heads and acronyms for ORG, place heads, compass
/// words and place prepositions for LOC — and by what the document already
/// said about the same name.
struct EntityRecognizer {
    let tokens: [Token]

    struct Candidate {
        var first: Int  // token index
        var last: Int
        /// The type and whether a strong cue (not a default) gave it.
        var type: (type: EntityType, strong: Bool)?
    }

    func mentions() -> [PredictedMention] {
        let lowerElsewhere = Set(tokens.filter { $0.kind == .word && !$0.isCapitalised }.map(\.text))
        let capitalisedMidSentence = Set(tokens.filter { $0.isCapitalised && !$0.startsSentence }.map(\.text))
        var candidates: [Candidate] = []
        var i = 0
        while i < tokens.count {
            guard isNameWord(i) else {
                i += 1
                continue
            }
            // Skip honorifics and a leading "The".
            if Lexicon.honorifics.contains(tokens[i].text) && i + 1 < tokens.count && isNameWord(i + 1)
                && !tokens[i].isAcronym
            {
                i += 1
                continue
            }
            var j = i
            while true {
                if j + 1 < tokens.count, isNameWord(j + 1), !tokens[j + 1].startsParagraph, adjacent(j, j + 1) {
                    j += 1
                    continue
                }
                // A connector inside a name after a head word: "Office for Police Conduct",
                // "Houses of Parliament" (but "Tom Hale of Eastbridge Council" is two names).
                if j + 2 < tokens.count, Lexicon.nameConnectors.contains(tokens[j + 1].text), isNameWord(j + 2),
                    tokens[j + 2].isCapitalised,
                    !Lexicon.functionWords.contains(tokens[j + 2].lower),
                    Lexicon.organisationHeads.contains(tokens[j].text) || Lexicon.placeHeads.contains(tokens[j].text)
                {
                    j += 2
                    continue
                }
                break
            }
            var c = Candidate(first: i, last: j)
            // A sentence-initial common word is no name: "While", "Firearms officers".
            if tokens[i].startsSentence && !tokens[i].isAcronym {
                let word = tokens[i]
                let common =
                    Lexicon.functionWords.contains(word.lower) || lowerElsewhere.contains(word.lower)
                    || (c.first == c.last && !capitalisedMidSentence.contains(word.text)
                        && !Lexicon.givenNames.contains(word.text))
                if common {
                    if c.first == c.last {
                        i = j + 1
                        continue
                    }
                    c.first += 1
                    if tokens[c.first].kind != .word || !tokens[c.first].isCapitalised {
                        i = j + 1
                        continue
                    }
                }
            }
            if Lexicon.functionWords.contains(tokens[c.first].lower) && !tokens[c.first].isAcronym {
                if c.first == c.last {
                    i = j + 1
                    continue
                }
                c.first += 1
            }
            // Drop a trailing connector left alone.
            while c.last > c.first && Lexicon.nameConnectors.contains(tokens[c.last].text) { c.last -= 1 }
            c.type = classify(c)
            candidates.append(c)
            i = j + 1
        }
        // A strong cue settles a name for the whole document, and a full name
        // lends its type to its parts ("Chris Kaba" then "Kaba").
        var known: [String: EntityType] = [:]
        for c in candidates {
            guard let (t, strong) = c.type, strong || c.last > c.first else { continue }
            if strong || known[text(c)] == nil { known[text(c)] = t }
            if c.last > c.first {
                for k in c.first...c.last
                where tokens[k].isCapitalised && !Lexicon.nameConnectors.contains(tokens[k].text) {
                    if known[tokens[k].text] == nil || t == .person { known[tokens[k].text] = t }
                }
            }
        }
        var out: [PredictedMention] = []
        for c in candidates {
            let strongType = c.type.flatMap { $0.strong ? $0.type : nil }
            // A name with no cue at all is most often an organisation's ("the Met", "Sun").
            let type = strongType ?? known[text(c)] ?? c.type?.type ?? .organization
            let span = Span(tokens[c.first].span.start, tokens[c.last].span.end)
            out.append(PredictedMention(span: span, type: type, text: text(c)))
        }
        return out
    }

    /// A capitalised word ("NX121" is one word; a bare number such as "67" is none).
    func isNameWord(_ i: Int) -> Bool { tokens[i].isCapitalised }

    /// Whether two tokens are separated by one blank at most (no punctuation).
    func adjacent(_ a: Int, _ b: Int) -> Bool { tokens[b].span.start - tokens[a].span.end <= 1 }

    func text(_ c: Candidate) -> String {
        tokens[c.first...c.last].enumerated().map { k, t in
            k == 0
                ? t.text
                : (adjacent(c.first + k - 1, c.first + k)
                    && tokens[c.first + k].span.start == tokens[c.first + k - 1].span.end ? t.text : " " + t.text)
        }.joined()
    }

    func classify(_ c: Candidate) -> (type: EntityType, strong: Bool)? {
        let words = tokens[c.first...c.last].map(\.text)
        let before = c.first > 0 ? tokens[c.first - 1] : nil
        let before2 = c.first > 1 ? tokens[c.first - 2] : nil
        // "known as X", "named as X": a person's other name.
        if let before, ["as", "named"].contains(before.lower), let before2,
            ["known", "named", "nicknamed", "dubbed"].contains(before2.lower)
        {
            return (.person, true)
        }
        // The last head word decides: "New Park Road Baptist Church" is an ORG.
        for w in words.reversed() {
            if Lexicon.organisationHeads.contains(w) { return (.organization, true) }
            if Lexicon.placeHeads.contains(w) { return (.location, true) }
        }
        if let before, Lexicon.honorifics.contains(before.text) { return (.person, true) }
        if Lexicon.givenNames.contains(words[0]) && words.count >= 2 { return (.person, true) }
        if tokens[c.first].isAcronym { return (.organization, words.count == 1) }
        if let before, Lexicon.compass.contains(before.lower) { return (.location, true) }
        if let before, Lexicon.placePrepositions.contains(before.lower) { return (.location, true) }
        // "in England and Wales": a place joined to a place.
        if let before, before.text == "and", let before2, before2.isCapitalised,
            let p = c.first > 2 ? tokens[c.first - 3] : nil,
            Lexicon.placePrepositions.contains(p.lower)
        {
            return (.location, true)
        }
        // A name followed by ", who" is a person's.
        if c.last + 2 < tokens.count, tokens[c.last + 1].text == ",", tokens[c.last + 2].lower == "who" {
            return (.person, true)
        }
        // An expansion followed by its acronym in brackets: "Independent Office … (IOPC)".
        if c.last + 3 < tokens.count, tokens[c.last + 1].text == "(", tokens[c.last + 2].isAcronym,
            tokens[c.last + 3].text == ")", words.count >= 2
        {
            return (.organization, true)
        }
        // Two or three capitalised words with no other cue: most often a person.
        if words.count >= 2 && words.count <= 3 && !words.contains(where: { Lexicon.nameConnectors.contains($0) }) {
            return (.person, false)
        }
        return nil
    }

}
