import AttestSupport

/// The header of an annotation file: which article it annotates and how.
public struct DocumentHeader: Hashable, Sendable {
    /// The document id; the annotation file is `<id>.xml`.
    public var id: String
    /// Path of the article, relative to the annotation file's folder.
    public var articlePath: String
    /// SHA-256 of the article's UTF-8 bytes, lower-case hex.
    public var sha256: String
    /// The article's length in Unicode code points.
    public var length: Int
    public var status: AnnotationStatus
    public var annotators: [String]
    public var guidelines: String?
    public var origin: SourceLocation?

    public init(
        id: String, articlePath: String, sha256: String, length: Int, status: AnnotationStatus,
        annotators: [String] = [], guidelines: String? = nil, origin: SourceLocation? = nil
    ) {
        self.id = id
        self.articlePath = articlePath
        self.sha256 = sha256
        self.length = length
        self.status = status
        self.annotators = annotators
        self.guidelines = guidelines
        self.origin = origin
    }
}
