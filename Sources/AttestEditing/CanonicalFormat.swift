import AttestReports
import Foundation

/// `attest fmt`: rewrites annotation files in the canonical layout.
public enum CanonicalFormat {
    /// The unified diff from the file to its canonical layout (nil when it is
    /// canonical); with `write`, also rewrites it atomically.
    /// With `corpus`, a document of it is rewritten holding its lock, as
    /// every other writer does.
    public static func difference(_ url: URL, write: Bool, corpus: Corpus? = nil) throws -> String? {
        var lock: FileLock?
        if write, let corpus {
            lock = try AnnotationEditor.lock(url, key: AnnotationEditor.journalKey(url, in: corpus), corpus: corpus).0
        }
        defer { lock?.release() }
        let file = try AnnotationFile.read(url)
        let canonical = AnnotationWriter.xml(file.document)
        let current = file.readBytes
        guard current != Array(canonical.utf8) else { return nil }
        if write { try AtomicFile.write(canonical, to: url, expectedDigest: .some(file.readDigest)) }
        let name = DisplayPath.of(url)
        let diff = UnifiedDiff.render(
            old: String(decoding: current, as: UTF8.self), new: canonical, oldName: name, newName: name + " (canonical)"
        )
        // Bytes that differ where lines do not (a missing final newline, a BOM) still show.
        return diff.isEmpty
            ? "--- \(name)\n+++ \(name) (canonical)\n(differs in line endings or encoding only)\n" : diff
    }
}
