import AttestInterop
import Foundation

/// Finds one document's prediction in what review mode is given: a JSON
/// Lines file in the extractor form, a folder of annotation XML files, or
/// the bytes a page uploaded (one JSON document, or JSON Lines).
public enum PredictionLookup {
    /// The prediction for `id`, or nil when the source has none for it.
    /// Throws `AttestError` naming the file and line when the line for `id`
    /// is malformed, or when the source cannot be read.
    public static func find(_ id: String, path: String) throws -> PredictionDocument? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AttestError("\(path): no such file or folder")
        }
        if isDirectory.boolValue {
            let url = URL(fileURLWithPath: path, isDirectory: true).appendingPathComponent(id + ".xml")
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            return PredictionDocument(try AnnotationFile.read(url).document)
        }
        var found: PredictionDocument?
        var failure: AttestError?
        try JSONLines.read(path: path) { batch in
            guard found == nil, failure == nil else { return }
            switch search(id, in: batch, file: path) {
            case .success(let doc): found = doc
            case .failure(let error): failure = error
            }
        }
        if let failure { throw failure }
        return found
    }

    /// The prediction for `id` in uploaded bytes: one JSON object (its `id`
    /// may be left out) or JSON Lines.
    public static func find(_ id: String, bytes: [UInt8], name: String) throws -> PredictionDocument? {
        var lineNumber = 1
        let lines = JSONLines.split(bytes + [0x0A], firstLine: &lineNumber)
        if lines.count != 1 {
            switch search(id, in: lines, file: name) {
            case .success(let doc): return doc
            case .failure(let error): throw error
            }
        }
        // One document, possibly spread over several lines, possibly without an id.
        let parsed = bytes.withUnsafeBufferPointer { b in
            Result { () throws(JSONSyntaxError) -> JSONValue in try JSONParser.parse(b) }
        }
        switch parsed {
        case .failure(let e):
            throw AttestError("\(name): not valid JSON at byte \(e.offset): \(e.message)")
        case .success(let json):
            switch PredictionDecoder().decode(json, defaultID: id) {
            case .issues(let issues):
                throw AttestError(
                    "\(name): " + issues.prefix(3).map { "\($0.field) \($0.message)" }.joined(separator: "; "))
            case .document(let doc):
                return doc.id == id ? doc : nil
            }
        }
    }

    /// The first line predicting `id`; a malformed line is an error only if
    /// it seems to be about `id` (other documents' problems are not review's).
    private static func search(_ id: String, in lines: [JSONLine], file: String) -> Result<
        PredictionDocument?, AttestError
    > {
        let needle = Array("\"\(id)\"".utf8)
        for line in lines {
            guard line.bytes.firstRange(of: needle) != nil else { continue }
            switch PredictionLineReader.read(line, file: file) {
            case .document(let doc):
                if doc.id == id { return .success(doc) }
            case .problems(let problems):
                return .failure(
                    AttestError(
                        "the prediction for \(id) cannot be read: "
                            + DiagnosticFormat.gcc.render(Array(problems.prefix(3)))
                            .split(separator: "\n").joined(separator: "; "),
                        diagnostics: problems))
            }
        }
        return .success(nil)
    }
}
