import AttestModel
import CLibXML2

/// Why a file could not be read as XML. Each case carries the one clear
/// message a user sees, with its rule id.
package struct XMLReadFailure: Error, Sendable {
    package var rule: String
    package var message: String
    package var location: SourceLocation
}

/// Parses annotation and manifest files safely. One parser per thread:
/// it keeps a libxml2 parser context that is reused between files.
package final class LibXMLParser {
    /// Files larger than this are refused before parsing (an annotation of a
    /// long article is a few hundred kilobytes).
    package static let maximumFileSize = 16 * 1024 * 1024

    private let context: xmlParserCtxtPtr

    package init() {
        LibXML.initialize()
        context = xmlNewParserCtxt()
    }

    deinit { xmlFreeParserCtxt(context) }

    /// Parses `bytes`. A DOCTYPE, a file too large and a document that is not
    /// well-formed each give one failure naming the problem.
    package func parse(_ bytes: [UInt8]) -> Result<LibXMLTree, XMLReadFailure> {
        if bytes.count > LibXMLParser.maximumFileSize {
            return .failure(
                XMLReadFailure(
                    rule: "xml.too-large",
                    message:
                        "file is \(bytes.count) bytes, more than the \(LibXMLParser.maximumFileSize) an annotation file may have",
                    location: .start))
        }
        if let line = LibXMLParser.doctypeLine(bytes) {
            return .failure(LibXMLParser.doctypeFailure(line: line))
        }
        let collector = XMLIssueCollector(limit: 8)
        attest_set_structured_errors(collector.opaque, XMLIssueCollector.callback)
        defer { attest_set_structured_errors(nil, nil) }
        let doc: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                xmlCtxtReadMemory(context, base, Int32(buffer.count), nil, nil, LibXML.parseOptions)
            }
        }
        if let doc, context.pointee.wellFormed != 0 {
            let tree = LibXMLTree(doc: doc)
            if tree.hasDoctype { return .failure(LibXMLParser.doctypeFailure(line: 1)) }
            return .success(tree)
        }
        if let doc { xmlFreeDoc(doc) }
        let first = collector.issues.first { !$0.isWarning } ?? collector.issues.first
        let message = first.map { "not well-formed XML: \($0.message)" } ?? "not well-formed XML"
        let location = SourceLocation(line: first?.line ?? 1, column: max(first?.column ?? 1, 1))
        return .failure(XMLReadFailure(rule: "xml.malformed", message: message, location: location))
    }

    private static func doctypeFailure(line: Int) -> XMLReadFailure {
        XMLReadFailure(
            rule: "xml.doctype",
            message:
                "a DOCTYPE is not allowed in Attest files (it could declare external or recursive entities); remove it",
            location: SourceLocation(line: line, column: 1))
    }

    /// The line of a `<!DOCTYPE` in the prolog, found without parsing, so that
    /// no entity declared in it is ever looked at.
    static func doctypeLine(_ bytes: [UInt8]) -> Int? {
        let needle = Array("<!DOCTYPE".utf8)
        return bytes.withUnsafeBufferPointer { b -> Int? in
            var i = 0
            var line = 1
            while i < b.count {
                let c = b[i]
                if c == 0x0A { line += 1 }
                if c == UInt8(ascii: "<") {
                    if i + needle.count <= b.count, b[i..<i + needle.count].elementsEqual(needle) { return line }
                    // Skip declarations, processing instructions and comments in the prolog.
                    if i + 1 < b.count, b[i + 1] == UInt8(ascii: "?") || b[i + 1] == UInt8(ascii: "!") {
                        i += 1
                        continue
                    }
                    return nil  // The root element starts: the prolog is over.
                }
                i += 1
            }
            return nil
        }
    }
}
