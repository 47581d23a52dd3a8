import ArgumentParser
import AttestKit
import Foundation

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a document's status, or set it: draft or gold.",
        discussion: "Without a status, prints the current one and the counts of what the document holds.")

    @Argument(help: "Document id.") var doc: String
    @Argument(help: "The new status (omit to print the current one).") var status: AnnotationStatus?
    @OptionGroup var edit: EditFlags
    @OptionGroup var options: CorpusOptions

    func run() throws {
        let corpus = try options.corpus()
        guard let status else {
            let file = try AnnotationFile.read(corpus.annotationURL(for: doc))
            let d = file.document
            Output.write(
                "\(d.id): \(d.header.status.rawValue) (\(d.entities.count) entities, \(d.mentions.count) mentions, \(d.quotes.count) quotes)\n"
            )
            return
        }
        var editor = try AnnotationEditor.open(doc, in: corpus, forWriting: !edit.dryRun)
        try editor.setStatus(status)
        guard try EditSession.finish(&editor, edit) else { return }
        if !edit.dryRun { Output.write("\(editor.document.id): \(status.rawValue)\n") }
    }
}
