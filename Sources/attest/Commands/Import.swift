import ArgumentParser
import AttestKit
import Foundation

extension InteropFormat: ExpressibleByArgument {}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring documents in from brat, CoNLL, Label Studio, doccano or spaCy.",
        discussion: """
            Each document's text is stored in the corpus byte for byte and its annotation is written only if it \
            passes validation (docs/interop.md lists what each format carries). Offsets a file counts in UTF-16 \
            units (Label Studio, some brat setups) are found by the covered text it gives, converted and reported.
            Exit status: 0 every document imported, 1 some refused or written with warnings, 2 unreadable input.
            """)

    @Argument(help: "brat (folders or .ann files beside their .txt), conll, labelstudio, doccano or spacy.")
    var format: InteropFormat
    @Argument(help: "Files or folders to import.") var paths: [String]
    @Option(help: "Status of the new annotation files.") var status: AnnotationStatus = .draft
    @Option(name: .customLong("annotator"), help: "Who annotated, for the files' headers (repeatable).")
    var annotators: [String] = []
    @Option(
        name: .customLong("map"),
        help: ArgumentHelp(
            "Rename or drop a type on the way in: PER=PERSON, MISC=- (repeatable).", valueName: "FROM=TO"),
        transform: FlagValues.mapping)
    var maps: [TypeMapping] = []
    @Option(
        help: ArgumentHelp(
            "Document ids: given (the file's own id, else its name), file (the file's name, -N for several), or a JSON field such as doc_id.",
            valueName: "SOURCE"))
    var idFrom: String = "given"
    @Option(
        help: ArgumentHelp("CoNLL: align the tokens to this article instead of rebuilding the text.", valueName: "FILE")
    )
    var text: String?
    @OptionGroup var options: CorpusOptions

    func validate() throws {
        guard status != .prediction else { throw ValidationError("--status is draft or gold") }
        if text != nil && format != .conll { throw ValidationError("--text is for conll") }
    }

    func run() throws {
        let corpus = try options.corpus()
        let docs = try format.read(paths, text: text, ids: InteropFormat.IDSource(idFrom))
        var map: [String: String?] = [:]
        for (k, v) in FlagValues.typeMap(maps).entries { map[k] = v.map(\.name) }
        let outcome = try InteropImporter(corpus: corpus, status: status, typeMap: map, annotators: annotators).run(
            docs)
        for note in outcome.notes { Output.error("note: " + note) }
        for (id, reason) in outcome.refused { Output.error("error: \(id): \(reason); nothing written for it") }
        Output.write(
            "imported \(outcome.written.count) of \(docs.count) document(s) from \(format.rawValue)"
                + (outcome.written.isEmpty ? "" : ": " + outcome.written.joined(separator: ", ")) + "\n")
        if !outcome.refused.isEmpty || outcome.notes.contains(where: { $0.contains(": warning: ") }) {
            throw ExitCode(1)
        }
    }
}
