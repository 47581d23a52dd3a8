import ArgumentParser
import AttestKit
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The main job: validate the corpus, run the extractor, score it against the manifest's gates.",
        discussion: """
            Validates every annotation file (strict: warnings fail too), runs the manifest's extractor (default: \
            the built-in baseline), scores it with the manifest's gates and prints the report. Exit status: 0 when \
            everything holds, 1 when validation finds problems, an extractor fails or a gate fails, 2 on usage or \
            I/O errors.
            """)

    @OptionGroup var extraction: ExtractorFlags
    @OptionGroup var scoring: ScoringFlags
    @OptionGroup var options: CorpusOptions

    func run() throws {
        let corpus = try options.corpus()
        let validator = try Validator(corpus: corpus)
        let report = validator.validateCorpus(corpus, jobs: scoring.jobs).strictened()
        Output.write(DiagnosticFormat.gcc.render(report.diagnostics))
        Output.write(
            "attest check: \(report.filesChecked) annotation file(s) validated: \(report.errorCount) problem(s)\n")
        let code = report.exitCode(strict: true)
        if code != 0 {
            Output.error("error: the corpus does not validate; fix it before scoring (attest validate)")
            throw ExitCode(code)
        }
        try extraction.runAndScore(corpus: corpus, scoring: scoring)
    }
}
