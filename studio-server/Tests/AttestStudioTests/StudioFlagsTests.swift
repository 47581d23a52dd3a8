import AttestStudio
import Foundation
import Testing

/// `attest-studio`'s flags: both spellings of a value, the last one winning, and every usage error.
@Suite struct StudioFlagsTests {
    @Test func withoutArgumentsTheDefaultsHold() throws {
        let flags = try StudioFlags.parse([])
        #expect(flags.port == 4_646)
        #expect(flags.host == "127.0.0.1")
        #expect(flags.root == nil && flags.token == nil && flags.users == nil && flags.pred == nil)
        #expect(!flags.help)
    }

    @Test func everyOptionIsReadInBothSpellingsAndTheLastOneWins() throws {
        let flags = try StudioFlags.parse([
            "--port", "80", "--host=::1", "--corpus", "/a corpus/“news”", "--token=abc=def",
            "--users", "users.txt", "--pred", "-pred.jsonl", "--port=0",
        ])
        #expect(flags.port == 0)
        #expect(flags.host == "::1")
        #expect(flags.root == "/a corpus/“news”")
        #expect(flags.token == "abc=def")
        #expect(flags.users == "users.txt")
        #expect(flags.pred == "-pred.jsonl")
        #expect(try StudioFlags.parse(["--token="]).token == "")
    }

    @Test(arguments: [["--help"], ["-h"], ["--port", "1", "-h"]])
    func helpIsAsked(arguments: [String]) throws {
        #expect(try StudioFlags.parse(arguments).help)
        #expect(StudioFlags.helpText.contains("--corpus <corpus>"))
    }

    @Test(arguments: [
        (["--bogus"], "unknown option '--bogus'"),
        (["--bogus=1"], "unknown option '--bogus'"),
        (["-p", "80"], "unknown option '-p'"),
        (["corpus"], "unexpected argument 'corpus'"),
        (["--port"], "missing value for '--port'"),
        (["--token", "--host", "h"], "missing value for '--token'"),
        (["--port", "70000"], "the value '70000' is invalid for '--port' (a port: 0 to 65535)"),
        (["--port=-1"], "the value '-1' is invalid for '--port' (a port: 0 to 65535)"),
        (["--port", "8o"], "the value '8o' is invalid for '--port' (a port: 0 to 65535)"),
    ])
    func aUsageErrorSaysWhatIsWrong(arguments: [String], message: String) {
        #expect(throws: StudioFlags.UsageError(message: message)) { try StudioFlags.parse(arguments) }
    }

    @Test func theExecutableExits2OnAUsageErrorAnd0WithHelp() throws {
        let wrong = try run(["--port", "x"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.hasPrefix("error: the value 'x' is invalid for '--port'"), "\(wrong.stderr)")
        #expect(wrong.stderr.contains("USAGE: attest-studio"))
        let help = try run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout == StudioFlags.helpText)
    }

    private func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = StudioStartupTests.executable
        p.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, stdout, stderr)
    }
}
