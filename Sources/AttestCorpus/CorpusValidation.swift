import AttestValidation
import Foundation

extension Validator {
    /// A validator for `corpus`: its article folder and its declared types.
    public convenience init(
        corpus: Corpus, constraints: CompiledSchema.Constraints = .structureOnly,
        rules: [any Rule] = RuleRegistry.rules,
        depth: ValidationDepth = .full
    ) throws {
        try self.init(
            articles: corpus.articleResolver, declaredTypes: corpus.manifest.types, settings: corpus.manifest.checks,
            constraints: constraints,
            rules: rules, depth: depth)
    }

    /// Validates the corpus: every annotation file, plus articles that have none.
    public func validateCorpus(_ corpus: Corpus, jobs: Int = ProcessInfo.processInfo.activeProcessorCount)
        -> ValidationReport
    {
        let (files, refused) = corpus.containedAnnotations(corpus.annotationURLs())
        var report = validate(files: files, jobs: jobs)
        report.diagnostics = refused + report.diagnostics
        let annotated = Set(corpus.documentIDs())
        for id in corpus.articleIDs() where !annotated.contains(id) {
            report.diagnostics.append(
                Diagnostic(
                    file: DisplayPath.of(corpus.articleURL(for: id)), severity: FileCheck.unannotated.severity,
                    message:
                        "article has no annotation file (expected \(DisplayPath.of(corpus.annotationURL(for: id)))); run attest new",
                    rule: FileCheck.unannotated.id))
        }
        return report
    }
}
