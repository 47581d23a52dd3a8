import AttestAgreement
import Foundation

/// Writes imported documents into a corpus: each article byte for byte,
/// each annotation validated with the rules of `attest validate` before
/// anything of it is written. A document that would not validate, or whose
/// id is taken, is refused whole; the others are written (or, with
/// `allOrNothing`, none is written when one is refused). A document with an
/// annotator the manifest declares goes to that annotator's folder; its
/// article to the shared article folder, once.
public struct InteropImporter {
    public struct Outcome: Sendable {
        public var written: [String] = []
        /// Refused documents, with why.
        public var refused: [(id: String, reason: String)] = []
        /// Warnings of written documents, and the readers' notes.
        public var notes: [String] = []
    }

    public let corpus: Corpus
    public var status: AnnotationStatus
    /// Type renames (`--map GPE=LOC`); a nil target drops the type.
    public var typeMap: [String: String?]
    /// Who annotated (the header's `<annotator>` elements).
    public var annotators: [String]
    /// The kind of quotes whose file gives none (nil: inferred from quotation marks).
    public var kind: QuoteKind?
    /// Write nothing when any document is refused.
    public var allOrNothing = false

    public init(
        corpus: Corpus, status: AnnotationStatus = .draft, typeMap: [String: String?] = [:], annotators: [String] = []
    ) {
        self.corpus = corpus
        self.status = status
        self.typeMap = typeMap
        self.annotators = annotators
    }

    public func run(_ docs: [InteropDocument]) throws -> Outcome {
        var outcome = Outcome()
        let validator = try Validator(corpus: corpus)
        var counts = SpanConventions.Counts()
        var dropped: [String: Int] = [:]
        var prepared: [(doc: InteropDocument, file: Prepared)] = []
        for var doc in docs {
            outcome.notes += doc.notes
            doc.mentions = doc.mentions.compactMap { m in
                guard let mapped = typeMap[m.type] else { return m }
                guard let target = mapped else {
                    dropped[m.type, default: 0] += 1
                    return nil
                }
                var m = m
                m.type = target
                return m
            }
            SpanConventions(text: doc.text).apply(to: &doc, kind: kind, counts: &counts)
            do {
                prepared.append((doc, try prepare(doc, validator: validator)))
            } catch let error as AttestError {
                outcome.refused.append((label(doc), error.message))
            }
        }
        outcome.notes += Self.notes(counts, dropped: dropped)
        if allOrNothing && !outcome.refused.isEmpty {
            outcome.notes.append("--all-or-nothing: \(outcome.refused.count) document(s) refused, so none was written")
            return outcome
        }
        var goldDrafts = 0
        for (doc, file) in prepared {
            do {
                try ArticleImporter.store(
                    article: file.article, annotation: file.xml, id: doc.id, in: corpus, annotationURL: file.url)
                outcome.written.append(label(doc))
                if doc.annotator != nil, try Self.goldDraft(doc.id, article: file.article, in: corpus) {
                    goldDrafts += 1
                }
                outcome.notes += file.warnings.map { "\(label(doc)): warning: \($0.message) [\($0.rule)]" }
                if status == .gold && !file.warnings.isEmpty {
                    outcome.notes.append(
                        "\(label(doc)): written as draft, not gold: \(file.warnings.count) warning(s) stop gold (`attest validate --strict` counts them as errors)"
                    )
                }
            } catch let error as AttestError {
                outcome.refused.append((label(doc), error.message))
            }
        }
        if goldDrafts > 0 {
            outcome.notes.append(
                "\(goldDrafts) document(s) had no file in \(corpus.manifest.annotationsPath)/: an empty draft was written for each, the gold file curation fills (attest status, the studio and attest assign list it)"
            )
        }
        return outcome
    }

    /// An annotator's document makes a document of the corpus: its gold file, an empty draft, when it
    /// has none (written only if absent, so a file another process wrote meanwhile stands). True when
    /// it was written (`Assigning.writeEmptyDraft`, as an annotator's starting file).
    static func goldDraft(_ id: String, article: [UInt8], in corpus: Corpus) throws -> Bool {
        let url = corpus.annotationURL(for: id)
        if FileManager.default.fileExists(atPath: url.path) { return false }
        let header = DocumentHeader(
            id: id,
            articlePath: ArticleImporter.relativePath(
                from: corpus.annotationsDirectory, to: corpus.articleURL(for: id)),
            sha256: SHA256Hex.of(article), length: ArticleText(bytes: article)?.count ?? 0, status: .draft,
            annotators: [], guidelines: corpus.manifest.guidelines)
        return try Assigning.writeEmptyDraft(header, to: url)
    }

    /// `ID`, or `ID (annotator NAME)`.
    private func label(_ doc: InteropDocument) -> String {
        doc.annotator.map { "\(doc.id) (annotator \($0))" } ?? doc.id
    }

    static func notes(_ counts: SpanConventions.Counts, dropped: [String: Int]) -> [String] {
        var out: [String] = []
        if counts.whiteSpace > 0 {
            out.append("\(counts.whiteSpace) span(s) began or ended with white space; trimmed (span.whitespace)")
        }
        if counts.quoteMarks > 0 {
            out.append(
                "\(counts.quoteMarks) quote content(s) included their own quotation marks; left out (quote.marks)")
        }
        if counts.narrowed > 0 {
            out.append(
                "\(counts.narrowed) quote content(s) with one quoted fragment at an end narrowed to the fragment, as the guidelines mark a mixed quote"
            )
        }
        if !counts.kinds.isEmpty {
            let shown = QuoteKind.allCases.compactMap { k in counts.kinds[k].map { "\($0) \(k.rawValue)" } }
            out.append(
                "\(counts.kinds.values.reduce(0, +)) quote(s) without a kind in the file: "
                    + shown.joined(separator: ", ") + " (from their quotation marks unless --quote-kind is given)")
        }
        for (type, n) in dropped.sorted(by: { $0.key < $1.key }) {
            out.append("\(n) mention(s) of type \(type) dropped (--map \(type)=-)")
        }
        return out
    }

    /// An annotation file ready to write: where, its bytes, its article's bytes, its warnings.
    struct Prepared {
        var url: URL
        var article: [UInt8]
        var xml: [UInt8]
        var warnings: [Diagnostic]
    }

    /// The annotations folder of `annotator`, when the manifest declares it.
    func folder(of annotator: String?) throws -> URL {
        guard let annotator else { return corpus.annotationsDirectory }
        return try corpus.annotatorFolder(annotator)
    }

    /// The annotation file of `doc` as the import writes it (validated), and its article's bytes.
    func prepare(_ doc: InteropDocument, validator: Validator) throws -> Prepared {
        guard doc.id.range(of: "^[A-Za-z][A-Za-z0-9_.-]{0,127}$", options: .regularExpression) != nil else {
            throw AttestError("\(Brief.quoted(doc.id)) is not a valid document id")
        }
        let problems = doc.rangeProblems()
        guard problems.isEmpty else { throw AttestError(problems.joined(separator: "; ")) }
        for type in Set(doc.mentions.map(\.type)).sorted()
        where type.range(of: "^[A-Z][A-Z0-9_]{0,31}$", options: .regularExpression) == nil {
            throw AttestError(
                "type \(Brief.quoted(type)) cannot be an Attest type (upper-case letters, digits and _, at most 32): "
                    + "rename it with --map \(type)=\(Self.typeName(type)) or drop it with --map \(type)=-")
        }
        let bytes = Array(doc.text.utf8)
        let articleURL = corpus.articleURL(for: doc.id)
        let folder = try folder(of: doc.annotator)
        let annotationURL = folder.appendingPathComponent(doc.id + ".xml")
        // Checked here too (and again under the lock when written), so --all-or-nothing sees it first.
        if FileManager.default.fileExists(atPath: annotationURL.path) {
            throw AttestError("\(DisplayPath.of(annotationURL)) already exists; nothing written")
        }
        if case .bytes(let existing) = FileBytes.read(articleURL.path), existing != bytes {
            throw AttestError("\(DisplayPath.of(articleURL)) already exists with other content; choose another id")
        }
        var header = DocumentHeader(
            id: doc.id, articlePath: ArticleImporter.relativePath(from: folder, to: articleURL),
            sha256: SHA256Hex.of(bytes), length: ArticleText(doc.text).count, status: status,
            annotators: doc.annotator.map { annotators.contains($0) ? annotators : [$0] + annotators } ?? annotators,
            guidelines: corpus.manifest.guidelines)
        var annotation = doc.annotation(header: header)
        var xml = AnnotationWriter.bytes(annotation)
        let found = validator.validate(
            pending: annotation, bytes: xml, article: ArticleText(doc.text), articleSHA256: header.sha256,
            file: annotationURL)
        let errors = found.filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw AttestError(
                "would not validate: " + errors.prefix(3).map { "\($0.message) [\($0.rule)]" }.joined(separator: "; "))
        }
        // Gold means valid under `--strict`: a document with warnings asked for as gold is written as a
        // draft (the warnings, reported, say what stops it), so an import never breaks `attest check`.
        if status == .gold && !found.isEmpty {
            header.status = .draft
            annotation = doc.annotation(header: header)
            xml = AnnotationWriter.bytes(annotation)
        }
        return Prepared(url: annotationURL, article: bytes, xml: xml, warnings: found)
    }

    /// A name the schema allows for `type`: `Merge-org` → `MERGE_ORG`.
    static func typeName(_ type: String) -> String {
        var out = ""
        for ch in type.uppercased() {
            out.append(ch.isASCII && (ch.isLetter || ch.isNumber) ? ch : "_")
        }
        if out.first.map({ !$0.isLetter }) ?? true { out = "T" + out }
        return String(out.prefix(32))
    }
}
