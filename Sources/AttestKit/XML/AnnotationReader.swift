import CLibXML2

/// Builds the model from a parsed annotation file.
///
/// Lenient by design: structure is the schema's business, so an element
/// that lacks what the model needs is skipped here (the schema reports it),
/// and the semantic rules run on everything that could be read.
struct AnnotationReader {
    let lines: LineIndex
    /// Whether to record where each element stands (for diagnostics); scoring
    /// needs only the header's.
    let locations: Bool

    init(bytes: [UInt8], locations: Bool = true) {
        // Without element locations only line numbers are needed: no index of the lines.
        lines = LineIndex(bytes: locations ? bytes : [])
        self.locations = locations
    }

    func read(_ tree: XMLTree) -> AnnotationDocument? {
        guard let root = tree.root, XMLNode.isElement(root, named: "annotation") else { return nil }
        var header: DocumentHeader?
        var entities: [Entity] = []
        var quotes: [Quote] = []
        for child in XMLNode.children(root) {
            if XMLNode.isElement(child, named: "document") {
                header = readHeader(child)
            } else if XMLNode.isElement(child, named: "entities") {
                entities = XMLNode.children(child).compactMap(readEntity)
            } else if XMLNode.isElement(child, named: "quotes") {
                quotes = XMLNode.children(child).compactMap(readQuote)
            }
        }
        guard let header else { return nil }
        return AnnotationDocument(
            version: XMLNode.attribute(root, "version") ?? AnnotationDocument.currentVersion,
            header: header, entities: entities, quotes: quotes)
    }

    private func origin(_ node: xmlNodePtr) -> SourceLocation {
        let line = XMLNode.line(node)
        return SourceLocation(line: line, column: lines.column(ofTag: XMLNode.name(node), onLine: line))
    }

    private func readHeader(_ node: xmlNodePtr) -> DocumentHeader {
        let annotators = XMLNode.children(node).filter { XMLNode.name($0) == "annotator" }
            .compactMap { XMLNode.attribute($0, "name") }
        return DocumentHeader(
            id: XMLNode.attribute(node, "id") ?? "",
            articlePath: XMLNode.attribute(node, "article") ?? "",
            sha256: XMLNode.attribute(node, "sha256") ?? "",
            length: XMLNode.attribute(node, "length").flatMap(AnnotationReader.offset) ?? -1,
            status: XMLNode.attribute(node, "status").flatMap(AnnotationStatus.init(rawValue:)) ?? .draft,
            annotators: annotators,
            guidelines: XMLNode.attribute(node, "guidelines"),
            origin: locations ? origin(node) : SourceLocation(line: XMLNode.line(node), column: 1))
    }

    private func readEntity(_ node: xmlNodePtr) -> Entity? {
        guard XMLNode.isElement(node, named: "entity"), let id = XMLNode.attribute(node, "id"),
            let type = XMLNode.attribute(node, "type")
        else { return nil }
        let mentions = XMLNode.children(node).compactMap { m -> Mention? in
            guard XMLNode.isElement(m, named: "mention"), let mid = XMLNode.attribute(m, "id"), let e = readExcerpt(m)
            else { return nil }
            return Mention(id: mid, excerpt: e)
        }
        return Entity(
            id: id, type: EntityType(type), name: XMLNode.attribute(node, "name") ?? "", mentions: mentions,
            origin: locations ? origin(node) : nil)
    }

    private func readQuote(_ node: xmlNodePtr) -> Quote? {
        guard XMLNode.isElement(node, named: "quote"), let id = XMLNode.attribute(node, "id"),
            let kind = XMLNode.attribute(node, "kind").flatMap(QuoteKind.init(rawValue:))
        else { return nil }
        var content: Excerpt?
        var speaker: Excerpt?
        var cue: Excerpt?
        for child in XMLNode.children(node) {
            if XMLNode.isElement(child, named: "content") {
                content = readExcerpt(child)
            } else if XMLNode.isElement(child, named: "speaker") {
                speaker = readExcerpt(child)
            } else if XMLNode.isElement(child, named: "cue") {
                cue = readExcerpt(child)
            }
        }
        guard let content else { return nil }
        return Quote(
            id: id, kind: kind, content: content, speaker: speaker, cue: cue,
            speakerEntity: XMLNode.attribute(node, "speaker-entity"), origin: locations ? origin(node) : nil)
    }

    private func readExcerpt(_ node: xmlNodePtr) -> Excerpt? {
        // Plain digits, as Attest writes them, are read in place; anything else goes through a string.
        func offset(_ name: StaticString) -> Int?? {
            if let v = XMLNode.digitsAttribute(node, name) { return .some(v) }
            guard let raw = XMLNode.attribute(node, name) else { return nil }
            // An offset that is no integer (the schema reports it) is kept as -1 so
            // the element still counts, and rules skip the span.
            return .some(AnnotationReader.offset(raw) ?? -1)
        }
        guard let start = offset("start"), let end = offset("end") else { return nil }
        return Excerpt(span: Span(start ?? -1, end ?? -1), text: XMLNode.textContent(node), origin: locations ? origin(node) : nil)
    }

    /// An offset as XSD writes a non-negative integer (surrounding blanks and
    /// a leading `+` allowed); nil when it does not fit in an `Int`.
    static func offset(_ raw: String) -> Int? {
        // Fast path: plain digits, as Attest writes them.
        var value = 0
        var plain = !raw.isEmpty && raw.utf8.count <= 18
        if plain {
            for byte in raw.utf8 {
                guard byte >= 0x30 && byte <= 0x39 else { plain = false; break }
                value = value * 10 + Int(byte - 0x30)
            }
            if plain { return value }
        }
        var s = Substring(raw)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
        if s.first == "+" { s.removeFirst() }
        return Int(s)
    }
}
