import AttestKit
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOPosix

/// The API's routes (docs/api.md) and the page's files, each a call of the
/// `StudioService` run on a thread pool (slow work — extractors, realign,
/// review — on its own pool, so one slow request never holds up the others).
struct StudioRoutes<Context: StudioUserContext> {
    let service: StudioService
    let pools: StudioPools
    let assets: [String: (type: String, bytes: [UInt8])]

    /// Path pattern → methods: what is routed, and what a 405 lists.
    static var endpoints: [(pattern: [String], methods: [HTTPRequest.Method])] {
        [
            (["api", "documents"], [.get]),
            (["api", "documents", "{id}"], [.get]),
            (["api", "documents", "{id}", "edits"], [.post]),
            (["api", "documents", "{id}", "status"], [.put]),
            (["api", "documents", "{id}", "undo"], [.post]),
            (["api", "documents", "{id}", "redo"], [.post]),
            (["api", "documents", "{id}", "realign"], [.post]),
            (["api", "documents", "{id}", "suggestions"], [.post]),
            (["api", "documents", "{id}", "rejections"], [.post]),
            (["api", "documents", "{id}", "review"], [.get, .post]),
            (["api", "documents", "{id}", "curation"], [.get, .post]),
            (["api", "me"], [.get]),
            (["api", "progress"], [.get]),
            (["api", "assignments"], [.post]),
            (["api", "annotators", "{name}", "documents", "{id}"], [.get]),
            (["agreement"], [.get]),
        ] + Self.pages.map { ([$0].filter { !$0.isEmpty }, [.get, .head]) }
    }

    /// The page's paths: "/" and every file of the page (its ES modules included).
    static var pages: [String] { [""] + StudioAssets.all.keys.sorted().map { String($0.dropFirst()) } }

    func add(to routes: RouteCollection<Context>) {
        routes.get("/api/documents") { _, context in
            StudioReply(try await fast { acting(context).documents() })
        }
        routes.get("/api/documents/:id") { _, context in
            let id = try context.parameters.require("id")
            let service = acting(context)
            let body = try await fast { try service.document(id) }
            // Its journal read ahead of the first edit, in the background (pages open documents to edit them).
            Task { _ = try? await pools.slow.runIfActive { service.warmJournal(id) } }
            return StudioReply(body, version: body.version)
        }
        routes.post("/api/documents/:id/edits") { request, context in
            let id = try context.parameters.require("id")
            let edits: [AnnotationEdit]
            do {
                edits = try AnnotationEdit.decode(json: try await Self.bytes(request))
            } catch let error as AttestError {
                throw StudioError(400, "bad-edits", error.message)
            }
            let version = Self.expectedVersion(request)
            // `?changes=1`: the answer says what changed, for a page that holds the document as it was.
            let changes = request.uri.queryParameters.get("changes") == "1"
            // The page holds the article already: `?text=omit` leaves its 100 KB out of each answer.
            let text = request.uri.queryParameters.get("text") != "omit"
            let body = try await fast {
                try acting(context).apply(edits, to: id, expectedVersion: version, changes: changes, text: text)
            }
            return StudioReply(body, version: body.version)
        }
        routes.put("/api/documents/:id/status") { request, context in
            let id = try context.parameters.require("id")
            let bytes = try await Self.bytes(request)
            // deliberate: a body that does not decode is the 400 below
            guard let body = try? JSONDecoder().decode(StatusRequest.self, from: Data(bytes)) else {
                throw StudioError(400, "bad-status", "send {\"status\": \"draft\"} or {\"status\": \"gold\"}")
            }
            let version = Self.expectedVersion(request)
            let answer = try await fast { try acting(context).setStatus(body.status, of: id, expectedVersion: version) }
            return StudioReply(answer, version: answer.version)
        }
        for direction in [EditUndo.Direction.undo, .redo] {
            routes.post("/api/documents/:id/\(direction.rawValue)") { request, context in
                let id = try context.parameters.require("id")
                let version = Self.expectedVersion(request)
                let answer = try await fast { try acting(context).reverse(direction, id, expectedVersion: version) }
                return StudioReply(answer, version: answer.document?.version)
            }
        }
        routes.post("/api/documents/:id/realign") { request, context in
            let id = try context.parameters.require("id")
            let version = Self.expectedVersion(request)
            let body = try await slow { try acting(context).realign(id, expectedVersion: version) }
            return StudioReply(body, version: body.version)
        }
        routes.post("/api/documents/:id/suggestions") { request, context in
            let id = try context.parameters.require("id")
            let extractor = request.uri.queryParameters.get("extractor")
            return StudioReply(try await slow { try acting(context).suggestions(id, extractor: extractor) })
        }
        routes.post("/api/documents/:id/rejections") { request, context in
            let id = try context.parameters.require("id")
            let bytes = try await Self.bytes(request)
            // deliberate: a body that does not decode is the 400 below
            guard let body = try? JSONDecoder().decode(RejectionRequest.self, from: Data(bytes)) else {
                throw StudioError(
                    400, "bad-rejection",
                    "send {\"extractor\", \"start\", \"end\", \"type\"} of the rejected suggestion")
            }
            try await fast {
                try acting(context).reject(
                    id, extractor: body.extractor, start: body.start, end: body.end, type: body.type)
            }
            return StudioReply(RejectionReply(rejected: true))
        }
        routes.get("/api/documents/:id/review") { _, context in
            let id = try context.parameters.require("id")
            return StudioReply(try await slow { try acting(context).review(id, upload: nil) })
        }
        routes.post("/api/documents/:id/review") { request, context in
            let id = try context.parameters.require("id")
            let upload = (
                bytes: try await Self.bytes(request), name: request.uri.queryParameters.get("name") ?? "upload"
            )
            return StudioReply(try await slow { try acting(context).review(id, upload: upload) })
        }
        routes.get("/api/documents/:id/curation") { _, context in
            let id = try context.parameters.require("id")
            return StudioReply(try await fast { try acting(context).curation(id) })
        }
        routes.post("/api/documents/:id/curation") { request, context in
            let id = try context.parameters.require("id")
            let bytes = try await Self.bytes(request)
            // deliberate: a body that does not decode is the 400 below
            guard let body = try? JSONDecoder().decode(CurationRequest.self, from: Data(bytes)) else {
                throw StudioError(
                    400, "bad-curation", "send {\"start\": true} or {\"key\": …, \"side\": \"a\" or \"b\"}")
            }
            let version = Self.expectedVersion(request)
            let service = acting(context)
            let answer = try await fast {
                try service.curate(
                    id, start: body.start ?? false, key: body.key, side: body.side, expectedVersion: version)
            }
            return StudioReply(answer, version: answer.version)
        }
        routes.get("/api/me") { _, context in StudioReply(try await fast { try acting(context).me() }) }
        routes.get("/api/progress") { _, context in
            StudioReply(try await fast { try acting(context).progress() })
        }
        routes.post("/api/assignments") { request, context in
            let bytes = try await Self.bytes(request)
            // deliberate: a body that does not decode is the 400 below
            guard let body = try? JSONDecoder().decode(AssignmentRequest.self, from: Data(bytes)) else {
                throw StudioError(
                    400, "bad-assignment",
                    "send {\"documents\": [ids], \"to\": [annotators]} or {\"overlap\": 0.2} (every unassigned document)"
                )
            }
            let service = acting(context)
            return StudioReply(
                try await fast {
                    try service.assign(documents: body.documents ?? [], to: body.to ?? [], overlap: body.overlap)
                })
        }
        routes.get("/api/annotators/:name/documents/:id") { _, context in
            let name = try context.parameters.require("name")
            let id = try context.parameters.require("id")
            let body = try await fast { try acting(context).annotatorDocument(name, id) }
            return StudioReply(body, version: body.version)
        }
        routes.get("/agreement") { request, context -> Response in
            // Each document links to its curation view here, with the token the page was opened with.
            let token = request.uri.queryParameters.get("token").map { String($0) }
            let html = try await slow {
                try acting(context).agreementPage { AgreementPage.curationLink(base: "/", id: $0, token: token) }
            }
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                    .contentSecurityPolicy: Self.reportPolicy,
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: Array(html.utf8))))
        }
        for page in Self.pages {
            let file = assets["/" + (page.isEmpty ? "index.html" : page)]
            for method in [HTTPRequest.Method.get, .head] {
                routes.on(RouterPath("/" + page), method: method) { request, context -> Response in
                    guard let file else { throw StudioError(404, "not-found", "no file \(request.uri.path)") }
                    if page.isEmpty && method == .get {
                        // The page's address carries the first answers (StudioFirstPage).
                        let wanted: String? = request.uri.queryParameters.get("doc")
                        return StudioFirstPage(service: acting(context), pools: pools, page: file).response(
                            document: wanted)
                    }
                    return Self.page(file)
                }
            }
        }
    }

    /// The service as the request's user uses it.
    private func acting(_ context: Context) -> StudioService { service.acting(as: context.user) }

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

    /// The body, collected by `BodyLimitMiddleware` (so this reads no network).
    private static func bytes(_ request: Request) async throws -> [UInt8] {
        Array(try await request.body.collect(upTo: StudioSecurity.bodyLimit).readableBytesView)
    }

    /// The version the client edits from: `If-Match`.
    private static func expectedVersion(_ request: Request) -> String? {
        request.headers[.ifMatch].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
    }

    /// The agreement page's policy: no script at all, its inline style and SVG only.
    static var reportPolicy: String {
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; form-action 'none'"
    }

    private static func page(_ file: (type: String, bytes: [UInt8])) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: file.type, .cacheControl: "no-cache",
                .contentSecurityPolicy: StudioFirstPage.policy,
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
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
