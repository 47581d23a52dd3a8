import ArgumentParser
import AttestKit
import Foundation

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print an article with every annotation marked.",
        discussion:
            "Mentions read [text|TYPE e1], quote contents ⟦text|q1 kind⟧, speakers {text|speaker q1}, cues <text|cue q1>."
    )

    @Argument(help: "Document id.") var doc: String
    @Flag(inversion: .prefixedNo, exclusivity: .exclusive, help: "Colours (default: only on a terminal).")
    var color: Bool?
    @OptionGroup var options: CorpusOptions

    func run() throws {
        let editor = try AnnotationEditor.open(doc, in: try options.corpus(), forWriting: false)
        let colors = color ?? Terminal.isTTY
        Output.write(AnnotationView(document: editor.document, article: editor.article, colors: colors).render())
    }
}
