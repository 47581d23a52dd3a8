import AttestAgreement
import Foundation

/// Predictions written for other tools, scored without conversion
/// (`attest score --pred`): a folder of brat files, a CoNLL file, or Label
/// Studio, doccano or spaCy JSON.
public enum InteropPredictions {
    /// The format of a predictions path, or nil for Attest's own (JSON Lines
    /// in the extractor form, or a folder of annotation files).
    public static func detect(_ path: String) -> InteropFormat? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.contains { $0.hasSuffix(".ann") } ? .brat : nil
        }
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        if ["conll", "bio", "iob", "iob2", "bioes", "conllu"].contains(ext) { return .conll }
        if ext == "ann" { return .brat }
        // The first record: of a JSON array, or the first line of JSON Lines. The file's first
        // mebibyte is read first (the whole of a 46 MB prediction file took 40 ms of one core
        // before scoring could start); the whole file only when that holds no whole first line.
        guard case .bytes(let head) = FileBytes.prefix(path, count: 1 << 20) else { return nil }
        var bytes = head
        if head.count == 1 << 20 {
            let first = head.firstIndex { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }
            let complete = first.map { head[$0] != UInt8(ascii: "[") && head[$0...].contains(0x0A) } ?? false
            if !complete {
                guard case .bytes(let whole) = FileBytes.read(path) else { return nil }
                bytes = whole
            }
        }
        let start = bytes.firstIndex { ![0x20, 0x0A, 0x0D, 0x09].contains($0) } ?? bytes.endIndex
        // JSON Lines: the first non-blank line only (found without splitting the whole file, which
        // was 6% of `attest score` on 10,000 predictions).
        let sample =
            start < bytes.endIndex && bytes[start] == UInt8(ascii: "[")
            ? bytes : Array(bytes[start..<(bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex)])
        var ignored: [String] = []
        // deliberate: what is not JSON is not one of these formats
        guard let records = try? JSONFormats.records(sample, file: path, as: KeyNames.self, failures: &ignored),
            let first = records.first?.record.names
        else {
            return looksLikeCoNLL(bytes) ? .conll : nil
        }
        if first.contains("data") && (first.contains("annotations") || first.contains("predictions")) {
            return .labelstudio
        }
        if first.contains("ents") { return .spacy }
        if first.contains("label")
            || (first.contains("text") && first.contains("entities") && !first.contains("quotes"))
        {
            return .doccano
        }
        return nil
    }

    /// Whether the first lines read as CoNLL: a `-DOCSTART-` line, or tokens whose last column is
    /// a tag (`O`, `B-PER`, `I-LOC`, …) — as CoNLL-2003's `eng.testa`, whatever its name.
    static func looksLikeCoNLL(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(8192), as: UTF8.self)
        let lines = head.split(whereSeparator: \.isNewline).prefix(20).filter {
            !$0.allSatisfy(\.isWhitespace)
        }
        guard let first = lines.first else { return false }
        if first.hasPrefix("-DOCSTART-") { return true }
        let tagged = lines.dropLast().filter { line in
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard fields.count >= 2, let tag = fields.last else { return false }
            return tag == "O" || tag.range(of: "^[BIESLU]-.+$", options: .regularExpression) != nil
        }
        return tagged.count >= max(1, lines.dropLast().count - 1)
    }

    /// The predictions in `path`. Each document's text must be its article in
    /// `corpus` (offsets on another text would mean nothing); CoNLL tokens are
    /// aligned to the article named by their `-DOCSTART-` line.
    public static func read(_ path: String, format: InteropFormat, corpus: Corpus) throws -> [PredictionDocument] {
        func article(_ id: String) throws -> String { try corpus.article(for: id).string }
        var docs: [InteropDocument] = []
        if format == .conll {
            let content = try InteropFormat.text(path)
            let found = try CoNLLFormat.identifiedDocuments(content, file: path)
            let stem = ArticleImporter.slug(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
            let named = try CoNLLFormat.sideIDs(path, count: found.count) != nil
            for (d, id) in zip(found, try CoNLLFormat.ids(found, path: path, stem: stem)) {
                if let error = d.error { throw AttestError(error) }
                guard let text = try? article(id) else {  // deliberate: a missing article is the error below
                    let given = named || d.id != nil
                    throw AttestError(
                        "\(path): document \(id) has no article in the corpus"
                            + (given
                                ? ""
                                : " (the id comes from the file's name: the file has no \(URL(fileURLWithPath: path).lastPathComponent).ids beside it and no id on its -DOCSTART- line); list the ids in \(path).ids, one a line, or begin each document with -DOCSTART- -X- ID O")
                    )
                }
                docs.append(try CoNLLFormat.read(d.sentences, id: id, article: text, file: path))
            }
        } else {
            docs = try format.read([path])
            for d in docs where try article(d.id) != d.text {
                throw AttestError(
                    "\(path): the text of \(d.id) is not its article in the corpus; offsets on it cannot be scored")
            }
        }
        return docs.map(prediction)
    }

    static func prediction(_ d: InteropDocument) -> PredictionDocument {
        let a = ArticleText(d.text)
        func part(_ s: Span?) -> PredictedSpan? { s.map { PredictedSpan($0, text: a[$0]) } }
        return PredictionDocument(
            id: d.id,
            mentions: d.mentions.map { PredictedMention(span: $0.span, type: EntityType($0.type), text: a[$0.span]) },
            quotes: d.quotes.map {
                PredictedQuote(
                    content: PredictedSpan($0.content, text: a[$0.content]), kind: $0.kind, speaker: part($0.speaker),
                    cue: part($0.cue))
            })
    }

    /// The documents of a JSON Lines file in the extractor form, on their
    /// corpus articles (for exporting predictions to other tools).
    public static func documents(jsonLines path: String, corpus: Corpus) throws -> [InteropDocument] {
        var out: [InteropDocument] = []
        try JSONLines.read(path: path) { batch in
            for line in batch {
                switch PredictionLineReader.read(line, file: path) {
                case .problems(let problems):
                    throw AttestError("\(path) cannot be read", diagnostics: problems)
                case .document(let p):
                    let article: ArticleText
                    do {
                        article = try corpus.article(for: p.id)
                    } catch let error as AttestError {
                        throw AttestError("\(path):\(line.number): \(error.message)")
                    }
                    out.append(
                        InteropDocument(
                            id: p.id, text: article.string,
                            mentions: p.mentions.map { .init(span: $0.span, type: $0.type.name) },
                            quotes: p.quotes.map {
                                .init(
                                    content: $0.content.span, kind: $0.kind ?? .direct, speaker: $0.speaker?.span,
                                    cue: $0.cue?.span)
                            }))
                }
            }
        }
        return out
    }
}

/// The names of an object's fields.
private struct KeyNames: Decodable, Sendable {
    var names: Set<String>

    init(from decoder: any Decoder) throws {
        names = Set(try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue))
    }
}
