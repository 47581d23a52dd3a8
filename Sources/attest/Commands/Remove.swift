import ArgumentParser
import AttestKit
import Foundation

struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Remove an entity, a mention or a quote by id.")

    @Argument(help: "Document id.") var doc: String
    @Argument(help: "The id to remove (e3, m12, q4).") var id: String
    @OptionGroup var options: CorpusOptions

    func run() throws {
        var editor = try AnnotationEditor.open(doc, in: try options.corpus())
        let note = try editor.remove(id)
        try editor.save()
        Output.write(note + "\n")
    }
}
