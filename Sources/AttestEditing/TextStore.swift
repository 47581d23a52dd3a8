import AttestReports
import Foundation

/// Article texts kept by content, so that annotations made on a text can be
/// carried to a later version of it (`attest realign`): every text a
/// document was annotated on is stored as `<annotations>/.attest/texts/<sha256>.txt`
/// when it is added and whenever a transaction is written.
///
/// The store is meant to be committed with the annotations (only texts that
/// were annotated are kept, each once), so it works in any clone; when a
/// text is missing from it, `ArticleHistory` also looks in git history.
public struct TextStore: Sendable {
    public let folder: URL
    let state: StateFolder

    public init(corpus: Corpus) {
        self.state = StateFolder(corpus: corpus)
        self.folder = state.root.appendingPathComponent("texts", isDirectory: true)
    }

    public func url(for sha256: String) -> URL { folder.appendingPathComponent(sha256 + ".txt") }

    /// The stored text with this hash, verified, or nil.
    public func bytes(sha256: String) -> [UInt8]? {
        guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit) else { return nil }
        let path = url(for: sha256).path
        // A stored text is read only when it is a regular file inside the annotation folder.
        guard FileBytes.containmentProblem(path, root: state.annotations.path) == nil,
            (try? state.checkInside(folder)) != nil,  // deliberate: a folder leading out holds no text
            case .bytes(let bytes) = FileBytes.read(path)
        else { return nil }
        return SHA256Hex.of(bytes) == sha256 ? bytes : nil
    }

    /// Keeps `bytes` (if not kept already). Returns whether it was new.
    @discardableResult
    public func keep(_ bytes: [UInt8]) throws -> Bool {
        try keep(bytes, sha256: SHA256Hex.of(bytes))
    }

    /// Keeps `bytes`, whose hash the caller knows. A stored file of the
    /// right size counts as kept (it is verified whenever it is read back).
    @discardableResult
    public func keep(_ bytes: [UInt8], sha256 sha: String) throws -> Bool {
        let path = url(for: sha).path
        _ = try state.folder("texts")
        if FileBytes.isSymbolicLink(path) == true {
            throw AttestError.io("\(DisplayPath.of(url(for: sha))) is a symbolic link; refusing to write through it")
        }
        if FileBytes.isRegular(path), FileBytes.size(path) == bytes.count { return false }
        try AtomicFile.write(bytes, to: url(for: sha))
        return true
    }
}

/// Finds the text an annotation was made on: in the text store, else in
/// the git history of the article file.
public enum ArticleHistory {
    /// Where an old text came from, for messages.
    public enum Source: Sendable, Equatable {
        case store
        case git(commit: String)
    }

    public static func recover(sha256: String, article: URL, store: TextStore) -> (bytes: [UInt8], source: Source)? {
        if let bytes = store.bytes(sha256: sha256) { return (bytes, .store) }
        return fromGit(sha256: sha256, article: article)
    }

    /// Searches the versions of `article` in git (index and up to 500
    /// commits on any branch) for one with the hash.
    static func fromGit(sha256: String, article: URL) -> (bytes: [UInt8], source: Source)? {
        let folder = article.deletingLastPathComponent().path
        let name = "./" + article.lastPathComponent
        let env = ProcessInfo.processInfo.environment
        func git(_ arguments: String) -> [UInt8]? {
            let outcome = ChildProcess.run(
                "git -C \(shellQuoted(folder)) \(arguments)", environment: env, input: [], timeout: 30)
            return outcome.status == 0 ? outcome.stdout : nil
        }
        if let staged = git("show \(shellQuoted(":" + name))"), SHA256Hex.of(staged) == sha256 {
            return (staged, .git(commit: "index"))
        }
        guard let log = git("log --all --format=%H -n 500 -- \(shellQuoted(article.lastPathComponent))") else {
            return nil
        }
        for commit in String(decoding: log, as: UTF8.self).split(separator: "\n") {
            if let bytes = git("show \(shellQuoted(commit + ":" + name))"), SHA256Hex.of(bytes) == sha256 {
                return (bytes, .git(commit: String(commit)))
            }
        }
        return nil
    }

    static func shellQuoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
