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
    /// `-X-` or `O` (Attest wrote `-DOCSTART- -X- ID O` before it wrote
    /// `-DOCSTART- -X- O O` with a `.ids` file), when there is one.
    package static func documents(_ content: String, file: String) throws -> [[[Token]]] {
        try identifiedDocuments(content, file: file).map { d in
            if let error = d.error { throw AttestError(error) }
            return d.sentences
        }
    }

    /// A document of a token file, or why it cannot be read (a line that is not `word … TAG`):
    /// a bad line stops its own document only.
    struct FileDocument {
        var id: String?
        var sentences: [[Token]]
        var error: String?
    }

    /// Characters a line may hold and still be blank: white space, and the invisible format
    /// characters some files carry (WNUT17's last line is a lone U+FEFF).
    static func isBlank(_ line: Substring) -> Bool {
        line.unicodeScalars.allSatisfy {
            $0.properties.isWhitespace || ["\u{FEFF}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}"].contains($0)
        }
    }

    static func identifiedDocuments(_ content: String, file: String) throws -> [FileDocument] {
        var docs: [FileDocument] = []
        var current = FileDocument(id: nil, sentences: [])
        var sentence: [Token] = []
        func endSentence() {
            if !sentence.isEmpty { current.sentences.append(sentence) }
            sentence = []
        }
        for (i, raw) in content.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.unicodeScalars.first == "\u{FEFF}" { line = Substring(line.unicodeScalars.dropFirst()) }
            if isBlank(line) {
                endSentence()
                continue
            }
            let columns = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if columns[0] == "-DOCSTART-" {
                endSentence()
                if !current.sentences.isEmpty || current.error != nil { docs.append(current) }
                current = FileDocument(
                    id: columns.dropFirst().first { $0 != "-X-" && $0 != "O" }.map(String.init), sentences: [])
                continue
            }
            guard current.error == nil else { continue }
            guard columns.count >= 2 else {
                current.error = "\(file):\(i + 1): a token line needs the word and its tag"
                sentence = []
                continue
            }
            sentence.append(Token(word: String(columns[0]), tag: String(columns[columns.count - 1]), line: i + 1))
        }
        endSentence()
        if !current.sentences.isEmpty || current.error != nil { docs.append(current) }
        return docs
    }

    /// Each document's id: from the `.ids` file beside it, else its `-DOCSTART-` line, else the
    /// file's name (`NAME`, or `NAME-K` for the K-th of several) — the same rule for import and score.
    static func ids(_ docs: [FileDocument], path: String, stem: String) throws -> [String] {
        if let side = try sideIDs(path, count: docs.count) { return side }
        return docs.enumerated().map { k, d in d.id ?? (docs.count == 1 ? stem : "\(stem)-\(k + 1)") }
    }

    /// The ids of a token file's documents from its `.ids` file (`FILE.ids`: one id a line, in the
    /// documents' order), which Attest writes beside a CoNLL export so that the file itself keeps
    /// CoNLL-2003's `-DOCSTART- -X- O O` lines, the ones spaCy's converter splits documents at.
    static func sideIDs(_ path: String, count: Int) throws -> [String]? {
        guard case .bytes(let bytes) = FileBytes.read(path + ".ids") else { return nil }
        let ids = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        guard ids.count == count else {
            throw AttestError(
                "\(path).ids lists \(ids.count) id(s) but \(path) has \(count) document(s); remove it or make them agree"
            )
        }
        return ids
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
        var out = "-DOCSTART- -X- O O\n\n"
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
