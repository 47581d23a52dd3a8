import AttestModel

/// The one parse-and-validate path for Attest's XML files (annotations and
/// the manifest): bytes to a well-formed tree, then the schema, every
/// problem as a diagnostic at its line and the column of its element.
/// One checker per thread; the compiled schema is shared.
package final class XMLDocumentChecker {
    let parser = LibXMLParser()
    private let schemaValidator: SchemaValidator

    /// Validation's fast path, for the schema as Attest ships it without its
    /// identity constraints (which the rules check): nil for the full schema.
    private let streamReader: AnnotationSAXReader?

    package init(schema: CompiledSchema) {
        let validator = SchemaValidator(schema: schema)
        schemaValidator = validator
        // One validation context for both paths (they never run at once on a checker).
        streamReader = schema.constraints == .structureOnly ? AnnotationSAXReader(schema: validator) : nil
    }

    /// The annotation document in `bytes`, read without a tree with the
    /// schema checked on the way, when the file is well-formed, valid and in
    /// Attest's layout: then `parse`, `schemaDiagnostics` and
    /// `AnnotationReader` would have found no problem and read this same
    /// document. Nil otherwise: take that path to learn what is wrong.
    package func readValidAnnotation(_ bytes: [UInt8], lines: LineIndex) -> AnnotationDocument? {
        streamReader?.readValid(bytes, lines: lines)
    }

    /// The tree, or the one diagnostic saying why the bytes are not well-formed XML.
    package func parse(_ bytes: [UInt8], name: String) -> Result<LibXMLTree, Diagnostic> {
        parser.parse(bytes).mapError { f in
            Diagnostic(file: name, location: f.location, message: f.message, rule: f.rule)
        }
    }

    /// Every schema error in `tree`, located with `lines`.
    package func schemaDiagnostics(_ tree: LibXMLTree, lines: LineIndex, name: String) -> [Diagnostic] {
        schemaValidator.validate(tree).map { issue in
            let column = issue.element.map { lines.column(ofTag: $0, onLine: issue.line) } ?? 1
            return Diagnostic(
                file: name, location: SourceLocation(line: issue.line, column: column), message: issue.message,
                rule: FileCheck.schema.id)
        }
    }

    /// A well-formed, schema-valid tree with its line index, or every problem.
    /// `what` names the kind of file in the error ("annotation file", "manifest").
    package func readValid(_ bytes: [UInt8], name: String, what: String) -> Result<
        (tree: LibXMLTree, lines: LineIndex), AttestError
    > {
        let tree: LibXMLTree
        switch parse(bytes, name: name) {
        case .failure(let d): return .failure(AttestError("\(name) is not a valid \(what)", diagnostics: [d]))
        case .success(let t): tree = t
        }
        let lines = LineIndex(bytes: bytes)
        let problems = schemaDiagnostics(tree, lines: lines, name: name)
        guard problems.isEmpty else {
            return .failure(AttestError("\(name) is not a valid \(what)", diagnostics: problems))
        }
        return .success((tree, lines))
    }
}
