import ArgumentParser
import AttestKit
import Foundation

extension QuoteRole: ExpressibleByArgument {}

struct Respan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Set the boundaries of a mention, or of a quote's content, speaker or cue.",
        discussion: """
            Give the new span as --start and --end (code points, half-open), or as --text (with --nth when it \
            occurs more than once), exactly as in the article.
            """)

    @Argument(help: "Document id.") var doc: String
    @Argument(help: "A mention or quote id.") var id: String
    @Option(help: "For a quote: content, speaker or cue.") var role: QuoteRole = .content
    @Option(help: "The new start (code points).") var start: Int?
    @Option(help: "The new end (code points, exclusive).") var end: Int?
    @Option(help: "The new span's text.") var text: String?
    @Option(help: "Which occurrence of --text (1-based).") var nth: Int?
    @OptionGroup var edit: EditFlags
    @OptionGroup var options: CorpusOptions

    func validate() throws {
        switch (start, end, text) {
        case (.some, .some, nil): if nth != nil { throw ValidationError("--nth goes with --text") }
        case (nil, nil, .some): break
        default: throw ValidationError("give --start and --end, or --text")
        }
    }

    func run() throws {
        var editor = try AnnotationEditor.open(doc, in: try options.corpus(), forWriting: !edit.dryRun)
        let span: Span
        if let start, let end {
            span = Span(start, end)
        } else {
            span = try editor.locator.locate(text ?? "", nth: nth, role: "text")
        }
        try editor.respan(id, role: role, to: span)
        guard try EditSession.finish(&editor, edit) else { return }
        if !edit.dryRun { Output.write(editor.edits.map(\.description).joined(separator: "\n") + "\n") }
    }
}
