import AttestXML
import Foundation

/// Per-thread validation state: a parser and a validation context.
final class ValidationSession {
    let validator: Validator
    let checker: XMLDocumentChecker
    let folders = ArticleResolver.FolderCache()

    init(validator: Validator) {
        self.validator = validator
        self.checker = XMLDocumentChecker(schema: validator.schema)
    }

    func validate(file: URL) -> [Diagnostic] {
        let path = file.path
        let name = DisplayPath.of(path: path, relativeTo: validator.workingDirectory)
        switch FileBytes.read(path, limit: LibXMLParser.maximumFileSize) {
        case .bytes(let bytes):
            return validate(bytes: bytes, path: path, name: name)
        case .tooLarge(let size):
            return [
                Diagnostic(
                    file: name,
                    message:
                        "file is \(size) bytes, more than the \(LibXMLParser.maximumFileSize) an annotation file may have; not read",
                    rule: FileCheck.tooLarge.id)
            ]
        case .missing:
            return [
                Diagnostic(
                    file: name, message: "cannot read the file: it does not exist", rule: FileCheck.unreadable.id)
            ]
        case .failed(let reason):
            return [Diagnostic(file: name, message: "cannot read the file: \(reason)", rule: FileCheck.unreadable.id)]
        }
    }

    func validate(bytes: [UInt8], file: URL) -> [Diagnostic] {
        validate(
            bytes: bytes, path: file.path, name: DisplayPath.of(path: file.path, relativeTo: validator.workingDirectory)
        )
    }

    /// A document about to be written: its bytes against the schema, then
    /// the model itself, with the article the caller already holds, against
    /// every rule (no second read into the model, no second article read).
    func validate(
        pending document: AnnotationDocument, bytes: [UInt8], article: ArticleText, articleSHA256: String, name: String,
        stem: String
    ) -> [Diagnostic] {
        // The schema (libxml2, on the bytes) and each rule (on the model) are independent: they are
        // handed out one at a time to both cores, so that a long schema check runs beside all the
        // rules, and a short one (an edit's changed part) leaves the rules shared by the two.
        let validator = self.validator
        let subject = ValidationSubject(
            document: document, article: article, articleSHA256: articleSHA256,
            declaredTypes: validator.declaredTypes, fileStem: stem, settings: validator.settings)
        let rules = validator.rules
        let parts = ResultSlots<(diagnostics: [Diagnostic], parsed: Bool)>(
            count: rules.count + 1, initial: ([], true))
        ConcurrentMap.forEach(count: rules.count + 1, jobs: 2) { part in
            var sink = DiagnosticSink(file: name)
            guard part == 0 else {
                rules[part - 1].check(subject, into: &sink)
                parts[part] = (sink.diagnostics, true)
                return
            }
            let checker = XMLDocumentChecker(schema: validator.schema)
            switch checker.parse(bytes, name: name) {
            case .failure(let d): parts[0] = ([d], false)
            case .success(let tree):
                sink.append(contentsOf: checker.schemaDiagnostics(tree, lines: LineIndex(bytes: bytes), name: name))
                parts[0] = (sink.diagnostics, true)
            }
        }
        let found = parts.values
        // A file that does not parse has only that to say.
        if !found[0].parsed { return found[0].diagnostics }
        var sink = DiagnosticSink(file: name)
        for part in found { sink.append(contentsOf: part.diagnostics) }
        return sorted(sink)
    }

    func validate(bytes: [UInt8], path: String, name: String) -> [Diagnostic] {
        var sink = DiagnosticSink(file: name)
        let lines = LineIndex(bytes: bytes)
        // The fast path: a file that is well-formed and valid is read once, with no tree.
        if validator.depth == .full, let document = checker.readValidAnnotation(bytes, lines: lines) {
            return check(document, path: path, sink: &sink)
        }
        let tree: LibXMLTree
        switch checker.parse(bytes, name: name) {
        case .failure(let d): return [d]
        case .success(let t): tree = t
        }
        guard validator.depth != .parse else { return [] }
        sink.append(contentsOf: checker.schemaDiagnostics(tree, lines: lines, name: name))
        guard validator.depth == .full, let document = AnnotationReader(lines: lines).read(tree) else {
            return sorted(sink)
        }
        return check(document, path: path, sink: &sink)
    }

    /// The article's checks and every rule on a document read from `path`.
    private func check(_ document: AnnotationDocument, path: String, sink: inout DiagnosticSink) -> [Diagnostic] {
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let stem = fileName.hasSuffix(".xml") ? String(fileName.dropLast(4)) : fileName
        let article = loadArticle(for: document.header, annotationPath: path, sink: &sink)
        // A stale document (its article edited since) is one finding, `article.hash` naming
        // `attest realign`: its offsets point into another text, so the rules that read the
        // text are not run on it (each span would be an error of its own).
        let stale = article.map { $0.sha256 != document.header.sha256 } ?? false
        let subject = ValidationSubject(
            document: document, article: stale ? nil : article?.text, articleSHA256: article?.sha256,
            declaredTypes: validator.declaredTypes, fileStem: stem, settings: validator.settings)
        for rule in validator.rules { rule.check(subject, into: &sink) }
        return sorted(sink)
    }

    private func sorted(_ sink: DiagnosticSink) -> [Diagnostic] {
        sink.diagnostics.enumerated().sorted { a, b in
            (a.element.location, a.offset) < (b.element.location, b.offset)
        }.map(\.element)
    }

    /// Resolves, confines and reads the article; reports why when it cannot.
    private func loadArticle(
        for header: DocumentHeader, annotationPath: String, sink: inout DiagnosticSink
    ) -> (text: ArticleText?, sha256: String)? {
        // An empty path is the schema's to report.
        guard !header.articlePath.isEmpty else { return nil }
        let real: String
        switch validator.articles.resolve(header.articlePath, annotationPath: annotationPath, cache: folders) {
        case .failure(let problem):
            sink.report(problem.check, problem.message, at: header.origin)
            return nil
        case .success(let path): real = path
        }
        // The path as messages show it, made only for a message.
        var shown: String { DisplayPath.of(path: real, relativeTo: validator.workingDirectory) }
        switch FileBytes.read(real) {
        case .bytes(let bytes):
            let sha = SHA256Hex.of(bytes)
            guard let text = ArticleText(bytes: bytes) else {
                sink.report(FileCheck.articleEncoding, "article \(shown) is not valid UTF-8", at: header.origin)
                return (nil, sha)
            }
            return (text, sha)
        case .missing:
            sink.report(FileCheck.articleMissing, "article \(shown) does not exist", at: header.origin)
        case .tooLarge, .failed:
            sink.report(FileCheck.unreadable.id, "cannot read article \(shown)", at: header.origin)
        }
        return nil
    }
}
