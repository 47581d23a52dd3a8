import ArgumentParser
import AttestKit
import Foundation

struct Retype: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Give an entity another type.")

    @Argument(help: "Document id.") var doc: String
    @Argument(help: "The entity (id or canonical name).") var entity: String
    @Argument(help: "The new type (a declared type, any case).") var type: EntityType
    @OptionGroup var edit: EditFlags
    @OptionGroup var options: CorpusOptions

    func run() throws {
        let corpus = try options.corpus()
        var editor = try AnnotationEditor.open(doc, in: corpus, forWriting: !edit.dryRun)
        try editor.retype(entity, to: try corpus.manifest.resolveType(type.name))
        guard try EditSession.finish(&editor, edit) else { return }
        if !edit.dryRun { Output.write(editor.edits.map(\.description).joined(separator: "\n") + "\n") }
    }
}

struct Rename: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Give an entity another canonical name.")

    @Argument(help: "Document id.") var doc: String
    @Argument(help: "The entity (id or canonical name).") var entity: String
    @Argument(help: "The new canonical name.") var name: String
    @OptionGroup var edit: EditFlags
    @OptionGroup var options: CorpusOptions

    func run() throws {
        var editor = try AnnotationEditor.open(doc, in: try options.corpus(), forWriting: !edit.dryRun)
        try editor.rename(entity, to: name)
        guard try EditSession.finish(&editor, edit) else { return }
        if !edit.dryRun { Output.write(editor.edits.map(\.description).joined(separator: "\n") + "\n") }
    }
}

struct MergeEntities: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-entities",
        abstract: "Merge entities into one: their mentions and quotes go to the first.",
        discussion: "The entities must have one type (retype first). attest merge-entities DOC e1 e4 e7 keeps e1.")

    @Argument(help: "Document id.") var doc: String
    @Argument(help: "The entity to keep.") var target: String
    @Argument(help: "The entities merged into it.") var sources: [String]
    @OptionGroup var edit: EditFlags
    @OptionGroup var options: CorpusOptions

    func validate() throws {
        if sources.isEmpty { throw ValidationError("name at least one entity to merge into \(target)") }
    }

    func run() throws {
        var editor = try AnnotationEditor.open(doc, in: try options.corpus(), forWriting: !edit.dryRun)
        try editor.merge(sources, into: target)
        guard try EditSession.finish(&editor, edit) else { return }
        if !edit.dryRun { Output.write(editor.edits.map(\.description).joined(separator: "\n") + "\n") }
    }
}

struct Split: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Split mentions off their entity into a new one.",
        discussion: """
            The new entity takes --name (default: the text of its first mention) and --type (default: the \
            old entity's). Quotes whose speaker span is one of the moved mentions are attributed to it.
            """)

    @Argument(help: "Document id.") var doc: String
    @Argument(help: "The mentions to split off (one entity's).") var mentions: [String]
    @Option(help: "The new entity's canonical name.") var name: String?
    @Option(help: "The new entity's type.") var type: EntityType?
    @OptionGroup var edit: EditFlags
    @OptionGroup var options: CorpusOptions

    func validate() throws {
        if mentions.isEmpty { throw ValidationError("name the mentions to split off") }
    }

    func run() throws {
        let corpus = try options.corpus()
        var editor = try AnnotationEditor.open(doc, in: corpus, forWriting: !edit.dryRun)
        let id = try editor.split(
            mentions: mentions, name: name, type: try type.map { try corpus.manifest.resolveType($0.name) })
        guard try EditSession.finish(&editor, edit) else { return }
        if !edit.dryRun, let e = editor.document.entity(withID: id) {
            Output.write("\(e.id) \(e.type) \(e.name): \(e.mentions.map(\.id).joined(separator: " "))\n")
        }
    }
}

struct Move: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Move mentions to another entity.")

    @Argument(help: "Document id.") var doc: String
    @Argument(help: "The mentions to move.") var mentions: [String]
    @Option(help: "The entity they move to (id or canonical name).") var to: String
    @OptionGroup var edit: EditFlags
    @OptionGroup var options: CorpusOptions

    func validate() throws {
        if mentions.isEmpty { throw ValidationError("name the mentions to move") }
    }

    func run() throws {
        var editor = try AnnotationEditor.open(doc, in: try options.corpus(), forWriting: !edit.dryRun)
        try editor.move(mentions: mentions, to: to)
        guard try EditSession.finish(&editor, edit) else { return }
        if !edit.dryRun { Output.write(editor.edits.map(\.description).joined(separator: "\n") + "\n") }
    }
}
