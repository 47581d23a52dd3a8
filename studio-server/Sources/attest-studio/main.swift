import AttestKit
import AttestStudio
import Foundation

// `attest-studio`: the web annotator over the corpus in the current folder. Its flags are read by
// `StudioFlags` (why not swift-argument-parser: see there); usage and I/O errors exit 2.

/// Writes `message` to standard error and ends the process with exit code 2.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("\(message)\n".utf8))
    exit(2)
}

/// Lets the server hold as many connections as the system allows.
func raiseFileLimit() {
    var limit = rlimit()
    #if os(Linux)
        let files = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
        let files = RLIMIT_NOFILE
    #endif
    guard getrlimit(files, &limit) == 0 else { return }
    limit.rlim_cur = limit.rlim_max
    _ = setrlimit(files, &limit)
}

let flags: StudioFlags
do {
    flags = try StudioFlags.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    fail("error: \(error.message)\n\(StudioFlags.usage)\n  See 'attest-studio --help' for more information.")
}
if flags.help {
    FileHandle.standardOutput.write(Data(StudioFlags.helpText.utf8))
    exit(0)
}

let corpus: Corpus
do {
    corpus = try flags.root.map { try Corpus.open(root: URL(fileURLWithPath: $0)) } ?? Corpus.locate()
} catch {
    fail("error: \((error as? AttestError)?.message ?? "\(error)")")
}
if let pred = flags.pred, !FileManager.default.fileExists(atPath: pred) {
    fail("error: --pred \(pred): no such file or folder")
}
if let token = flags.token, token.count < StudioSecurity.minimumTokenLength {
    fail(
        "error: --token must have at least \(StudioSecurity.minimumTokenLength) characters (it has \(token.count)); omit it to have one generated"
    )
}
var team: [String: StudioUser] = [:]
if let users = flags.users {
    guard flags.token == nil else {
        fail("error: --users and --token: each user has a token; give one or the other")
    }
    do {
        guard case .bytes(let bytes) = FileBytes.read(users) else {
            throw AttestError.io("cannot read \(users)")
        }
        team = try StudioUsers.read(bytes, file: users, annotators: corpus.annotatorNames)
    } catch {
        fail((error as? AttestError)?.message ?? "error: \(error)")
    }
}
raiseFileLimit()
let host = flags.host
let loopback = ["127.0.0.1", "::1", "localhost"].contains(host)
let secret =
    team.isEmpty
    ? flags.token ?? (loopback ? nil : UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()) : nil
let people = team.values.map { "\($0.name) (\($0.role.rawValue))" }.sorted()
do {
    try await StudioServer.run(
        service: StudioService(corpus: corpus, predictions: flags.pred),
        security: StudioSecurity(token: secret, users: team),
        assets: StudioAssets.all, host: host, port: flags.port
    ) { bound in
        let shownHost = host.contains(":") ? "[\(host)]" : host
        var url = "http://\(shownHost):\(bound)/"
        if let secret { url += "?token=\(secret)" }
        if !people.isEmpty { url += "?token=… (each user's own): \(people.joined(separator: ", "))" }
        FileHandle.standardOutput.write(Data("attest-studio: \(corpus.manifest.name) at \(url)\n".utf8))
    }
} catch {
    fail("error: \(error)")
}
