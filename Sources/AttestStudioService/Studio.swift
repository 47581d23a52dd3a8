import AttestInterop
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

    /// Whether a request may be served at all, decided on its head alone
    /// (before any body is read): origin, host, token. Nil when admitted.
    public func admit(method: String, path: String, query: [String: String], headers: [String: String])
        -> StudioResponse?
    {
        let host = headers["host"] ?? ""
        // A page from another site may not drive this server (same origin only).
        if let origin = headers["origin"], origin != "http://\(host)", !origins.contains(origin) {
            return .error(403, "foreign-origin", "requests from \(origin) are refused")
        }
        // Without a token the server is loopback-only: a name that resolves here
        // by DNS rebinding (Host: evil.example) is refused.
        if token == nil, !Self.isLoopback(host) {
            return .error(403, "foreign-host", "this server answers only to 127.0.0.1, ::1 and localhost")
        }
        if let token, !authorized(method: method, path: path, query: query, headers: headers, token) {
            return .error(401, "token-required", "this server needs its token (Authorization: Bearer …)")
        }
        return nil
    }

    /// The shortest token accepted (a shorter one is refused at start-up).
    public static let minimumTokenLength = 16

    public func handle(_ request: StudioRequest) -> StudioResponse {
        if let refusal = admit(
            method: request.method, path: request.path, query: request.query, headers: request.headers)
        {
            return Self.secured(refusal)
        }
        guard request.body.count <= Self.bodyLimit else {
            return Self.secured(.error(413, "too-large", "request bodies are limited to \(Self.bodyLimit) bytes"))
        }
        var response: StudioResponse
        do {
            response = try route(request)
        } catch let error as AttestError {
            response = .error(error.httpStatus, error.kind.rawValue, error.message, diagnostics: error.diagnostics)
        } catch {
            response = .error(500, "internal", "\(error)")
        }
        return Self.secured(response)
    }

    /// A body over the limit, answered before it is read whole.
    public static var tooLarge: StudioResponse {
        secured(.error(413, "too-large", "request bodies are limited to \(bodyLimit) bytes"))
    }

    /// Too many bodies being received at once.
    public static var busy: StudioResponse {
        var r = secured(.error(503, "busy", "the server is receiving too many requests at once; try again"))
        r.headers["retry-after"] = "1"
        return r
    }

    static func secured(_ response: StudioResponse) -> StudioResponse {
        var response = response
        response.headers["x-content-type-options"] = "nosniff"
        response.headers["referrer-policy"] = "no-referrer"
        return response
    }

    /// Whether a request does slow work (runs an extractor, realigns, scores):
    /// the server runs those apart, so that they never hold up the others.
    public static func isSlow(method: String, path: String) -> Bool {
        path.hasSuffix("/suggestions") || path.hasSuffix("/realign") || path.hasSuffix("/review")
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

    private func authorized(
        method: String, path: String, query: [String: String], headers: [String: String], _ token: String
    ) -> Bool {
        guard token.count >= Self.minimumTokenLength else { return false }
        if let given = headers["authorization"], Self.same(given, "Bearer \(token)") { return true }
        if let given = headers["x-attest-token"], Self.same(given, token) { return true }
        // The page itself may be opened with ?token=… (it then sends the header).
        return method == "GET" && !path.hasPrefix("/api/") && query["token"].map { Self.same($0, token) } == true
    }

    /// Compares in time that depends on the lengths only.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }

    // MARK: Routing

    /// The endpoints under `/api/documents/{id}/…` and the methods each takes.
    static let endpoints: [String: Set<String>] = [
        "": ["GET"], "edits": ["POST"], "status": ["PUT"], "undo": ["POST"], "redo": ["POST"],
        "realign": ["POST"], "suggestions": ["POST"], "review": ["GET", "POST"],
    ]

    private func route(_ r: StudioRequest) throws -> StudioResponse {
        let parts = r.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.first == "api" else { return asset(r) }
        let rest = Array(parts.dropFirst())
        guard rest.first == "documents", rest.count <= 3 else { return notFound(r) }
        if rest.count == 1 { return r.method == "GET" ? list() : methodNotAllowed(r, ["GET"]) }
        let id = rest[1]
        let endpoint = rest.count == 3 ? rest[2] : ""
        guard let methods = Self.endpoints[endpoint] else { return notFound(r) }
        guard methods.contains(r.method) else { return methodNotAllowed(r, methods) }
        return try withID(id) { id in
            switch endpoint {
            case "": return try document(id)
            case "edits": return try edits(id, r)
            case "status": return try status(id, r)
            case "undo": return try reverse(.undo, id, r)
            case "redo": return try reverse(.redo, id, r)
            case "realign": return try realign(id, r)
            case "suggestions": return try suggestions(id, r)
            default: return try review(id, r)
            }
        }
    }

    private func notFound(_ r: StudioRequest) -> StudioResponse {
        .error(404, "not-found", "no endpoint \(r.method) \(r.path) (docs/api.md lists them)")
    }

    private func methodNotAllowed(_ r: StudioRequest, _ methods: Set<String>) -> StudioResponse {
        var response = StudioResponse.error(
            405, "method-not-allowed", "\(r.path) takes \(methods.sorted().joined(separator: ", ")), not \(r.method)")
        response.headers["allow"] = methods.sorted().joined(separator: ", ")
        return response
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
        guard r.method == "GET" || r.method == "HEAD" else { return methodNotAllowed(r, ["GET"]) }
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
                try AnnotationEditor.checkContained(corpus.annotationURL(for: id), in: corpus)
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

    private func document(_ id: String) throws -> StudioResponse {
        try documentResponse(try AnnotationEditor.open(id, in: corpus, forWriting: false), status: 200)
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
            list = try AnnotationEdit.decode(json: r.body)
        } catch let error as AttestError {
            return .error(400, "bad-edits", error.message)
        }
        if list.contains(.setStatus(.prediction)) {
            return .error(400, "bad-status", "a document's status is draft or gold; prediction is for extractor output")
        }
        return try transaction(id, r, summary: "studio: " + list.map(\.description).joined(separator: "; ")) {
            try $0.apply(list)
            return [:]
        }
    }

    private func status(_ id: String, _ r: StudioRequest) throws -> StudioResponse {
        struct Body: Decodable { var status: AnnotationStatus }
        let body = try? JSONDecoder().decode(Body.self, from: Data(r.body))  // deliberate: nil is the 400 below
        guard let value = body?.status, value != .prediction else {
            return .error(400, "bad-status", "send {\"status\": \"draft\"} or {\"status\": \"gold\"}")
        }
        return try transaction(id, r, summary: "studio: set status \(value.rawValue)") {
            try $0.setStatus(value)
            return [:]
        }
    }

    /// Takes the document's lock, checks the version, applies, validates,
    /// writes: a request made on an older version than the file's gets 409
    /// with the current version, whoever wrote in between.
    private func transaction(
        _ id: String, _ r: StudioRequest, summary: String, allowStale: Bool = false,
        _ change: (inout AnnotationEditor) throws -> [String: JSONTree]
    ) throws -> StudioResponse {
        guard let expected = expectedVersion(r) else {
            return .error(428, "version-required", "send If-Match with the version (ETag) the edits were made on")
        }
        var editor = try AnnotationEditor.open(id, in: corpus, allowStale: allowStale)
        let current = editor.file.readDigest ?? ""
        guard expected == current else { return conflict(id, expected, current: current) }
        var extra: [String: JSONTree]
        do {
            extra = try change(&editor)
        } catch let error as AttestError {
            return .error(error.httpStatus, "edit-refused", error.message, extra: ["diagnostics": .array([])])
        }
        let commit: AnnotationEditor.Commit
        do {
            commit = try editor.commit(summary: summary)
        } catch let error as AttestError where error.kind == .invalid {
            // Refused: say why, rule by rule (validating again only on this path).
            let errors = try editor.resultDiagnostics().filter { $0.severity == .error }
            return .error(
                422, "invalid", "the result would not validate; nothing was written",
                extra: ["diagnostics": StudioDocumentJSON.diagnostics(errors)])
        } catch let error as AttestError where error.kind == .conflict {
            return conflict(id, expected, current: currentVersion(id), message: error.message)
        }
        extra["inverse"] = try Self.json(editor.inverse)
        extra["notes"] = .array(commit.notes.map { .string($0) })
        return try documentResponse(editor, status: 200, written: commit, extra: extra)
    }

    private func conflict(_ id: String, _ expected: String, current: String, message: String? = nil) -> StudioResponse {
        .error(
            409, "conflict", message ?? "\(id) changed since version \(expected.prefix(12))…; reload it",
            extra: ["version": .string(current)])
    }

    /// The SHA-256 of the document's file now.
    private func currentVersion(_ id: String) -> String {
        guard case .bytes(let b) = FileBytes.read(corpus.annotationURL(for: id).path) else { return "" }
        return SHA256Hex.of(b)
    }

    /// The edits as a JSON array in the response (not a string holding one).
    private static func json(_ edits: [AnnotationEdit]) throws -> JSONTree {
        .encoded(Array(try AnnotationEdit.json(edits).utf8))
    }

    /// Undo or redo, from the version the page shows (`If-Match`).
    private func reverse(_ direction: EditUndo.Direction, _ id: String, _ r: StudioRequest) throws -> StudioResponse {
        guard let expected = expectedVersion(r) else {
            return .error(428, "version-required", "send If-Match with the version (ETag) the page shows")
        }
        let entry: JournalEntry
        do {
            entry = try EditUndo.reverse(direction, id, in: corpus, write: true, expectedVersion: expected).entry
        } catch let error as AttestError where error.kind == .conflict {
            return conflict(id, expected, current: currentVersion(id), message: error.message)
        }
        let key = direction == .undo ? "undone" : "redone"
        guard FileManager.default.fileExists(atPath: corpus.annotationURL(for: id).path) else {
            return .json(200, .object([key: .string(entry.summary)]))
        }
        let editor = try AnnotationEditor.open(id, in: corpus, allowStale: true, forWriting: false)
        return try documentResponse(editor, status: 200, extra: [key: .string(entry.summary)])
    }

    private func realign(_ id: String, _ r: StudioRequest) throws -> StudioResponse {
        guard expectedVersion(r) != nil else {
            return .error(428, "version-required", "send If-Match with the version (ETag) the page shows")
        }
        let now = try AnnotationEditor.open(id, in: corpus, allowStale: true, forWriting: false)
        guard now.isStale else { return try documentResponse(now, status: 200, extra: ["findings": .array([])]) }
        return try transaction(id, r, summary: "studio: realign", allowStale: true) { editor in
            guard let (result, _) = try editor.realign() else { return ["findings": .array([])] }
            return ["findings": .array(result.findings.map { .string($0.description) })]
        }
    }

    /// Suggestions from an extractor: `?extractor=baseline`, or `manifest`
    /// for the manifest's `<extractor>` (the default when it declares one).
    /// A POST: running a program is a side effect, so it sits behind the
    /// origin and token checks that a cross-site GET would slip past.
    private func suggestions(_ id: String, _ r: StudioRequest) throws -> StudioResponse {
        let editor = try AnnotationEditor.open(id, in: corpus, forWriting: false)
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
