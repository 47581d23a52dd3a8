import ArgumentParser
import AttestKit
import Foundation

extension InteropFormat: ExpressibleByArgument {}
extension InteropOptions.Discontinuous: ExpressibleByArgument {}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring documents in from brat, CoNLL, Label Studio, doccano or spaCy.",
        discussion: """
            Each document's text is stored in the corpus byte for byte and its annotation is written only if it \
            passes validation (docs/interop.md lists what each format carries). Offsets a file counts in UTF-16 \
            units (Label Studio, some brat setups) are found by the covered text it gives, converted and reported. \
            A file or document that cannot be read or would not validate is named and skipped; the others are \
            written (--all-or-nothing: none is). brat attribution events (E lines) and relations become quotes \
            (--quote-event, --role).
            Exit status: 0 every document imported, 1 some skipped or written with warnings, 2 usage errors.
            """)

    @Argument(help: "brat (folders or .ann files beside their .txt), conll, labelstudio, doccano or spacy.")
    var format: InteropFormat
    @Argument(help: "Files or folders to import.") var paths: [String]
    @Option(help: "Status of the new annotation files.") var status: AnnotationStatus = .draft
    @Option(
        name: .customLong("annotator"),
        help:
            "Who annotated, for the files' headers (repeatable); one of the manifest's <annotators> also sends the annotations to that annotator's folder."
    )
    var annotators: [String] = []
    @Flag(help: "Take each file's annotator from its name, DOC_ANNOTATOR.ann (one of the manifest's <annotators>).")
    var annotatorFromFileName = false
    @Option(
        help: ArgumentHelp(
            "brat: an event type that is a quote (repeatable; default: every event with a content argument).",
            valueName: "TYPE"))
    var quoteEvent: [String] = []
    @Option(
        help: ArgumentHelp(
            "brat: what an event or relation argument is: Content=content, Source=speaker, Cue=cue, trigger=- (repeatable; docs/interop.md lists the defaults).",
            valueName: "ARG=ROLE"))
    var role: [String] = []
    @Option(
        help: ArgumentHelp(
            "brat: discontinuous spans: split (a quote's content: one quote per fragment; others refused), reject, cover or first.",
            valueName: "HOW"))
    var discontinuous: InteropOptions.Discontinuous = .split
    @Option(
        help: ArgumentHelp(
            "The kind of quotes the file gives none for (default: from their quotation marks).", valueName: "KIND"))
    var quoteKind: QuoteKind?
    @Flag(help: "Write nothing when any document is skipped.") var allOrNothing = false
    @Option(
        help: ArgumentHelp(
            "doccano: the field that holds the text (doccano's column_data, flair's data; default text).",
            valueName: "NAME"))
    var textField: String?
    @Option(
        help: ArgumentHelp(
            "doccano: the field that holds the labels (doccano's column_label; default label or labels).",
            valueName: "NAME"))
    var labelField: String?
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
        if (textField != nil || labelField != nil) && format != .doccano {
            throw ValidationError("--text-field and --label-field are for doccano")
        }
    }

    func run() throws {
        let corpus = try options.corpus()
        var reading = InteropOptions()
        reading.quoteEvents = Set(quoteEvent)
        for r in role { try reading.setRole(r) }
        reading.discontinuous = discontinuous
        reading.annotatorFromFileName = annotatorFromFileName
        // An annotator the manifest declares: the annotations go to its folder.
        let declared = Set(corpus.manifest.annotatorSets.map(\.name))
        reading.annotator = annotators.first { declared.contains($0) }
        reading.declaredAnnotators = declared
        reading.textField = textField
        reading.labelField = labelField
        let read = try format.readEach(paths, text: text, ids: InteropFormat.IDSource(idFrom), options: reading)
        var map: [String: String?] = [:]
        // `.some(nil)`: a type dropped (`--map X=-`), not a key removed.
        for (k, v) in FlagValues.typeMap(maps).entries { map[k] = .some(v.map(\.name)) }
        var importer = InteropImporter(corpus: corpus, status: status, typeMap: map, annotators: annotators)
        importer.kind = quoteKind
        importer.allOrNothing = allOrNothing
        let docs = allOrNothing && !read.failures.isEmpty ? [] : read.documents
        let outcome = try importer.run(docs)
        for note in outcome.notes { Output.error("note: " + note) }
        for failure in read.failures { Output.error("error: \(failure); skipped") }
        for (id, reason) in outcome.refused { Output.error("error: \(id): \(reason); nothing written for it") }
        if allOrNothing && !read.failures.isEmpty {
            Output.error(
                "note: --all-or-nothing: \(read.failures.count) file(s) could not be read, so none was written")
        }
        let total = read.documents.count + read.failures.count
        Output.write(
            "imported \(outcome.written.count) of \(total) document(s) from \(format.rawValue)"
                + (outcome.written.isEmpty ? "" : ": " + outcome.written.joined(separator: ", ")) + "\n")
        if !read.failures.isEmpty || !outcome.refused.isEmpty
            || outcome.notes.contains(where: { $0.contains(": warning: ") })
        {
            throw ExitCode(1)
        }
    }
}
