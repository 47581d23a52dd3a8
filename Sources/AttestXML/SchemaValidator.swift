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

    /// Every schema error in `tree`, in document order.
    func validate(_ tree: LibXMLTree) -> [XMLIssue] {
        let collector = XMLIssueCollector()
        xmlSchemaSetValidStructuredErrors(context, XMLIssueCollector.callback, collector.opaque)
        _ = xmlSchemaValidateDoc(context, tree.doc)
        xmlSchemaSetValidStructuredErrors(context, nil, nil)
        return collector.issues
    }
}
