import ArgumentParser
import AttestKit
import Foundation

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the built-in baseline extractor (rule-based, no model) over corpus documents.",
        discussion: """
            Writes JSON Lines in the extractor form (docs/format.md). With --draft, writes the result as draft \
            annotation files for a person to correct with the annotation commands (pre-annotation); a file that \
            already holds annotations or is gold is never overwritten.
            """)

    @Argument(help: "Document ids (default: every document).") var docs: [String] = []
    @Option(help: "Output file (default: standard output).") var out: String?
    @Flag(help: "Write draft annotation files instead of JSON Lines.") var draft = false
    @OptionGroup var options: CorpusOptions

    func run() throws {
        let corpus = try options.corpus()
        let known = Set(corpus.documentIDs())
        for d in docs where !known.contains(d) {
            throw AttestError("no annotation file for \(d) (add the article with attest new)")
        }
        let urls = docs.isEmpty ? corpus.annotationURLs() : docs.map { corpus.annotationURL(for: $0) }
        let (golds, problems) = corpus.loadGold(files: urls)
        if !problems.isEmpty {
            throw AttestError("annotation files cannot be read; run attest validate", diagnostics: problems)
        }
        let predictions = try BaselineRun.extract(golds)
        if draft {
            for (g, p) in zip(golds, predictions) {
                guard g.document.header.status == .draft, g.document.entities.isEmpty, g.document.quotes.isEmpty else {
                    Output.error(
                        "\(g.id): skipped, it already holds annotations or is \(g.document.header.status.rawValue)")
                    continue
                }
                var editor = try AnnotationEditor.open(g.id, in: corpus)
                let draft = DraftWriter.draft(p, header: editor.document.header, article: editor.article)
                try editor.apply(
                    draft.entities.map { .addEntity($0, index: nil) } + draft.quotes.map { .addQuote($0, index: nil) })
                try editor.commit(summary: EditSession.summary)
                Output.write(
                    "\(g.id): draft with \(editor.document.mentions.count) mention(s), \(editor.document.quotes.count) quote(s)\n"
                )
            }
            return
        }
        let text = PredictionWriter.jsonLines(predictions)
        if let out { try AtomicFile.write(text, to: URL(fileURLWithPath: out)) } else { Output.write(text) }
    }
}
