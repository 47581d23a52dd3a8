import AttestSupport

/// Quotation marks, straight and typographic.
public enum QuotationMarks {
    /// Marks that can open a quotation.
    public static let opening: Set<Unicode.Scalar> = [
        "\"", "'", "\u{201C}", "\u{2018}", "\u{00AB}", "\u{201E}", "\u{201A}", "\u{2039}",
    ]
    /// Marks that close a quotation (the right single mark ’ is also an
    /// apostrophe, so it counts only after a matching ‘).
    public static let closing: Set<Unicode.Scalar> = ["\"", "'", "\u{201D}", "\u{00BB}", "\u{203A}"]
}
