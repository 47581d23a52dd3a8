import ArgumentParser
import AttestKit
import Foundation

struct EntityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity",
        abstract: "Add entity mentions, found by their text.",
        discussion: """
            The text must match exactly, on word boundaries. If it occurs more than once, say which \
            with --nth N (1-based) or take every occurrence with --all. Mentions join entity --entity ID, \
            or the entity of that type named --name (created if new; default name: the text).
            """)

    @Argument(help: "Document id.") var doc: String
    @Option(help: "Entity type: PERSON, ORG, LOC or a declared type (any case).") var type: EntityType
    @Option(help: "The mention's text, exactly as in the article.") var text: String
    @Option(help: "Which occurrence (1-based).") var nth: Int?
    @Flag(help: "Every occurrence not yet annotated.") var all = false
    @Option(help: "Add to this existing entity.") var entity: String?
    @Option(help: "Canonical name of the entity to add to or create.") var name: String?
    @OptionGroup var edit: EditFlags
    @OptionGroup var options: CorpusOptions

    func validate() throws {
        if all && nth != nil { throw ValidationError("--nth and --all exclude each other") }
        if entity != nil && name != nil { throw ValidationError("--entity and --name exclude each other") }
    }

    func run() throws {
        let corpus = try options.corpus()
        var editor = try AnnotationEditor.open(doc, in: corpus, forWriting: !edit.dryRun)
        let (e, added) = try editor.addMentions(
            type: try corpus.manifest.resolveType(type.name), text: text, nth: nth, all: all, entityID: entity,
            name: name)
        guard try EditSession.finish(&editor, edit) else { return }
        for m in added {
            Output.write("\(m.id) \(m.span) \(e.type) \(e.id) \(e.name): \(editor.locator.context(m.span))\n")
        }
    }
}
