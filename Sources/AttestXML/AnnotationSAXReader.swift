import AttestModel
import CLibXML2

/// Reads annotation files for scoring through libxml2's SAX2 interface:
/// the model is built from the parser's callbacks, with no tree in between,
/// which costs less than libxml2's own tree. It reads well-formed files in
/// Attest's layout, each element where the format puts it; on anything else
/// (a parse error, an unknown or misplaced element, a missing attribute, an
/// offset that is not plain digits) it declines, and the caller reads the
/// file with `AnnotationReader`, which reports the problem precisely.
/// Whatever it reads, it reads as `AnnotationReader` does (a differential
/// test holds both to that). One reader per thread.
///
/// Made with a schema (`init(validatingWith:)`), it is validation's fast
/// path: libxml2 checks the schema on the same stream of events
/// (`xmlSchemaValidateStream`), and the model records where each element
/// stands as the tree reader does. It answers only for a file that is
/// well-formed, schema-valid and in Attest's layout; for any other, the
/// caller takes the tree path, which says what is wrong.
package final class AnnotationSAXReader {
    private var handler = xmlSAXHandler()
    private var state = SAXState()
    /// The schema checked on the way (the fast path of validation), if any.
    private let schema: SchemaValidator?

    /// A reader for scoring: the model only, no schema, no element locations.
    package convenience init() { self.init(schema: nil) }

    /// A reader for validation's fast path: the schema checked on the way and
    /// every element's location recorded.
    package convenience init(validatingWith schema: CompiledSchema) {
        self.init(schema: SchemaValidator(schema: schema))
    }

    init(schema: SchemaValidator?) {
        LibXML.initialize()
        self.schema = schema
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { context, name, _, _, _, _, count, _, attributes in
            guard let context, let name else { return }
            let reader = Unmanaged<AnnotationSAXReader>.fromOpaque(context).takeUnretainedValue()
            if reader.state.lines != nil { reader.state.line = reader.schema?.streamLine() ?? 0 }
            reader.state.start(name, Int(count), attributes)
        }
        // A DOCTYPE (which the prolog check can miss behind a comment) is the tree path's to refuse.
        handler.internalSubset = { context, _, _, _ in
            guard let context else { return }
            Unmanaged<AnnotationSAXReader>.fromOpaque(context).takeUnretainedValue().state.failed = true
        }
        handler.endElementNs = { context, name, _, _ in
            guard let context, let name else { return }
            Unmanaged<AnnotationSAXReader>.fromOpaque(context).takeUnretainedValue().state.end(name)
        }
        handler.characters = { context, text, length in
            guard let context, let text else { return }
            Unmanaged<AnnotationSAXReader>.fromOpaque(context).takeUnretainedValue().state.characters(text, Int(length))
        }
        // CDATA is text, as the tree reader reads it.
        handler.cdataBlock = { context, text, length in
            guard let context, let text else { return }
            Unmanaged<AnnotationSAXReader>.fromOpaque(context).takeUnretainedValue().state.characters(text, Int(length))
        }
        handler.serror = { context, _ in
            guard let context else { return }
            Unmanaged<AnnotationSAXReader>.fromOpaque(context).takeUnretainedValue().state.failed = true
        }
    }

    /// The document, or nil when the file must be read the careful way.
    /// `texts`: keep the covered texts (needed only to list errors).
    package func read(_ bytes: [UInt8], texts: Bool) -> AnnotationDocument? {
        guard !bytes.isEmpty, bytes.count <= LibXMLParser.maximumFileSize, LibXMLParser.doctypeLine(bytes) == nil else {
            return nil
        }
        state = SAXState()
        state.keepTexts = texts
        let context = Unmanaged.passUnretained(self).toOpaque()
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                xmlSAXUserParseMemory(&handler, context, base, Int32(buffer.count))
            }
        }
        guard status == 0, !state.failed, state.closed, let header = state.header else { return nil }
        return AnnotationDocument(
            version: state.version, header: header, entities: state.entities, quotes: state.quotes)
    }

    /// The document with every element's location (as `AnnotationReader`
    /// records it with `lines`), when the file is well-formed, valid against
    /// the schema and in Attest's layout; nil otherwise, and for a reader made
    /// without a schema. What the tree path would read, without its tree.
    package func readValid(_ bytes: [UInt8], lines: LineIndex) -> AnnotationDocument? {
        guard let schema, !bytes.isEmpty, bytes.count <= LibXMLParser.maximumFileSize,
            LibXMLParser.doctypeLine(bytes) == nil
        else { return nil }
        state = SAXState()
        state.lines = lines
        defer { state = SAXState() }  // the reader holds no document between files
        let context = Unmanaged.passUnretained(self).toOpaque()
        guard schema.validStream(bytes, sax: &handler, userData: context), !state.failed, state.closed,
            let header = state.header
        else { return nil }
        return AnnotationDocument(
            version: state.version, header: header, entities: state.entities, quotes: state.quotes)
    }
}

/// The elements of the annotation format, each allowed only inside its parent.
private enum SAXElement: Equatable {
    case annotation, document, annotator, entities, entity, mention, quotes, quote
    case content, speaker, cue

    init?(_ name: UnsafePointer<xmlChar>) {
        func named(_ s: StaticString) -> Bool { LibXMLNode.has(name, s) }
        if named("mention") {
            self = .mention
        } else if named("entity") {
            self = .entity
        } else if named("content") {
            self = .content
        } else if named("speaker") {
            self = .speaker
        } else if named("cue") {
            self = .cue
        } else if named("quote") {
            self = .quote
        } else if named("entities") {
            self = .entities
        } else if named("quotes") {
            self = .quotes
        } else if named("document") {
            self = .document
        } else if named("annotator") {
            self = .annotator
        } else if named("annotation") {
            self = .annotation
        } else {
            return nil
        }
    }

    /// The element this one must sit in (nil: the root).
    var parent: SAXElement? {
        switch self {
        case .annotation: nil
        case .document, .entities, .quotes: .annotation
        case .annotator: .document
        case .entity: .entities
        case .mention: .entity
        case .quote: .quotes
        case .content, .speaker, .cue: .quote
        }
    }

    /// The element's name in the file.
    var tag: String {
        switch self {
        case .annotation: "annotation"
        case .document: "document"
        case .annotator: "annotator"
        case .entities: "entities"
        case .entity: "entity"
        case .mention: "mention"
        case .quotes: "quotes"
        case .quote: "quote"
        case .content: "content"
        case .speaker: "speaker"
        case .cue: "cue"
        }
    }

    /// Whether the element holds a span and covered text.
    var isExcerpt: Bool { self == .mention || self == .content || self == .speaker || self == .cue }
}

/// What the SAX callbacks build.
private struct SAXState {
    var failed = false
    var closed = false
    var keepTexts = true
    var version = AnnotationDocument.currentVersion
    var header: DocumentHeader?
    var entities: [Entity] = []
    var quotes: [Quote] = []
    var entity: Entity?
    var quote: Quote?
    var mentionID: String?
    var span: Span?
    var text: [UInt8] = []
    /// The open elements, outermost first.
    var open: [SAXElement] = []
    /// Sections seen once already (document, entities, quotes), one bit each.
    var seen: UInt8 = 0
    /// Set when locations are recorded: the file's lines, and the line of the
    /// element starting (where libxml2's tree would put the element).
    var lines: LineIndex?
    var line = 0
    var spanOrigin: SourceLocation?

    /// Where the element starting stands, as the tree reader puts it; nil
    /// when locations are not recorded. A line past 65,534 (where libxml2's
    /// tree stores lines differently) sends the file to the tree path.
    mutating func origin(_ tag: String) -> SourceLocation? {
        guard let lines else { return nil }
        guard line >= 1, line < 65_535 else {
            failed = true
            return nil
        }
        return SourceLocation(line: line, column: lines.column(ofTag: tag, onLine: line))
    }

    typealias Attributes = UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    /// The attribute's value (SAX2 gives localname, prefix, URI, value start, value end).
    func attribute(_ name: StaticString, _ count: Int, _ attributes: Attributes) -> UnsafeBufferPointer<UInt8>? {
        guard let attributes else { return nil }
        for k in 0..<count {
            guard let local = attributes[5 * k], LibXMLNode.has(local, name), attributes[5 * k + 1] == nil,
                let start = attributes[5 * k + 3], let end = attributes[5 * k + 4]
            else { continue }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// The attribute as text. libxml2's SAX2 interface hands over values with
    /// character and entity references undecoded, so a value with `&` sends
    /// the file to the careful reader.
    mutating func string(_ name: StaticString, _ count: Int, _ attributes: Attributes) -> String? {
        guard let value = attribute(name, count, attributes) else { return nil }
        if value.contains(UInt8(ascii: "&")) {
            failed = true
            return nil
        }
        return String(decoding: value, as: UTF8.self)
    }

    /// Plain digits only; anything else sends the file to the careful reader.
    mutating func offset(_ name: StaticString, _ count: Int, _ attributes: Attributes) -> Int {
        guard let v = attribute(name, count, attributes), let value = Digits.value(v) else {
            failed = true
            return -1
        }
        return value
    }

    mutating func start(_ name: UnsafePointer<xmlChar>, _ count: Int, _ attributes: Attributes) {
        guard !failed, let element = SAXElement(name), element.parent == open.last else {
            failed = true
            return
        }
        open.append(element)
        switch element {
        case .annotation:
            if let v = string("version", count, attributes) { version = v }
        case .document, .entities, .quotes:
            let bit: UInt8 = element == .document ? 1 : element == .entities ? 2 : 4
            guard seen & bit == 0 else {
                failed = true
                return
            }
            seen |= bit
            if element == .document { startHeader(count, attributes) }
        case .annotator:
            if let n = string("name", count, attributes) { header?.annotators.append(n) }
        case .entity:
            guard let id = string("id", count, attributes), let type = string("type", count, attributes) else {
                failed = true
                return
            }
            entity = Entity(
                id: id, type: EntityType(type), name: string("name", count, attributes) ?? "",
                origin: origin("entity"))
        case .quote:
            guard let id = string("id", count, attributes),
                let kind = string("kind", count, attributes).flatMap(QuoteKind.init(rawValue:))
            else {
                failed = true
                return
            }
            let empty = Excerpt(span: Span(-1, -1), text: "")
            quote = Quote(
                id: id, kind: kind, content: empty, speakerEntity: string("speaker-entity", count, attributes),
                origin: origin("quote"))
        case .mention, .content, .speaker, .cue:
            if element == .mention {
                guard let id = string("id", count, attributes) else {
                    failed = true
                    return
                }
                mentionID = id
            }
            span = Span(offset("start", count, attributes), offset("end", count, attributes))
            spanOrigin = origin(element.tag)
            text.removeAll(keepingCapacity: true)
        }
    }

    private mutating func startHeader(_ count: Int, _ attributes: Attributes) {
        guard let id = string("id", count, attributes),
            let status = string("status", count, attributes).flatMap(AnnotationStatus.init(rawValue:))
        else {
            failed = true
            return
        }
        header = DocumentHeader(
            id: id, articlePath: string("article", count, attributes) ?? "",
            sha256: string("sha256", count, attributes) ?? "",
            length: offset("length", count, attributes), status: status,
            guidelines: string("guidelines", count, attributes), origin: origin("document"))
    }

    mutating func characters(_ chars: UnsafePointer<xmlChar>, _ length: Int) {
        guard keepTexts, let current = open.last, current.isExcerpt else { return }
        text.append(contentsOf: UnsafeBufferPointer(start: chars, count: length))
    }

    mutating func end(_ name: UnsafePointer<xmlChar>) {
        guard !failed, let element = open.popLast() else { return }
        switch element {
        case .mention, .content, .speaker, .cue:
            guard let s = span else { return }
            let excerpt = Excerpt(
                span: s, text: keepTexts ? String(decoding: text, as: UTF8.self) : "", origin: spanOrigin)
            switch element {
            case .mention: entity?.mentions.append(Mention(id: mentionID ?? "", excerpt: excerpt))
            case .content: quote?.content = excerpt
            case .speaker: quote?.speaker = excerpt
            default: quote?.cue = excerpt
            }
            span = nil
        case .entity:
            if let e = entity { entities.append(e) }
            entity = nil
        case .quote:
            guard let q = quote, q.content.span.start >= 0 else {
                failed = true
                return
            }
            quotes.append(q)
            quote = nil
        case .annotation:
            closed = open.isEmpty
        case .document, .annotator, .entities, .quotes:
            break
        }
    }
}
