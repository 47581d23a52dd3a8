import CLibXML2

/// Reads annotation files for scoring through libxml2's SAX2 interface:
/// the model is built from the parser's callbacks, with no tree in between,
/// which costs less than libxml2's own tree. It reads well-formed files in
/// Attest's layout; on anything else (a parse error, an unknown element, an
/// offset that is not plain digits) it gives up, and the caller reads the
/// file with the tree-based reader, which reports the problem precisely.
/// One reader per thread.
final class GoldSAXReader {
    private var handler = xmlSAXHandler()
    private var state = SAXState()

    init() {
        LibXML.initialize()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { context, name, _, _, _, _, count, _, attributes in
            guard let context, let name else { return }
            Unmanaged<GoldSAXReader>.fromOpaque(context).takeUnretainedValue().state.start(name, Int(count), attributes)
        }
        handler.endElementNs = { context, name, _, _ in
            guard let context, let name else { return }
            Unmanaged<GoldSAXReader>.fromOpaque(context).takeUnretainedValue().state.end(name)
        }
        handler.characters = { context, text, length in
            guard let context, let text else { return }
            Unmanaged<GoldSAXReader>.fromOpaque(context).takeUnretainedValue().state.characters(text, Int(length))
        }
        handler.serror = { context, _ in
            guard let context else { return }
            Unmanaged<GoldSAXReader>.fromOpaque(context).takeUnretainedValue().state.failed = true
        }
    }

    /// The document, or nil when the file must be read the careful way.
    /// `texts`: keep the covered texts (needed only to list errors).
    func read(_ bytes: [UInt8], texts: Bool) -> AnnotationDocument? {
        guard bytes.count <= XMLParser.maximumFileSize, XMLParser.doctypeLine(bytes) == nil else { return nil }
        state = SAXState()
        state.keepTexts = texts
        let context = Unmanaged.passUnretained(self).toOpaque()
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                xmlSAXUserParseMemory(&handler, context, base, Int32(buffer.count))
            }
        }
        guard status == 0, !state.failed, state.closed, let header = state.header else { return nil }
        return AnnotationDocument(version: state.version, header: header, entities: state.entities, quotes: state.quotes)
    }
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
    var role = 0  // 1 mention, 2 content, 3 speaker, 4 cue
    var text: [UInt8] = []
    var depth = 0

    static func equals(_ a: UnsafePointer<xmlChar>, _ b: StaticString) -> Bool { XMLNode.has(a, b) }

    /// The attribute's value (SAX2 gives localname, prefix, URI, value start, value end).
    func attribute(_ name: StaticString, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> UnsafeBufferPointer<UInt8>? {
        guard let attributes else { return nil }
        for k in 0..<count {
            guard let local = attributes[5 * k], Self.equals(local, name), attributes[5 * k + 1] == nil,
                let start = attributes[5 * k + 3], let end = attributes[5 * k + 4]
            else { continue }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    func string(_ name: StaticString, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> String? {
        attribute(name, count, attributes).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Plain digits only; anything else sends the file to the careful reader.
    mutating func offset(_ name: StaticString, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> Int {
        guard let v = attribute(name, count, attributes), !v.isEmpty, v.count <= 18 else { failed = true; return -1 }
        var value = 0
        for d in v {
            guard d >= 0x30, d <= 0x39 else { failed = true; return -1 }
            value = value * 10 + Int(d - 0x30)
        }
        return value
    }

    mutating func start(_ name: UnsafePointer<xmlChar>, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        depth += 1
        if failed { return }
        if Self.equals(name, "mention") {
            guard entity != nil else { failed = true; return }
            mentionID = string("id", count, attributes) ?? ""
            span = Span(offset("start", count, attributes), offset("end", count, attributes))
            role = 1
            text.removeAll(keepingCapacity: true)
        } else if Self.equals(name, "content") || Self.equals(name, "speaker") || Self.equals(name, "cue") {
            guard quote != nil else { failed = true; return }
            span = Span(offset("start", count, attributes), offset("end", count, attributes))
            role = Self.equals(name, "content") ? 2 : Self.equals(name, "speaker") ? 3 : 4
            text.removeAll(keepingCapacity: true)
        } else if Self.equals(name, "entity") {
            guard let id = string("id", count, attributes), let type = string("type", count, attributes) else { failed = true; return }
            entity = Entity(id: id, type: EntityType(type), name: string("name", count, attributes) ?? "")
        } else if Self.equals(name, "quote") {
            guard let id = string("id", count, attributes), let kind = string("kind", count, attributes).flatMap(QuoteKind.init(rawValue:)) else {
                failed = true
                return
            }
            let empty = Excerpt(span: Span(-1, -1), text: "")
            quote = Quote(id: id, kind: kind, content: empty, speakerEntity: string("speaker-entity", count, attributes))
        } else if Self.equals(name, "document") {
            guard let id = string("id", count, attributes), let status = string("status", count, attributes).flatMap(AnnotationStatus.init(rawValue:)) else {
                failed = true
                return
            }
            header = DocumentHeader(
                id: id, articlePath: string("article", count, attributes) ?? "", sha256: string("sha256", count, attributes) ?? "",
                length: offset("length", count, attributes), status: status, guidelines: string("guidelines", count, attributes))
        } else if Self.equals(name, "annotator") {
            if let n = string("name", count, attributes) { header?.annotators.append(n) }
        } else if Self.equals(name, "annotation") {
            guard depth == 1 else { failed = true; return }
            if let v = string("version", count, attributes) { version = v }
        } else if !(Self.equals(name, "entities") || Self.equals(name, "quotes")) {
            failed = true
        }
    }

    mutating func characters(_ chars: UnsafePointer<xmlChar>, _ length: Int) {
        guard role != 0, keepTexts else { return }
        text.append(contentsOf: UnsafeBufferPointer(start: chars, count: length))
    }

    mutating func end(_ name: UnsafePointer<xmlChar>) {
        depth -= 1
        if failed { return }
        if role != 0, let s = span {
            let excerpt = Excerpt(span: s, text: keepTexts ? String(decoding: text, as: UTF8.self) : "")
            switch role {
            case 1: entity?.mentions.append(Mention(id: mentionID ?? "", excerpt: excerpt))
            case 2: quote?.content = excerpt
            case 3: quote?.speaker = excerpt
            default: quote?.cue = excerpt
            }
            role = 0
            span = nil
        } else if Self.equals(name, "entity"), let e = entity {
            entities.append(e)
            entity = nil
        } else if Self.equals(name, "quote"), let q = quote {
            guard q.content.span.start >= 0 else { failed = true; return }
            quotes.append(q)
            quote = nil
        } else if Self.equals(name, "annotation") {
            closed = depth == 0
        }
    }
}
