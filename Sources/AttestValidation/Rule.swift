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
        let excerpts = ValidationSubject.collectExcerpts(document)
        self.excerpts = excerpts
        self.textOrder = ValidationSubject.textOrder(of: excerpts)
        self.fileStem = fileStem
        self.article = article
        self.articleSHA256 = articleSHA256
        self.declaredTypes = declaredTypes
    }

    /// Every readable excerpt in the document, with a label naming its element.
    public let excerpts: [(label: ExcerptLabel, excerpt: Excerpt)]

    /// The indices of `excerpts` in text order: by start, then by place in the document. The rules
    /// that read the article at each excerpt visit them in this order, so that the article's bytes and
    /// code-point offsets are read front to back: on the 1.4 MB article with 20,000 annotations, read
    /// in document order, a cache miss at each read was most of those rules' time.
    public let textOrder: [Int]

    /// `body` with the index of each excerpt in text order for which `test` holds, called in
    /// document order (the order of `excerpts`), so that what a rule reports does not depend on the
    /// order it was found in.
    public func forEachInTextOrder(where test: (Excerpt) -> Bool, do body: (Int) -> Void) {
        var found: [Int] = []
        for i in textOrder where test(excerpts[i].excerpt) { found.append(i) }
        found.sort()
        for i in found { body(i) }
    }

    private static func collectExcerpts(_ document: AnnotationDocument) -> [(label: ExcerptLabel, excerpt: Excerpt)] {
        var out: [(label: ExcerptLabel, excerpt: Excerpt)] = []
        out.reserveCapacity(document.entities.reduce(document.quotes.count * 3) { $0 + $1.mentions.count })
        func add(_ role: String, _ owner: String, _ x: Excerpt) {
            if !x.isUnreadable { out.append((ExcerptLabel(role: role, owner: owner), x)) }
        }
        for entity in document.entities {
            for m in entity.mentions { add("mention", m.id, m.excerpt) }
        }
        for q in document.quotes {
            add("content", q.id, q.content)
            if let s = q.speaker { add("speaker", q.id, s) }
            if let c = q.cue { add("cue", q.id, c) }
        }
        return out
    }

    private static func textOrder(of excerpts: [(label: ExcerptLabel, excerpt: Excerpt)]) -> [Int] {
        var keys: [(start: Int, index: Int)] = []
        keys.reserveCapacity(excerpts.count)
        for i in excerpts.indices { keys.append((excerpts[i].excerpt.span.start, i)) }
        keys.sort { $0 < $1 }
        return keys.map(\.index)
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
