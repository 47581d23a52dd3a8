import AttestModel
import CLibXML2

/// A parsed XML document owned by Swift; freed when the last reference goes.
/// Used by one thread at a time.
package final class LibXMLTree {
    let doc: xmlDocPtr

    init(doc: xmlDocPtr) { self.doc = doc }

    deinit { xmlFreeDoc(doc) }

    package var root: xmlNodePtr? { xmlDocGetRootElement(doc) }

    /// Whether the document has a DOCTYPE (internal or external subset).
    var hasDoctype: Bool { doc.pointee.intSubset != nil || doc.pointee.extSubset != nil }
}

/// Small read helpers over libxml2 nodes.
package enum LibXMLNode {
    package static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    static func namespace(_ node: xmlNodePtr) -> String? {
        node.pointee.ns?.pointee.href.map { String(cString: $0) }
    }

    static func isElement(_ node: xmlNodePtr, named name: StaticString) -> Bool {
        node.pointee.type == XML_ELEMENT_NODE && has(node.pointee.name, name)
    }

    /// Whether a libxml2 name equals `name`, without building a String.
    static func has(_ cName: UnsafePointer<xmlChar>?, _ name: StaticString) -> Bool {
        guard let cName else { return false }
        return name.withUTF8Buffer { expected in
            var i = 0
            while i < expected.count {
                if cName[i] != expected[i] { return false }
                i += 1
            }
            return cName[i] == 0
        }
    }

    /// Child elements, in document order.
    static func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { out.append(c) }
            child = c.pointee.next
        }
        return out
    }

    /// The value of an unqualified attribute, without allocating through libxml2.
    static func attribute(_ node: xmlNodePtr, _ name: StaticString) -> String? {
        var attr = node.pointee.properties
        while let a = attr {
            if a.pointee.ns == nil, has(a.pointee.name, name) {
                return text(of: a.pointee.children)
            }
            attr = a.pointee.next
        }
        return nil
    }

    /// Concatenated text of the node's text children.
    static func textContent(_ node: xmlNodePtr) -> String {
        text(of: node.pointee.children)
    }

    private static func text(of first: xmlNodePtr?) -> String {
        guard let first else { return "" }
        if first.pointee.next == nil, first.pointee.type == XML_TEXT_NODE {
            return first.pointee.content.map { String(cString: $0) } ?? ""
        }
        var out = ""
        var node: xmlNodePtr? = first
        while let n = node {
            if n.pointee.type == XML_TEXT_NODE || n.pointee.type == XML_CDATA_SECTION_NODE,
                let c = n.pointee.content
            {
                out += String(cString: c)
            }
            node = n.pointee.next
        }
        return out
    }

    static func line(_ node: xmlNodePtr) -> Int { max(1, Int(xmlGetLineNo(node))) }

    /// An unqualified attribute made of 1 to 18 ASCII digits only, read in
    /// place; nil for anything else (absent, blanks, signs, too long).
    static func digitsAttribute(_ node: xmlNodePtr, _ name: StaticString) -> Int? {
        var attr = node.pointee.properties
        while let a = attr {
            if a.pointee.ns == nil, has(a.pointee.name, name) {
                guard let text = a.pointee.children, text.pointee.next == nil, text.pointee.type == XML_TEXT_NODE,
                    let c = text.pointee.content
                else { return nil }
                return Digits.value(cString: c)
            }
            attr = a.pointee.next
        }
        return nil
    }
}
