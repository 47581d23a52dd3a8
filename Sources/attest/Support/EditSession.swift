import AttestKit
import Foundation

/// Ends an editing command: previews the change (`--dry-run`) or commits it,
/// then prints what the editor did on its own and any new warnings.
enum EditSession {
    /// The command line, as the journal records it.
    static var summary: String { (["attest"] + CommandLine.arguments.dropFirst()).joined(separator: " ") }

    /// Returns false when nothing would change (then nothing is written).
    @discardableResult
    static func finish(_ editor: inout AnnotationEditor, _ flags: EditFlags) throws -> Bool {
        let commit = try editor.commit(summary: summary, write: !flags.dryRun)
        guard commit.changed else {
            Output.error("\(editor.document.id): nothing changed")
            return false
        }
        if flags.dryRun { Output.write(EditPreview.diff(editor)) }
        for note in commit.notes { Output.error("note: \(note)") }
        if !commit.newWarnings.isEmpty { Output.error(DiagnosticFormat.gcc.render(commit.newWarnings)) }
        if flags.dryRun { Output.error("dry run: nothing written") }
        return true
    }
}
