/// Writes an annotation document in Attest's one canonical layout: entities
/// ordered by their first mention, mentions and quotes by offset, two-space
/// indentation, attributes in a fixed order, LF line ends. The same model
/// always gives the same bytes, so git diffs show only real changes.
public enum AnnotationWriter {
    public static let namespace = "urn:attest:format:1"

    public static func canonical(_ document: AnnotationDocument) -> AnnotationDocument {
        var doc = document
        doc.entities = doc.entities.map { entity in
            var e = entity
            e.mentions.sort { ($0.span, IDOrder.key($0.id)) < ($1.span, IDOrder.key($1.id)) }
            return e
        }
        doc.entities.sort { a, b in
            switch (a.firstSpan, b.firstSpan) {
            case (let x?, let y?) where x != y: return x < y
            case (.some, .none): return true
            case (.none, .some): return false
            default: return IDOrder.key(a.id) < IDOrder.key(b.id)
            }
        }
        doc.quotes.sort { ($0.content.span, IDOrder.key($0.id)) < ($1.content.span, IDOrder.key($1.id)) }
        return doc
    }

    public static func xml(_ document: AnnotationDocument) -> String {
        let doc = canonical(document)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<annotation xmlns=\"\(namespace)\" version=\"\(escape(doc.version))\">\n"
        let h = doc.header
        var head =
            "  <document id=\"\(escape(h.id))\" article=\"\(escape(h.articlePath))\" sha256=\"\(escape(h.sha256))\""
        head += " length=\"\(h.length)\" status=\"\(h.status.rawValue)\""
        if let g = h.guidelines { head += " guidelines=\"\(escape(g))\"" }
        if h.annotators.isEmpty {
            out += head + "/>\n"
        } else {
            out += head + ">\n"
            for a in h.annotators { out += "    <annotator name=\"\(escape(a))\"/>\n" }
            out += "  </document>\n"
        }
        if doc.entities.isEmpty {
            out += "  <entities/>\n"
        } else {
            out += "  <entities>\n"
            for e in doc.entities {
                let open =
                    "    <entity id=\"\(escape(e.id))\" type=\"\(escape(e.type.name))\" name=\"\(escape(e.name))\""
                if e.mentions.isEmpty {
                    out += open + "/>\n"
                    continue
                }
                out += open + ">\n"
                for m in e.mentions {
                    out += "      <mention id=\"\(escape(m.id))\"" + spanAttributes(m.excerpt) + ">"
                    out += escape(m.text) + "</mention>\n"
                }
                out += "    </entity>\n"
            }
            out += "  </entities>\n"
        }
        if doc.quotes.isEmpty {
            out += "  <quotes/>\n"
        } else {
            out += "  <quotes>\n"
            for q in doc.quotes {
                out += "    <quote id=\"\(escape(q.id))\" kind=\"\(q.kind.rawValue)\""
                if let s = q.speakerEntity { out += " speaker-entity=\"\(escape(s))\"" }
                out += ">\n"
                for (role, excerpt) in q.excerpts {
                    out += "      <\(role)" + spanAttributes(excerpt) + ">" + escape(excerpt.text) + "</\(role)>\n"
                }
                out += "    </quote>\n"
            }
            out += "  </quotes>\n"
        }
        out += "</annotation>\n"
        return out
    }

    private static func spanAttributes(_ e: Excerpt) -> String {
        " start=\"\(e.span.start)\" end=\"\(e.span.end)\""
    }

    /// Escapes for both text and attribute values. Carriage returns, tabs
    /// and newlines become character references so that XML end-of-line and
    /// attribute normalisation cannot change the covered text.
    static func escape(_ s: String) -> String {
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
