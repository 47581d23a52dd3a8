import Foundation

/// The outcome of validating files.
public struct ValidationReport: Sendable {
    public var filesChecked: Int
    public var diagnostics: [Diagnostic]

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    /// Whether a file could not be read (commands exit 2).
    public var hasIOError: Bool { diagnostics.contains { $0.rule == FileCheck.unreadable.id } }

    /// Exit status under Attest's convention: 0 clean, 1 findings, 2 I/O.
    public func exitCode(strict: Bool) -> Int32 {
        if hasIOError { return 2 }
        if errorCount > 0 || (strict && warningCount > 0) { return 1 }
        return 0
    }

    /// The diagnostics with warnings raised to errors.
    public func strictened() -> ValidationReport {
        var r = self
        r.diagnostics = r.diagnostics.map { var d = $0; d.severity = .error; return d }
        return r
    }
}

/// Validates annotation files: well-formedness, the XSD, then every
/// semantic rule. Files are validated in parallel, each worker with its own
/// libxml2 contexts over one compiled schema.
public final class Validator: Sendable {
    public let schema: CompiledSchema
    public let corpus: Corpus?
    public let rules: [any Rule]
    /// Whether to run the semantic rules (off: schema only, for benchmarks).
    public let runsRules: Bool

    public init(
        corpus: Corpus?, constraints: CompiledSchema.Constraints = .structureOnly, rules: [any Rule] = RuleRegistry.rules,
        runsRules: Bool = true
    ) throws {
        LibXML.initialize()
        self.schema = try CompiledSchema(xsd: Array(EmbeddedSchema.attestXSD.utf8), constraints: constraints)
        self.corpus = corpus
        // With the full schema, libxml2 checks ids and references itself;
        // the Swift rules that stand in for xs:key/xs:keyref step aside.
        let keyRules: Set<String> = [UniqueIDRule.descriptor.id, SpeakerReferenceRule.descriptor.id]
        self.rules = constraints == .full ? rules.filter { !keyRules.contains($0.descriptor.id) } : rules
        self.runsRules = runsRules
    }

    /// Validates the corpus: every annotation file, plus articles that have none.
    public func validateCorpus(jobs: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> ValidationReport {
        guard let corpus else { throw AttestError("no corpus: no attest.xml in this folder or above it") }
        var report = validate(files: corpus.annotationURLs(), jobs: jobs)
        let annotated = Set(corpus.documentIDs())
        for article in corpus.articleURLs() {
            let id = article.deletingPathExtension().lastPathComponent
            if !annotated.contains(id) {
                report.diagnostics.append(
                    Diagnostic(
                        file: DisplayPath.of(article), severity: FileCheck.unannotated.severity,
                        message: "article has no annotation file (expected \(DisplayPath.of(corpus.annotationURL(for: id)))); run attest new",
                        rule: FileCheck.unannotated.id))
            }
        }
        return report
    }

    /// Validates `files` on `jobs` threads; diagnostics come back in file order.
    public func validate(files: [URL], jobs: Int = ProcessInfo.processInfo.activeProcessorCount) -> ValidationReport {
        let workers = max(1, min(jobs, files.count))
        let results = ResultSlots<[Diagnostic]>(count: files.count, initial: [])
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let session = ValidationSession(validator: self)
            var i = worker
            while i < files.count {
                results[i] = session.validate(file: files[i])
                i += workers
            }
        }
        return ValidationReport(filesChecked: files.count, diagnostics: results.values.flatMap { $0 })
    }

    /// Validates one annotation file's bytes (no I/O but for its article).
    public func validate(bytes: [UInt8], file: URL) -> [Diagnostic] {
        ValidationSession(validator: self).validate(bytes: bytes, file: file)
    }
}

/// Per-thread validation state: a parser and a validation context.
final class ValidationSession {
    let validator: Validator
    let parser = XMLParser()
    let schemaValidator: SchemaValidator

    init(validator: Validator) {
        self.validator = validator
        self.schemaValidator = SchemaValidator(schema: validator.schema)
    }

    func validate(file: URL) -> [Diagnostic] {
        let name = DisplayPath.of(file)
        if let size = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int,
            size > XMLParser.maximumFileSize
        {
            return [
                Diagnostic(
                    file: name, message: "file is \(size) bytes, more than the \(XMLParser.maximumFileSize) an annotation file may have; not read",
                    rule: FileCheck.tooLarge.id)
            ]
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return [Diagnostic(file: name, message: "cannot read the file", rule: FileCheck.unreadable.id)]
        }
        return validate(bytes: [UInt8](data), file: file)
    }

    func validate(bytes: [UInt8], file: URL) -> [Diagnostic] {
        var sink = DiagnosticSink(file: DisplayPath.of(file))
        let tree: XMLTree
        switch parser.parse(bytes) {
        case .failure(let failure):
            sink.report(failure.rule, failure.message, at: failure.location)
            return sink.diagnostics
        case .success(let t): tree = t
        }
        let reader = AnnotationReader(bytes: bytes)
        for issue in schemaValidator.validate(tree) {
            let column = issue.element.map { reader.lines.column(ofTag: $0, onLine: issue.line) } ?? 1
            sink.report(FileCheck.schema.id, issue.message, at: SourceLocation(line: issue.line, column: column))
        }
        guard validator.runsRules, let document = reader.read(tree) else { return sorted(sink) }
        var subject = ValidationSubject(
            document: document, article: nil, declaredTypes: validator.corpus?.manifest.types ?? Set(EntityType.defaults),
            fileStem: file.deletingPathExtension().lastPathComponent)
        loadArticle(for: document.header, annotation: file, into: &subject, sink: &sink)
        for rule in validator.rules { rule.check(subject, into: &sink) }
        return sorted(sink)
    }

    private func sorted(_ sink: DiagnosticSink) -> [Diagnostic] {
        sink.diagnostics.enumerated().sorted { a, b in
            (a.element.location, a.offset) < (b.element.location, b.offset)
        }.map(\.element)
    }

    /// Resolves, confines and reads the article; reports why when it cannot.
    private func loadArticle(
        for header: DocumentHeader, annotation: URL, into subject: inout ValidationSubject, sink: inout DiagnosticSink
    ) {
        guard !header.articlePath.isEmpty else { return }
        let folder = annotation.deletingLastPathComponent()
        let url = URL(fileURLWithPath: header.articlePath, relativeTo: folder).standardizedFileURL
        let allowed = validator.corpus?.articlesDirectory ?? folder.deletingLastPathComponent()
        guard !header.articlePath.contains("\0"), PathContainment.isInside(url, allowed) else {
            sink.report(
                FileCheck.articleOutside,
                "article path \(Brief.quoted(header.articlePath)) resolves outside the corpus's article folder \(DisplayPath.of(allowed)); it was not read",
                at: header.origin)
            return
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            sink.report(FileCheck.articleMissing, "article \(DisplayPath.of(url)) does not exist", at: header.origin)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            sink.report(FileCheck.unreadable.id, "cannot read article \(DisplayPath.of(url))", at: header.origin)
            return
        }
        let bytes = [UInt8](data)
        subject.articleSHA256 = SHA256Hex.of(bytes)
        guard let text = ArticleText(bytes: bytes) else {
            sink.report(FileCheck.articleEncoding, "article \(DisplayPath.of(url)) is not valid UTF-8", at: header.origin)
            return
        }
        subject.article = text
    }
}

/// Fixed slots that parallel workers fill, each slot by exactly one worker;
/// the lock makes the hand-over to the reading thread explicit.
final class ResultSlots<T>: @unchecked Sendable {
    private var storage: [T]
    private let lock = NSLock()

    init(count: Int, initial: T) { storage = Array(repeating: initial, count: count) }

    subscript(index: Int) -> T {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [T] { lock.withLock { storage } }
}
