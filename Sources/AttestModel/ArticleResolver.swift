import AttestSupport
import Foundation

/// Where an annotation's article is, and whether it may be read: the one
/// containment rule that the validator, the editor and every gold reader
/// apply. The header's `article` path is resolved against the annotation
/// file's folder; the result, with symbolic links followed, must lie inside
/// the article folder (the corpus's, or without a corpus the parent of the
/// annotation file's folder). Anything else is refused unread.
public struct ArticleResolver: Sendable {
    /// Why an article cannot be read.
    public struct Problem: Error, Hashable, Sendable {
        public var check: RuleDescriptor
        public var message: String
    }

    /// The article folder (absolute), or nil for the annotation folder's parent.
    public let articlesFolder: String?
    private let articlesFolderReal: String?
    private let workingDirectory: String

    public init(articlesFolder: String?, workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.workingDirectory = workingDirectory
        self.articlesFolder = articlesFolder.map { FileBytes.join(workingDirectory, $0) }
        self.articlesFolderReal = self.articlesFolder.flatMap(FileBytes.realPath)
    }

    /// Real paths of the folders articles were found in, for a reader that
    /// resolves many articles (one cache per thread): the folder is resolved
    /// once, and each article costs one `lstat` (a link is resolved in full).
    public final class FolderCache {
        var realFolders: [String: String] = [:]

        public init() {}
    }

    /// How the article's last path component is treated.
    public enum LastComponent: Sendable {
        /// Asked of the system (`lstat`): a link is followed to where it really leads.
        case resolved
        /// Taken as it is written, for a caller that opens the result without following a link
        /// (`FileBytes.read(withoutFollowing:)`) and resolves again, `.resolved`, when that refuses:
        /// one system call fewer an article.
        case openedWithoutFollowing
    }

    /// The article's real path (links resolved) for the header path
    /// `articlePath` of the annotation file at `annotationPath`.
    public func resolve(
        _ articlePath: String, annotationPath: String, cache: FolderCache? = nil,
        lastComponent: LastComponent = .resolved
    ) -> Result<String, Problem> {
        let folder = FileBytes.folder(of: FileBytes.join(workingDirectory, annotationPath))
        let lexical = FileBytes.join(folder, articlePath)
        let allowed = articlesFolder ?? FileBytes.folder(of: folder)
        let allowedReal = articlesFolderReal ?? FileBytes.realPath(allowed) ?? allowed
        // Built only on refusal: formatting the message costs more than resolving.
        func outside() -> Problem {
            Problem(
                check: FileCheck.articleOutside,
                message:
                    "article path \(Brief.quoted(articlePath)) resolves outside the article folder "
                    + "\(DisplayPath.of(path: allowed, relativeTo: workingDirectory)); it was not read")
        }
        guard !articlePath.isEmpty, !articlePath.utf8.contains(0) else { return .failure(outside()) }
        // A path that leaves the folder as written may still come back into it
        // through links (a corpus folder linked elsewhere); what counts is where
        // it really is. Whether something exists outside is never told.
        let lexicallyInside = FileBytes.isInside(lexical, allowed) || FileBytes.isInside(lexical, allowedReal)
        guard let real = Self.realPath(lexical, cache: cache, lastComponent: lastComponent) else {
            guard lexicallyInside else { return .failure(outside()) }
            let shown = DisplayPath.of(path: lexical, relativeTo: workingDirectory)
            return .failure(Problem(check: FileCheck.articleMissing, message: "article \(shown) does not exist"))
        }
        guard FileBytes.isInside(real, allowedReal) else { return .failure(outside()) }
        return .success(real)
    }

    /// `realpath(lexical)`, with the folder part taken from `cache` when it has it.
    private static func realPath(_ lexical: String, cache: FolderCache?, lastComponent: LastComponent) -> String? {
        guard let cache else {
            guard lastComponent == .openedWithoutFollowing else { return FileBytes.realPath(lexical) }
            let folder = FileBytes.folder(of: lexical)
            guard let realFolder = FileBytes.realPath(folder) else { return nil }
            return joined(realFolder, lexical, folder)
        }
        let folder = FileBytes.folder(of: lexical)
        let realFolder: String
        if let known = cache.realFolders[folder] {
            realFolder = known
        } else {
            guard let resolved = FileBytes.realPath(folder) else { return nil }
            cache.realFolders[folder] = resolved
            realFolder = resolved
        }
        if lastComponent == .openedWithoutFollowing { return joined(realFolder, lexical, folder) }
        switch FileBytes.isSymbolicLink(lexical) {
        case nil: return nil
        case true?: return FileBytes.realPath(lexical)
        case false?: return joined(realFolder, lexical, folder)
        }
    }

    /// The real folder and the last component of `lexical` (whose folder is `folder`).
    private static func joined(_ realFolder: String, _ lexical: String, _ folder: String) -> String {
        let name = lexical.utf8.dropFirst(folder == "/" ? 1 : folder.utf8.count + 1)
        return (realFolder == "/" ? "" : realFolder) + "/" + String(decoding: name, as: UTF8.self)
    }
}
