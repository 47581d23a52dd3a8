import AttestXML
import Foundation

/// Validates annotation files: well-formedness, the XSD, then every
/// semantic rule. Files are validated in parallel, each worker with its own
/// libxml2 contexts over one compiled schema.
public final class Validator: Sendable {
    public let schema: CompiledSchema
    public let rules: [any Rule]
    /// How far validation goes (everything, unless measuring the stages).
    public let depth: ValidationDepth
    /// Where articles may be read from.
    public let articles: ArticleResolver
    let workingDirectory: String
    let declaredTypes: Set<EntityType>
    let settings: CheckSettings

    /// `articles`: the containment rule for articles (by default, the parent
    /// of each annotation file's folder); `declaredTypes`: the entity types
    /// the corpus declares.
    public init(
        articles: ArticleResolver = ArticleResolver(articlesFolder: nil),
        declaredTypes: Set<EntityType> = Set(EntityType.defaults), settings: CheckSettings = CheckSettings(),
        constraints: CompiledSchema.Constraints = .structureOnly, rules: [any Rule] = RuleRegistry.rules,
        depth: ValidationDepth = .full
    ) throws {
        LibXML.initialize()
        self.schema = try CompiledSchema.shared(constraints)
        // With the full schema, libxml2 checks ids and references itself;
        // the Swift rules that stand in for xs:key/xs:keyref step aside.
        let keyRules: Set<String> = [UniqueIDRule.descriptor.id, SpeakerReferenceRule.descriptor.id]
        self.rules = constraints == .full ? rules.filter { !keyRules.contains($0.descriptor.id) } : rules
        self.depth = depth
        self.articles = articles
        self.workingDirectory = FileManager.default.currentDirectoryPath
        self.declaredTypes = declaredTypes
        self.settings = settings
    }

    /// Validates `files` on `jobs` threads; diagnostics come back in file order.
    public func validate(files: [URL], jobs: Int = ProcessInfo.processInfo.activeProcessorCount) -> ValidationReport {
        validate(files: files, jobs: jobs, refusing: { _ in nil }).report
    }

    /// Validates `files` on `jobs` threads, each first offered to `refuse` on
    /// the worker that takes it (a check per file, such as a link out of the
    /// corpus, spread over the cores with the rest): a file refused is not
    /// read, and its diagnostic comes back in `refused`, in file order.
    public func validate(
        files: [URL], jobs: Int, refusing refuse: @Sendable (URL) -> Diagnostic?
    ) -> (report: ValidationReport, refused: [Diagnostic]) {
        let results = ConcurrentMap.map(
            files, jobs: jobs, state: { ValidationSession(validator: self) },
            { file, session -> (refused: Diagnostic?, found: [Diagnostic]) in
                if let refusal = refuse(file) { return (refusal, []) }
                return (nil, session.validate(file: file))
            })
        let refused = results.compactMap(\.refused)
        return (
            ValidationReport(filesChecked: files.count - refused.count, diagnostics: results.flatMap(\.found)),
            refused
        )
    }

    /// Validates a document about to be written at `file`: `bytes` (its
    /// canonical XML) against the schema and the model with `article`
    /// against every rule. What `attest validate` would report of the file.
    public func validate(
        pending document: AnnotationDocument, bytes: [UInt8], article: ArticleText, articleSHA256: String, file: URL
    ) -> [Diagnostic] {
        let name = file.lastPathComponent
        return ValidationSession(validator: self).validate(
            pending: document, bytes: bytes, article: article, articleSHA256: articleSHA256,
            name: DisplayPath.of(path: file.path, relativeTo: workingDirectory),
            stem: name.hasSuffix(".xml") ? String(name.dropLast(4)) : name)
    }

    /// Validates one annotation file's bytes (no I/O but for its article).
    public func validate(bytes: [UInt8], file: URL) -> [Diagnostic] {
        ValidationSession(validator: self).validate(bytes: bytes, file: file)
    }
}
