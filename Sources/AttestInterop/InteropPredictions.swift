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
        // The first record: of a JSON array, or the first line of JSON Lines.
        guard case .bytes(let bytes) = FileBytes.read(path) else { return nil }
        let opening = bytes.first { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }
        let sample =
            opening == UInt8(ascii: "[")
            ? bytes : Array(bytes.split(separator: 0x0A, omittingEmptySubsequences: true).first ?? [])
        // deliberate: what is not JSON is not one of these formats
        guard let records = try? JSONFormats.records(sample, file: path, as: KeyNames.self),
            let first = records.first?.record.names
        else {
            return nil
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

    /// The predictions in `path`. Each document's text must be its article in
    /// `corpus` (offsets on another text would mean nothing); CoNLL tokens are
    /// aligned to the article named by their `-DOCSTART-` line.
    public static func read(_ path: String, format: InteropFormat, corpus: Corpus) throws -> [PredictionDocument] {
        func article(_ id: String) throws -> String { try corpus.article(for: id).string }
        var docs: [InteropDocument] = []
        if format == .conll {
            let content = try InteropFormat.text(path)
            for (k, d) in try CoNLLFormat.identifiedDocuments(content, file: path).enumerated() {
                guard let id = d.id else {
                    throw AttestError(
                        "\(path): document \(k + 1) has no id; begin each with a line -DOCSTART- -X- ID O naming its article"
                    )
                }
                docs.append(try CoNLLFormat.read(d.sentences, id: id, article: try article(id), file: path))
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
