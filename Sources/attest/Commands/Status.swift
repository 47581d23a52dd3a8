import ArgumentParser
import AttestKit
import Foundation

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Set a document's status: draft or gold.")

    @Argument(help: "Document id.") var doc: String
    @Argument(help: "draft or gold.") var status: AnnotationStatus
    @OptionGroup var options: CorpusOptions

    func run() throws {
        var editor = try AnnotationEditor.open(doc, in: try options.corpus())
        editor.setStatus(status)
        try editor.save()
        Output.write("\(editor.document.id): \(status.rawValue)\n")
    }
}
