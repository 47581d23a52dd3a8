import Foundation

/// Edits one document's annotation: loads it with its article, applies
/// changes to the model, and saves only a result that validates — atomically,
/// in the canonical layout, and never over a file changed since it was read.
public struct AnnotationEditor: Sendable {
    public let corpus: Corpus
    public private(set) var file: AnnotationFile
    public let article: ArticleText

    public var document: AnnotationDocument {
        get { file.document }
        set { file.document = newValue }
    }
    public var locator: TextLocator { TextLocator(article: article, documentID: document.id) }

    /// Opens the annotation of document `id` (or of the annotation file path `id`).
    public static func open(_ id: String, in corpus: Corpus) throws -> AnnotationEditor {
        let url = Self.annotationURL(id, in: corpus)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw AttestError(
                "no annotation for \(Brief.quoted(id)): \(DisplayPath.of(url)) does not exist (add the article with attest new)"
            )
        }
        let file = try AnnotationFile.read(url)
        let header = file.document.header
        let articlePath: String
        switch corpus.articleResolver.resolve(header.articlePath, annotationPath: url.path) {
        case .failure(let problem):
            let d = Diagnostic(
                file: DisplayPath.of(url), location: header.origin ?? .start, message: problem.message,
                rule: problem.check.id)
            throw AttestError("the article of \(DisplayPath.of(url)) cannot be read; not opened", diagnostics: [d])
        case .success(let path): articlePath = path
        }
        let shown = DisplayPath.of(path: articlePath, relativeTo: FileManager.default.currentDirectoryPath)
        guard case .bytes(let bytes) = FileBytes.read(articlePath) else {
            throw AttestError("cannot read the article \(shown)")
        }
        guard let article = ArticleText(bytes: bytes) else {
            throw AttestError("the article \(shown) is not valid UTF-8")
        }
        return AnnotationEditor(corpus: corpus, file: file, article: article)
    }

    static func annotationURL(_ id: String, in corpus: Corpus) -> URL {
        if id.hasSuffix(".xml") { return URL(fileURLWithPath: id).standardizedFileURL }
        return corpus.annotationURL(for: id)
    }

    init(corpus: Corpus, file: AnnotationFile, article: ArticleText) {
        self.corpus = corpus
        self.file = file
        self.article = article
    }

    // MARK: Entities

    /// Adds mentions of `text` (the `nth` occurrence, the only one, or with
    /// `all` every occurrence not yet annotated) to entity `entityID`, to the
    /// entity of that type named `name`, or to a new entity.
    @discardableResult
    public mutating func addMentions(
        type: EntityType, text: String, nth: Int? = nil, all: Bool = false, entityID: String? = nil, name: String? = nil
    ) throws -> (entity: Entity, added: [Mention]) {
        let spans: [Span]
        if all {
            // Every occurrence that is not part of an existing mention ("Kaba"
            // inside an annotated "Chris Kaba" stays unmarked).
            let existing = document.mentions.map(\.mention.span)
            let found = locator.occurrences(of: text)
            if found.isEmpty { _ = try locator.locate(text, nth: nil) }
            spans = found.filter { s in !existing.contains { $0 != s && $0.overlaps(s) } }
        } else {
            spans = [try locator.locate(text, nth: nth)]
        }
        let taken = Set(document.mentions.map(\.mention.span))
        let fresh = spans.filter { !taken.contains($0) }
        if fresh.isEmpty {
            throw AttestError(
                "\(Brief.quoted(text)) at \(spans.map(\.description).joined(separator: ", ")) is already annotated; nothing to add"
            )
        }
        var index: Int
        if let entityID {
            guard let i = document.entities.firstIndex(where: { $0.id == entityID }) else {
                throw AttestError(
                    "no entity \(entityID) in \(document.id); entities: \(document.entities.map { "\($0.id) (\($0.name))" }.joined(separator: ", "))"
                )
            }
            guard document.entities[i].type == type else {
                throw AttestError("entity \(entityID) is a \(document.entities[i].type), not a \(type)")
            }
            index = i
        } else {
            let canonical = name ?? text
            if let i = document.entities.firstIndex(where: { $0.type == type && $0.name == canonical }) {
                index = i
            } else {
                document.entities.append(
                    Entity(id: nextID("e", document.entities.map(\.id)), type: type, name: canonical))
                index = document.entities.count - 1
            }
        }
        var added: [Mention] = []
        for span in fresh {
            let mention = Mention(
                id: nextID("m", document.mentions.map(\.mention.id)), excerpt: Excerpt(span: span, text: article[span]))
            document.entities[index].mentions.append(mention)
            added.append(mention)
        }
        return (document.entities[index], added)
    }

    // MARK: Quotes

    /// Adds a quote whose content is `text` (its `nth` occurrence), with an
    /// optional speaker, speaker entity and cue. An ambiguous speaker or cue
    /// resolves to the occurrence nearest the content.
    @discardableResult
    public mutating func addQuote(
        text: String, nth: Int? = nil, kind: QuoteKind, speakerText: String? = nil, speakerNth: Int? = nil,
        speakerEntity: String? = nil, cueText: String? = nil, cueNth: Int? = nil
    ) throws -> Quote {
        let content = try locator.locate(text, nth: nth, role: "quote text")
        if let existing = document.quotes.first(where: { $0.content.span == content }) {
            throw AttestError("\(Brief.quoted(text)) at \(content) is already quote \(existing.id)")
        }
        var quote = Quote(
            id: nextID("q", document.quotes.map(\.id)), kind: kind,
            content: Excerpt(span: content, text: article[content]))
        if let speakerText {
            let s = try locator.locate(speakerText, nth: speakerNth, nearest: content, role: "speaker text")
            quote.speaker = Excerpt(span: s, text: article[s])
        }
        if let cueText {
            let c = try locator.locate(cueText, nth: cueNth, nearest: content, role: "cue text")
            quote.cue = Excerpt(span: c, text: article[c])
        }
        if let speakerEntity {
            quote.speakerEntity = try resolveEntity(speakerEntity)
        }
        document.quotes.append(quote)
        return quote
    }

    /// An entity id, or the canonical name of exactly one entity.
    public func resolveEntity(_ reference: String) throws -> String {
        if document.entity(withID: reference) != nil { return reference }
        let named = document.entities.filter { $0.name == reference }
        if named.count == 1 { return named[0].id }
        let list = document.entities.map { "\($0.id) (\($0.name))" }.joined(separator: ", ")
        throw AttestError(
            named.isEmpty
                ? "no entity \(Brief.quoted(reference)) in \(document.id); entities: \(list)"
                : "\(named.count) entities are named \(Brief.quoted(reference)); give the id")
    }

    // MARK: Removal and status

    /// Removes the entity, mention or quote with `id`. An entity that a quote
    /// is attributed to cannot be removed; an entity left without mentions is
    /// removed with its last mention unless a quote refers to it.
    public mutating func remove(_ id: String) throws -> String {
        let quotes = document.quotes
        let referencing = { (entity: String) in quotes.filter { $0.speakerEntity == entity }.map(\.id) }
        if let i = document.entities.firstIndex(where: { $0.id == id }) {
            let quotes = referencing(id)
            guard quotes.isEmpty else {
                throw AttestError(
                    "entity \(id) is the speaker of \(quotes.joined(separator: ", ")); remove or re-attribute those quotes first"
                )
            }
            let e = document.entities.remove(at: i)
            return "removed entity \(id) (\(e.name)) and its \(e.mentions.count) mention(s)"
        }
        for i in document.entities.indices {
            if let j = document.entities[i].mentions.firstIndex(where: { $0.id == id }) {
                let m = document.entities[i].mentions.remove(at: j)
                var note = "removed mention \(id) \(Brief.quoted(m.text)) \(m.span)"
                if document.entities[i].mentions.isEmpty, referencing(document.entities[i].id).isEmpty {
                    note += " and the entity \(document.entities[i].id) it was the last mention of"
                    document.entities.remove(at: i)
                }
                return note
            }
        }
        if let i = document.quotes.firstIndex(where: { $0.id == id }) {
            let q = document.quotes.remove(at: i)
            return "removed quote \(id) \(Brief.quoted(q.content.text))"
        }
        throw AttestError("nothing with id \(Brief.quoted(id)) in \(document.id)")
    }

    public mutating func setStatus(_ status: AnnotationStatus) {
        document.header.status = status
    }

    // MARK: Saving

    /// The canonical XML of the current document.
    public var xml: String { AnnotationWriter.xml(document) }

    /// Validates the result and writes it atomically. Throws, writing
    /// nothing, when the result has errors or the file changed on disk.
    public func save() throws {
        let bytes = Array(xml.utf8)
        let validator = try Validator(corpus: corpus)
        let errors = validator.validate(bytes: bytes, file: file.url).filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw AttestError("the result would not validate; nothing written", diagnostics: errors)
        }
        try AtomicFile.write(bytes, to: file.url, expectedDigest: .some(file.readDigest))
    }

    private func nextID(_ prefix: String, _ existing: [String]) -> String {
        let numbers = existing.compactMap { id -> Int? in
            guard id.hasPrefix(prefix) else { return nil }
            return Int(id.dropFirst(prefix.count))
        }
        return prefix + String((numbers.max() ?? 0) + 1)
    }
}
