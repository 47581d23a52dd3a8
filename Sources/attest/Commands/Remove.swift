import ArgumentParser
import AttestKit
import Foundation

struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove entities, mentions or quotes by id, as one change.",
        discussion: """
            An entity goes with its mentions; an entity left without mentions goes with its last one unless a \
            quote is attributed to it. Quotes named here are removed before entities, so "remove DOC q3 e2" \
            works when q3 is attributed to e2. Undo with attest undo DOC.
            """)

    @Argument(help: "Document id.") var doc: String
    @Argument(help: "The ids to remove (e3 m12 q4 …).") var ids: [String]
    @OptionGroup var edit: EditFlags
    @OptionGroup var options: CorpusOptions

    func validate() throws {
        if ids.isEmpty { throw ValidationError("name at least one id to remove") }
    }

    func run() throws {
        var editor = try AnnotationEditor.open(doc, in: try options.corpus(), forWriting: !edit.dryRun)
        let lines = try editor.remove(ids)
        guard try EditSession.finish(&editor, edit) else { return }
        if !edit.dryRun { Output.write(lines.joined(separator: "\n") + "\n") }
    }
}
