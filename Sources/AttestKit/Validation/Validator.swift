import Foundation

/// How far validation goes; the benchmark measures each stage.
public enum ValidationDepth: Sendable {
    /// Read and parse only.
    case parse
    /// Parse and check against the schema.
    case schema
    /// Parse, schema, article checks and every semantic rule.
    case full
}

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
    /// How far validation goes (everything, unless measuring the stages).
    public let depth: ValidationDepth
    let workingDirectory: String
    let declaredTypes: Set<EntityType>
    let articleFolder: String?
    let articleFolderReal: String?

    public init(
        corpus: Corpus?, constraints: CompiledSchema.Constraints = .structureOnly, rules: [any Rule] = RuleRegistry.rules,
        depth: ValidationDepth = .full
    ) throws {
        LibXML.initialize()
        self.schema = try CompiledSchema(xsd: Array(EmbeddedSchema.attestXSD.utf8), constraints: constraints)
        self.corpus = corpus
        // With the full schema, libxml2 checks ids and references itself;
        // the Swift rules that stand in for xs:key/xs:keyref step aside.
        let keyRules: Set<String> = [UniqueIDRule.descriptor.id, SpeakerReferenceRule.descriptor.id]
        self.rules = constraints == .full ? rules.filter { !keyRules.contains($0.descriptor.id) } : rules
        self.depth = depth
        self.workingDirectory = FileManager.default.currentDirectoryPath
        self.declaredTypes = corpus?.manifest.types ?? Set(EntityType.defaults)
        self.articleFolder = corpus?.articlesDirectory.path
        self.articleFolderReal = corpus.flatMap { FileBytes.realPath($0.articlesDirectory.path) }
    }

    /// Validates the corpus: every annotation file, plus articles that have none.
    public func validateCorpus(jobs: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> ValidationReport {
        guard let corpus else { throw AttestError("no corpus: no attest.xml in this folder or above it") }
        var report = validate(files: corpus.annotationURLs(), jobs: jobs)
        let annotated = Set(corpus.documentIDs())
        for id in corpus.articleIDs() where !annotated.contains(id) {
            report.diagnostics.append(
                Diagnostic(
                    file: DisplayPath.of(corpus.articleURL(for: id)), severity: FileCheck.unannotated.severity,
                    message: "article has no annotation file (expected \(DisplayPath.of(corpus.annotationURL(for: id)))); run attest new",
                    rule: FileCheck.unannotated.id))
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
        let path = file.path
        let name = DisplayPath.of(path: path, relativeTo: validator.workingDirectory)
        switch FileBytes.read(path, limit: XMLParser.maximumFileSize) {
        case .bytes(let bytes):
            return validate(bytes: bytes, path: path, name: name)
        case .tooLarge(let size):
            return [
                Diagnostic(
                    file: name, message: "file is \(size) bytes, more than the \(XMLParser.maximumFileSize) an annotation file may have; not read",
                    rule: FileCheck.tooLarge.id)
            ]
        case .missing:
            return [Diagnostic(file: name, message: "cannot read the file: it does not exist", rule: FileCheck.unreadable.id)]
        case .failed(let reason):
            return [Diagnostic(file: name, message: "cannot read the file: \(reason)", rule: FileCheck.unreadable.id)]
        }
    }

    func validate(bytes: [UInt8], file: URL) -> [Diagnostic] {
        validate(bytes: bytes, path: file.path, name: DisplayPath.of(path: file.path, relativeTo: validator.workingDirectory))
    }

    func validate(bytes: [UInt8], path: String, name: String) -> [Diagnostic] {
        var sink = DiagnosticSink(file: name)
        let tree: XMLTree
        switch parser.parse(bytes) {
        case .failure(let failure):
            sink.report(failure.rule, failure.message, at: failure.location)
            return sink.diagnostics
        case .success(let t): tree = t
        }
        guard validator.depth != .parse else { return [] }
        let reader = AnnotationReader(bytes: bytes)
        for issue in schemaValidator.validate(tree) {
            let column = issue.element.map { reader.lines.column(ofTag: $0, onLine: issue.line) } ?? 1
            sink.report(FileCheck.schema.id, issue.message, at: SourceLocation(line: issue.line, column: column))
        }
        guard validator.depth == .full, let document = reader.read(tree) else { return sorted(sink) }
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let stem = fileName.hasSuffix(".xml") ? String(fileName.dropLast(4)) : fileName
        let article = loadArticle(for: document.header, annotationPath: path, sink: &sink)
        let subject = ValidationSubject(
            document: document, article: article?.text, articleSHA256: article?.sha256,
            declaredTypes: validator.declaredTypes, fileStem: stem)
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
        for header: DocumentHeader, annotationPath: String, sink: inout DiagnosticSink
    ) -> (text: ArticleText?, sha256: String)? {
        guard !header.articlePath.isEmpty else { return nil }
        let folder = FileBytes.folder(of: FileBytes.join(validator.workingDirectory, annotationPath))
        let lexical = FileBytes.join(folder, header.articlePath)
        let allowed = validator.articleFolder ?? FileBytes.folder(of: folder)
        let allowedReal = validator.articleFolderReal ?? FileBytes.realPath(allowed) ?? allowed
        let shown = DisplayPath.of(path: lexical, relativeTo: validator.workingDirectory)
        let workingDirectory = validator.workingDirectory
        func outside() -> String {
            "article path \(Brief.quoted(header.articlePath)) resolves outside the corpus's article folder \(DisplayPath.of(path: allowed, relativeTo: workingDirectory)); it was not read"
        }
        guard !header.articlePath.contains("\0"), FileBytes.isInside(lexical, allowed) || FileBytes.isInside(lexical, allowedReal) else {
            sink.report(FileCheck.articleOutside, outside(), at: header.origin)
            return nil
        }
        guard let real = FileBytes.realPath(lexical) else {
            sink.report(FileCheck.articleMissing, "article \(shown) does not exist", at: header.origin)
            return nil
        }
        guard FileBytes.isInside(real, allowedReal) else {
            sink.report(FileCheck.articleOutside, outside(), at: header.origin)
            return nil
        }
        switch FileBytes.read(real) {
        case .bytes(let bytes):
            let sha = SHA256Hex.of(bytes)
            guard let text = ArticleText(bytes: bytes) else {
                sink.report(FileCheck.articleEncoding, "article \(shown) is not valid UTF-8", at: header.origin)
                return (nil, sha)
            }
            return (text, sha)
        case .missing:
            sink.report(FileCheck.articleMissing, "article \(shown) does not exist", at: header.origin)
        case .tooLarge, .failed:
            sink.report(FileCheck.unreadable.id, "cannot read article \(shown)", at: header.origin)
        }
        return nil
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

    /// Fills several slots under one lock.
    func fill(_ pairs: [(Int, T)]) {
        lock.withLock { for (i, v) in pairs { storage[i] = v } }
    }
}
