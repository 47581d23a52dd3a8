import ArgumentParser
import AttestKit
import Foundation

struct Adjudicate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge two annotators' work: keep what both agree on, list every disagreement as a decision.",
        discussion: """
            For each document in both folders, writes OUT/ID.xml (a draft with the mentions and quotes both \
            annotators agree on, in A's ids and entities) and lists each disagreement in OUT/decisions.md and \
            OUT/decisions.json, with the edits that take A's or B's side. Take one with \
            attest apply OUT/ID.xml '<edits>' (docs/interop.md, "Adjudication").
            Exit status: 0 nothing to decide, 1 decisions listed, 2 unreadable input.
            """)

    @Argument(help: "Annotator A's annotation folder.") var a: String
    @Argument(help: "Annotator B's annotation folder.") var b: String
    @Option(help: "The folder to write the drafts and decisions to.") var out: String
    @OptionGroup var options: CorpusOptions

    func run() throws {
        let corpus = try options.corpus()
        let documents = try AdjudicationRun.run(
            a: try Corpus.annotations(in: URL(fileURLWithPath: a, isDirectory: true)),
            b: try Corpus.annotations(in: URL(fileURLWithPath: b, isDirectory: true)), names: (a, b), corpus: corpus,
            out: URL(fileURLWithPath: out, isDirectory: true))
        for d in documents {
            Output.write(
                "\(d.id): \(d.agreedMentions) mention(s) and \(d.agreedQuotes) quote(s) agreed; \(d.decisions) decision(s)\n"
            )
        }
        let total = documents.reduce(0) { $0 + $1.decisions }
        Output.write(
            "\(total) decision(s) in \(DisplayPath.of(URL(fileURLWithPath: out).appendingPathComponent("decisions.md")))\n"
        )
        if total > 0 { throw ExitCode(1) }
    }
}

struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply a list of edits (JSON, docs/format.md \"Edits\") to a document as one transaction.",
        discussion: "EDITS is the JSON text, or @FILE to read it from a file. Validated, written atomically, undoable.")

    @Argument(help: "Document id, or the path of an annotation file.") var doc: String
    @Argument(help: "The edits: a JSON array, or @FILE.") var edits: String
    @OptionGroup var edit: EditFlags
    @OptionGroup var options: CorpusOptions

    func run() throws {
        let corpus = try options.corpus()
        var text = edits
        if edits.hasPrefix("@") {
            guard case .bytes(let b) = FileBytes.read(String(edits.dropFirst())) else {
                throw AttestError("cannot read \(edits.dropFirst())")
            }
            text = String(decoding: b, as: UTF8.self)
        }
        let list = try AnnotationEdit.decode(json: Array(text.utf8))
        var editor = try AnnotationEditor.open(doc, in: corpus)
        try editor.apply(list)
        guard try EditSession.finish(&editor, edit) else { return }
        if !edit.dryRun { Output.write(editor.edits.map(\.description).joined(separator: "\n") + "\n") }
    }
}
