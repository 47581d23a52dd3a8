import ArgumentParser
import AttestKit
import Foundation

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run any extractor over the corpus and score it.",
        discussion: """
            The extractor gets each article on standard input, with ATTEST_DOC_ID and ATTEST_ARTICLE_PATH in its \
            environment, and prints one JSON document on standard output in the extractor form (docs/format.md). \
            Documents run in parallel, each with a timeout; a document whose extractor crashes, hangs, exits \
            non-zero or prints invalid JSON is reported with its standard error's last lines and scored as empty, \
            and the run exits 1 unless --allow-failures. All of attest score's options apply.
            """)

    @OptionGroup var extraction: ExtractorFlags
    @OptionGroup var scoring: ScoringFlags
    @OptionGroup var options: CorpusOptions

    func run() throws {
        try extraction.runAndScore(corpus: try options.corpus(), scoring: scoring)
    }
}
