import Foundation

/// `attest fmt`: rewrites annotation files in the canonical layout.
public enum CanonicalFormat {
    /// Whether `url` differs from its canonical layout; with `write`, rewrites
    /// it atomically (refusing if it changed meanwhile).
    public static func reformat(_ url: URL, write: Bool) throws -> Bool {
        let file = try AnnotationFile.read(url)
        let canonical = AnnotationWriter.xml(file.document)
        let current = FileManager.default.contents(atPath: url.path).map { [UInt8]($0) } ?? []
        guard current != Array(canonical.utf8) else { return false }
        if write { try AtomicFile.write(canonical, to: url, expectedDigest: .some(file.readDigest)) }
        return true
    }
}
