import ArgumentParser
import AttestKit
import Foundation

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add an article to the corpus and create its draft annotation.",
        discussion:
            "Copies ARTICLE byte for byte to corpus/<id>.txt and writes annotations/<id>.xml with its hash, length and status draft."
    )

    @Argument(help: "The article, a UTF-8 text file.") var article: String
    @Option(help: "Document id (default: from the file name).") var id: String?
    @Option(help: "Annotator name to record (repeatable).") var annotator: [String] = []
    @OptionGroup var options: CorpusOptions

    func run() throws {
        let corpus = try options.corpus()
        let (a, x) = try ArticleImporter.add(URL(fileURLWithPath: article), id: id, annotators: annotator, to: corpus)
        Output.write("added \(DisplayPath.of(a)) and \(DisplayPath.of(x)) (draft)\n")
    }
}
