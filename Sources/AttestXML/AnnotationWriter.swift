import AttestModel

/// Writes an annotation document in Attest's one canonical layout: entities
/// ordered by their first mention, mentions and quotes by offset, two-space
/// indentation, attributes in a fixed order, LF line ends. The same model
/// always gives the same bytes, so git diffs show only real changes.
public enum AnnotationWriter {
    public static let namespace = "urn:attest:format:1"

    public static func canonical(_ document: AnnotationDocument) -> AnnotationDocument {
        var doc = document
        // Sort keys computed once per element (IDOrder.key allocates).
        for i in doc.entities.indices where !strictlyIncreasing(doc.entities[i].mentions, by: \.span) {
            doc.entities[i].mentions = doc.entities[i].mentions.map { ($0, IDOrder.key($0.id)) }.sorted {
                ($0.0.span, $0.1) < ($1.0.span, $1.1)
            }
            .map(\.0)
        }
        if !strictlyIncreasing(doc.quotes, by: \.content.span) {
            doc.quotes = doc.quotes.map { ($0, IDOrder.key($0.id)) }.sorted {
                ($0.0.content.span, $0.1) < ($1.0.content.span, $1.1)
            }.map(\.0)
        }
        let firsts = doc.entities.map(\.firstSpan)
        if firsts.allSatisfy({ $0 != nil }), strictlyIncreasing(firsts.map { $0! }) { return doc }
        doc.entities = doc.entities.map { ($0, $0.firstSpan, IDOrder.key($0.id)) }.sorted { a, b in
            switch (a.1, b.1) {
            case (let x?, let y?) where x != y: return x < y
            case (.some, .none): return true
            case (.none, .some): return false
            default: return a.2 < b.2
            }
        }.map(\.0)
        return doc
    }

    /// Whether no sort is needed: spans in order and no two equal (ties go by id).
    private static func strictlyIncreasing(_ spans: [Span]) -> Bool {
        zip(spans, spans.dropFirst()).allSatisfy { $0 < $1 }
    }

    /// The same, read in place from each element (no array of spans made: an edit's answer on a
    /// document of 18,000 mentions asks it three times).
    private static func strictlyIncreasing<T>(_ items: [T], by span: (T) -> Span) -> Bool {
        var i = 1
        while i < items.count {
            guard span(items[i - 1]) < span(items[i]) else { return false }
            i += 1
        }
        return true
    }

    public static func xml(_ document: AnnotationDocument) -> String {
        String(decoding: bytes(document), as: UTF8.self)
    }

    /// The canonical layout as UTF-8 bytes.
    public static func bytes(_ document: AnnotationDocument) -> [UInt8] {
        let doc = canonical(document)
        var out = XMLBuffer()
        let mentions = doc.entities.reduce(0) { $0 + $1.mentions.count }
        out.bytes.reserveCapacity(4096 + doc.entities.count * 64 + mentions * 80 + doc.quotes.count * 256)
        out.header(doc)
        if doc.entities.isEmpty {
            out.raw("  <entities/>\n")
        } else {
            out.raw("  <entities>\n")
            for e in doc.entities { out.entity(e) }
            out.raw("  </entities>\n")
        }
        if doc.quotes.isEmpty {
            out.raw("  <quotes/>\n")
        } else {
            out.raw("  <quotes>\n")
            for q in doc.quotes { out.quote(q) }
            out.raw("  </quotes>\n")
        }
        out.raw("</annotation>\n")
        return out.bytes
    }

    /// Escapes for both text and attribute values. Carriage returns, tabs
    /// and newlines become character references so that XML end-of-line and
    /// attribute normalisation cannot change the covered text.
    package static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// A byte buffer for the writer, escaping as `AnnotationWriter.escape` does.
struct XMLBuffer {
    var bytes: [UInt8] = []

    mutating func raw(_ s: String) { append(s) }

    /// The XML declaration, the root's start tag and the document element.
    mutating func header(_ doc: AnnotationDocument) {
        raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        raw("<annotation xmlns=\"\(AnnotationWriter.namespace)\" version=\"")
        escaped(doc.version)
        raw("\">\n")
        let h = doc.header
        raw("  <document")
        attribute("id", h.id)
        attribute("article", h.articlePath)
        attribute("sha256", h.sha256)
        attribute("length", h.length)
        attribute("status", h.status.rawValue)
        if let g = h.guidelines { attribute("guidelines", g) }
        if h.annotators.isEmpty {
            raw("/>\n")
        } else {
            raw(">\n")
            for a in h.annotators {
                raw("    <annotator")
                attribute("name", a)
                raw("/>\n")
            }
            raw("  </document>\n")
        }
    }

    /// One entity element with its mentions, on lines of their own.
    mutating func entity(_ e: Entity) {
        raw("    <entity")
        attribute("id", e.id)
        attribute("type", e.type.name)
        attribute("name", e.name)
        if e.mentions.isEmpty {
            raw("/>\n")
            return
        }
        raw(">\n")
        for m in e.mentions {
            raw("      <mention")
            attribute("id", m.id)
            element("mention", m.excerpt)
        }
        raw("    </entity>\n")
    }

    /// One quote element with its excerpts, on lines of their own.
    mutating func quote(_ q: Quote) {
        raw("    <quote")
        attribute("id", q.id)
        attribute("kind", q.kind.rawValue)
        if let s = q.speakerEntity { attribute("speaker-entity", s) }
        raw(">\n")
        for (role, excerpt) in q.excerpts {
            raw("      <" + role)
            element(role, excerpt)
        }
        raw("    </quote>\n")
    }

    /// A string's UTF-8 bytes, copied in one piece when the string is contiguous.
    private mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func attribute(_ name: String, _ value: String) {
        bytes.append(0x20)
        append(name)
        bytes.append(0x3D)
        bytes.append(0x22)
        escaped(value)
        bytes.append(0x22)
    }

    mutating func attribute(_ name: String, _ value: Int) {
        bytes.append(0x20)
        append(name)
        bytes.append(0x3D)
        bytes.append(0x22)
        digits(value)
        bytes.append(0x22)
    }

    private mutating func digits(_ value: Int) {
        guard value != 0 else {
            bytes.append(0x30)
            return
        }
        if value < 0 { bytes.append(0x2D) }
        var v = value.magnitude
        var buffer:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &buffer) { b in
            while v > 0 {
                b[19 - count] = UInt8(truncatingIfNeeded: v % 10) + 0x30
                v /= 10
                count += 1
            }
            bytes.append(contentsOf: b[(20 - count)...])
        }
    }

    /// ` start="…" end="…">text</role>` and a newline.
    mutating func element(_ role: String, _ x: Excerpt) {
        attribute("start", x.span.start)
        attribute("end", x.span.end)
        bytes.append(0x3E)
        escaped(x.text)
        bytes.append(0x3C)
        bytes.append(0x2F)
        append(role)
        bytes.append(0x3E)
        bytes.append(0x0A)
    }

    /// UTF-8 bytes of `s` with & < > " CR TAB LF as references (every byte
    /// of a multi-byte sequence is ≥ 0x80, so escaping byte by byte is exact).
    mutating func escaped(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            var run = 0
            for (i, b) in utf8.enumerated() {
                let reference: StaticString
                switch b {
                case 0x26: reference = "&amp;"
                case 0x3C: reference = "&lt;"
                case 0x3E: reference = "&gt;"
                case 0x22: reference = "&quot;"
                case 0x0D: reference = "&#13;"
                case 0x09: reference = "&#9;"
                case 0x0A: reference = "&#10;"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                bytes.append(
                    contentsOf: UnsafeBufferPointer(start: reference.utf8Start, count: reference.utf8CodeUnitCount))
                run = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
    }
}
