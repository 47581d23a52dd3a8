import AttestEditing
import Foundation

/// `attest adjudicate`: adjudicates every document two annotators share and
/// writes, into one folder, a validated draft per document plus the
/// decisions (`decisions.md` for people, `decisions.json` with the edits).
/// Every draft is validated before any file is written.
public enum AdjudicationRun {
    public struct Document: Sendable {
        public var id: String
        public var agreedMentions: Int
        public var agreedQuotes: Int
        public var decisions: Int
    }

    public static func run(
        a: [String: AnnotationDocument], b: [String: AnnotationDocument], names: (a: String, b: String), corpus: Corpus,
        out folder: URL
    ) throws -> [Document] {
        let ids = Set(a.keys).intersection(b.keys).sorted()
        guard !ids.isEmpty else { throw AttestError("\(names.a) and \(names.b) have no document in common") }
        let validator = try Validator(corpus: corpus)
        var results: [(id: String, adjudication: Adjudication, xml: [UInt8])] = []
        for id in ids {
            let article = try corpus.article(for: id)
            var header = a[id]!.header
            header.status = .draft
            header.annotators = Array(Set(a[id]!.header.annotators + b[id]!.header.annotators)).sorted()
            header.articlePath = ArticleImporter.relativePath(
                from: folder.standardizedFileURL, to: corpus.articleURL(for: id).standardizedFileURL)
            header.sha256 = SHA256Hex.of(Array(article.string.utf8))
            header.length = article.count
            let result = Adjudication(a: a[id]!, b: b[id]!, article: article, header: header)
            let xml = AnnotationWriter.bytes(result.draft)
            let errors = validator.validate(
                pending: result.draft, bytes: xml, article: article, articleSHA256: header.sha256,
                file: folder.appendingPathComponent(id + ".xml")
            ).filter { $0.severity == .error }
            guard errors.isEmpty else {
                throw AttestError("the draft of \(id) would not validate; nothing written", diagnostics: errors)
            }
            results.append((id, result, xml))
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw AttestError.wrapping(error, "cannot create \(DisplayPath.of(folder))")
        }
        // Two runs into one folder write one after the other: drafts and decisions always agree.
        let lock = try FileLock.acquire(
            folder.appendingPathComponent(".attest-adjudicate.lock").path, what: DisplayPath.of(folder))
        defer { lock.release() }
        for r in results { try AtomicFile.write(r.xml, to: folder.appendingPathComponent(r.id + ".xml")) }
        let all = results.map { (id: $0.id, decisions: $0.adjudication.decisions) }
        try AtomicFile.write(markdown(all, names: names), to: folder.appendingPathComponent("decisions.md"))
        try AtomicFile.write(try json(all), to: folder.appendingPathComponent("decisions.json"))
        return results.map {
            Document(
                id: $0.id, agreedMentions: $0.adjudication.draft.mentions.count,
                agreedQuotes: $0.adjudication.draft.quotes.count, decisions: $0.adjudication.decisions.count)
        }
    }

    static func markdown(_ all: [(id: String, decisions: [Adjudication.Decision])], names: (a: String, b: String))
        -> String
    {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var out =
            "# Decisions\n\nA: `\(names.a)`, B: `\(names.b)`. Take a side with `attest apply OUT/ID.xml '<edits>'`.\n"
        for (id, decisions) in all {
            out += "\n## \(id): \(decisions.count) decision(s)\n\n"
            if !decisions.isEmpty { out += "| # | kind | A | B |\n|---|---|---|---|\n" }
            for (k, d) in decisions.enumerated() { out += "| \(k + 1) | \(d.kind) | \(cell(d.a)) | \(cell(d.b)) |\n" }
        }
        return out
    }

    /// One object per document: its decisions, each with the edits of either side (docs/interop.md).
    static func json(_ all: [(id: String, decisions: [Adjudication.Decision])]) throws -> String {
        let documents = try all.map { id, decisions in
            let items = try decisions.map { d in
                "{\"a\":\(PredictionWriter.string(d.a)),\"b\":\(PredictionWriter.string(d.b)),"
                    + "\"kind\":\(PredictionWriter.string(d.kind)),\"take-a\":\(try AnnotationEdit.json(d.takeA)),"
                    + "\"take-b\":\(try AnnotationEdit.json(d.takeB))}"
            }
            return "{\"decisions\":[\(items.joined(separator: ","))],\"document\":\(PredictionWriter.string(id))}"
        }
        return "[" + documents.joined(separator: ",\n") + "]\n"
    }
}

extension Adjudication {
    /// The decisions as `attest agree --disagreements` lists them, each with
    /// the article around it (the span marked ⟦…⟧).
    public func disagreements(document: String, article: ArticleText) -> [Agreement.Disagreement] {
        decisions.map { d in
            let before = article[Span(max(0, d.span.start - 30), d.span.start)]
            let after = article[Span(d.span.end, min(article.count, d.span.end + 30))]
            let context = (before + "⟦" + article[d.span] + "⟧" + after).replacingOccurrences(of: "\n", with: "⏎")
            return Agreement.Disagreement(document: document, kind: d.kind, a: d.a, b: d.b, context: context)
        }
    }
}
