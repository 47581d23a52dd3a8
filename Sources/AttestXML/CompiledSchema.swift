import AttestModel
import CLibXML2
import Foundation

/// An XSD compiled once and shared, read-only, by every validating thread.
///
/// libxml2 allows a compiled `xmlSchemaPtr` to be used from many threads as
/// long as each has its own validation context; that is the only reason
/// this type is `@unchecked Sendable`.
public final class CompiledSchema: @unchecked Sendable {
    /// Which identity constraints the schema keeps.
    public enum Constraints: Sendable {
        /// The schema as shipped, with `xs:key`/`xs:keyref`/`xs:unique`.
        case full
        /// Derived: identity constraints removed. Attest then checks the same
        /// constraints in Swift (rules `id.unique` and `ref.resolved`), which
        /// is several times cheaper than libxml2's XPath-based checks.
        case structureOnly
    }

    let schema: xmlSchemaPtr
    private let source: xmlDocPtr
    public let constraints: Constraints

    /// Compiles the XSD in `bytes`. Imports and includes are refused.
    public init(xsd bytes: [UInt8], constraints: Constraints = .structureOnly) throws {
        LibXML.initialize()
        let parser = LibXMLParser()
        let tree: LibXMLTree
        switch parser.parse(bytes) {
        case .success(let t): tree = t
        case .failure(let f): throw SchemaError(message: "schema: \(f.message) at line \(f.location.line)")
        }
        guard let copy = xmlCopyDoc(tree.doc, 1) else { throw SchemaError(message: "schema: out of memory") }
        if constraints == .structureOnly { CompiledSchema.removeIdentityConstraints(xmlDocGetRootElement(copy)) }
        let collector = XMLIssueCollector()
        guard let pctxt = xmlSchemaNewDocParserCtxt(copy) else {
            xmlFreeDoc(copy)
            throw SchemaError(message: "schema: cannot create a parser context")
        }
        xmlSchemaSetParserStructuredErrors(pctxt, XMLIssueCollector.callback, collector.opaque)
        let compiled = xmlSchemaParse(pctxt)
        xmlSchemaFreeParserCtxt(pctxt)
        // Schema warnings are errors too: a schema that half-compiles is a bug.
        guard let compiled, collector.issues.isEmpty else {
            if let compiled { xmlSchemaFree(compiled) }
            xmlFreeDoc(copy)
            let detail = collector.issues.map { "line \($0.line): \($0.message)" }.joined(separator: "; ")
            throw SchemaError(message: "schema does not compile: \(detail)")
        }
        self.schema = compiled
        self.source = copy
        self.constraints = constraints
    }

    /// Attest's embedded schema, compiled once per process for each kind of
    /// constraints (a compiled schema is shared read-only by every thread).
    public static func shared(_ constraints: Constraints) throws -> CompiledSchema {
        switch constraints {
        case .full: try sharedFull.get()
        case .structureOnly: try sharedStructureOnly.get()
        }
    }

    /// The schema's bytes as the binary carries them.
    package static var embeddedXSD: [UInt8] { PackageResources.attest_xsd }

    // The binary carries the schema (AttestXML/attest.xsd, embedded at build time by SwiftPM: `.embedInCode`),
    // so that it validates any corpus anywhere; schemas/attest.xsd is a link to that file.
    private static let sharedFull = Result {
        try CompiledSchema(xsd: PackageResources.attest_xsd, constraints: .full)
    }
    private static let sharedStructureOnly = Result {
        try CompiledSchema(xsd: PackageResources.attest_xsd, constraints: .structureOnly)
    }

    /// Compiles the XSD file at `url`.
    public convenience init(contentsOf url: URL, constraints: Constraints = .structureOnly) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw SchemaError(message: "cannot read schema \(url.path)")
        }
        try self.init(xsd: [UInt8](data), constraints: constraints)
    }

    deinit {
        xmlSchemaFree(schema)
        xmlFreeDoc(source)
    }

    private static func removeIdentityConstraints(_ node: xmlNodePtr?) {
        var child = node?.pointee.children
        while let c = child {
            let next = c.pointee.next
            if c.pointee.type == XML_ELEMENT_NODE,
                ["key", "keyref", "unique"].contains(LibXMLNode.name(c)),
                LibXMLNode.namespace(c) == "http://www.w3.org/2001/XMLSchema"
            {
                xmlUnlinkNode(c)
                xmlFreeNode(c)
            } else {
                removeIdentityConstraints(c)
            }
            child = next
        }
    }
}
