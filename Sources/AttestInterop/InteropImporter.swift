import AttestAgreement
import Foundation

/// Writes imported documents into a corpus: each article byte for byte,
/// each annotation validated with the rules of `attest validate` before
/// anything of it is written. A document that would not validate, or whose
/// id is taken, is refused whole; the others are written.
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
        for var doc in docs {
            outcome.notes += doc.notes
            doc.mentions = doc.mentions.compactMap { m in
                guard let mapped = typeMap[m.type] else { return m }
                guard let target = mapped else { return nil }
                var m = m
                m.type = target
                return m
            }
            do {
                let warnings = try write(doc, validator: validator)
                outcome.written.append(doc.id)
                outcome.notes += warnings.map { "\(doc.id): warning: \($0.message) [\($0.rule)]" }
                if status == .gold && !warnings.isEmpty {
                    outcome.notes.append(
                        "\(doc.id): written as draft, not gold: \(warnings.count) warning(s) stop gold (`attest validate --strict` counts them as errors)"
                    )
                }
            } catch let error as AttestError {
                outcome.refused.append((doc.id, error.message))
            }
        }
        return outcome
    }

    /// The annotation file of `doc` as the import writes it (validated), and its article's bytes.
    func prepare(_ doc: InteropDocument, validator: Validator) throws -> (
        article: [UInt8], xml: [UInt8], warnings: [Diagnostic]
    ) {
        guard doc.id.range(of: "^[A-Za-z][A-Za-z0-9_.-]{0,127}$", options: .regularExpression) != nil else {
            throw AttestError("\(Brief.quoted(doc.id)) is not a valid document id")
        }
        let problems = doc.rangeProblems()
        guard problems.isEmpty else { throw AttestError(problems.joined(separator: "; ")) }
        let bytes = Array(doc.text.utf8)
        let articleURL = corpus.articleURL(for: doc.id)
        let annotationURL = corpus.annotationURL(for: doc.id)
        var header = DocumentHeader(
            id: doc.id, articlePath: ArticleImporter.relativePath(from: corpus.annotationsDirectory, to: articleURL),
            sha256: SHA256Hex.of(bytes), length: ArticleText(doc.text).count, status: status, annotators: annotators,
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
        return (bytes, xml, found)
    }

    private func write(_ doc: InteropDocument, validator: Validator) throws -> [Diagnostic] {
        let (bytes, xml, warnings) = try prepare(doc, validator: validator)
        try ArticleImporter.store(article: bytes, annotation: xml, id: doc.id, in: corpus)
        return warnings
    }
}
