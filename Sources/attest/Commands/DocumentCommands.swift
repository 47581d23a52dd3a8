import ArgumentParser
import AttestKit
import Foundation

struct RemoveDocument: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove-doc",
        abstract: "Remove a document: its annotation file and its article.",
        discussion: "attest undo DOC brings both back (the journal keeps the file, the text store the article).")

    @Argument(help: "Document id.") var doc: String
    @OptionGroup var edit: EditFlags
    @OptionGroup var options: CorpusOptions

    func run() throws {
        let editor = try AnnotationEditor.open(
            doc, in: try options.corpus(), allowStale: true, forWriting: !edit.dryRun)
        let d = editor.document
        let what = "\(d.id): \(d.entities.count) entities, \(d.mentions.count) mentions, \(d.quotes.count) quotes"
        if edit.dryRun {
            Output.write("would remove \(what)\n")
            Output.error("dry run: nothing written")
            return
        }
        try editor.removeDocument(summary: EditSession.summary)
        Output.write("removed \(what) (attest undo \(d.id) restores it)\n")
    }
}

struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Undo a document's newest change (repeat to go further back).",
        discussion: """
            Every editing command records its change in annotations/.attest/journal/DOC.jsonl (the whole \
            history, ignored by git). Undo applies the change's inverse, and refuses if the file was changed \
            since by other means; attest redo applies it again. --list prints the changes it can undo, newest \
            first.
            """)

    @Argument(help: "Document id.") var doc: String
    @Flag(help: "List the changes that can be undone, newest first.") var list = false
    @OptionGroup var edit: EditFlags
    @OptionGroup var options: CorpusOptions

    func run() throws {
        let corpus = try options.corpus()
        if list {
            try EditSession.list(.undo, doc, corpus)
            return
        }
        guard edit.dryRun else {
            let entry = try EditUndo.undo(doc, in: corpus)
            Output.write("undid \(entry.summary)\n")
            return
        }
        let (entry, restored) = try EditUndo.undo(doc, in: corpus, write: false)
        if let restored {
            let current = try AnnotationEditor.open(doc, in: corpus, allowStale: true, forWriting: false)
            // A realignment's undo goes back to another text: its summary says enough.
            if restored.header.sha256 == current.articleSHA256 {
                Output.write(EditPreview.diff(current.document, restored, article: current.article))
            }
        }
        Output.write("would undo \(entry.summary)\n")
        Output.error("dry run: nothing written")
    }
}

struct Redo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Redo a document's newest undone change (repeat to go further).",
        discussion: """
            Applies again what attest undo took back, in the reverse order, and refuses if the file was \
            changed since the undo. A new change after an undo starts a new history: what was undone \
            before it can no longer be redone. --list prints the changes it can redo, next first.
            """)

    @Argument(help: "Document id.") var doc: String
    @Flag(help: "List the changes that can be redone, next first.") var list = false
    @OptionGroup var edit: EditFlags
    @OptionGroup var options: CorpusOptions

    func run() throws {
        let corpus = try options.corpus()
        if list {
            try EditSession.list(.redo, doc, corpus)
            return
        }
        let (entry, _) = try EditUndo.redo(doc, in: corpus, write: !edit.dryRun)
        Output.write("\(edit.dryRun ? "would redo" : "redid") \(entry.summary)\n")
        if edit.dryRun { Output.error("dry run: nothing written") }
    }
}

struct Realign: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Carry annotations across edits of their articles' texts.",
        discussion: """
            For each document whose article no longer has the recorded hash, aligns the text it was annotated \
            on (from annotations/.attest/texts, else git history) with the text now, character by character, \
            and moves every span. Spans that read the same are carried; a span whose words were edited is kept \
            at its new place and listed; a span whose text was deleted is removed and listed with its old text \
            and context. Anything listed sends the document back to draft, and the exit status is 1. The text \
            of every unchanged article is added to the store, so that its later edits can be realigned. \
            attest undo DOC reverts a realignment.
            """)

    @Argument(help: "Document ids (default: every document whose article changed).") var docs: [String] = []
    @OptionGroup var edit: EditFlags
    @OptionGroup var options: CorpusOptions

    func run() throws {
        let corpus = try options.corpus()
        var findings = 0
        var realigned = 0
        var stored = 0
        for id in docs.isEmpty ? corpus.documentIDs() : docs {
            var editor = try AnnotationEditor.open(id, in: corpus, allowStale: true, forWriting: !edit.dryRun)
            guard let (result, source) = try editor.realign() else {
                // Unchanged: keep its text, so that a later edit can be realigned.
                if !edit.dryRun, try editor.keepText() { stored += 1 }
                if !docs.isEmpty { Output.error("\(id): the article has not changed; nothing to realign") }
                continue
            }
            let from: String
            switch source {
            case .store: from = "the text store"
            case .git(let commit): from = "git \(commit.prefix(12))"
            }
            try EditSession.finish(&editor, edit, preview: false)
            realigned += 1
            findings += result.findings.count
            Output.write(
                "\(id): \(result.carried) span(s) carried, \(result.findings.count) to check (old text from \(from))\n")
            for f in result.findings { Output.write("  \(f)\n") }
        }
        Output.error(
            "\(realigned) document(s) realigned, \(findings) span(s) to check"
                + (stored > 0 ? "; \(stored) unchanged text(s) added to the text store" : ""))
        if findings > 0 { throw ExitCode(1) }
    }
}
