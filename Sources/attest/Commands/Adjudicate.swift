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
        func load(_ folder: String) throws -> [String: AnnotationDocument] {
            var set: [String: AnnotationDocument] = [:]
            for url in try AnnotationFiles.in(URL(fileURLWithPath: folder, isDirectory: true)) {
                let doc = try AnnotationFile.read(url).document
                set[doc.id] = doc
            }
            return set
        }
        let (setA, setB) = (try load(a), try load(b))
        let ids = Set(setA.keys).intersection(setB.keys).sorted()
        guard !ids.isEmpty else { throw AttestError("\(a) and \(b) have no document in common") }
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let validator = try Validator(corpus: corpus)
        var markdown = "# Decisions\n\nA: `\(a)`, B: `\(b)`. Take a side with `attest apply OUT/ID.xml '<edits>'`.\n"
        var json: [String] = []
        var total = 0
        for id in ids {
            let articleURL = corpus.articleURL(for: id)
            guard case .bytes(let bytes) = FileBytes.read(articleURL.path), let article = ArticleText(bytes: bytes)
            else {
                throw AttestError("cannot read the article of \(id) (\(DisplayPath.of(articleURL)))")
            }
            var header = setA[id]!.header
            header.status = .draft
            header.annotators = Array(Set(setA[id]!.header.annotators + setB[id]!.header.annotators)).sorted()
            header.articlePath = Self.relative(from: folder.standardizedFileURL, to: articleURL.standardizedFileURL)
            header.sha256 = SHA256Hex.of(bytes)
            header.length = article.count
            let result = Adjudication(a: setA[id]!, b: setB[id]!, article: article, header: header)
            let target = folder.appendingPathComponent(id + ".xml")
            let xml = AnnotationWriter.bytes(result.draft)
            let errors = validator.validate(
                pending: result.draft, bytes: xml, article: article, articleSHA256: header.sha256, file: target
            ).filter { $0.severity == .error }
            guard errors.isEmpty else {
                throw AttestError("the draft of \(id) would not validate; nothing written for it", diagnostics: errors)
            }
            try AtomicFile.write(xml, to: target)
            total += result.decisions.count
            markdown += "\n## \(id): \(result.decisions.count) decision(s)\n\n"
            if !result.decisions.isEmpty {
                markdown += "| # | kind | A | B |\n|---|---|---|---|\n"
            }
            var items: [String] = []
            for (k, d) in result.decisions.enumerated() {
                markdown +=
                    "| \(k + 1) | \(d.kind) | \(d.a.replacingOccurrences(of: "|", with: "\\|")) | \(d.b.replacingOccurrences(of: "|", with: "\\|")) |\n"
                items.append(
                    "{\"a\":\(PredictionWriter.string(d.a)),\"b\":\(PredictionWriter.string(d.b)),\"kind\":\(PredictionWriter.string(d.kind)),"
                        + "\"take-a\":\(try AnnotationEdit.json(d.takeA)),\"take-b\":\(try AnnotationEdit.json(d.takeB))}"
                )
            }
            json.append("{\"decisions\":[\(items.joined(separator: ","))],\"document\":\(PredictionWriter.string(id))}")
            Output.write(
                "\(id): \(result.draft.mentions.count) mention(s) and \(result.draft.quotes.count) quote(s) agreed; \(result.decisions.count) decision(s)\n"
            )
        }
        try AtomicFile.write(markdown, to: folder.appendingPathComponent("decisions.md"))
        try AtomicFile.write(
            "[" + json.joined(separator: ",\n") + "]\n", to: folder.appendingPathComponent("decisions.json"))
        Output.write("\(total) decision(s) in \(DisplayPath.of(folder.appendingPathComponent("decisions.md")))\n")
        if total > 0 { throw ExitCode(1) }
    }

    static func relative(from folder: URL, to file: URL) -> String {
        let from = folder.pathComponents
        let to = file.pathComponents
        var common = 0
        while common < min(from.count, to.count), from[common] == to[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...]).joined(separator: "/")
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
