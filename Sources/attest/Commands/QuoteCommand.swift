import ArgumentParser
import AttestKit
import Foundation

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
    @Option(help: "The speaker's entity (id or name; filled in when the speaker text is a mention of one entity).")
    var speakerEntity: String?
    @Option(help: "The speech verb or phrase.") var cueText: String?
    @Option(help: "Which occurrence of the cue text.") var cueNth: Int?
    @OptionGroup var edit: EditFlags
    @OptionGroup var options: CorpusOptions

    func run() throws {
        var editor = try AnnotationEditor.open(doc, in: try options.corpus(), forWriting: !edit.dryRun)
        let added = try editor.addQuote(
            text: text, nth: nth, kind: kind, speakerText: speakerText, speakerNth: speakerNth,
            speakerEntity: speakerEntity,
            cueText: cueText, cueNth: cueNth)
        guard try EditSession.finish(&editor, edit) else { return }
        let q = editor.document.quotes.first { $0.id == added.id } ?? added
        var line = "\(q.id) \(q.kind.rawValue) \(q.content.span)"
        if let s = q.speaker { line += " speaker \(s.span) \"\(s.text)\"" }
        if let c = q.cue { line += " cue \(c.span) \"\(c.text)\"" }
        if let e = q.speakerEntity { line += " → \(e)" }
        Output.write(line + "\n")
    }
}
