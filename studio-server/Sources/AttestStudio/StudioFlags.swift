/// The flags of `attest-studio`, read from its arguments.
///
/// Hand-written for a measurement: swift-argument-parser (the parser of the `attest` CLI) costs 12 s
/// of CPU, about 5 s of wall time on two cores, in the annotator's first build from a fresh clone,
/// which the 90-second first start of issue 23 cannot afford (docs/performance.md, 2026-12-04). Six
/// options that each take a value (`--port 80` or `--port=80`; the last one given wins) and `--help`;
/// anything else is a usage error, which the executable reports with exit code 2.
public struct StudioFlags: Equatable, Sendable {
    public var port = 4_646
    public var host = "127.0.0.1"
    /// `--corpus`: the corpus root (nil: found from the working folder).
    public var root: String?
    public var token: String?
    public var users: String?
    public var pred: String?
    public var help = false

    public init() {}

    /// A usage error: what is wrong with the arguments.
    public struct UsageError: Error, Equatable, Sendable {
        public let message: String

        public init(message: String) { self.message = message }
    }

    static let valued = ["--port", "--host", "--corpus", "--token", "--users", "--pred"]

    public static let usage =
        "USAGE: attest-studio [--port <port>] [--host <host>] [--corpus <corpus>] [--token <token>] [--users <FILE>] [--pred <FILE>]"

    public static let helpText = """
        OVERVIEW: Serve the web annotator for a corpus (docs/api.md).

        Binds to 127.0.0.1 by default. Any other host needs a token (--token, or one is
        generated and printed); every request must then carry it. Every change is an
        attest transaction on the same files: validated, written atomically, undoable
        with attest undo.

        \(usage)

        OPTIONS:
          --port <port>           The port (0: any free port). (default: 4646)
          --host <host>           The address to bind. (default: 127.0.0.1)
          --corpus <corpus>       The corpus root (default: found from the working
                                  folder).
          --token <token>         The token every request must carry (required off
                                  loopback; generated when omitted).
          --users <FILE>          Users of a team, one a line: NAME ROLE TOKEN (role
                                  annotator or curator); every request then carries a
                                  user's token. Keep it out of git.
          --pred <FILE>           Predictions for review mode: a JSON Lines file or a
                                  folder of annotation files (also chosen on the page).
          -h, --help              Show help information.

        """

    /// The flags in `arguments` (without the executable's name).
    public static func parse(_ arguments: [String]) throws(UsageError) -> StudioFlags {
        var flags = StudioFlags()
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            if argument == "-h" || argument == "--help" {
                flags.help = true
                continue
            }
            var name = argument
            var inline: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            guard valued.contains(name) else {
                if argument.hasPrefix("-") {
                    throw UsageError(message: "unknown option '\(name)'")
                }
                throw UsageError(message: "unexpected argument '\(argument)'")
            }
            let value: String
            if let inline {
                value = inline
            } else {
                guard index < arguments.endIndex, !arguments[index].hasPrefix("--") else {
                    throw UsageError(message: "missing value for '\(name)'")
                }
                value = arguments[index]
                index += 1
            }
            try flags.set(name, value)
        }
        return flags
    }

    private mutating func set(_ name: String, _ value: String) throws(UsageError) {
        switch name {
        case "--port":
            guard let port = Int(value), (0...65_535).contains(port) else {
                throw UsageError(message: "the value '\(value)' is invalid for '--port' (a port: 0 to 65535)")
            }
            self.port = port
        case "--host": host = value
        case "--corpus": root = value
        case "--token": token = value
        case "--users": users = value
        default: pred = value
        }
    }
}
