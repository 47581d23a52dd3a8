import AttestKit
import Foundation

/// Paths shared by the tests.
enum Paths {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let sample = fixtures.appendingPathComponent("sample")
    static let sampleAnnotation = sample.appendingPathComponent("annotations/sample.xml")
}

/// A scratch folder removed when the value goes away.
final class TemporaryFolder {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("attest-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ path: String, _ text: String) -> URL { write(path, Array(text.utf8)) }

    @discardableResult
    func write(_ path: String, _ bytes: [UInt8]) -> URL {
        let file = url.appendingPathComponent(path)
        try? FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: file.path, contents: Data(bytes))
        return file
    }

    /// A copy of the sample corpus (manifest, article, annotation).
    /// The sample corpus; `draft` makes its annotation a draft (a gold document refuses a change that
    /// adds a warning, and some tests make such changes on purpose).
    static func sampleCorpus(draft: Bool = false) throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        for path in ["attest.xml", "corpus/sample.txt", "annotations/sample.xml"] {
            var data = [UInt8](try Data(contentsOf: Paths.sample.appendingPathComponent(path)))
            if draft && path.hasPrefix("annotations/") {
                data = Array(
                    String(decoding: data, as: UTF8.self)
                        .replacingOccurrences(of: #"status="gold""#, with: #"status="draft""#).utf8)
            }
            folder.write(path, data)
        }
        return folder
    }
}

func read(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
