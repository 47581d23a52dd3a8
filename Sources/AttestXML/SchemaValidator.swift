import AttestModel
import CLibXML2

/// Validates parsed documents against a compiled schema. One per thread.
final class SchemaValidator {
    private let context: xmlSchemaValidCtxtPtr
    let schema: CompiledSchema

    init(schema: CompiledSchema) {
        self.schema = schema
        self.context = xmlSchemaNewValidCtxt(schema.schema)
    }

    deinit { xmlSchemaFreeValidCtxt(context) }

    /// Parses `bytes` as a stream of SAX events to `sax` (its callbacks get
    /// `userData`), the schema checked on the way, with no tree. True when the
    /// bytes are well-formed and valid, and libxml2 said nothing at all (not
    /// even a warning): only then may the caller trust what `sax` built. The
    /// parse substitutes no entity and loads nothing (no DTD, and the
    /// process-wide loader refuses every external resource).
    func validStream(
        _ bytes: [UInt8], sax: UnsafeMutablePointer<xmlSAXHandler>, userData: UnsafeMutableRawPointer
    ) -> Bool {
        let schemaIssues = XMLIssueCollector(limit: 1)
        let parseIssues = XMLIssueCollector(limit: 1)
        xmlSchemaSetValidStructuredErrors(context, XMLIssueCollector.callback, schemaIssues.opaque)
        attest_set_structured_errors(parseIssues.opaque, XMLIssueCollector.callback)
        defer {
            attest_set_structured_errors(nil, nil)
            xmlSchemaSetValidStructuredErrors(context, nil, nil)
        }
        let status = bytes.withUnsafeBufferPointer { buffer -> Int32 in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                // The stream reads a copy of `bytes` (libxml2 2.9's static buffers misread long files); the parser frees it.
                guard let input = xmlParserInputBufferCreateMem(base, Int32(buffer.count), XML_CHAR_ENCODING_NONE)
                else { return -1 }
                return xmlSchemaValidateStream(context, input, XML_CHAR_ENCODING_NONE, sax, userData)
            }
        }
        return status == 0 && schemaIssues.issues.isEmpty && parseIssues.issues.isEmpty
    }

    /// The line the stream being validated has reached (0 outside one).
    func streamLine() -> Int {
        guard let parser = xmlSchemaValidCtxtGetParserCtxt(context), let input = parser.pointee.input else { return 0 }
        return Int(input.pointee.line)
    }

    /// Every schema error in `tree`, in document order.
    func validate(_ tree: LibXMLTree) -> [XMLIssue] {
        let collector = XMLIssueCollector()
        xmlSchemaSetValidStructuredErrors(context, XMLIssueCollector.callback, collector.opaque)
        _ = xmlSchemaValidateDoc(context, tree.doc)
        xmlSchemaSetValidStructuredErrors(context, nil, nil)
        return collector.issues
    }
}
