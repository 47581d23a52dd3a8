import AttestSupport

/// A span of an article together with the text it covers, as written in an
/// annotation file. The text lets a reviewer read the file and lets the
/// validator detect drift between offsets and article.
public struct Excerpt: Hashable, Sendable {
    public var span: Span
    public var text: String
    /// Where the excerpt's element stands in its annotation file, if read from one.
    public var origin: SourceLocation?

    public init(span: Span, text: String, origin: SourceLocation? = nil) {
        self.span = span
        self.text = text
        self.origin = origin
    }

    public var start: Int { span.start }
    public var end: Int { span.end }

    /// Whether an offset could not be read (negative or not an integer); the
    /// schema reports such offsets and the semantic rules skip the excerpt.
    public var isUnreadable: Bool { span.start < 0 || span.end < 0 }
}
