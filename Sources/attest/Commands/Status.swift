import ArgumentParser
import AttestKit
import Foundation

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a document's status, or set it: draft or gold; without a document, the team's progress.",
        discussion: """
            Without a status, prints the current one and the counts of what the document holds. Without a \
            document, prints the corpus's documents by status and each annotator's assigned documents (done, \
            started, not started) from assignments.xml.
            """)

    @Argument(help: "Document id (omit for the team's progress).") var doc: String?
    @Argument(help: "The new status (omit to print the current one).") var status: AnnotationStatus?
    @OptionGroup var edit: EditFlags
    @Flag(help: "The team's progress as JSON (without a document).") var json = false
    @OptionGroup var options: CorpusOptions

    func run() throws {
        let corpus = try options.corpus()
        guard let doc else {
            guard status == nil else { throw ValidationError("give the document whose status to set") }
            let progress = TeamProgress.of(corpus, assignments: try corpus.assignments())
            Output.write(json ? progress.json.rendered + "\n" : progress.text)
            return
        }
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
