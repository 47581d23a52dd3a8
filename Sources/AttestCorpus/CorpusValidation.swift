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
        // The folder listed once: its names say which articles are annotated (a
        // file refused below has an annotation file too).
        let names = Corpus.names(in: corpus.annotationsDirectory, ext: "xml")
        let listed = Corpus.files(named: names, in: corpus.annotationsDirectory, ext: "xml")
        // Each file's containment (one lstat) is checked on the workers, as it is read.
        var (report, refused) = validate(files: listed, jobs: jobs, refusing: corpus.refusal)
        report.diagnostics = refused + report.diagnostics
        let annotated = Set(names)
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
