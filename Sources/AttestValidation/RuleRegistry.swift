import AttestXML

/// Every check `attest validate` runs, in the order docs/rules.md lists them.
public enum RuleRegistry {
    /// Semantic rules over the model, run on every annotation file.
    public static let rules: [any Rule] = [
        DocumentIDRule(),
        ArticleHashRule(),
        ArticleLengthRule(),
        SpanRangeRule(),
        SpanTextRule(),
        SpanWhitespaceRule(),
        QuoteMarksRule(),
        MentionCrossingRule(),
        TypeDeclaredRule(),
        DuplicateAnnotationRule(),
        UniqueIDRule(),
        SpeakerReferenceRule(),
        SpeakerMentionedRule(),
        EmptyEntityRule(),
        SpanCutsMentionRule(),
        SpanWordBoundaryRule(),
        SpeakerDistanceRule(),
        SpeakerEntityMissingRule(),
        QuoteNearDuplicateRule(),
    ]

    /// Checks the validator makes itself, before or around the rules: reading
    /// the file, parsing, the schema, finding the article, the corpus as a whole.
    public static let fileChecks: [RuleDescriptor] = [
        FileCheck.unreadable, FileCheck.tooLarge, FileCheck.doctype, FileCheck.malformed, FileCheck.schema,
        FileCheck.articleMissing, FileCheck.articleOutside, FileCheck.articleEncoding, FileCheck.unannotated,
    ]

    public static var all: [RuleDescriptor] { fileChecks + rules.map(\.descriptor) }

    public static func descriptor(_ id: String) -> RuleDescriptor? { all.first { $0.id == id } }
}
