import AttestModel
import CLibXML2

/// Process-wide libxml2 set-up and the parse options every read uses.
///
/// Only this folder talks to libxml2. Parsing never substitutes entities,
/// never loads a DTD and never touches the network; external entities are
/// refused by a loader installed once.
package enum LibXML {
    /// Options for every document Attest parses. Never NOENT, DTDLOAD,
    /// DTDATTR or HUGE: entity bombs and XXE stay inert, and libxml2's
    /// default limits (depth 256, 10 MB text nodes) apply.
    static let parseOptions: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue
            | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    private static let ready: Bool = {
        xmlInitParser()
        xmlSchemaInitTypes()
        // Nothing Attest parses may load another resource: not a DTD, not
        // an entity, not a schema import.
        xmlSetExternalEntityLoader { _, _, _ in nil }
        return true
    }()

    /// Initialises libxml2. Call on the main thread before parallel work.
    package static func initialize() {
        _ = ready
    }
}

/// One error libxml2 reported.
struct XMLIssue: Sendable {
    var message: String
    var line: Int
    /// Column as libxml2 reports it (parser errors only; 0 when unknown).
    var column: Int
    var isWarning: Bool
    /// Name of the element the error is about (validation errors).
    var element: String?
}

/// Receives libxml2's structured errors for one parse or validation.
final class XMLIssueCollector {
    var issues: [XMLIssue] = []
    let limit: Int

    init(limit: Int = 1000) { self.limit = limit }

    static let callback: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        let collector = Unmanaged<XMLIssueCollector>.fromOpaque(context).takeUnretainedValue()
        guard collector.issues.count < collector.limit else { return }
        let e = error.pointee
        var message = e.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        var element: String?
        if let node = e.node?.assumingMemoryBound(to: xmlNode.self), node.pointee.type == XML_ELEMENT_NODE,
            let name = node.pointee.name
        {
            element = String(cString: name)
        }
        var line = Int(e.line)
        if line <= 0, let node = e.node?.assumingMemoryBound(to: xmlNode.self) {
            line = Int(xmlGetLineNo(node))
        }
        collector.issues.append(
            XMLIssue(
                message: message, line: max(line, 1), column: Int(e.int2), isWarning: e.level == XML_ERR_WARNING,
                element: element))
    }

    var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
}
