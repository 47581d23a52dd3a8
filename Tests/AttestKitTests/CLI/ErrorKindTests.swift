import AttestKit
import Foundation
import Testing

/// Failures carry a kind; the exit status and the HTTP status come from it,
/// and every failure that is not a finding is `error: …` and exit 2.
@Suite struct ErrorKindTests {
    @Test func kindsMapToHTTPStatuses() {
        let expected: [AttestError.Kind: Int] = [
            .usage: 400, .io: 500, .notFound: 404, .stale: 409, .conflict: 409, .invalid: 422, .tooLarge: 413,
            .unchanged: 400, .emptyHistory: 409,
        ]
        for kind in AttestError.Kind.allCases {
            let error = AttestError("whatever the message says: changed on disk, attest realign", kind: kind)
            #expect(error.httpStatus == expected[kind], "\(kind)")
            #expect(error.exitCode == 2)
        }
    }

    @Test func foundationErrorsAndUsageErrorsExit2InAttestsForm() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let export = try CommandRunner.run(["export", "--format", "brat", "--out", "/proc/nope"], in: folder.url)
        #expect(export.status == 2)
        #expect(export.stderr.hasPrefix("error: "), "\(export.stderr)")
        #expect(export.stderr.contains("/proc/nope"))
        #expect(!export.stderr.contains("Error Domain"))
        // Help is help: printed to standard output, exit 0.
        for arguments in [["--help"], [], ["rename", "--help"], ["help", "score"]] {
            let help = try CommandRunner.run(arguments, in: folder.url)
            #expect(help.status == 0, "\(arguments): \(help.stderr)")
            #expect(help.stdout.contains("USAGE:"), "\(arguments): \(help.stdout.prefix(200))")
        }
        // The subcommands come in groups; enum options list their values and refuse others.
        let help = try CommandRunner.run(["--help"], in: folder.url).stdout
        for group in ["ANNOTATE", "EDIT", "CORPUS", "SCORE", "INTEROP", "AGREEMENT"] {
            #expect(help.contains("\(group) SUBCOMMANDS:"), "\(group)")
        }
        #expect(try CommandRunner.run(["export", "--help"], in: folder.url).stdout.contains("values: jsonl, brat"))
        let format = try CommandRunner.run(["export", "--format", "xml"], in: folder.url)
        #expect(format.status == 2 && format.stderr.hasPrefix("error: "), "\(format.stderr)")
        let both = try CommandRunner.run(["show", "sample", "--color", "--no-color"], in: folder.url)
        #expect(both.status == 2, "\(both.stderr)")
        #expect(!(try CommandRunner.run(["score", "--help"], in: folder.url).stdout.contains("(default: 2)")))
        let usage = try CommandRunner.run(["rename", "sample"], in: folder.url)
        #expect(usage.status == 2)
        #expect(usage.stderr.hasPrefix("error: "), "\(usage.stderr)")
    }

    @Test func nothingToChangeUndoAndRedo() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let url = folder.url.appendingPathComponent("annotations/sample.xml")
        let original = try Data(contentsOf: url)
        // The sample is gold already: nothing to change, nothing journaled.
        let same = try CommandRunner.run(["status", "sample", "gold"], in: folder.url)
        #expect(same.status == 2)
        #expect(same.stderr.contains("nothing to change"), "\(same.stderr)")
        #expect(try CommandRunner.run(["undo", "sample"], in: folder.url).stderr.contains("nothing to undo"))
        #expect(try CommandRunner.run(["rename", "sample", "e1", "Janet Doe"], in: folder.url).status == 0)
        let renamed = try Data(contentsOf: url)
        #expect(try CommandRunner.run(["undo", "sample"], in: folder.url).status == 0)
        #expect(try Data(contentsOf: url) == original)
        let redo = try CommandRunner.run(["redo", "sample"], in: folder.url)
        #expect(redo.status == 0)
        #expect(redo.stdout.contains("redid attest rename sample e1"), "\(redo.stdout)")
        #expect(try Data(contentsOf: url) == renamed)
        let again = try CommandRunner.run(["redo", "sample"], in: folder.url)
        #expect(again.status == 2 && again.stderr.contains("nothing to redo"))
        // A new change after an undo ends what could be redone.
        #expect(try CommandRunner.run(["undo", "sample"], in: folder.url).status == 0)
        #expect(try CommandRunner.run(["rename", "sample", "e2", "Springfield, Ill."], in: folder.url).status == 0)
        #expect(try CommandRunner.run(["redo", "sample"], in: folder.url).stderr.contains("nothing to redo"))
    }
}
