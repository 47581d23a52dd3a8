import AttestAgreement

/// How an import reads what other tools encode differently (docs/interop.md):
/// brat's attribution events and relations, discontinuous spans, and quotes
/// that carry no kind.
public struct InteropOptions: Sendable, Equatable {
    /// What a brat event or relation argument is to a quote.
    public enum Role: String, Sendable, CaseIterable {
        case content, speaker, cue
        /// The argument is not read.
        case ignored = "-"
    }

    /// What a discontinuous brat span (`START END;START END`) becomes.
    public enum Discontinuous: String, Sendable, CaseIterable {
        /// A quote's content: one quote per fragment, each with the quote's kind, speaker and cue
        /// (docs/guidelines.md 2.1: each contiguous quoted segment is one quote); any other span
        /// refuses its document, as `reject` does.
        case split
        /// The document is refused, naming the line.
        case reject
        /// The span from the first fragment's start to the last fragment's end.
        case cover
        /// The first fragment.
        case first
    }

    /// Event types read as quotes (`--quote-event`); empty: every event with a content argument.
    public var quoteEvents: Set<String> = []
    /// Argument names (lower case, any trailing digits dropped: `Content2` is `content`) → role.
    /// `trigger` is the event's trigger: the cue when the event has no cue argument.
    public var roles: [String: Role] = Self.defaultRoles
    public var discontinuous: Discontinuous = .split
    /// The kind of quotes whose file gives none; nil: inferred from quotation marks.
    public var kind: QuoteKind?
    /// The annotator of every document read (`--annotator`, when the manifest declares it).
    public var annotator: String?
    /// Take each brat document's annotator from its file name, `DOC_ANNOTATOR.ann`.
    public var annotatorFromFileName = false
    /// The manifest's annotators (Label Studio's `completed_by` is matched against them).
    public var declaredAnnotators: Set<String> = []
    /// doccano: the field that holds the text (`--text-field`; default `text`).
    public var textField: String?
    /// doccano: the field that holds the labels (`--label-field`; default `label` or `labels`).
    public var labelField: String?

    public static let defaultRoles: [String: Role] = [
        "content": .content, "quote": .content, "message": .content, "quotation": .content,
        "source": .speaker, "speaker": .speaker, "author": .speaker,
        "cue": .cue, "trigger": .cue,
    ]

    public init() {}

    /// `--role ARG=content|speaker|cue|-`.
    public mutating func setRole(_ text: String) throws {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, let role = Role(rawValue: parts[1]) else {
            throw AttestError("--role takes ARG=content, ARG=speaker, ARG=cue or ARG=-, not \(Brief.quoted(text))")
        }
        roles[Self.roleKey(parts[0])] = role
    }

    /// The role of an argument name: `Content2` reads as `content`.
    func role(of argument: String) -> Role? {
        roles[Self.roleKey(argument)]
    }

    static func roleKey(_ name: String) -> String {
        var key = name.lowercased()
        while let last = key.last, last.isNumber, key.count > 1 { key.removeLast() }
        return key
    }
}
