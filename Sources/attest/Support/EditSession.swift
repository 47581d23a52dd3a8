import AttestKit
import Foundation

/// Ends an editing command: previews the change (`--dry-run`) or commits it,
/// then prints what the editor did on its own and any new warnings.
enum EditSession {
    /// The command line, as the journal records it.
    static var summary: String {
        (["attest"] + CommandLine.arguments.dropFirst().map(shellWord)).joined(separator: " ")
    }

    /// An argument as a shell would need it typed.
    static func shellWord(_ s: String) -> String {
        let plain =
            !s.isEmpty
            && s.unicodeScalars.allSatisfy {
                $0.properties.isAlphabetic || "0123456789-_./=,:@%+".unicodeScalars.contains($0)
            }
        return plain ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Returns false when nothing would change (then nothing is written).
    @discardableResult
    /// `preview: false` skips the view diff (realign: the views before and
    /// after stand on different texts, so its findings say what changed).
    static func finish(_ editor: inout AnnotationEditor, _ flags: EditFlags, preview: Bool = true) throws -> Bool {
        // Who is editing, for the journal and the file's <annotator> names.
        if let name = ProcessInfo.processInfo.environment["ATTEST_ANNOTATOR"], !name.isEmpty { editor.author = name }
        let commit = try editor.commit(summary: summary, write: !flags.dryRun)
        guard commit.changed else {
            Output.error("\(editor.document.id): nothing changed")
            return false
        }
        if flags.dryRun && preview {
            Output.write(EditPreview.diff(editor.original, editor.document, article: editor.article))
        }
        for note in commit.notes { Output.error("note: \(note)") }
        if !commit.newWarnings.isEmpty { Output.error(DiagnosticFormat.gcc.render(commit.newWarnings)) }
        if flags.dryRun { Output.error("dry run: nothing written") }
        return true
    }

    /// `undo --list` and `redo --list`: what can be undone (newest first) or redone (next first).
    static func list(_ direction: EditUndo.Direction, _ doc: String, _ corpus: Corpus) throws {
        let key = try EditUndo.journalTarget(doc, in: corpus, what: direction.rawValue).key
        let history = try EditJournal(corpus: corpus).history(key)
        let items = direction == .undo ? history.undoable : history.redoable
        for (i, item) in items.reversed().enumerated() {
            let e = try history.entry(item)
            Output.write("\(i + 1). \(e.time)  \(e.summary)\(e.author.map { "  (by \($0))" } ?? "")\n")
        }
        if items.isEmpty { Output.error("\(doc): nothing to \(direction.rawValue)") }
    }
}
