import AttestReports
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `<annotations>/.attest/`: the journal and the locks (`journal/`, ignored
/// by git) and the text store (`texts/`, committed). A repository is
/// untrusted input: each of these folders must be a real folder inside the
/// annotation folder, never a link out of it, or nothing is read or written
/// there.
struct StateFolder: Sendable {
    let annotations: URL

    init(corpus: Corpus) { self.annotations = corpus.annotationsDirectory }

    var root: URL { annotations.appendingPathComponent(".attest", isDirectory: true) }

    /// `.attest/<name>`, created when missing, checked to be a folder inside
    /// the annotation folder.
    func folder(_ name: String, create: Bool = true) throws -> URL {
        let url = root.appendingPathComponent(name, isDirectory: true)
        if create {
            try makeRoot()
            try makeFolder(url)
        }
        try checkInside(url)
        return url
    }

    /// Refuses a folder reached through a link out of the annotation folder.
    func checkInside(_ url: URL) throws {
        guard let real = FileBytes.realPath(url.path) else { return }
        guard let base = FileBytes.realPath(annotations.path), FileBytes.isInside(real, base) else {
            throw AttestError.io(
                "\(DisplayPath.of(url)) leads out of \(DisplayPath.of(annotations)) (to \(real)); refusing to use it")
        }
        var info = stat()
        guard stat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw AttestError.io("\(DisplayPath.of(url)) is not a folder")
        }
    }

    private func makeFolder(_ url: URL) throws {
        if mkdir(url.path, 0o755) != 0 && errno != EEXIST {
            throw AttestError.io("cannot create \(DisplayPath.of(url)): \(String(cString: strerror(errno)))")
        }
    }

    /// Creates `.attest/` with a `.gitignore` that keeps the journal out of git.
    private func makeRoot() throws {
        let ignore = root.appendingPathComponent(".gitignore")
        if FileBytes.isRegular(ignore.path) { return }
        if mkdir(annotations.path, 0o755) != 0 && errno != EEXIST {
            throw AttestError.io("cannot create \(DisplayPath.of(annotations)): \(String(cString: strerror(errno)))")
        }
        try makeFolder(root)
        try checkInside(root)
        if FileBytes.isSymbolicLink(ignore.path) == true {
            throw AttestError.io("\(DisplayPath.of(ignore)) is a symbolic link; refusing to write it")
        }
        try AtomicFile.write(
            Array("# attest: the undo journal is local; the text store (texts/) is shared.\njournal/\n".utf8),
            to: ignore)
    }
}
