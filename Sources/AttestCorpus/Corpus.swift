import AttestValidation
import Foundation

/// A corpus on disk: a root folder with `attest.xml`, the articles folder
/// (`corpus/`, `<doc-id>.txt`) and the annotations folder (`annotations/`,
/// `<doc-id>.xml`).
public struct Corpus: Sendable {
    public let root: URL
    public let manifest: Manifest

    public init(root: URL, manifest: Manifest) {
        self.root = root.standardizedFileURL
        self.manifest = manifest
    }

    public var articlesDirectory: URL {
        root.appendingPathComponent(manifest.articlesPath, isDirectory: true).standardizedFileURL
    }
    public var annotationsDirectory: URL {
        root.appendingPathComponent(manifest.annotationsPath, isDirectory: true).standardizedFileURL
    }
    public var manifestURL: URL { root.appendingPathComponent(Manifest.fileName) }

    public func articleURL(for id: String) -> URL { articlesDirectory.appendingPathComponent(id + ".txt") }
    public func annotationURL(for id: String) -> URL { annotationsDirectory.appendingPathComponent(id + ".xml") }

    /// Article files (`*.txt`), sorted by name.
    public func articleURLs() -> [URL] { Corpus.files(in: articlesDirectory, ext: "txt") }
    /// Annotation files (`*.xml`), sorted by name.
    public func annotationURLs() -> [URL] { Corpus.files(in: annotationsDirectory, ext: "xml") }

    /// Document ids with an annotation file, sorted.
    public func documentIDs() -> [String] { Corpus.names(in: annotationsDirectory, ext: "xml") }

    /// Ids of the articles (`*.txt` names without extension), sorted.
    public func articleIDs() -> [String] { Corpus.names(in: articlesDirectory, ext: "txt") }

    package static func names(in directory: URL, ext: String) -> [String] {
        // A folder that does not exist yet (a new corpus) holds no files.
        let listing = try? FileManager.default.contentsOfDirectory(atPath: directory.path)  // deliberate
        let names = listing ?? []
        return names.filter { $0.hasSuffix("." + ext) && !$0.hasPrefix(".") }.map { String($0.dropLast(ext.count + 1)) }
            .sorted()
    }

    package static func files(in directory: URL, ext: String) -> [URL] {
        files(named: names(in: directory, ext: ext), in: directory, ext: ext)
    }

    /// The files of `directory` with these names (as `names(in:ext:)` gives them).
    package static func files(named names: [String], in directory: URL, ext: String) -> [URL] {
        let folder = directory.path
        // On every core: 10,000 URLs took 8 ms of one core at the start of each `attest score`.
        return ConcurrentMap.map(names) { URL(fileURLWithPath: folder + "/" + $0 + "." + ext, isDirectory: false) }
    }

    /// The nearest folder at or above `start` that holds `attest.xml`.
    public static func findRoot(from start: URL) -> URL? {
        var dir = start.standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(Manifest.fileName).path) { return dir }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }
}
