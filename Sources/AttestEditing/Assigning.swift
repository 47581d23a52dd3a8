import Foundation

/// Gives documents to annotators (`attest assign`, the studio's curator):
/// records who has which document in `assignments.xml` and writes each
/// annotator's starting file (the article's empty draft, with the
/// annotator's name) in their folder. Two assigners at once are serialized
/// by a lock and each builds on what the other wrote; a kill at any instant
/// leaves every file whole (each is written atomically, starting files
/// first, so a recorded assignment always has its file).
public enum Assigning {
    /// What an assignment changed.
    public struct Result: Sendable {
        /// The assignments now recorded.
        public var assignments: Assignments
        /// Document id → the annotators it was newly given to.
        public var given: [String: [String]]
        /// The starting files written.
        public var created: [URL]
    }

    /// Applies `change` to the recorded assignments and writes the result (unless `dryRun`).
    /// Every annotator named must be one of the manifest's, every document one of the corpus's.
    public static func assign(
        in corpus: Corpus, dryRun: Bool = false, _ change: (Assignments) throws -> Assignments
    ) throws -> Result {
        let lock = try EditJournal(corpus: corpus).lock("@assignments")
        defer { lock.release() }
        let before = try corpus.assignments()
        let readBytes = AtomicFile.currentBytes(corpus.assignmentsURL)
        let after = try change(before)
        let documents = Set(corpus.documentIDs())
        var given: [String: [String]] = [:]
        for id in after.documentIDs {
            guard documents.contains(id) else {
                throw AttestError.notFound("no document \(id) in this corpus (attest new adds one)")
            }
            for name in after.annotators[id] ?? [] {
                _ = try corpus.annotatorFolder(name)
                guard AssignmentsFile.isName(name) else {
                    throw AttestError(
                        "annotator name \(Brief.quoted(name)) cannot be recorded (letters, digits, '.', '_' and '-')")
                }
                if !(before.annotators[id] ?? []).contains(name) { given[id, default: []].append(name) }
            }
        }
        guard !dryRun else { return Result(assignments: after, given: given, created: []) }
        var created: [URL] = []
        for id in after.documentIDs {
            for name in after.annotators[id] ?? [] {
                if let url = try startingFile(id, of: name, in: corpus) { created.append(url) }
            }
        }
        if after != before {
            try AtomicFile.write(
                Array(AssignmentsFile.xml(after).utf8), to: corpus.assignmentsURL,
                expectedDigest: .some(readBytes.map { SHA256Hex.of($0) }))
        }
        return Result(assignments: after, given: given, created: created)
    }

    /// Writes `annotator`'s empty draft of document `id` unless they have one; nil when they do.
    public static func startingFile(_ id: String, of annotator: String, in corpus: Corpus) throws -> URL? {
        let url = try corpus.annotatorFile(id, of: annotator)
        if FileManager.default.fileExists(atPath: url.path) { return nil }
        let gold = try AnnotationEditor.open(id, in: corpus, allowStale: true, forWriting: false)
        let articlePath = try gold.resolvedArticlePath()
        let folder = url.deletingLastPathComponent()
        let header = DocumentHeader(
            id: id,
            articlePath: ArticleImporter.relativePath(from: folder, to: URL(fileURLWithPath: articlePath)),
            sha256: gold.articleSHA256, length: gold.article.count, status: .draft, annotators: [annotator],
            guidelines: corpus.manifest.guidelines)
        return try writeEmptyDraft(header, to: url) ? url : nil
    }

    /// Writes the empty annotation with `header` to `url` only if no file is there (its folder made
    /// when missing); false when one is, or another process wrote one meanwhile (theirs stands).
    /// An annotator's starting file and an imported document's gold file are both made this way.
    public static func writeEmptyDraft(_ header: DocumentHeader, to url: URL) throws -> Bool {
        if FileManager.default.fileExists(atPath: url.path) { return false }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            try AtomicFile.write(
                AnnotationWriter.bytes(AnnotationDocument(header: header)), to: url, expectedDigest: .some(nil))
        } catch let error as AttestError where error.kind == .conflict {
            return false
        }
        return true
    }
}
