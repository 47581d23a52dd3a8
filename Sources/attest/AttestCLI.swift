import ArgumentParser
import AttestKit
import Foundation

/// The `attest` command: a thin front end over AttestKit.
struct Attest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract: "Gold-standard entity and quotation annotations for news corpora: validate, annotate, score.",
        discussion: """
            Exit status: 0 success, 1 findings or failed gates, 2 usage or I/O errors.
            Diagnostics read file:line:col: severity: message [rule-id].
            """,
        groupedSubcommands: [
            CommandGroup(
                name: "Annotate",
                subcommands: [New.self, EntityCommand.self, QuoteCommand.self, Remove.self, Status.self, Show.self]),
            CommandGroup(
                name: "Edit",
                subcommands: [
                    Retype.self, Rename.self, MergeEntities.self, Split.self, Move.self, Respan.self, EditQuote.self,
                    RemoveDocument.self, Undo.self, Redo.self, Realign.self, Apply.self,
                ]),
            CommandGroup(name: "Corpus", subcommands: [Validate.self, Stats.self, Fmt.self, Rules.self]),
            CommandGroup(
                name: "Score",
                subcommands: [
                    Check.self, Score.self, Run.self, Extract.self, Compare.self, Trend.self, MergeScores.self,
                    MergeScoresAlias.self,
                ]),
            CommandGroup(name: "Interop", subcommands: [Import.self, Export.self]),
            CommandGroup(name: "Agreement", subcommands: [Assign.self, Agree.self, Adjudicate.self]),
        ]
    )
}

@main
enum Main {
    static func main() {
        var command: ParsableCommand
        do {
            command = try Attest.parseAsRoot()
        } catch {
            usage(error)
        }
        do {
            try command.run()
        } catch let error as AttestError {
            Output.fail(error)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch  where [.validationFailure, .success].contains(Attest.exitCode(for: error)) {
            // Bad usage found while running, or help asked of a command that only groups others.
            usage(error)
        } catch {
            // Foundation's and any other error: an I/O failure in Attest's form.
            Output.fail(AttestError.wrapping(error, "attest \(CommandLine.arguments.dropFirst().first ?? "")"))
        }
    }

    /// Help and version exit 0 as ArgumentParser prints them; bad usage is
    /// `error: …` and exit 2, as every other failure.
    static func usage(_ error: any Error) -> Never {
        guard Attest.exitCode(for: error) != .success else { Attest.exit(withError: error) }
        var message = Attest.fullMessage(for: error)
        if message.hasPrefix("Error: ") { message = "error: " + message.dropFirst("Error: ".count) }
        Output.error(message)
        Foundation.exit(2)
    }
}
