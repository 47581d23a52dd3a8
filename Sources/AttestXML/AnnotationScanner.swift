import AttestModel

/// Reads an annotation file in the layout Attest writes, byte by byte,
/// without libxml2: the first of scoring's three readers (this one, then
/// `AnnotationSAXReader`, then the tree reader).
///
/// A hand-written piece kept for a measurement: libxml2's SAX parse of a
/// 7 KB gold file costs about 0.6 M instructions, more than the whole
/// budget of a document scored at ten times nervaluate's speed; this scan
/// costs a small fraction of that (docs/performance.md).
///
/// It accepts a strict subset of XML 1.0 and declines everything else, so
/// that whatever it reads, libxml2 reads the same way: the declaration
/// `<?xml version="1.0" encoding="UTF-8"?>` (or `<?xml version="1.0"?>`,
/// or none), then the format's elements only, each inside its parent,
/// each with only its own attributes, once each, values in `"` or `'`,
/// whitespace between elements, covered texts with the five predefined
/// entities and character references. It declines (returns nil) on a
/// comment, a processing instruction, CDATA, a DOCTYPE, a byte-order mark,
/// a namespace prefix or another namespace, an unknown element or
/// attribute, a literal tab, carriage return or line feed in an attribute
/// value or a carriage return in a text (XML would normalise them), `]]>`,
/// a reference to anything but the predefined entities or an XML
/// character, bytes that are not UTF-8 or not XML characters, and what the
/// SAX reader declines (a missing id, kind or status, an offset that is not
/// plain digits). Nothing is resolved, nothing is fetched.
/// `ScannerDifferentialTests` holds it to that contract against libxml2.
package struct AnnotationScanner: Sendable {
    package init() {}

    /// The document, or nil when the file must be read by libxml2.
    /// `texts`: keep the covered texts.
    package func read(_ bytes: [UInt8], texts: Bool) -> AnnotationDocument? {
        guard !bytes.isEmpty, bytes.count <= LibXMLParser.maximumFileSize else { return nil }
        // The attribute slots live outside the state (an array there cost a copy at each store).
        return withUnsafeTemporaryAllocation(of: ScanValue.self, capacity: ScanAttribute.count) { slots in
            bytes.withUnsafeBufferPointer { buffer in
                var scan = ScanState(buffer, values: slots.baseAddress!, texts: texts)
                return scan.document()
            }
        }
    }
}

/// The elements of the format, as the scanner knows them.
private enum ScanElement: UInt8 {
    case annotation, document, annotator, entities, entity, mention, quotes, quote, content, speaker, cue

    /// The element it must sit in (nil: the root).
    var parent: ScanElement? {
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

    var isExcerpt: Bool { self == .mention || self == .content || self == .speaker || self == .cue }

    /// The attributes it may carry, one bit each.
    var allowed: UInt16 {
        typealias A = ScanAttribute
        switch self {
        case .annotation: return A.xmlns.bit | A.version.bit
        case .document: return A.id.bit | A.article.bit | A.sha256.bit | A.length.bit | A.status.bit | A.guidelines.bit
        case .annotator: return A.name.bit
        case .entities, .quotes: return 0
        case .entity: return A.id.bit | A.type.bit | A.name.bit
        case .mention: return A.id.bit | A.start.bit | A.end.bit
        case .quote: return A.id.bit | A.kind.bit | A.speakerEntity.bit
        case .content, .speaker, .cue: return A.start.bit | A.end.bit
        }
    }
}

/// The attributes of the format.
private enum ScanAttribute: UInt16 {
    case xmlns, version, id, article, sha256, length, status, guidelines, name, type, start, end, kind, speakerEntity

    var bit: UInt16 { 1 << rawValue }

    static let count = 14
}

/// Where an attribute's value lies in the file, and whether it holds a reference.
private struct ScanValue {
    var start = 0
    var end = 0
    var references = false
}

/// The file's bytes and what can be asked of them without changing anything: a small value,
/// so that asking never copies the scanner's state.
private struct ScanBytes {
    let p: UnsafePointer<UInt8>
    let count: Int

    @inline(__always) func has(_ s: StaticString, at k: Int) -> Bool {
        let n = s.utf8CodeUnitCount
        guard k + n <= count else { return false }
        let q = s.utf8Start
        for j in 0..<n where p[k + j] != q[j] { return false }
        return true
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }

    func element(_ start: Int, _ end: Int) -> ScanElement? {
        @inline(__always) func named(_ s: StaticString) -> Bool { has(s, at: start) }
        switch end - start {
        case 3: return named("cue") ? .cue : nil
        case 5: return named("quote") ? .quote : nil
        case 6: return named("entity") ? .entity : named("quotes") ? .quotes : nil
        case 7: return named("mention") ? .mention : named("content") ? .content : named("speaker") ? .speaker : nil
        case 8: return named("entities") ? .entities : named("document") ? .document : nil
        case 9: return named("annotator") ? .annotator : nil
        case 10: return named("annotation") ? .annotation : nil
        default: return nil
        }
    }

    func attribute(_ start: Int, _ end: Int) -> ScanAttribute? {
        @inline(__always) func named(_ s: StaticString) -> Bool { has(s, at: start) }
        switch end - start {
        case 2: return named("id") ? .id : nil
        case 3: return named("end") ? .end : nil
        case 4: return named("name") ? .name : named("type") ? .type : named("kind") ? .kind : nil
        case 5: return named("start") ? .start : named("xmlns") ? .xmlns : nil
        case 6: return named("length") ? .length : named("sha256") ? .sha256 : named("status") ? .status : nil
        case 7: return named("version") ? .version : named("article") ? .article : nil
        case 10: return named("guidelines") ? .guidelines : nil
        case 14: return named("speaker-entity") ? .speakerEntity : nil
        default: return nil
        }
    }

    /// The length of the UTF-8 sequence of an XML character (not ASCII) at `k`, or 0.
    func scalarLength(at k: Int) -> Int {
        let c0 = p[k]
        func continuation(_ j: Int) -> Bool { k + j < count && p[k + j] & 0xC0 == 0x80 }
        switch c0 {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0...0xEF:
            guard continuation(1), continuation(2) else { return 0 }
            let c1 = p[k + 1]
            if c0 == 0xE0, c1 < 0xA0 { return 0 }  // overlong
            if c0 == 0xED, c1 > 0x9F { return 0 }  // a surrogate
            if c0 == 0xEF, c1 == 0xBF, p[k + 2] >= 0xBE { return 0 }  // U+FFFE, U+FFFF
            return 3
        case 0xF0...0xF4:
            guard continuation(1), continuation(2), continuation(3) else { return 0 }
            let c1 = p[k + 1]
            if c0 == 0xF0, c1 < 0x90 { return 0 }  // overlong
            if c0 == 0xF4, c1 > 0x8F { return 0 }  // past U+10FFFF
            return 4
        default:
            return 0
        }
    }

    /// The character the reference at `k` (`&…;`) stands for, and where the reference ends;
    /// nil when it is not one XML allows here.
    func reference(at k: Int) -> (scalar: Unicode.Scalar, next: Int)? {
        let start = k + 1
        var end = start
        while end < count, end - start <= 10, p[end] != 0x3B { end += 1 }
        guard end < count, p[end] == 0x3B else { return nil }
        let length = end - start
        var scalar: UInt32
        func named(_ s: StaticString) -> Bool { length == s.utf8CodeUnitCount && has(s, at: start) }
        if named("amp") {
            scalar = 0x26
        } else if named("lt") {
            scalar = 0x3C
        } else if named("gt") {
            scalar = 0x3E
        } else if named("quot") {
            scalar = 0x22
        } else if named("apos") {
            scalar = 0x27
        } else if length >= 2, p[start] == 0x23 {
            let hex = p[start + 1] == 0x78
            var j = hex ? start + 2 : start + 1
            guard j < end else { return nil }
            scalar = 0
            while j < end {
                let c = p[j]
                let digit: UInt32
                switch c {
                case 0x30...0x39: digit = UInt32(c - 0x30)
                case 0x61...0x66 where hex: digit = UInt32(c - 0x61 + 10)
                case 0x41...0x46 where hex: digit = UInt32(c - 0x41 + 10)
                default: return nil
                }
                scalar = scalar * (hex ? 16 : 10) + digit
                guard scalar <= 0x10FFFF else { return nil }
                j += 1
            }
            let isChar =
                scalar == 0x09 || scalar == 0x0A || scalar == 0x0D || (0x20...0xD7FF).contains(scalar)
                || (0xE000...0xFFFD).contains(scalar) || (0x10000...0x10FFFF).contains(scalar)
            guard isChar else { return nil }
        } else {
            return nil
        }
        guard let s = Unicode.Scalar(scalar) else { return nil }
        return (s, end + 1)
    }

    static func append(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        if let encoded = UTF8.encode(scalar) { out.append(contentsOf: encoded) }
    }

    /// The bytes from `start` to `end` as text, references decoded; nil when one does not decode.
    func text(_ start: Int, _ end: Int, references: Bool) -> String? {
        guard references else {
            return String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var k = start
        while k < end {
            if p[k] == 0x26 {
                guard let (scalar, next) = reference(at: k), next <= end else { return nil }
                Self.append(scalar, to: &out)
                k = next
            } else {
                out.append(p[k])
                k += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// One pass over the bytes, building what the SAX reader builds.
private struct ScanState {
    let b: UnsafeBufferPointer<UInt8>
    /// The bytes, read in place (the buffer is never empty).
    let p: UnsafePointer<UInt8>
    let count: Int
    let texts: Bool
    var i = 0

    // The element being read: its attributes (by `ScanAttribute.rawValue`) and which are present.
    let values: UnsafeMutablePointer<ScanValue>
    let bytes: ScanBytes
    var present: UInt16 = 0

    // The model so far, as `SAXState` keeps it.
    var version = AnnotationDocument.currentVersion
    var header: DocumentHeader?
    var entities: [Entity] = []
    var quotes: [Quote] = []
    var entity: Entity?
    var quote: Quote?
    var mentionID = ""
    var span = Span(-1, -1)
    /// The covered text being read: where it lies, and whether it holds references.
    var textStart = 0
    var textEnd = 0
    var textReferences = false
    var open: [ScanElement] = []
    var seen: UInt8 = 0
    /// Set when an attribute's references do not decode (libxml2 would stop there).
    var failed = false

    init(_ b: UnsafeBufferPointer<UInt8>, values: UnsafeMutablePointer<ScanValue>, texts: Bool) {
        self.values = values
        self.bytes = ScanBytes(p: b.baseAddress!, count: b.count)
        self.b = b
        self.p = b.baseAddress!
        self.count = b.count
        self.texts = texts
        open.reserveCapacity(4)
    }

    mutating func document() -> AnnotationDocument? {
        guard declaration() else { return nil }
        skipSpace()
        guard i < count, p[i] == 0x3C else { return nil }
        while true {
            guard i < count else { return nil }
            if p[i] == 0x3C {
                guard i + 1 < count else { return nil }
                if p[i + 1] == 0x2F {
                    guard endTag() else { return nil }
                    if open.isEmpty { break }
                } else {
                    guard startTag() else { return nil }
                    if open.isEmpty { break }  // an empty root
                }
            } else {
                guard characters() else { return nil }
            }
        }
        skipSpace()
        guard i == count, let header else { return nil }
        return AnnotationDocument(version: version, header: header, entities: entities, quotes: quotes)
    }

    // MARK: Lexing

    /// The XML declaration Attest writes, the short one, or none.
    mutating func declaration() -> Bool {
        let long: StaticString = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        let short: StaticString = "<?xml version=\"1.0\"?>"
        if bytes.has(long, at: 0) {
            i = long.utf8CodeUnitCount
        } else if bytes.has(short, at: 0) {
            i = short.utf8CodeUnitCount
        } else if count >= 2, p[0] == 0x3C, p[1] == 0x3F {
            return false  // another declaration or a processing instruction
        }
        return true
    }

    /// Skips XML white space; whether there was any.
    @discardableResult mutating func skipSpace() -> Bool {
        var k = i
        while k < count, ScanBytes.isSpace(p[k]) { k += 1 }
        defer { i = k }
        return k > i
    }

    /// A name's end: ASCII letters, digits, `-`, `_`, `.`, `:` (a colon is declined later).
    mutating func name() -> (Int, Int) {
        let start = i
        var k = i
        while k < count {
            let c = p[k]
            let letter = (c | 0x20) &- 0x61 < 26
            guard letter || c &- 0x30 < 10 || c == 0x2D || c == 0x5F || c == 0x2E || c == 0x3A else { break }
            k += 1
        }
        i = k
        return (start, k)
    }

    // MARK: Tags

    mutating func startTag() -> Bool {
        i += 1
        let (ns, ne) = name()
        guard let element = bytes.element(ns, ne), element.parent == open.last else { return false }
        // Attributes, each after white space, each once, each of this element's.
        present = 0
        let allowed = element.allowed
        var empty = false
        while true {
            let spaced = skipSpace()
            guard i < count else { return false }
            if p[i] == 0x3E {
                i += 1
                break
            }
            if p[i] == 0x2F {
                guard i + 1 < count, p[i + 1] == 0x3E else { return false }
                i += 2
                empty = true
                break
            }
            guard spaced else { return false }
            let (as_, ae) = name()
            guard let attribute = bytes.attribute(as_, ae) else { return false }
            let bit = attribute.bit
            guard allowed & bit != 0, present & bit == 0 else { return false }
            present |= bit
            skipSpace()
            guard i < count, p[i] == 0x3D else { return false }
            i += 1
            skipSpace()
            guard i < count, p[i] == 0x22 || p[i] == 0x27 else { return false }
            let quote = p[i]
            let start = i + 1
            var k = start
            var references = false
            // A byte at a time; after 16 plain bytes in a row (a hash, a path), eight at a time.
            var plain = 0
            while true {
                guard k < count else { return false }
                let c = p[k]
                if c == quote { break }
                if c < 0x80 {
                    // No markup, and no tab, line break or other control (normalised, or not XML).
                    guard c >= 0x20, c != 0x3C else { return false }
                    k += 1
                    if c == 0x26 {
                        references = true
                        plain = 0
                    } else {
                        plain += 1
                        if plain == 16 {
                            k = ByteRuns.plainASCII(p, from: k, to: count, except: quote, 0x3C, 0x26)
                            plain = 0
                        }
                    }
                } else {
                    let n = bytes.scalarLength(at: k)
                    guard n > 0 else { return false }
                    k += n
                    plain = 0
                }
            }
            i = k + 1
            values[Int(attribute.rawValue)] = ScanValue(start: start, end: k, references: references)
        }
        open.append(element)
        guard start(element), !failed else { return false }
        return empty ? end(element) : true
    }

    mutating func endTag() -> Bool {
        i += 2
        let (ns, ne) = name()
        skipSpace()
        guard i < count, p[i] == 0x3E, let element = bytes.element(ns, ne), element == open.last else { return false }
        i += 1
        return end(element)
    }

    /// Text up to the next tag: an excerpt's covered text (which is where it lies until its
    /// element ends), or white space between elements.
    mutating func characters() -> Bool {
        guard let current = open.last else { return false }
        var k = i
        defer { i = k }
        guard current.isExcerpt else {
            while k < count {
                let c = p[k]
                if c == 0x3C { return true }
                guard ScanBytes.isSpace(c) else { return false }
                k += 1
            }
            return false
        }
        textStart = k
        var references = false
        defer { textReferences = references }
        while k < count {
            let c = p[k]
            if c == 0x3C {
                textEnd = k
                return true
            }
            if c >= 0x20, c < 0x80 {
                if c == 0x26 {
                    guard let (_, next) = bytes.reference(at: k) else { return false }
                    references = true
                    k = next
                    continue
                }
                if c == 0x5D, k + 2 < count, p[k + 1] == 0x5D, p[k + 2] == 0x3E { return false }
                k += 1
            } else if c >= 0x80 {
                let n = bytes.scalarLength(at: k)
                guard n > 0 else { return false }
                k += n
            } else {
                // Tab and line feed are text; a carriage return would be normalised; other controls are not XML.
                guard c == 0x09 || c == 0x0A else { return false }
                k += 1
            }
        }
        return false
    }

    // MARK: Values

    /// The attribute's text, references decoded; nil when absent.
    mutating func string(_ attribute: ScanAttribute) -> String? {
        guard present & attribute.bit != 0 else { return nil }
        let v = values[Int(attribute.rawValue)]
        guard let s = bytes.text(v.start, v.end, references: v.references) else {
            failed = true
            return nil
        }
        return s
    }

    /// Plain digits only; nil otherwise (as the SAX reader, which then declines).
    mutating func offset(_ attribute: ScanAttribute) -> Int? {
        guard present & attribute.bit != 0 else { return nil }
        let v = values[Int(attribute.rawValue)]
        return Digits.value(UnsafeBufferPointer(start: p + v.start, count: v.end - v.start))
    }

    // MARK: The model, as `SAXState` builds it

    mutating func start(_ element: ScanElement) -> Bool {
        switch element {
        case .annotation:
            if present & ScanAttribute.xmlns.bit != 0 {
                let v = values[Int(ScanAttribute.xmlns.rawValue)]
                let ns: StaticString = "urn:attest:format:1"
                guard !v.references, v.end - v.start == ns.utf8CodeUnitCount, bytes.has(ns, at: v.start) else {
                    return false
                }
            }
            if present & ScanAttribute.version.bit != 0 {
                guard let v = string(.version) else { return false }
                version = v
            }
        case .document, .entities, .quotes:
            let bit: UInt8 = element == .document ? 1 : element == .entities ? 2 : 4
            guard seen & bit == 0 else { return false }
            seen |= bit
            if element == .document {
                guard let id = string(.id), let status = string(.status).flatMap(AnnotationStatus.init(rawValue:)),
                    let length = offset(.length)
                else { return false }
                header = DocumentHeader(
                    id: id, articlePath: string(.article) ?? "", sha256: string(.sha256) ?? "", length: length,
                    status: status, guidelines: string(.guidelines), origin: nil)
            }
        case .annotator:
            if let n = string(.name) { header?.annotators.append(n) }
        case .entity:
            guard let id = string(.id), let type = string(.type) else { return false }
            entity = Entity(id: id, type: EntityType(type), name: string(.name) ?? "", origin: nil)
        case .quote:
            guard let id = string(.id), let kind = string(.kind).flatMap(QuoteKind.init(rawValue:)) else {
                return false
            }
            quote = Quote(
                id: id, kind: kind, content: Excerpt(span: Span(-1, -1), text: ""),
                speakerEntity: string(.speakerEntity), origin: nil)
        case .mention, .content, .speaker, .cue:
            if element == .mention {
                guard let id = string(.id) else { return false }
                mentionID = id
            }
            guard let s = offset(.start), let e = offset(.end) else { return false }
            span = Span(s, e)
            textStart = 0
            textEnd = 0
            textReferences = false
        }
        return true
    }

    mutating func end(_ element: ScanElement) -> Bool {
        open.removeLast()
        switch element {
        case .mention, .content, .speaker, .cue:
            var covered = ""
            if texts, textEnd > textStart {
                guard let t = bytes.text(textStart, textEnd, references: textReferences) else { return false }
                covered = t
            }
            let excerpt = Excerpt(span: span, text: covered, origin: nil)
            switch element {
            case .mention: entity?.mentions.append(Mention(id: mentionID, excerpt: excerpt))
            case .content: quote?.content = excerpt
            case .speaker: quote?.speaker = excerpt
            default: quote?.cue = excerpt
            }
        case .entity:
            if let e = entity { entities.append(e) }
            entity = nil
        case .quote:
            guard let q = quote, q.content.span.start >= 0 else { return false }
            quotes.append(q)
            quote = nil
        case .annotation, .document, .annotator, .entities, .quotes:
            break
        }
        return true
    }
}
