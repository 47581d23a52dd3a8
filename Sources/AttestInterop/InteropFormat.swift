import AttestAgreement
import Foundation

/// The formats `attest import` reads and `attest export` writes (docs/interop.md).
public enum InteropFormat: String, CaseIterable, Sendable {
    case brat, conll, labelstudio, doccano, spacy

    /// What the format cannot carry, said when exporting to it.
    public var drops: String? {
        switch self {
        case .brat: nil
        case .conll: "quotes, entity grouping and overlapping or nested mentions are not carried by CoNLL tokens"
        case .labelstudio, .doccano, .spacy:
            "\(rawValue) shows mentions only; quotes, entities and ids travel in its \(extensionPlace) field (docs/interop.md)"
        }
    }

    /// Where a document's id comes from (`attest import --id-from`).
    public enum IDSource: Sendable, Equatable {
        /// The id the file gives (a record's `id`, Label Studio's `data.id`, spaCy's `user_data.id`,
        /// CoNLL's `-DOCSTART- -X- ID`), else the file's name (with `-N` for several documents).
        case given
        /// The file's name (with `-N` for several documents in one file).
        case file
        /// A field of each JSON record (at its top, or in `data`, `meta` or `user_data`).
        case field(String)

        public init(_ text: String) {
            switch text {
            case "given", "field": self = .given
            case "file": self = .file
            default: self = .field(text)
            }
        }
    }

    /// Where the JSON formats keep Attest's `attest` object.
    var extensionPlace: String {
        switch self {
        case .labelstudio: "meta.attest"
        case .spacy: "user_data.attest"
        default: "attest"
        }
    }

    /// What a read found: the documents, and the files or records that could not be read
    /// (`file:line: message`), each of which stops only its own document.
    public struct Reading: Sendable {
        public var documents: [InteropDocument] = []
        public var failures: [String] = []
    }

    /// Reads the documents of `paths` (files, or folders of them); the first failure is thrown.
    /// CoNLL: `text` aligns the tokens to that article instead of rebuilding the text.
    public func read(
        _ paths: [String], text: String? = nil, ids: IDSource = .given, options: InteropOptions = .init()
    ) throws -> [InteropDocument] {
        let reading = try readEach(paths, text: text, ids: ids, options: options)
        if let first = reading.failures.first { throw AttestError(first) }
        return reading.documents
    }

    /// Reads the documents of `paths`, each file on its own: a file that cannot be read is a
    /// failure of its own and the others are read. Throws only for what stops every file (a path
    /// that does not exist, `--id-from` misused).
    public func readEach(
        _ paths: [String], text: String? = nil, ids: IDSource = .given, options: InteropOptions = .init()
    ) throws -> Reading {
        var reading = Reading()
        if case .field = ids, self == .brat || self == .conll {
            throw AttestError(
                "--id-from takes a field only for JSON formats; \(rawValue) ids come from the file or its name")
        }
        let key: String? = if case .field(let k) = ids { k } else { nil }
        let article = try text.map { try Self.text($0) }
        for path in try Self.expand(paths, extensions: self == .brat ? ["ann"] : nil) {
            let url = URL(fileURLWithPath: path)
            let shown = DisplayPath.of(path: path, relativeTo: FileManager.default.currentDirectoryPath)
            var name = url.deletingPathExtension().lastPathComponent
            var annotator = options.annotator
            if options.annotatorFromFileName {
                // `DOC_ANNOTATOR.ann`: the annotator after the last `_`.
                guard let cut = name.lastIndex(of: "_"), cut != name.startIndex, name.index(after: cut) != name.endIndex
                else {
                    reading.failures.append("\(shown): the file name has no _ANNOTATOR suffix (DOC_ANNOTATOR)")
                    continue
                }
                annotator = String(name[name.index(after: cut)...])
                name = String(name[..<cut])
            }
            let stem = ArticleImporter.slug(name)
            do {
                var docs = try read(
                    path, url: url, shown: shown, stem: stem, article: article, key: key, options: options,
                    failures: &reading.failures)
                if ids == .file {
                    for k in docs.indices { docs[k].id = docs.count == 1 ? stem : "\(stem)-\(k + 1)" }
                }
                for k in docs.indices where annotator != nil && docs[k].annotator == nil {
                    docs[k].annotator = annotator
                }
                // A file's name made into an id is said, not done silently.
                if let k = docs.indices.first, docs.contains(where: { $0.id.hasPrefix(stem) }), stem != name {
                    docs[k].notes.append(
                        "\(shown): ids from the file name \(Brief.quoted(name)) are written as \(Brief.quoted(stem)) (lower case; characters other than letters and digits as -)"
                    )
                }
                reading.documents += docs
            } catch let error as AttestError {
                reading.failures.append(error.message)
            }
        }
        return reading
    }

    private func read(
        _ path: String, url: URL, shown: String, stem: String, article: String?, key: String?,
        options: InteropOptions, failures: inout [String]
    ) throws -> [InteropDocument] {
        switch self {
        case .brat:
            // `DOC.txt` beside `DOC.ann`; for `DOC_ANNOTATOR.ann`, `DOC_ANNOTATOR.txt` or else `DOC.txt`.
            var txt = url.deletingPathExtension().appendingPathExtension("txt")
            if options.annotatorFromFileName, !FileManager.default.fileExists(atPath: txt.path) {
                let name = url.deletingPathExtension().lastPathComponent
                if let cut = name.lastIndex(of: "_") {
                    txt = url.deletingLastPathComponent().appendingPathComponent(String(name[..<cut]) + ".txt")
                }
            }
            let text = try Self.text(txt.path)
            return [try BratFormat.read(text: text, ann: try Self.text(path), id: stem, file: shown, options: options)]
        case .conll:
            let found = try CoNLLFormat.identifiedDocuments(try Self.text(path), file: shown)
            if article != nil && found.count != 1 {
                throw AttestError("\(shown): --text aligns one document; this file has \(found.count)")
            }
            let ids = try CoNLLFormat.ids(found, path: path, stem: stem)
            var docs: [InteropDocument] = []
            for (d, id) in zip(found, ids) {
                // A bad line stops its own document; the others are read.
                do {
                    if let error = d.error { throw AttestError(error) }
                    docs.append(try CoNLLFormat.read(d.sentences, id: id, article: article, file: shown))
                } catch let error as AttestError {
                    failures.append(error.message)
                }
            }
            return docs
        case .labelstudio:
            return try JSONFormats.readLabelStudio(
                try Self.bytes(path), file: shown, stem: stem, idKey: key, options: options, failures: &failures)
        case .doccano:
            return try JSONFormats.readDoccano(
                try Self.bytes(path), file: shown, stem: stem, idKey: key, options: options, failures: &failures)
        case .spacy:
            return try JSONFormats.readSpacy(
                try Self.bytes(path), file: shown, stem: stem, idKey: key, failures: &failures)
        }
    }

    /// The files an export writes: relative path → bytes (one file, or a
    /// `.txt` and `.ann` per document for brat).
    /// How an export writes: Label Studio's names, and whether the documents are predictions.
    public struct Writing: Sendable {
        public var labelStudio = LabelStudioConfig()
        /// Predictions (`export --from-pred`): Label Studio keeps them as `predictions`.
        public var predictions = false

        public init() {}
    }

    public func write(_ docs: [InteropDocument], name: String, writing: Writing = .init()) -> [(
        path: String, bytes: [UInt8]
    )] {
        switch self {
        case .brat:
            return docs.flatMap { d in
                [(d.id + ".txt", Array(d.text.utf8)), (d.id + ".ann", Array(BratFormat.write(d).utf8))]
            } + [("annotation.conf", Array(BratFormat.configuration(docs).utf8))]
        case .conll:
            // The ids beside the tokens (`.conll.ids`): the token file keeps CoNLL-2003's document lines.
            return [
                (name + ".conll", Array(docs.map(CoNLLFormat.write).joined().utf8)),
                (name + ".conll.ids", Array(docs.map { $0.id + "\n" }.joined().utf8)),
            ]
        case .labelstudio:
            return [
                (
                    name + ".json",
                    JSONFormats.writeLabelStudio(
                        docs, config: writing.labelStudio, predictions: writing.predictions)
                )
            ]
        case .doccano: return [(name + ".jsonl", JSONFormats.writeDoccano(docs))]
        case .spacy: return [(name + ".jsonl", JSONFormats.writeSpacy(docs))]
        }
    }

    static func expand(_ paths: [String], extensions: Set<String>?) throws -> [String] {
        var out: [String] = []
        for p in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDirectory) else {
                throw AttestError("\(p): no such file or folder")
            }
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: p).sorted()
                out += names.filter {
                    extensions?.contains(URL(fileURLWithPath: $0).pathExtension) ?? !$0.hasPrefix(".")
                }
                .map { URL(fileURLWithPath: p).appendingPathComponent($0).path }
            } else {
                out.append(p)
            }
        }
        return out
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        switch FileBytes.read(path) {
        case .bytes(let b): return b
        case .missing: throw AttestError("\(path): no such file")
        case .failed(let m): throw AttestError("cannot read \(path): \(m)")
        case .tooLarge(let n): throw AttestError("\(path) is too large (\(n) bytes)")
        }
    }

    static func text(_ path: String) throws -> String {
        let b = try bytes(path)
        guard let article = ArticleText(bytes: b) else { throw AttestError("\(path) is not valid UTF-8") }
        return article.string
    }
}
