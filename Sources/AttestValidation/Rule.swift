import AttestXML

/// What a semantic rule looks at: one annotation document, its article when
/// it could be read, and the corpus's declared entity types.
public struct ValidationSubject: Sendable {
    public let document: AnnotationDocument
    /// The article text, or nil when it is missing, outside the corpus or unreadable.
    public var article: ArticleText?
    /// The raw article bytes' SHA-256 (lower-case hex), when the article was read.
    public var articleSHA256: String?
    public var declaredTypes: Set<EntityType>
    /// Thresholds of the annotator-mistake rules.
    public var settings: CheckSettings
    /// The annotation file's name without `.xml`, when read from a file.
    public var fileStem: String?

    public init(
        document: AnnotationDocument, article: ArticleText?, articleSHA256: String? = nil,
        declaredTypes: Set<EntityType> = Set(EntityType.defaults), fileStem: String? = nil,
        settings: CheckSettings = CheckSettings()
    ) {
        self.settings = settings
        self.document = document
        self.excerpts = ValidationSubject.collectExcerpts(document)
        self.fileStem = fileStem
        self.article = article
        self.articleSHA256 = articleSHA256
        self.declaredTypes = declaredTypes
    }

    /// Every readable excerpt in the document, with a label naming its element.
    public let excerpts: [(label: ExcerptLabel, excerpt: Excerpt)]

    private static func collectExcerpts(_ document: AnnotationDocument) -> [(label: ExcerptLabel, excerpt: Excerpt)] {
        var out: [(ExcerptLabel, Excerpt)] = []
        for entity in document.entities {
            for m in entity.mentions { out.append((ExcerptLabel(role: "mention", owner: m.id), m.excerpt)) }
        }
        for q in document.quotes {
            out.append((ExcerptLabel(role: "content", owner: q.id), q.content))
            if let s = q.speaker { out.append((ExcerptLabel(role: "speaker", owner: q.id), s)) }
            if let c = q.cue { out.append((ExcerptLabel(role: "cue", owner: q.id), c)) }
        }
        return out.filter { !$0.1.isUnreadable }
    }
}

/// A semantic check on one annotation document. Each rule is a small type
/// in its own file under Rules/, listed in `RuleRegistry.rules`.
public protocol Rule: Sendable {
    static var descriptor: RuleDescriptor { get }
    func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink)
}

extension Rule {
    public var descriptor: RuleDescriptor { Self.descriptor }
}

/// Names an excerpt in messages ("mention m3", "cue of quote q2"), built
/// only when a message needs it.
public struct ExcerptLabel: CustomStringConvertible, Sendable {
    public var role: String
    public var owner: String

    public var description: String { role == "mention" ? "mention \(owner)" : "\(role) of quote \(owner)" }
}
