/// The validator's own checks (see `RuleRegistry.fileChecks`).
public enum FileCheck {
    public static let unreadable = RuleDescriptor(
        "io.unreadable", .error, "The file can be read (an I/O error makes the command exit 2).")
    public static let tooLarge = RuleDescriptor(
        "xml.too-large", .error, "An annotation file is at most 16 MiB; larger files are refused unread.")
    public static let doctype = RuleDescriptor(
        "xml.doctype", .error,
        "No DOCTYPE: Attest files need none, and refusing it closes XXE and entity-expansion attacks.")
    public static let malformed = RuleDescriptor(
        "xml.malformed", .error, "The file is well-formed XML in UTF-8 (the first error libxml2 finds is reported).")
    public static let schema = RuleDescriptor(
        "schema.invalid", .error,
        "The file is valid against schemas/attest.xsd (libxml2's XSD validator; every error is reported).")
    public static let articleMissing = RuleDescriptor(
        "article.missing", .error, "The article named by the header exists.")
    public static let articleOutside = RuleDescriptor(
        "article.outside-corpus", .error,
        "The article path resolves (links followed) inside the corpus's article folder; otherwise it is not read.")
    public static let articleEncoding = RuleDescriptor("article.encoding", .error, "The article is valid UTF-8.")
    public static let unannotated = RuleDescriptor(
        "corpus.unannotated", .warning,
        "Every article in the corpus has an annotation file (checked when validating the whole corpus).")
}
