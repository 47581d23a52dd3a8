import ArgumentParser
import AttestKit
import Foundation

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Count documents, mentions per type and quotes per kind.")

    @OptionGroup var options: CorpusOptions

    func run() throws {
        let corpus = try options.corpus()
        let documents = try corpus.annotationURLs().map { try AnnotationFile.read($0).document }
        Output.write(CorpusStats(documents: documents).table())
    }
}
