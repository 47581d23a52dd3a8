import AttestKit
import Foundation
import NIOHTTP1
import NIOPosix

/// The API's routes (docs/api.md) and the page's files, each a call of the
/// `StudioService` run on a thread pool (slow work — extractors, realign,
/// review — on its own pool, so one slow request never holds up the others).
struct StudioRoutes {
    let service: StudioService
    let pools: StudioPools
    let assets: [String: (type: String, bytes: [UInt8])]

    /// The page's paths: "/" and every file of the page (its ES modules included).
    static var pages: [String] { [""] + StudioAssets.all.keys.sorted().map { String($0.dropFirst()) } }

    func add(to routes: inout StudioRouter) {
        routes.get("/api/documents") { request in
            try .json(try await fast { acting(request).documents() })
        }
        routes.get("/api/documents/{id}") { request in
            let id = try request.parameter("id")
            let service = acting(request)
            let body = try await fast { try service.document(id) }
            // Its journal read ahead of the first edit, in the background (pages open documents to edit them).
            Task { _ = try? await pools.slow.runIfActive { service.warmJournal(id) } }
            return try .json(body, version: body.version)
        }
        routes.post("/api/documents/{id}/edits") { request in
            let id = try request.parameter("id")
            let edits: [AnnotationEdit]
            do {
                edits = try AnnotationEdit.decode(json: request.body)
            } catch let error as AttestError {
                throw StudioError(400, "bad-edits", error.message)
            }
            let version = Self.expectedVersion(request)
            // `?changes=1`: the answer says what changed, for a page that holds the document as it was.
            let changes = request.query("changes") == "1"
            // The page holds the article already: `?text=omit` leaves its 100 KB out of each answer.
            let text = request.query("text") != "omit"
            let body = try await fast {
                try acting(request).apply(edits, to: id, expectedVersion: version, changes: changes, text: text)
            }
            return try .json(body, version: body.version)
        }
        routes.put("/api/documents/{id}/status") { request in
            let id = try request.parameter("id")
            // deliberate: a body that does not decode is the 400 below
            guard let body = try? JSONDecoder().decode(StatusRequest.self, from: Data(request.body)) else {
                throw StudioError(400, "bad-status", "send {\"status\": \"draft\"} or {\"status\": \"gold\"}")
            }
            let version = Self.expectedVersion(request)
            let answer = try await fast { try acting(request).setStatus(body.status, of: id, expectedVersion: version) }
            return try .json(answer, version: answer.version)
        }
        for direction in [EditUndo.Direction.undo, .redo] {
            routes.post("/api/documents/{id}/\(direction.rawValue)") { request in
                let id = try request.parameter("id")
                let version = Self.expectedVersion(request)
                let answer = try await fast { try acting(request).reverse(direction, id, expectedVersion: version) }
                return try .json(answer, version: answer.document?.version)
            }
        }
        routes.post("/api/documents/{id}/realign") { request in
            let id = try request.parameter("id")
            let version = Self.expectedVersion(request)
            let body = try await slow { try acting(request).realign(id, expectedVersion: version) }
            return try .json(body, version: body.version)
        }
        routes.post("/api/documents/{id}/suggestions") { request in
            let id = try request.parameter("id")
            let extractor = request.query("extractor")
            return try .json(try await slow { try acting(request).suggestions(id, extractor: extractor) })
        }
        routes.post("/api/documents/{id}/rejections") { request in
            let id = try request.parameter("id")
            // deliberate: a body that does not decode is the 400 below
            guard let body = try? JSONDecoder().decode(RejectionRequest.self, from: Data(request.body)) else {
                throw StudioError(
                    400, "bad-rejection",
                    "send {\"extractor\", \"start\", \"end\", \"type\"} of the rejected suggestion")
            }
            try await fast {
                try acting(request).reject(
                    id, extractor: body.extractor, start: body.start, end: body.end, type: body.type)
            }
            return try .json(RejectionReply(rejected: true))
        }
        routes.get("/api/documents/{id}/review") { request in
            let id = try request.parameter("id")
            return try .json(try await slow { try acting(request).review(id, upload: nil) })
        }
        routes.post("/api/documents/{id}/review") { request in
            let id = try request.parameter("id")
            let upload = (bytes: request.body, name: request.query("name") ?? "upload")
            return try .json(try await slow { try acting(request).review(id, upload: upload) })
        }
        routes.get("/api/documents/{id}/curation") { request in
            let id = try request.parameter("id")
            return try .json(try await fast { try acting(request).curation(id) })
        }
        routes.post("/api/documents/{id}/curation") { request in
            let id = try request.parameter("id")
            // deliberate: a body that does not decode is the 400 below
            guard let body = try? JSONDecoder().decode(CurationRequest.self, from: Data(request.body)) else {
                throw StudioError(
                    400, "bad-curation", "send {\"start\": true} or {\"key\": …, \"side\": \"a\" or \"b\"}")
            }
            let version = Self.expectedVersion(request)
            let service = acting(request)
            let answer = try await fast {
                try service.curate(
                    id, start: body.start ?? false, key: body.key, side: body.side, expectedVersion: version)
            }
            return try .json(answer, version: answer.version)
        }
        routes.get("/api/me") { request in try .json(try await fast { try acting(request).me() }) }
        routes.get("/api/progress") { request in
            try .json(try await fast { try acting(request).progress() })
        }
        routes.post("/api/assignments") { request in
            // deliberate: a body that does not decode is the 400 below
            guard let body = try? JSONDecoder().decode(AssignmentRequest.self, from: Data(request.body)) else {
                throw StudioError(
                    400, "bad-assignment",
                    "send {\"documents\": [ids], \"to\": [annotators]} or {\"overlap\": 0.2} (every unassigned document)"
                )
            }
            let service = acting(request)
            return try .json(
                try await fast {
                    try service.assign(documents: body.documents ?? [], to: body.to ?? [], overlap: body.overlap)
                })
        }
        routes.get("/api/annotators/{name}/documents/{id}") { request in
            let name = try request.parameter("name")
            let id = try request.parameter("id")
            let body = try await fast { try acting(request).annotatorDocument(name, id) }
            return try .json(body, version: body.version)
        }
        routes.get("/agreement") { request in
            // Each document links to its curation view here, with the token the page was opened with.
            let token = request.query("token")
            let html = try await slow {
                try acting(request).agreementPage { AgreementPage.curationLink(base: "/", id: $0, token: token) }
            }
            return StudioResponse(
                headers: [
                    "content-type": "text/html; charset=utf-8", "cache-control": "no-store",
                    "content-security-policy": Self.reportPolicy,
                ],
                body: .bytes(Array(html.utf8)))
        }
        for page in Self.pages {
            let file = assets["/" + (page.isEmpty ? "index.html" : page)]
            for method in [HTTPMethod.GET, .HEAD] {
                routes.on(method, "/" + page) { request in
                    guard let file else { throw StudioError(404, "not-found", "no file \(request.path)") }
                    if page.isEmpty && method == .GET {
                        // The page's address carries the first answers (StudioFirstPage).
                        return StudioFirstPage(service: acting(request), pools: pools, page: file).response(
                            document: request.query("doc"))
                    }
                    return Self.page(file)
                }
            }
        }
    }

    /// The service as the request's user uses it.
    private func acting(_ request: StudioRequest) -> StudioService { service.acting(as: request.user) }

    /// A rejected suggestion: `{"extractor": "baseline", "start": 52, "end": 67, "type": "ORG"}`.
    struct RejectionRequest: Decodable {
        var extractor: String
        var start: Int
        var end: Int
        var type: String
    }

    struct RejectionReply: Encodable, Sendable {
        var rejected: Bool
    }

    /// `{"documents": ["a1"], "to": ["ann1", "ann2"]}`, or `{"overlap": 0.2}` to share out every
    /// unassigned document (what `attest assign` does).
    struct AssignmentRequest: Decodable {
        var documents: [String]?
        var to: [String]?
        var overlap: Double?
    }

    /// `{"start": true}`, or `{"key": "…", "side": "a"}`.
    struct CurationRequest: Decodable {
        var start: Bool?
        var key: String?
        var side: String?
    }

    /// `{"status": "draft"}` or `{"status": "gold"}`.
    struct StatusRequest: Decodable {
        var status: AnnotationStatus
    }

    private func fast<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await pools.fast.runIfActive(work)
    }

    private func slow<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await pools.slow.runIfActive(work)
    }

    /// The version the client edits from: `If-Match`.
    private static func expectedVersion(_ request: StudioRequest) -> String? {
        request.header("if-match").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
    }

    /// The agreement page's policy: no script at all, its inline style and SVG only.
    static var reportPolicy: String {
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; form-action 'none'"
    }

    private static func page(_ file: (type: String, bytes: [UInt8])) -> StudioResponse {
        StudioResponse(
            headers: [
                "content-type": file.type, "cache-control": "no-cache",
                "content-security-policy": StudioFirstPage.policy,
            ],
            body: .bytes(file.bytes))
    }
}

/// The thread pools the API's work runs on, not the event loops.
public final class StudioPools: Sendable {
    let fast: NIOThreadPool
    let slow: NIOThreadPool

    public init(fast: Int = 4, slow: Int = 2) {
        self.fast = NIOThreadPool(numberOfThreads: fast)
        self.slow = NIOThreadPool(numberOfThreads: slow)
        self.fast.start()
        self.slow.start()
    }

    deinit {
        fast.shutdownGracefully { _ in }
        slow.shutdownGracefully { _ in }
    }
}
