import AttestModel
import CLibXML2

/// Builds the model from a parsed annotation file.
///
/// Lenient by design: structure is the schema's business, so an element
/// that lacks what the model needs is skipped here (the schema reports it),
/// and the semantic rules run on everything that could be read.
package struct AnnotationReader {
    let lines: LineIndex
    /// Whether to record where each element stands (for diagnostics); scoring
    /// needs only the header's.
    let locations: Bool

    package init(bytes: [UInt8], locations: Bool = true) {
        // Without element locations only line numbers are needed: no index of the lines.
        self.init(lines: LineIndex(bytes: locations ? bytes : []), locations: locations)
    }

    package init(lines: LineIndex, locations: Bool = true) {
        self.lines = lines
        self.locations = locations
    }

    package func read(_ tree: LibXMLTree) -> AnnotationDocument? {
        guard let root = tree.root, LibXMLNode.isElement(root, named: "annotation") else { return nil }
        var header: DocumentHeader?
        var entities: [Entity] = []
        var quotes: [Quote] = []
        for child in LibXMLNode.children(root) {
            if LibXMLNode.isElement(child, named: "document") {
                header = readHeader(child)
            } else if LibXMLNode.isElement(child, named: "entities") {
                entities = LibXMLNode.children(child).compactMap(readEntity)
            } else if LibXMLNode.isElement(child, named: "quotes") {
                quotes = LibXMLNode.children(child).compactMap(readQuote)
            }
        }
        guard let header else { return nil }
        return AnnotationDocument(
            version: LibXMLNode.attribute(root, "version") ?? AnnotationDocument.currentVersion,
            header: header, entities: entities, quotes: quotes)
    }

    private func origin(_ node: xmlNodePtr) -> SourceLocation {
        let line = LibXMLNode.line(node)
        return SourceLocation(line: line, column: lines.column(ofTag: LibXMLNode.name(node), onLine: line))
    }

    private func readHeader(_ node: xmlNodePtr) -> DocumentHeader {
        let annotators = LibXMLNode.children(node).filter { LibXMLNode.name($0) == "annotator" }
            .compactMap { LibXMLNode.attribute($0, "name") }
        return DocumentHeader(
            id: LibXMLNode.attribute(node, "id") ?? "",
            articlePath: LibXMLNode.attribute(node, "article") ?? "",
            sha256: LibXMLNode.attribute(node, "sha256") ?? "",
            length: LibXMLNode.attribute(node, "length").flatMap(AnnotationReader.offset) ?? -1,
            status: LibXMLNode.attribute(node, "status").flatMap(AnnotationStatus.init(rawValue:)) ?? .draft,
            annotators: annotators,
            guidelines: LibXMLNode.attribute(node, "guidelines"),
            origin: locations ? origin(node) : SourceLocation(line: LibXMLNode.line(node), column: 1))
    }

    private func readEntity(_ node: xmlNodePtr) -> Entity? {
        guard LibXMLNode.isElement(node, named: "entity"), let id = LibXMLNode.attribute(node, "id"),
            let type = LibXMLNode.attribute(node, "type")
        else { return nil }
        let mentions = LibXMLNode.children(node).compactMap { m -> Mention? in
            guard LibXMLNode.isElement(m, named: "mention"), let mid = LibXMLNode.attribute(m, "id"),
                let e = readExcerpt(m)
            else { return nil }
            return Mention(id: mid, excerpt: e)
        }
        return Entity(
            id: id, type: EntityType(type), name: LibXMLNode.attribute(node, "name") ?? "", mentions: mentions,
            origin: locations ? origin(node) : nil)
    }

    private func readQuote(_ node: xmlNodePtr) -> Quote? {
        guard LibXMLNode.isElement(node, named: "quote"), let id = LibXMLNode.attribute(node, "id"),
            let kind = LibXMLNode.attribute(node, "kind").flatMap(QuoteKind.init(rawValue:))
        else { return nil }
        var content: Excerpt?
        var speaker: Excerpt?
        var cue: Excerpt?
        for child in LibXMLNode.children(node) {
            if LibXMLNode.isElement(child, named: "content") {
                content = readExcerpt(child)
            } else if LibXMLNode.isElement(child, named: "speaker") {
                speaker = readExcerpt(child)
            } else if LibXMLNode.isElement(child, named: "cue") {
                cue = readExcerpt(child)
            }
        }
        guard let content else { return nil }
        return Quote(
            id: id, kind: kind, content: content, speaker: speaker, cue: cue,
            speakerEntity: LibXMLNode.attribute(node, "speaker-entity"), origin: locations ? origin(node) : nil)
    }

    private func readExcerpt(_ node: xmlNodePtr) -> Excerpt? {
        // Plain digits, as Attest writes them, are read in place; anything else goes through a string.
        func offset(_ name: StaticString) -> Int?? {
            if let v = LibXMLNode.digitsAttribute(node, name) { return .some(v) }
            guard let raw = LibXMLNode.attribute(node, name) else { return nil }
            // An offset that is no integer (the schema reports it) is kept as -1 so
            // the element still counts, and rules skip the span.
            return .some(AnnotationReader.offset(raw) ?? -1)
        }
        guard let start = offset("start"), let end = offset("end") else { return nil }
        return Excerpt(
            span: Span(start ?? -1, end ?? -1), text: LibXMLNode.textContent(node),
            origin: locations ? origin(node) : nil)
    }

    /// An offset as XSD writes a non-negative integer (surrounding blanks and
    /// a leading `+` allowed); nil when it does not fit in an `Int`.
    static func offset(_ raw: String) -> Int? {
        if let plain = Digits.value(raw.utf8) { return plain }
        var s = Substring(raw)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
        if s.first == "+" { s.removeFirst() }
        return Int(s)
    }
}
