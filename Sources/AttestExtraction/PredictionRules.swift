import AttestCorpus

/// The checks made on extractor output before it is scored (docs/rules.md).
public enum PredictionRules {
    public static let syntax = RuleDescriptor(
        "pred.syntax", .error, "Each line of a predictions file is one well-formed JSON object (UTF-8).")
    public static let field = RuleDescriptor(
        "pred.field", .error, "Each field has the type docs/format.md gives it; required fields are present.")
    public static let range = RuleDescriptor(
        "pred.range", .error, "Every predicted span satisfies 0 <= start < end <= the article's length in code points.")
    public static let text = RuleDescriptor(
        "pred.text", .error,
        "A predicted `text` equals the article at its offsets (the message says when offsets look like UTF-8 bytes or UTF-16 units)."
    )
    public static let unknownDocument = RuleDescriptor(
        "pred.unknown-document", .error, "Every prediction names a document of the gold set.")
    public static let duplicate = RuleDescriptor("pred.duplicate", .error, "A document is predicted at most once.")
    public static let offsetUnits = RuleDescriptor(
        "pred.offset-units", .warning,
        "Spans given without `text` are in code points: spans that cut words as code points but fall on word boundaries as UTF-8 bytes or UTF-16 units are reported."
    )
    public static let missing = RuleDescriptor(
        "pred.missing", .warning,
        "Every gold document has a prediction (a missing one is scored as empty; --require-all makes this an error).")
    public static let undeclaredType = RuleDescriptor(
        "pred.undeclared-type", .warning,
        "Predicted entity types are declared in the corpus (others are left out of scoring, as nervaluate leaves out tags it is not given; map them with --map)."
    )

    /// Reported by `attest run` per document; the run exits 1 unless `--allow-failures`.
    public static let extractorFailed = RuleDescriptor(
        "run.extractor-failed", .error,
        "The extractor exits 0 within its timeout and prints one JSON document in the extractor form (`attest run`; the document is scored as empty)."
    )

    public static let all: [RuleDescriptor] = [
        syntax, field, range, text, offsetUnits, unknownDocument, duplicate, missing, undeclaredType,
    ]
}
