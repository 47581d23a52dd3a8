import Foundation

/// The web annotator's API over one corpus (docs/api.md): every change is
/// an `AnnotationEditor` transaction on the same files the CLI edits. Pure
/// request → response, so it is tested without a network; `attest-studio`
/// serves it with Hummingbird.
public struct Studio: Sendable {
    public let corpus: Corpus
    /// Required on every request when set (any host but loopback).
    public let token: String?
    /// `Origin` values a browser may send (the server's own addresses).
    public let origins: Set<String>
    /// Static files of the page: path → (content type, bytes).
    public let assets: [String: (type: String, bytes: [UInt8])]
    /// Review mode's predictions (`--pred`): a JSON Lines file or a folder of annotation files.
    public let predictions: String?
    public static let bodyLimit = 4 << 20

    public init(
        corpus: Corpus, token: String?, origins: Set<String>, assets: [String: (type: String, bytes: [UInt8])] = [:],
        predictions: String? = nil
    ) {
        self.corpus = corpus
        self.token = token
        self.origins = origins
        self.assets = assets
        self.predictions = predictions
    }

    public func handle(_ request: StudioRequest) -> StudioResponse {
        let host = request.headers["host"] ?? ""
        // A page from another site may not drive this server (same origin only).
        if let origin = request.headers["origin"], origin != "http://\(host)", !origins.contains(origin) {
            return .error(403, "foreign-origin", "requests from \(origin) are refused")
        }
        // Without a token the server is loopback-only: a name that resolves here
        // by DNS rebinding (Host: evil.example) is refused.
        if token == nil, !host.isEmpty, !Self.isLoopback(host) {
            return .error(403, "foreign-host", "this server answers only to 127.0.0.1, ::1 and localhost")
        }
        if let token, !authorized(request, token) {
            return .error(401, "token-required", "this server needs its token (Authorization: Bearer …)")
        }
        guard request.body.count <= Self.bodyLimit else {
            return .error(413, "too-large", "request bodies are limited to \(Self.bodyLimit) bytes")
        }
        var response: StudioResponse
        do {
            response = try route(request)
        } catch let error as AttestError {
            response = .error(400, "refused", error.message)
        } catch {
            response = .error(500, "internal", "\(error)")
        }
        response.headers["x-content-type-options"] = "nosniff"
        response.headers["referrer-policy"] = "no-referrer"
        return response
    }

    static func isLoopback(_ host: String) -> Bool {
        let name: Substring
        if host.hasPrefix("[") {
            name = host.dropFirst().prefix { $0 != "]" }
        } else {
            name = host.split(separator: ":", maxSplits: 1).first ?? ""
        }
        return name == "127.0.0.1" || name == "localhost" || name == "::1"
    }

    private func authorized(_ request: StudioRequest, _ token: String) -> Bool {
        if request.headers["authorization"] == "Bearer \(token)" { return true }
        if request.headers["x-attest-token"] == token { return true }
        // The page itself may be opened with ?token=… (it then sends the header).
        return request.method == "GET" && !request.path.hasPrefix("/api/") && request.query["token"] == token
    }

    // MARK: Routing

    private func route(_ r: StudioRequest) throws -> StudioResponse {
        let parts = r.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.first == "api" else { return asset(r) }
        let rest = Array(parts.dropFirst())
        guard rest.first == "documents" else { return notFound(r) }
        if rest.count == 1 { return r.method == "GET" ? list() : notFound(r) }
        let id = rest[1]
        switch (r.method, rest.count == 3 ? rest[2] : rest.count == 2 ? "" : "/") {
        case ("GET", ""): return try withID(id) { try document($0) }
        case ("POST", "edits"): return try withID(id) { try edits($0, r) }
        case ("PUT", "status"): return try withID(id) { try status($0, r) }
        case ("POST", "undo"): return try withID(id) { try undo($0) }
        case ("POST", "realign"): return try withID(id) { try realign($0) }
        case ("GET", "suggestions"): return try withID(id) { try suggestions($0, r) }
        case ("GET", "review"): return try withID(id) { try review($0, r) }
        case ("POST", "review"): return try withID(id) { try review($0, r) }
        default: return notFound(r)
        }
    }

    private func notFound(_ r: StudioRequest) -> StudioResponse {
        .error(404, "not-found", "no endpoint \(r.method) \(r.path) (docs/api.md lists them)")
    }

    private func withID(_ id: String, _ body: (String) throws -> StudioResponse) throws -> StudioResponse {
        guard id.range(of: "^[A-Za-z][A-Za-z0-9_.-]{0,127}$", options: .regularExpression) != nil else {
            return .error(400, "bad-id", "\(Brief.quoted(id)) is not a document id")
        }
        guard FileManager.default.fileExists(atPath: corpus.annotationURL(for: id).path) else {
            return .error(404, "no-document", "no document \(id) in this corpus")
        }
        return try body(id)
    }

    private func asset(_ r: StudioRequest) -> StudioResponse {
        guard r.method == "GET" else { return .error(405, "method", "only GET serves the page") }
        let path = r.path == "/" ? "/index.html" : r.path
        guard let a = assets[path] else { return .error(404, "not-found", "no file \(r.path)") }
        return StudioResponse(
            status: 200,
            headers: [
                "content-type": a.type, "cache-control": "no-cache",
                "content-security-policy":
                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
            ], body: a.bytes)
    }

    // MARK: Endpoints

    private func list() -> StudioResponse {
        var docs: [JSONTree] = []
        for id in corpus.documentIDs() {
            do {
                let file = try AnnotationFile.read(corpus.annotationURL(for: id))
                docs.append(StudioDocumentJSON.summary(file.document, stale: nil))
            } catch let error as AttestError {
                docs.append(.object(["id": .string(id), "error": .string(error.message)]))
            } catch {
                docs.append(.object(["id": .string(id), "error": .string("\(error)")]))
            }
        }
        return .json(200, .object(["corpus": .string(corpus.manifest.name), "documents": .array(docs)]))
    }

    private enum Opened {
        case success(AnnotationEditor)
        case failure(StudioResponse)
    }

    private func open(_ id: String) throws -> Opened {
        do {
            return .success(try AnnotationEditor.open(id, in: corpus))
        } catch let error as AttestError where error.message.contains("attest realign") {
            return .failure(.error(409, "stale", error.message))
        }
    }

    private func document(_ id: String) throws -> StudioResponse {
        let editor: AnnotationEditor
        switch try open(id) {
        case .failure(let r): return r
        case .success(let e): editor = e
        }
        return try documentResponse(editor, status: 200)
    }

    /// The document as `GET` gives it. Its version is the SHA-256 of the file
    /// on disk: as read, or (`written`) as a commit just wrote it.
    private func documentResponse(
        _ editor: AnnotationEditor, status: Int, written: AnnotationEditor.Commit? = nil,
        extra: [String: JSONTree] = [:]
    ) throws -> StudioResponse {
        let version = written?.entry?.after ?? editor.file.readDigest ?? ""
        let known = written.flatMap { $0.changed ? $0.diagnostics : nil }
        var o: [String: JSONTree] = [
            "id": .string(editor.document.id), "version": .string(version), "text": .string(editor.article.string),
            "length": .int(editor.article.count), "annotation": StudioDocumentJSON.annotation(editor.document),
            "diagnostics": StudioDocumentJSON.diagnostics(try known ?? editor.resultDiagnostics()),
            "types": .array(corpus.manifest.types.sorted().map { .string($0.name) }),
        ]
        for (k, v) in extra { o[k] = v }
        return .json(status, .object(o), headers: ["etag": "\"\(version)\""])
    }

    /// The version the client edits from: `If-Match`, required.
    private func expectedVersion(_ r: StudioRequest) -> String? {
        guard let tag = r.headers["if-match"] else { return nil }
        return tag.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
    }

    private func edits(_ id: String, _ r: StudioRequest) throws -> StudioResponse {
        let list: [AnnotationEdit]
        do {
            list = try AnnotationEdit.decode(json: Self.editsArray(r.body))
        } catch let error as AttestError {
            return .error(400, "bad-edits", error.message)
        }
        return try transaction(id, r, summary: "studio: " + list.map(\.description).joined(separator: "; ")) {
            try $0.apply(list)
        }
    }

    /// The body is an array of edits, or `{"edits": [...]}`. Anything else
    /// reads as `null`, which the decoder refuses with its reason.
    private static func editsArray(_ body: [UInt8]) -> [UInt8] {
        guard let first = body.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }), first == UInt8(ascii: "{")
        else { return body }
        guard let object = jsonObject(body), let edits = object["edits"] else { return Array("null".utf8) }
        do {
            return [UInt8](try JSONSerialization.data(withJSONObject: edits))
        } catch {
            return Array("null".utf8)
        }
    }

    /// A JSON object, or nil for anything else.
    private static func jsonObject(_ body: [UInt8]) -> [String: Any]? {
        do {
            return try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        } catch {
            return nil
        }
    }

    private func status(_ id: String, _ r: StudioRequest) throws -> StudioResponse {
        guard let object = Self.jsonObject(r.body), let name = object["status"] as? String,
            let value = AnnotationStatus(rawValue: name), value != .prediction
        else { return .error(400, "bad-status", "send {\"status\": \"draft\"} or {\"status\": \"gold\"}") }
        return try transaction(id, r, summary: "studio: set status \(name)") { try $0.setStatus(value) }
    }

    /// Opens, checks the version, applies, validates, writes.
    private func transaction(
        _ id: String, _ r: StudioRequest, summary: String, _ change: (inout AnnotationEditor) throws -> Void
    ) throws -> StudioResponse {
        guard let expected = expectedVersion(r) else {
            return .error(428, "version-required", "send If-Match with the version (ETag) the edits were made on")
        }
        var editor: AnnotationEditor
        switch try open(id) {
        case .failure(let response): return response
        case .success(let e): editor = e
        }
        let current = editor.file.readDigest ?? ""
        guard expected == current else {
            return .error(
                409, "conflict", "\(id) changed since version \(expected.prefix(12))…; reload it",
                extra: ["version": .string(current)])
        }
        do {
            try change(&editor)
        } catch let error as AttestError {
            return .error(422, "edit-refused", error.message, extra: ["diagnostics": .array([])])
        }
        let commit: AnnotationEditor.Commit
        do {
            commit = try editor.commit(summary: summary)
        } catch let error as AttestError where error.message.contains("changed on disk") {
            return .error(409, "conflict", error.message)
        } catch let error as AttestError {
            // Refused: say why, rule by rule (validating again only on this path).
            let errors = try editor.resultDiagnostics().filter { $0.severity == .error }
            guard !errors.isEmpty else { return .error(422, "edit-refused", error.message) }
            return .error(
                422, "invalid", "the result would not validate; nothing was written",
                extra: ["diagnostics": StudioDocumentJSON.diagnostics(errors)])
        }
        return try documentResponse(
            editor, status: 200, written: commit,
            extra: [
                "inverse": try Self.json(editor.inverse),
                "notes": .array(commit.notes.map { .string($0) }),
            ])
    }

    private static func json(_ edits: [AnnotationEdit]) throws -> JSONTree {
        .string(try AnnotationEdit.json(edits))
    }

    private func undo(_ id: String) throws -> StudioResponse {
        let entry: JournalEntry
        do {
            entry = try EditUndo.undo(id, in: corpus)
        } catch let error as AttestError {
            return .error(409, "cannot-undo", error.message)
        }
        guard case .success(let editor) = try open(id) else {
            return .json(200, .object(["undone": .string(entry.summary)]))
        }
        return try documentResponse(editor, status: 200, extra: ["undone": .string(entry.summary)])
    }

    private func realign(_ id: String) throws -> StudioResponse {
        var editor = try AnnotationEditor.open(id, in: corpus, allowStale: true)
        guard let (result, _) = try editor.realign() else {
            return try documentResponse(editor, status: 200, extra: ["findings": .array([])])
        }
        let commit = try editor.commit(summary: "studio: realign")
        return try documentResponse(
            editor, status: 200, written: commit,
            extra: ["findings": .array(result.findings.map { .string($0.description) })])
    }

    /// Suggestions from an extractor: `?extractor=baseline`, or `manifest`
    /// for the manifest's `<extractor>` (the default when it declares one).
    private func suggestions(_ id: String, _ r: StudioRequest) throws -> StudioResponse {
        let editor: AnnotationEditor
        switch try open(id) {
        case .failure(let r): return r
        case .success(let e): editor = e
        }
        let command = corpus.manifest.extractorCommand
        let wanted = r.query["extractor"] ?? (command == nil ? "baseline" : "manifest")
        let prediction: PredictionDocument
        switch wanted {
        case "baseline":
            prediction = BaselineExtractor().extract(id: id, article: editor.article)
        case "manifest":
            guard let command else {
                return .error(400, "no-extractor", "the manifest declares no <extractor>; use ?extractor=baseline")
            }
            let extractor = ExternalExtractor(
                command: command, timeout: Double(corpus.manifest.extractorTimeout ?? 60))
            let gold = GoldDocument(
                document: editor.document, path: editor.file.url.path, articlePath: editor.articlePath,
                article: editor.article)
            switch extractor.run(gold) {
            case .success(let p): prediction = p
            case .failure(let f):
                return .error(
                    502, "extractor-failed",
                    "the extractor \(Brief.quoted(command, limit: 60)) failed on \(id): \(f.reason)"
                        + (f.stderrTail.isEmpty ? "" : " — " + f.stderrTail.joined(separator: " ⏎ ")))
            }
        default:
            return .error(400, "bad-extractor", "extractor is baseline or manifest, not \(Brief.quoted(wanted))")
        }
        var json = StudioDocumentJSON.prediction(prediction, article: editor.article)
        if case .object(var o) = json {
            o["extractor"] = .string(wanted == "baseline" ? "baseline" : command ?? "")
            json = .object(o)
        }
        return .json(200, json)
    }

    /// Review mode: the document's prediction (uploaded, or from `--pred`)
    /// against its annotation, with the counts of `attest score --errors`.
    private func review(_ id: String, _ r: StudioRequest) throws -> StudioResponse {
        let prediction: PredictionDocument?
        let source: String
        do {
            if r.method == "POST" {
                source = r.query["name"] ?? "upload"
                prediction = try PredictionLookup.find(id, bytes: r.body, name: source)
            } else {
                guard let predictions else {
                    return .error(
                        404, "no-predictions",
                        "this server was started without --pred; choose a prediction file on the page")
                }
                source = DisplayPath.of(path: predictions, relativeTo: FileManager.default.currentDirectoryPath)
                prediction = try PredictionLookup.find(id, path: predictions)
            }
        } catch let error as AttestError {
            return .error(
                422, "bad-prediction", error.message,
                extra: ["diagnostics": StudioDocumentJSON.diagnostics(error.diagnostics)])
        }
        guard let prediction else {
            return .error(404, "no-prediction", "\(source) has no prediction for \(id)")
        }
        do {
            let review = try DocumentReview.make(id: id, prediction: prediction, source: source, corpus: corpus)
            return .json(200, StudioDocumentJSON.review(review, source: source))
        } catch let error as AttestError {
            return .error(
                422, "bad-prediction", error.message,
                extra: ["diagnostics": StudioDocumentJSON.diagnostics(error.diagnostics)])
        }
    }
}
