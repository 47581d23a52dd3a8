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
        subcommands: [
            Validate.self, New.self, EntityCommand.self, QuoteCommand.self, Remove.self, Status.self, Show.self,
            Retype.self, Rename.self, MergeEntities.self, Split.self, Move.self, Respan.self, EditQuote.self,
            RemoveDocument.self, Undo.self, Realign.self, Stats.self, Import.self, Agree.self, Adjudicate.self,
            Apply.self,
            Fmt.self, Rules.self, Score.self, Export.self, Compare.self, Merge.self, Extract.self, Run.self, Check.self,
        ]
    )
}

@main
enum Main {
    static func main() {
        do {
            var command = try Attest.parseAsRoot()
            try command.run()
        } catch let error as AttestError {
            Output.fail(error)
        } catch {
            let code = Attest.exitCode(for: error)
            if code == .validationFailure {
                Output.error(Attest.fullMessage(for: error))
                Foundation.exit(2)
            }
            Attest.exit(withError: error)
        }
    }
}
