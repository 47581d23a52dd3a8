import ArgumentParser
import AttestKit
import Foundation

struct Retype: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Give an entity another type.", discussion: "attest retype DOC e4 --type LOC")

    @Argument(help: "Document id.") var doc: String
    @Argument(help: "The entity (id or canonical name).") var entity: String
    @Option(help: "The new type (a declared type, any case).") var type: EntityType?
    /// The earlier spelling, `retype DOC ENTITY TYPE`, kept for a release.
    @Argument(help: .hidden) var positionalType: EntityType?
    @OptionGroup var edit: EditFlags
    @OptionGroup var options: CorpusOptions

    func validate() throws {
        if type != nil && positionalType != nil { throw ValidationError("give the new type once, with --type") }
        if type == nil && positionalType == nil { throw ValidationError("Missing expected argument '--type <type>'") }
    }

    func run() throws {
        let corpus = try options.corpus()
        let newType = try corpus.manifest.resolveType((type ?? positionalType)!.name)
        var editor = try AnnotationEditor.open(doc, in: corpus, forWriting: !edit.dryRun)
        try editor.retype(entity, to: newType)
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
        abstract: "Merge entities into one: their mentions and quotes go to the --into entity.",
        discussion: """
            The entities must have one type (retype first). attest merge-entities DOC e4 e7 --into e1 keeps e1, as \
            attest move DOC m3 --to e1 moves a mention.
            """)

    @Argument(help: "Document id.") var doc: String
    @Argument(help: "The entities merged into the kept one.") var entities: [String]
    @Option(help: "The entity to keep (id or canonical name).") var into: String?
    @OptionGroup var edit: EditFlags
    @OptionGroup var options: CorpusOptions

    /// The kept entity and the merged ones; without `--into`, the earlier
    /// spelling (`merge-entities DOC KEEP E…`, kept for a release): the first is kept.
    var target: (keep: String, sources: [String])? {
        if let into { return (into, entities) }
        guard let first = entities.first else { return nil }
        return (first, Array(entities.dropFirst()))
    }

    func validate() throws {
        guard let target, !target.sources.isEmpty else {
            throw ValidationError("name at least one entity to merge, and the one to keep with --into")
        }
    }

    func run() throws {
        guard let target else { return }
        var editor = try AnnotationEditor.open(doc, in: try options.corpus(), forWriting: !edit.dryRun)
        try editor.merge(target.sources, into: target.keep)
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
    @Flag(help: "Move mentions of another type too; they take the entity's type.") var retype = false
    @OptionGroup var edit: EditFlags
    @OptionGroup var options: CorpusOptions

    func validate() throws {
        if mentions.isEmpty { throw ValidationError("name the mentions to move") }
    }

    func run() throws {
        var editor = try AnnotationEditor.open(doc, in: try options.corpus(), forWriting: !edit.dryRun)
        try editor.move(mentions: mentions, to: to, retype: retype)
        guard try EditSession.finish(&editor, edit) else { return }
        if !edit.dryRun { Output.write(editor.edits.map(\.description).joined(separator: "\n") + "\n") }
    }
}
