import AttestKit
import Foundation

/// The annotation files of a folder named on the command line.
enum AnnotationFiles {
    /// `*.xml` files in `folder` (hidden files and the manifest excepted), sorted.
    static func `in`(_ folder: URL) throws -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw AttestError("cannot list \(DisplayPath.of(folder)): \(error.localizedDescription)")
        }
        return names.filter { $0.hasSuffix(".xml") && !$0.hasPrefix(".") && $0 != Manifest.fileName }.sorted()
            .map { folder.appendingPathComponent($0) }
    }
}
