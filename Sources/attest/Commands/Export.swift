import ArgumentParser
import AttestKit
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the gold set as JSON Lines or for another tool (brat, CoNLL, Label Studio, doccano, spaCy).",
        discussion: """
            jsonl is the extractor form: scoring it against the gold set gives 1 on every metric. The other formats \
            are those attest import reads; what a format cannot carry is said on standard error (docs/interop.md).
            """)

    @Option(help: "Output format.") var format: ExportFormat = .jsonl
    @Option(help: "Output file (default: standard output); for brat, a folder.") var out: String?
    @Option(
        help: ArgumentHelp(
            "Statuses to export: one, or a list such as draft,gold (gold when omitted).", valueName: "STATUSES"),
        transform: FlagValues.statusList)
    var status: StatusList = .gold
    @Option(
        help: ArgumentHelp(
            "Export these predictions (JSON Lines in the extractor form) instead of the gold set, on the corpus's articles.",
            valueName: "FILE"))
    var fromPred: String?
    @Option(
        name: .customLong("map"),
        help: ArgumentHelp(
            "Rename or drop a type on the way out, as import's --map (PERSON=PER maps back an import's PER=PERSON; MISC=- drops).",
            valueName: "FROM=TO"),
        transform: FlagValues.mapping)
    var maps: [TypeMapping] = []
    @Option(
        help: ArgumentHelp(
            "Label Studio: the project's labeling config (XML); from_name, to_name and the text field come from it.",
            valueName: "FILE"))
    var lsConfig: String?
    @Option(help: ArgumentHelp("Label Studio: the results' from_name (default label).", valueName: "NAME"))
    var lsFromName: String?
    @Option(help: ArgumentHelp("Label Studio: the results' to_name (default text).", valueName: "NAME"))
    var lsToName: String?
    @Option(help: ArgumentHelp("Label Studio: the data field with the text (default text).", valueName: "NAME"))
    var lsTextField: String?
    @OptionGroup var options: CorpusOptions

    func validate() throws {
        if format == .brat && out == nil { throw ValidationError("--format brat writes a folder: give --out DIR") }
        if format != .labelstudio && (lsConfig ?? lsFromName ?? lsToName ?? lsTextField) != nil {
            throw ValidationError("--ls-config, --ls-from-name, --ls-to-name and --ls-text-field are for labelstudio")
        }
    }

    /// Label Studio's names: the config's, then the flags'.
    func labelStudio() throws -> LabelStudioConfig {
        var config = LabelStudioConfig()
        if let lsConfig {
            let bytes: [UInt8]
            switch FileBytes.read(lsConfig) {
            case .bytes(let b): bytes = b
            case .missing: throw AttestError("\(lsConfig): no such file")
            case .failed(let m): throw AttestError("cannot read \(lsConfig): \(m)")
            case .tooLarge(let n): throw AttestError("\(lsConfig) is too large (\(n) bytes)")
            }
            config = try LabelStudioConfig.read(bytes, file: lsConfig)
        }
        if let lsFromName { config.fromName = lsFromName }
        if let lsToName { config.toName = lsToName }
        if let lsTextField { config.textField = lsTextField }
        return config
    }

    func run() throws {
        let corpus = try options.corpus()
        if let fromPred {
            guard let interop = format.interop else {
                throw AttestError("--from-pred converts to brat, conll, labelstudio, doccano or spacy")
            }
            try write(
                try InteropPredictions.documents(jsonLines: fromPred, corpus: corpus), interop, corpus,
                predictions: true)
            return
        }
        let statuses = status.statuses
        let (read, problems) = corpus.loadGold(statuses: statuses)
        if !problems.isEmpty {
            throw AttestError("the gold set cannot be read; run attest validate", diagnostics: problems)
        }
        let golds = read.filter { statuses.contains($0.document.header.status) }
        let skipped = read.filter { !statuses.contains($0.document.header.status) }
        if !skipped.isEmpty {
            Output.error(
                "skipped \(skipped.count) file(s) not of status \(status): "
                    + skipped.map { "\($0.id) (\($0.document.header.status.rawValue))" }.joined(separator: ", "))
        }
        if let interop = format.interop {
            let docs = try golds.map { g -> InteropDocument in
                guard let article = g.article ?? g.loadArticle() else {
                    throw AttestError("cannot read the article of \(g.id) (\(g.articlePath))")
                }
                return InteropDocument(g.document, text: article.string)
            }
            try write(docs, interop, corpus)
            return
        }
        let text = PredictionWriter.jsonLines(golds.map { PredictionDocument($0.document) })
        if let out { try AtomicFile.write(text, to: URL(fileURLWithPath: out)) } else { Output.write(text) }
    }

    private func write(
        _ docs: [InteropDocument], _ interop: InteropFormat, _ corpus: Corpus, predictions: Bool = false
    ) throws {
        if let drops = interop.drops { Output.error("note: \(drops)") }
        var writing = InteropFormat.Writing()
        writing.labelStudio = try labelStudio()
        writing.predictions = predictions
        // `--map`: types renamed or dropped (mentions of a dropped type leave with it).
        let map = FlagValues.typeMap(maps).entries
        let docs = docs.map { d in
            var d = d
            d.mentions = d.mentions.compactMap { m in
                guard let target = map[m.type] else { return m }
                guard let name = target?.name else { return nil }
                var m = m
                m.type = name
                return m
            }
            return d
        }
        let files = interop.write(docs, name: corpus.manifest.name, writing: writing)
        if interop == .brat, let out {
            let folder = URL(fileURLWithPath: out, isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw AttestError.wrapping(error, "cannot create the folder \(out)")
            }
            for f in files { try AtomicFile.write(f.bytes, to: folder.appendingPathComponent(f.path)) }
        } else if let out {
            try AtomicFile.write(files[0].bytes, to: URL(fileURLWithPath: out))
            // CoNLL's ids go beside it, `OUT.ids` (the token file keeps `-DOCSTART- -X- O O`).
            for f in files.dropFirst() {
                try AtomicFile.write(f.bytes, to: URL(fileURLWithPath: out + f.path.dropFirst(files[0].path.count)))
            }
        } else {
            if files.count > 1 {
                Output.error("note: the document ids are not printed (they go to OUT.ids with --out OUT)")
            }
            Output.write(String(decoding: files[0].bytes, as: UTF8.self))
        }
    }
}
