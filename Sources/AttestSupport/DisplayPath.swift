import Foundation

/// Display paths relative to the working directory when they lie under it.
public enum DisplayPath {
    public static func of(_ url: URL) -> String {
        of(path: url.standardizedFileURL.path, relativeTo: FileManager.default.currentDirectoryPath)
    }

    /// `path` relative to `folder` when it lies below it.
    public static func of(path: String, relativeTo folder: String) -> String {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
