import AttestAgreement

/// CoNLL-2003-style token files: one token per line with its tag in the
/// last column (`word … TAG`), a blank line between sentences, and
/// `-DOCSTART-` lines between documents. Tags in IOB1, IOB2 (BIO) or BIOES
/// (`S-`, `E-`, and `U-`/`L-` of BILOU) are read; IOB2 is written.
///
/// The text of a document is either rebuilt from its tokens (tokens joined
/// by one space, sentences ended by a line break: the documented spacing
/// rule) or the given article, to which the tokens are aligned in order,
/// skipping white space.
package enum CoNLLFormat {
    package struct Token {
        var word: String
        var tag: String
        var line: Int
    }

    /// The documents of a token file: `-DOCSTART-` lines split it. A
    /// document's id is the first column of its `-DOCSTART-` line that is not
    /// `-X-` or `O` (Attest writes `-DOCSTART- -X- ID O`), when there is one.
    package static func documents(_ content: String, file: String) throws -> [[[Token]]] {
        try identifiedDocuments(content, file: file).map(\.sentences)
    }

    static func identifiedDocuments(_ content: String, file: String) throws -> [(id: String?, sentences: [[Token]])] {
        var docs: [(id: String?, sentences: [[Token]])] = []
        var currentID: String?
        var sentences: [[Token]] = []
        var sentence: [Token] = []
        func endSentence() {
            if !sentence.isEmpty { sentences.append(sentence) }
            sentence = []
        }
        for (i, raw) in content.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let columns = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if columns.isEmpty {
                endSentence()
                continue
            }
            if columns[0] == "-DOCSTART-" {
                endSentence()
                if !sentences.isEmpty { docs.append((currentID, sentences)) }
                sentences = []
                currentID = columns.dropFirst().first { $0 != "-X-" && $0 != "O" }.map(String.init)
                continue
            }
            guard columns.count >= 2 else {
                throw AttestError("\(file):\(i + 1): a token line needs the word and its tag")
            }
            sentence.append(Token(word: String(columns[0]), tag: String(columns[columns.count - 1]), line: i + 1))
        }
        endSentence()
        if !sentences.isEmpty { docs.append((currentID, sentences)) }
        return docs
    }

    /// One document: its text (rebuilt, or `article` aligned) and its mentions.
    package static func read(_ sentences: [[Token]], id: String, article: String?, file: String) throws
        -> InteropDocument
    {
        let tokens = sentences.flatMap { $0 }
        // Token spans in code points.
        var spans: [Span] = []
        var text = ""
        if let article {
            let chars = Array(article.unicodeScalars)
            var at = 0
            for t in tokens {
                while at < chars.count, chars[at].properties.isWhitespace { at += 1 }
                let word = Array(t.word.unicodeScalars)
                guard at + word.count <= chars.count, Array(chars[at..<(at + word.count)]) == word else {
                    let found = String(String.UnicodeScalarView(chars[at..<min(chars.count, at + word.count)]))
                    throw AttestError(
                        "\(file):\(t.line): token \(Brief.quoted(t.word)) is not next in the text (found \(Brief.quoted(found)) at code point \(at))"
                    )
                }
                spans.append(Span(at, at + word.count))
                at += word.count
            }
            text = article
        } else {
            var count = 0
            for sentence in sentences {
                for (k, t) in sentence.enumerated() {
                    if k > 0 {
                        text += " "
                        count += 1
                    }
                    let n = t.word.unicodeScalars.count
                    spans.append(Span(count, count + n))
                    text += t.word
                    count += n
                }
                text += "\n"
                count += 1
            }
        }
        var doc = InteropDocument(id: id, text: text)
        var open: (type: String, start: Int, end: Int)?
        func close() {
            if let o = open { doc.mentions.append(.init(span: Span(o.start, o.end), type: o.type)) }
            open = nil
        }
        var previousSentenceEnd = -1
        var sentenceEnds = Set<Int>()
        var k = 0
        for s in sentences {
            k += s.count
            sentenceEnds.insert(k - 1)
        }
        for (i, t) in tokens.enumerated() {
            let tag = t.tag
            let (prefix, type): (String, String) =
                tag == "O" ? ("O", "") : (String(tag.prefix(1)), String(tag.dropFirst(2)))
            guard tag == "O" || (tag.count > 2 && tag.dropFirst().first == "-" && "BIESUL".contains(prefix)) else {
                throw AttestError(
                    "\(file):\(t.line): tag \(Brief.quoted(tag)) is not O or B-, I-, E-, S- (or U-, L-) TYPE")
            }
            let span = spans[i]
            switch prefix {
            case "O": close()
            case "B", "S", "U":
                close()
                open = (type, span.start, span.end)
            default:  // I, E, L continue a mention of the same type; IOB1 starts one with I.
                if let o = open, o.type == type, previousSentenceEnd != i - 1 {
                    open = (type, o.start, span.end)
                } else {
                    close()
                    open = (type, span.start, span.end)
                }
            }
            if prefix == "S" || prefix == "U" || prefix == "E" || prefix == "L" { close() }
            if sentenceEnds.contains(i) {
                close()
                previousSentenceEnd = i
            }
        }
        close()
        return doc
    }

    /// IOB2 tokens of a document: white-space separated words, also split at
    /// mention boundaries; a line break in the text ends a sentence.
    /// Quotes and entity grouping are not carried.
    static func write(_ doc: InteropDocument) -> String {
        let chars = Array(doc.text.unicodeScalars)
        var cuts = Set<Int>()
        for m in doc.mentions {
            cuts.insert(m.span.start)
            cuts.insert(m.span.end)
        }
        // The first mention covering each code point gives its type.
        var typeAt: [Int: (type: String, start: Int)] = [:]
        for m in doc.mentions.sorted(by: { $0.span < $1.span }) {
            for i in m.span.start..<m.span.end where typeAt[i] == nil { typeAt[i] = (m.type, m.span.start) }
        }
        var out = "-DOCSTART- -X- \(doc.id) O\n\n"
        var i = 0
        var inSentence = false
        while i < chars.count {
            if chars[i] == "\n" {
                if inSentence { out += "\n" }
                inSentence = false
                i += 1
                continue
            }
            if chars[i].properties.isWhitespace {
                i += 1
                continue
            }
            var j = i + 1
            while j < chars.count, !chars[j].properties.isWhitespace, !cuts.contains(j) { j += 1 }
            let word = String(String.UnicodeScalarView(chars[i..<j]))
            let tag: String
            if let t = typeAt[i] { tag = (t.start == i ? "B-" : "I-") + t.type } else { tag = "O" }
            out += "\(word) \(tag)\n"
            inSentence = true
            i = j
        }
        if inSentence { out += "\n" }
        return out
    }
}
