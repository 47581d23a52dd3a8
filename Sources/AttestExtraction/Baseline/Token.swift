import AttestCorpus

/// A word or punctuation mark of an article, with its code-point span.
struct Token: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case word
        case number
        case punctuation
    }

    var text: String
    var span: Span
    var kind: Kind
    /// Whether a blank line (a paragraph break) or the start of the text precedes it.
    var startsParagraph: Bool
    /// Whether it starts a sentence (after . ! ? : or a paragraph break, possibly behind an opening quote).
    var startsSentence: Bool

    var isCapitalised: Bool {
        guard kind == .word, let first = text.unicodeScalars.first else { return false }
        return first.properties.isUppercase
    }

    /// All letters upper case and at least two of them: IOPC, BBC.
    var isAcronym: Bool {
        kind == .word && text.unicodeScalars.count >= 2
            && text.unicodeScalars.allSatisfy { $0.properties.isUppercase || $0.properties.numericType != nil }
            && text.unicodeScalars.contains { $0.properties.isAlphabetic }
    }

    var lower: String { text.lowercased() }
}

/// Splits an article into tokens. Words keep inner apostrophes and hyphens
/// ("didn’t", "Siaa-Liane", "co-operating"); a possessive 's or ’s is a token
/// of its own so that names end before it.
enum Tokenizer {
    static func tokens(_ article: ArticleText) -> [Token] {
        let scalars = Array(article.string.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        var newlines = 2  // the start counts as a paragraph break
        var sentenceStart = true
        func isLetter(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic }
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.properties.numericType != nil && s.value < 0x80 }
        while i < scalars.count {
            let s = scalars[i]
            if s == "\n" {
                newlines += 1
                i += 1
                continue
            }
            if s.properties.isWhitespace {
                i += 1
                continue
            }
            let start = i
            var kind = Token.Kind.punctuation
            if isLetter(s) || isDigit(s) {
                kind = isLetter(s) ? .word : .number
                i += 1
                while i < scalars.count {
                    let c = scalars[i]
                    if isLetter(c) || isDigit(c) {
                        i += 1
                        continue
                    }
                    // Inner apostrophe or hyphen between letters; a possessive s stays apart.
                    if c == "’" || c == "'" || c == "-" || c == "." && kind == .number || c == "," && kind == .number,
                        i + 1 < scalars.count,
                        isLetter(scalars[i + 1]) || isDigit(scalars[i + 1])
                    {
                        // "MOBO-nominated": a name ends before a hyphen and a lower-case word.
                        if c == "-", scalars[start].properties.isUppercase, scalars[i + 1].properties.isLowercase {
                            break
                        }
                        if (c == "’" || c == "'") && (scalars[i + 1] == "s" || scalars[i + 1] == "S")
                            && (i + 2 >= scalars.count || !isLetter(scalars[i + 2]))
                        {
                            break
                        }
                        i += 2
                        continue
                    }
                    break
                }
                if kind == .number, scalars[start..<i].contains(where: isLetter) { kind = .word }
            } else {
                i += 1
            }
            let text = String(String.UnicodeScalarView(scalars[start..<i]))
            tokens.append(
                Token(
                    text: text, span: Span(start, i), kind: kind, startsParagraph: newlines > 0,
                    startsSentence: sentenceStart || newlines > 0))
            newlines = 0
            if kind == .punctuation {
                if [".", "!", "?", ":", "…"].contains(text) {
                    sentenceStart = true
                } else if !QuotationMarks.opening.contains(s) && s != "(" {
                    sentenceStart = false
                }
            } else {
                sentenceStart = false
            }
        }
        return tokens
    }
}
