import ArgumentParser
import AttestKit
import Foundation

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add an article to the corpus and create its draft annotation.",
        discussion: "Copies ARTICLE byte for byte to corpus/<id>.txt and writes annotations/<id>.xml with its hash, length and status draft.")

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
    @Option(help: "Entity type: PERSON, ORG, LOC or a declared type.") var type: EntityType
    @Option(help: "The mention's text, exactly as in the article.") var text: String
    @Option(help: "Which occurrence (1-based).") var nth: Int?
    @Flag(help: "Every occurrence not yet annotated.") var all = false
    @Option(help: "Add to this existing entity.") var entity: String?
    @Option(help: "Canonical name of the entity to add to or create.") var name: String?
    @OptionGroup var options: CorpusOptions

    func validate() throws {
        if all && nth != nil { throw ValidationError("--nth and --all exclude each other") }
        if entity != nil && name != nil { throw ValidationError("--entity and --name exclude each other") }
    }

    func run() throws {
        var editor = try AnnotationEditor.open(doc, in: try options.corpus())
        let (e, added) = try editor.addMentions(type: type, text: text, nth: nth, all: all, entityID: entity, name: name)
        try editor.save()
        for m in added { Output.write("\(m.id) \(m.span) \(e.type) \(e.id) \(e.name): \(editor.locator.context(m.span))\n") }
    }
}

struct QuoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quote",
        abstract: "Add a quotation, found by its text, with its speaker and cue.",
        discussion: """
            --text is the content (inside the quotation marks for direct and mixed quotes). An ambiguous \
            --speaker-text or --cue-text resolves to the occurrence nearest the content unless --speaker-nth \
            or --cue-nth says which.
            """)

    @Argument(help: "Document id.") var doc: String
    @Option(help: "The quote's content, exactly as in the article.") var text: String
    @Option(help: "Which occurrence of the content (1-based).") var nth: Int?
    @Option(help: "direct, indirect or mixed.") var kind: QuoteKind
    @Option(help: "The speaker's words at the attribution.") var speakerText: String?
    @Option(help: "Which occurrence of the speaker text.") var speakerNth: Int?
    @Option(help: "The id of the speaker's entity.") var speakerEntity: String?
    @Option(help: "The speech verb or phrase.") var cueText: String?
    @Option(help: "Which occurrence of the cue text.") var cueNth: Int?
    @OptionGroup var options: CorpusOptions

    func run() throws {
        var editor = try AnnotationEditor.open(doc, in: try options.corpus())
        let q = try editor.addQuote(
            text: text, nth: nth, kind: kind, speakerText: speakerText, speakerNth: speakerNth, speakerEntity: speakerEntity,
            cueText: cueText, cueNth: cueNth)
        try editor.save()
        var line = "\(q.id) \(q.kind.rawValue) \(q.content.span)"
        if let s = q.speaker { line += " speaker \(s.span) \"\(s.text)\"" }
        if let c = q.cue { line += " cue \(c.span) \"\(c.text)\"" }
        if let e = q.speakerEntity { line += " → \(e)" }
        Output.write(line + "\n")
    }
}

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

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print an article with every annotation marked.",
        discussion: "Mentions read [text|TYPE e1], quote contents ⟦text|q1 kind⟧, speakers {text|speaker q1}, cues <text|cue q1>.")

    @Argument(help: "Document id.") var doc: String
    @Flag(help: "Colours even when not on a terminal.") var color = false
    @Flag(help: "No colours.") var noColor = false
    @OptionGroup var options: CorpusOptions

    func run() throws {
        let editor = try AnnotationEditor.open(doc, in: try options.corpus())
        let colors = color || (!noColor && Terminal.isTTY)
        Output.write(AnnotationView(document: editor.document, article: editor.article, colors: colors).render())
    }
}

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Count documents, mentions per type and quotes per kind.")

    @OptionGroup var options: CorpusOptions

    func run() throws {
        let corpus = try options.corpus()
        let documents = try corpus.annotationURLs().map { try AnnotationFile.read($0).document }
        Output.write(CorpusStats(documents: documents).table())
    }
}

struct Fmt: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rewrite annotation files in the canonical layout.",
        discussion: "With --check, changes nothing and exits 1 if any file would change (for CI).")

    @Argument(help: "Annotation files (default: the whole corpus).") var paths: [String] = []
    @Flag(help: "Only report files that are not canonical.") var check = false
    @OptionGroup var options: CorpusOptions

    func run() throws {
        let files = paths.isEmpty ? try options.corpus().annotationURLs() : paths.map { URL(fileURLWithPath: $0) }
        var changed = 0
        for url in files where try CanonicalFormat.reformat(url, write: !check) {
            changed += 1
            Output.write(check ? "\(DisplayPath.of(url)): not in canonical layout\n" : "formatted \(DisplayPath.of(url))\n")
        }
        Output.error("\(files.count) file(s), \(changed) \(check ? "would change" : "rewritten")")
        if check && changed > 0 { throw ExitCode(1) }
    }
}
