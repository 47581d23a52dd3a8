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

    /// Reads the documents of `paths` (files, or folders of them).
    /// CoNLL: `text` aligns the tokens to that article instead of rebuilding the text.
    public func read(_ paths: [String], text: String? = nil, ids: IDSource = .given) throws -> [InteropDocument] {
        var docs: [InteropDocument] = []
        if case .field = ids, self == .brat || self == .conll {
            throw AttestError(
                "--id-from takes a field only for JSON formats; \(rawValue) ids come from the file or its name")
        }
        let key: String? = if case .field(let k) = ids { k } else { nil }
        for path in try Self.expand(paths, extensions: self == .brat ? ["ann"] : nil) {
            let before = docs.count
            let url = URL(fileURLWithPath: path)
            let stem = ArticleImporter.slug(url.deletingPathExtension().lastPathComponent)
            let shown = DisplayPath.of(path: path, relativeTo: FileManager.default.currentDirectoryPath)
            switch self {
            case .brat:
                let txt = url.deletingPathExtension().appendingPathExtension("txt")
                let text = try Self.text(txt.path)
                docs.append(try BratFormat.read(text: text, ann: try Self.text(path), id: stem, file: shown))
            case .conll:
                let found = try CoNLLFormat.identifiedDocuments(try Self.text(path), file: shown)
                let article = try text.map { try Self.text($0) }
                if article != nil && found.count != 1 {
                    throw AttestError("\(shown): --text aligns one document; this file has \(found.count)")
                }
                for (k, d) in found.enumerated() {
                    let id = d.id ?? (found.count == 1 ? stem : "\(stem)-\(k + 1)")
                    docs.append(try CoNLLFormat.read(d.sentences, id: id, article: article, file: shown))
                }
            case .labelstudio:
                docs += try JSONFormats.readLabelStudio(try Self.bytes(path), file: shown, stem: stem, idKey: key)
            case .doccano:
                docs += try JSONFormats.readDoccano(try Self.bytes(path), file: shown, stem: stem, idKey: key)
            case .spacy: docs += try JSONFormats.readSpacy(try Self.bytes(path), file: shown, stem: stem, idKey: key)
            }
            if ids == .file {
                let count = docs.count - before
                for k in before..<docs.count { docs[k].id = count == 1 ? stem : "\(stem)-\(k - before + 1)" }
            }
        }
        return docs
    }

    /// The files an export writes: relative path → bytes (one file, or a
    /// `.txt` and `.ann` per document for brat).
    public func write(_ docs: [InteropDocument], name: String) -> [(path: String, bytes: [UInt8])] {
        switch self {
        case .brat:
            return docs.flatMap { d in
                [(d.id + ".txt", Array(d.text.utf8)), (d.id + ".ann", Array(BratFormat.write(d).utf8))]
            }
        case .conll: return [(name + ".conll", Array(docs.map(CoNLLFormat.write).joined().utf8))]
        case .labelstudio: return [(name + ".json", JSONFormats.writeLabelStudio(docs))]
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
