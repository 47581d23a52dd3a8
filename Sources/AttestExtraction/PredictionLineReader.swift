import AttestCorpus

/// Reads one line of a JSON Lines predictions file: well-formed lines in
/// the documented form take the fast path; any other is read again by the
/// full parser and decoder, which say exactly what is wrong and where.
public enum PredictionLineReader {
    /// The document on a line, or every problem with it.
    public enum Outcome: Sendable {
        case document(PredictionDocument)
        case problems([Diagnostic])
    }

    public static func read(_ line: JSONLine, file: String) -> Outcome {
        if let doc = line.bytes.withUnsafeBufferPointer({ FastPredictionDecoder.decode($0) }) { return .document(doc) }
        let result = line.bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONSyntaxError) -> JSONValue in try JSONParser.parse(buffer) }
        }
        func at(_ offset: Int) -> SourceLocation {
            SourceLocation(line: line.number, column: JSONLines.column(of: offset, in: line.bytes))
        }
        switch result {
        case .failure(let error):
            return .problems([
                Diagnostic(
                    file: file, location: at(error.offset), message: "not valid JSON: \(error.message)",
                    rule: PredictionRules.syntax.id)
            ])
        case .success(let parsed):
            switch PredictionDecoder().decode(parsed) {
            case .issues(let issues):
                return .problems(
                    issues.map {
                        Diagnostic(
                            file: file, location: at($0.offset), message: "\($0.field) \($0.message)", rule: $0.rule)
                    })
            case .document(let doc):
                return .document(doc)
            }
        }
    }
}
