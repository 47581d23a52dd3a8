import ArgumentParser
import AttestKit
import AttestStudio
import Foundation

/// `attest-studio`: the web annotator over the corpus in the current folder.
@main
struct AttestStudioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest-studio",
        abstract: "Serve the web annotator for a corpus (docs/api.md).",
        discussion: """
            Binds to 127.0.0.1 by default. Any other host needs a token (--token, or one is generated and \
            printed); every request must then carry it. Every change is an attest transaction on the same \
            files: validated, written atomically, undoable with attest undo.
            """)

    @Option(help: "The port (0: any free port).") var port = 4_646
    @Option(help: "The address to bind.") var host = "127.0.0.1"
    @Option(name: .customLong("corpus"), help: "The corpus root (default: found from the working folder).")
    var root: String?
    @Option(help: "The token every request must carry (required off loopback; generated when omitted).")
    var token: String?
    @Option(
        help: ArgumentHelp(
            "Users of a team, one a line: NAME ROLE TOKEN (role annotator or curator); every request then carries a user's token. Keep it out of git.",
            valueName: "FILE"))
    var users: String?
    @Option(
        help: ArgumentHelp(
            "Predictions for review mode: a JSON Lines file or a folder of annotation files (also chosen on the page).",
            valueName: "FILE"))
    var pred: String?

    func run() async throws {
        let corpus: Corpus
        do {
            corpus = try root.map { try Corpus.open(root: URL(fileURLWithPath: $0)) } ?? Corpus.locate()
        } catch let error as AttestError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(2)
        }
        if let pred, !FileManager.default.fileExists(atPath: pred) {
            FileHandle.standardError.write(Data("error: --pred \(pred): no such file or folder\n".utf8))
            throw ExitCode(2)
        }
        if let token, token.count < StudioSecurity.minimumTokenLength {
            FileHandle.standardError.write(
                Data(
                    "error: --token must have at least \(StudioSecurity.minimumTokenLength) characters (it has \(token.count)); omit it to have one generated\n"
                        .utf8))
            throw ExitCode(2)
        }
        var team: [String: StudioUser] = [:]
        if let users {
            guard token == nil else {
                FileHandle.standardError.write(
                    Data("error: --users and --token: each user has a token; give one or the other\n".utf8))
                throw ExitCode(2)
            }
            do {
                guard case .bytes(let bytes) = FileBytes.read(users) else {
                    throw AttestError.io("cannot read \(users)")
                }
                team = try StudioUsers.read(bytes, file: users, annotators: corpus.annotatorNames)
            } catch let error as AttestError {
                FileHandle.standardError.write(Data("\(error.message)\n".utf8))
                throw ExitCode(2)
            }
        }
        raiseFileLimit()
        let loopback = ["127.0.0.1", "::1", "localhost"].contains(host)
        let secret =
            team.isEmpty
            ? token ?? (loopback ? nil : UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()) : nil
        let host = self.host
        let people = team.values.map { "\($0.name) (\($0.role.rawValue))" }.sorted()
        let app = StudioServer.application(
            service: StudioService(corpus: corpus, predictions: pred),
            security: StudioSecurity(token: secret, users: team),
            assets: StudioAssets.all, host: host, port: port
        ) { bound in
            let shownHost = host.contains(":") ? "[\(host)]" : host
            var url = "http://\(shownHost):\(bound)/"
            if let secret { url += "?token=\(secret)" }
            if !people.isEmpty { url += "?token=… (each user's own): \(people.joined(separator: ", "))" }
            FileHandle.standardOutput.write(Data("attest-studio: \(corpus.manifest.name) at \(url)\n".utf8))
        }
        try await app.runService()
    }

    /// Lets the server hold as many connections as the system allows.
    private func raiseFileLimit() {
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
}
