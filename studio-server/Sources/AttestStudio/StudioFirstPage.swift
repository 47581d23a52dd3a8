import AttestKit
import NIOHTTP1

/// The page's address, `/` or `/?doc=ID`, answered with the page and, inside
/// it, the two answers the page needs first: the document list and the
/// document asked for, as `GET /api/documents` and `GET /api/documents/ID`
/// would give them (status and body, errors included).
///
/// Measured (docs/performance.md): as separate requests those two answers
/// queued behind the page's twenty modules on the browser's six connections
/// and arrived 60–150 ms after the modules. Here the page's markup up to the
/// marker is sent at once, so the browser fetches the modules while the
/// answers are read, and the answers follow in the same response.
struct StudioFirstPage: Sendable {
    /// Where the answers go in `index.html`: a comment, replaced by a
    /// `<script type="application/json" id="first-answers">` element.
    static let marker = Array("<!-- first-answers -->".utf8)

    let service: StudioService
    let pools: StudioPools
    let page: (type: String, bytes: [UInt8])

    func response(document id: String?) -> StudioResponse {
        let headers: HTTPHeaders = [
            "content-type": page.type, "cache-control": "no-store", "content-security-policy": Self.policy,
        ]
        guard let split = page.bytes.firstRange(of: Self.marker) else {
            return StudioResponse(headers: headers, body: .bytes(page.bytes))
        }
        let before = Array(page.bytes[..<split.lowerBound])
        let after = Array(page.bytes[split.upperBound...])
        let service = service
        let pool = pools.fast
        let slow = pools.slow
        return StudioResponse(
            headers: headers,
            body: .stream(first: before) {
                let answers =
                    (try? await pool.runIfActive { Self.answers(service, document: id) })
                    ?? Self.answers(failure: "the server is stopping")
                // The document's journal read ahead of its first edit, in the background.
                if let id { Task { _ = try? await slow.runIfActive { service.warmJournal(id) } } }
                return answers + after
            })
    }

    /// The page's policy: its own scripts only. The answers are JSON in a
    /// data block, never run, and markup-safe (`StudioJSON` escapes `<`, `>`
    /// and `&`), so no `</script>` can end the block early.
    static let policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"

    /// `<script type="application/json" id="first-answers">{"document": {"id", "status", "data"}, "list": {"status", "data"}}</script>`
    static func answers(_ service: StudioService, document id: String?) -> [UInt8] {
        var out = Array(#"<script type="application/json" id="first-answers">{"list":"#.utf8)
        out += answer { try StudioJSON.encode(service.documents()) }
        if let id {
            out += Array(#","document":{"id":"#.utf8)
            out += (try? StudioJSON.encoded(id)) ?? Array("null".utf8)
            out += Array(#","answer":"#.utf8)
            out += answer { try StudioJSON.encode(service.document(id)) }
            out += Array("}".utf8)
        }
        out += Array("}</script>".utf8)
        return out
    }

    /// The answers' block when they cannot be made: the list as that error.
    static func answers(failure: String) -> [UInt8] {
        Array(#"<script type="application/json" id="first-answers">{"list":"#.utf8)
            + answer { throw StudioError(503, "busy", failure) } + Array("}</script>".utf8)
    }

    /// `{"status": 200, "data": …}`, or the error's status and body.
    private static func answer(_ body: () throws -> [UInt8]) -> [UInt8] {
        let status: Int
        let data: [UInt8]
        do {
            data = try body()
            status = 200
        } catch let error as StudioError {
            (status, data) = (error.httpStatus, error.body)
        } catch {
            let failure = StudioError(500, "internal", "the answer cannot be written: \(error)")
            (status, data) = (failure.httpStatus, failure.body)
        }
        return Array(#"{"status":\#(status),"data":"#.utf8) + data + Array("}".utf8)
    }
}
