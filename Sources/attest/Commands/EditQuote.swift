import ArgumentParser
import AttestKit
import Foundation

struct EditQuote: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit-quote",
        abstract: "Change a quote's kind, speaker, speaker entity or cue.",
        discussion: """
            Speaker and cue are found by text, nearest the quote unless --speaker-nth or --cue-nth says which. \
            To change the content's boundaries use attest respan. A speaker that is a mention of one entity \
            attributes the quote to it unless --speaker-entity or --no-speaker-entity says otherwise.
            """)

    @Argument(help: "Document id.") var doc: String
    @Argument(help: "The quote id.") var quote: String
    @Option(help: "direct, indirect or mixed.") var kind: QuoteKind?
    @Option(help: "The speaker's words at the attribution.") var speakerText: String?
    @Option(help: "Which occurrence of the speaker text.") var speakerNth: Int?
    @Flag(help: "Remove the speaker span.") var noSpeaker = false
    @Option(help: "The speaker's entity (id or canonical name).") var speakerEntity: String?
    @Flag(help: "Remove the speaker entity.") var noSpeakerEntity = false
    @Option(help: "The speech verb or phrase.") var cueText: String?
    @Option(help: "Which occurrence of the cue text.") var cueNth: Int?
    @Flag(help: "Remove the cue.") var noCue = false
    @OptionGroup var edit: EditFlags
    @OptionGroup var options: CorpusOptions

    func validate() throws {
        if noSpeaker && speakerText != nil {
            throw ValidationError("--speaker-text and --no-speaker exclude each other")
        }
        if noSpeakerEntity && speakerEntity != nil {
            throw ValidationError("--speaker-entity and --no-speaker-entity exclude each other")
        }
        if noCue && cueText != nil { throw ValidationError("--cue-text and --no-cue exclude each other") }
    }

    func run() throws {
        var editor = try AnnotationEditor.open(doc, in: try options.corpus(), forWriting: !edit.dryRun)
        var change = QuoteChange()
        change.kind = kind
        change.speakerText = speakerText
        change.speakerNth = speakerNth
        change.removeSpeaker = noSpeaker
        change.speakerEntity = speakerEntity
        change.removeSpeakerEntity = noSpeakerEntity
        change.cueText = cueText
        change.cueNth = cueNth
        change.removeCue = noCue
        try editor.editQuote(quote, change: change)
        guard try EditSession.finish(&editor, edit) else { return }
        if !edit.dryRun { Output.write(editor.edits.map(\.description).joined(separator: "\n") + "\n") }
    }
}
