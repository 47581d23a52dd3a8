import AttestKit
import Foundation
import Testing

@testable import AttestStudio

/// The server as a browser or an attacker meets it: `attest-studio`'s server
/// on a loopback port, driven over TCP.
@Suite(.serialized) struct StudioServerTests {
    static let token = "t0ken-0123456789abcdef"

    static func version(_ client: LiveClient, _ id: String, _ headers: [String: String] = [:]) async throws
        -> String
    {
        try await client.execute("GET", "/api/documents/\(id)", headers: headers).json["version"] as? String ?? ""
    }

    /// Two requests made on one version, renaming different entities, race:
    /// one is written, the other gets 409 and the current version; nothing is lost.
    @Test func racingRequestsOnOneVersionNeverBothSucceed() async throws {
        let (scratch, studio) = try StudioAPITests.corpus()
        let url = scratch.url.appendingPathComponent("annotations/sample.xml")
        try await studio.live { client in
            for trial in 0..<30 {
                let version = try await Self.version(client, "sample")
                let names = ["Jane Q. Doe \(trial)", "Springfield \(trial)"]
                let statuses = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                    for (i, (entity, name)) in zip(["e1", "e2"], names).enumerated() {
                        group.addTask {
                            let edit = #"[{"op":"rename","entity":"\#(entity)","name":"\#(name)"}]"#
                            let r = try await client.execute(
                                "POST", "/api/documents/sample/edits",
                                headers: ["If-Match": "\"\(version)\"", "Content-Type": "application/json"],
                                body: edit)
                            return (i, r.status)
                        }
                    }
                    var out = [0, 0]
                    for try await (i, status) in group { out[i] = status }
                    return out
                }
                #expect(statuses.sorted() == [200, 409], "trial \(trial): \(statuses)")
                let xml = try String(contentsOf: url, encoding: .utf8)
                for (i, name) in names.enumerated() {
                    #expect(xml.contains("name=\"\(name)\"") == (statuses[i] == 200), "trial \(trial)")
                }
            }
        }
        // Every accepted change is in the journal, and undo takes them back one by one.
        let history = try EditJournal(corpus: studio.corpus).history("sample")
        #expect(history.undoable.count == 30)
        #expect(history.pending == nil)
    }

    /// The token is checked on the head: a request without it is answered
    /// 401 while its 4 MiB body has not even been sent.
    @Test func theTokenIsCheckedBeforeAnyBodyIsRead() async throws {
        let (scratch, plain) = try StudioAPITests.corpus()
        withExtendedLifetime(scratch) {}
        let studio = Studio(corpus: plain.corpus, token: Self.token, origins: [])
        try await studio.live { client in
            let port = client.port
            let raw = try RawHTTP(port: port, receiveTimeout: 3)
            raw.send(
                "POST /api/documents/sample/edits HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/json\r\nContent-Length: \(4 << 20)\r\n\r\n"
            )
            let (answer, _) = raw.receive()
            #expect(answer.hasPrefix("HTTP/1.1 401"), "\(answer.prefix(80))")
            // An empty token header is no token.
            let empty = try await client.execute("GET", "/api/documents", headers: ["X-Attest-Token": ""])
            #expect(empty.status == 401)
            let ok = try await client.execute(
                "GET", "/api/documents", headers: ["Authorization": "Bearer \(Self.token)"])
            #expect(ok.status == 200)
        }
        // A token shorter than the minimum opens nothing, not even with itself.
        let short = Studio(corpus: plain.corpus, token: "", origins: [])
        let r = try await short.call("GET", "/api/documents", headers: ["x-attest-token": ""])
        #expect(r.status == 401)
    }

    /// DNS rebinding: a page on evil.example whose name now resolves to
    /// 127.0.0.1 reaches the server on loopback with its own `Host`; without a
    /// token the server answers only to loopback names. Host is read from the
    /// wire, so this drives the real server.
    @Test func aForeignHostOnLoopbackIsRefused() async throws {
        let (scratch, studio) = try StudioAPITests.corpus()
        withExtendedLifetime(scratch) {}
        try await studio.live { client in
            let port = client.port
            for (host, expected) in [
                ("evil.example:\(port)", "403"), ("evil.example", "403"), ("127.0.0.1.evil.example", "403"),
                ("127.0.0.1:\(port)", "200"), ("localhost:\(port)", "200"), ("[::1]:\(port)", "200"),
            ] {
                let raw = try RawHTTP(port: port, receiveTimeout: 3)
                raw.send("GET /api/documents HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
                let (answer, _) = raw.receive()
                #expect(answer.hasPrefix("HTTP/1.1 \(expected)"), "Host \(host): \(answer.prefix(60))")
                if expected == "403" { #expect(answer.contains("foreign-host"), "\(host)") }
            }
            // Two Hosts, a loopback one first, are refused: the server does not pick one.
            let raw = try RawHTTP(port: port, receiveTimeout: 3)
            raw.send("GET /api/documents HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nHost: evil.example\r\n\r\n")
            let (answer, closed) = raw.receiveToClose()
            #expect(answer.hasPrefix("HTTP/1.1 400"), "\(answer.prefix(60))")
            #expect(closed)
        }
    }

    /// A cross-site page can make a browser send GETs without an Origin:
    /// none of them may run the manifest's extractor.
    @Test func aCrossSiteGetRunsNothing() async throws {
        let (scratch, _) = try StudioAPITests.corpus()
        let marker = scratch.url.appendingPathComponent("ran")
        let program = "touch \(marker.path); printf '{\"entities\": []}'"
        let corpus = try StudioAPITests.declareExtractor(program, in: scratch)
        let studio = Studio(corpus: corpus, token: nil, origins: [])
        try await studio.live { client in
            for uri in ["/api/documents/sample/suggestions?extractor=manifest", "/api/documents/sample/suggestions"] {
                let r = try await client.execute("GET", uri)
                #expect(r.status == 405)
                #expect(r.headers["allow"] == "POST")
            }
            #expect(!FileManager.default.fileExists(atPath: marker.path))
            // A POST from another site is refused on its Origin.
            let foreign = try await client.execute(
                "POST", "/api/documents/sample/suggestions", headers: ["Origin": "http://evil.example"])
            #expect(foreign.status == 403)
            #expect(!FileManager.default.fileExists(atPath: marker.path))
            // The page's own POST runs it.
            let own = try await client.execute("POST", "/api/documents/sample/suggestions")
            #expect(own.status == 200)
            #expect(FileManager.default.fileExists(atPath: marker.path))
        }
    }

    /// A slow extractor runs apart: a plain GET meanwhile answers at once.
    @Test func aSlowRequestDoesNotStallTheOthers() async throws {
        let (scratch, _) = try StudioAPITests.corpus()
        let program = "sleep 4; printf '{\"entities\": []}'"
        let corpus = try StudioAPITests.declareExtractor(program, in: scratch)
        let studio = Studio(corpus: corpus, token: nil, origins: [])
        try await studio.live { client in
            let port = client.port
            // Three extractor runs at once, each on its own connection, as three tabs would.
            let slow = try (0..<3).map { _ in try RawHTTP(port: port, receiveTimeout: 10) }
            for c in slow {
                c.send(
                    "POST /api/documents/sample/suggestions HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: 0\r\n\r\n"
                )
            }
            try await Task.sleep(for: .milliseconds(500))
            let started = ContinuousClock.now
            let list = try RawHTTP(port: port, receiveTimeout: 10)
            list.send("GET /api/documents HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
            let answer = list.receive().text
            let waited = ContinuousClock.now - started
            #expect(answer.hasPrefix("HTTP/1.1 200"))
            #expect(waited < .seconds(2), "GET /api/documents waited \(waited) behind slow extractors")
            for c in slow { #expect(c.receive().text.hasPrefix("HTTP/1.1 200")) }
        }
    }

    /// Wrong methods are 405 with Allow; bodies over the limit 413 before they are read.
    @Test func statusesFollowHTTP() async throws {
        let (scratch, studio) = try StudioAPITests.corpus()
        withExtendedLifetime(scratch) {}
        try await studio.live { client in
            let wrong = try await client.execute("GET", "/api/documents/sample/edits")
            #expect(wrong.status == 405)
            #expect(wrong.headers["allow"] == "POST")
            #expect(try await client.execute("DELETE", "/api/documents").status == 405)
            let port = client.port
            let raw = try RawHTTP(port: port, receiveTimeout: 3)
            raw.send(
                "POST /api/documents/sample/edits HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: \(StudioSecurity.bodyLimit + 1)\r\n\r\n"
            )
            #expect(raw.receive().text.hasPrefix("HTTP/1.1 413"))
            // Undo, redo and realign without If-Match are 428; with a stale one 409.
            for action in ["undo", "redo", "realign"] {
                let r = try await client.execute("POST", "/api/documents/sample/\(action)")
                #expect(r.status == 428, "\(action)")
            }
            let stale = try await client.execute(
                "POST", "/api/documents/sample/undo", headers: ["If-Match": "\"0000\""])
            #expect(stale.status == 409)
            // Offsets that are JSON numbers but not offsets name the field.
            let version = try await Self.version(client, "sample")
            for number in ["1.5", "1e19"] {
                let edit =
                    #"[{"op":"set-span","id":"m2","span":{"start":\#(number),"end":59,"text":"Springfield"}}]"#
                let r = try await client.execute(
                    "POST", "/api/documents/sample/edits", headers: ["If-Match": "\"\(version)\""], body: edit)
                #expect(r.status == 400)
                let message = (r.json["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(message.contains("[0].span.start"), "\(message)")
            }
            // set-status prediction is refused as PUT /status refuses it.
            let prediction = try await client.execute(
                "POST", "/api/documents/sample/edits", headers: ["If-Match": "\"\(version)\""],
                body: #"[{"op":"set-status","status":"prediction"}]"#)
            #expect(prediction.status == 400)
            let put = try await client.execute(
                "PUT", "/api/documents/sample/status", headers: ["If-Match": "\"\(version)\""],
                body: #"{"status":"prediction"}"#)
            #expect(put.status == 400)
        }
    }

    /// Requests sent back to back on one connection are answered in order, each as if alone; the
    /// last one's `Connection: close` closes the connection after its own answer, not before.
    /// HEAD has the length of GET's body and no body.
    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        let (scratch, studio) = try StudioAPITests.corpus()
        withExtendedLifetime(scratch) {}
        try await studio.live { client in
            let port = client.port
            let host = "Host: 127.0.0.1:\(port)\r\n"
            let raw = try RawHTTP(port: port, receiveTimeout: 5)
            raw.send(
                "GET /api/documents HTTP/1.1\r\n\(host)\r\nGET /api/me HTTP/1.1\r\n\(host)\r\n"
                    + "POST /api/documents/sample/undo HTTP/1.1\r\n\(host)Content-Length: 0\r\n\r\n"
                    + "GET /nope HTTP/1.1\r\n\(host)Connection: close\r\n\r\n")
            let (answer, closed) = raw.receiveToClose()
            let statuses = answer.components(separatedBy: "HTTP/1.1 ").dropFirst().map { $0.prefix(3) }
            #expect(statuses == ["200", "200", "428", "404"], "\(answer.suffix(300))")
            #expect(answer.hasSuffix(#"{"error":{"code":"not-found","message":"no file /nope"}}"#))
            #expect(closed, "the last request's Connection: close")
            let page = try await client.execute("GET", "/app.js")
            let head = try RawHTTP(port: port, receiveTimeout: 5)
            head.send("HEAD /app.js HTTP/1.1\r\n\(host)Connection: close\r\n\r\n")
            let headAnswer = head.receiveToClose().text
            #expect(headAnswer.lowercased().contains("content-length: \(page.body.count)\r\n"))
            #expect(headAnswer.hasSuffix("\r\n\r\n"), "\(headAnswer.suffix(80))")
        }
    }

    /// A refused HEAD has no body either; an HTTP/1.0 client gets the page (sent in two parts) whole,
    /// without chunks, its end marked by the connection's.
    @Test func aHeadRefusalHasNoBodyAndHTTP10GetsThePageWhole() async throws {
        let (scratch, studio) = try StudioAPITests.corpus()
        withExtendedLifetime(scratch) {}
        try await studio.live { client in
            let port = client.port
            let head = try RawHTTP(port: port, receiveTimeout: 5)
            head.send("HEAD /api/documents HTTP/1.1\r\nHost: evil.example\r\n\r\n")
            let (refused, refusedClosed) = head.receiveToClose()
            #expect(refused.hasPrefix("HTTP/1.1 403"), "\(refused.prefix(60))")
            #expect(refused.hasSuffix("\r\n\r\n"), "\(refused.suffix(80))")
            #expect(refusedClosed)
            let old = try RawHTTP(port: port, receiveTimeout: 5)
            old.send("GET /?doc=sample HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\nConnection: keep-alive\r\n\r\n")
            let (page, closed) = old.receiveToClose()
            #expect(page.hasPrefix("HTTP/1.0 200"), "\(page.prefix(60))")
            #expect(!page.lowercased().contains("transfer-encoding"))
            #expect(page.contains(#"id="first-answers">{"list":{"status":200"#))
            #expect(page.hasSuffix("</html>\n"), "\(page.suffix(60))")
            #expect(closed, "an HTTP/1.0 answer without a length ends with the connection")
        }
    }

    /// A GET's body is no route's: dropped as it arrives, not kept, so one larger than the limit
    /// neither counts against it nor holds memory; the GET is answered.
    @Test func aGetsBodyIsDroppedNotKept() async throws {
        let (scratch, studio) = try StudioAPITests.corpus()
        withExtendedLifetime(scratch) {}
        try await studio.live { client in
            let port = client.port
            let raw = try RawHTTP(port: port, receiveTimeout: 5)
            let chunk = String(repeating: "a", count: 1 << 20)
            raw.send(
                "GET /api/me HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            )
            for _ in 0..<6 { raw.send("100000\r\n\(chunk)\r\n") }
            raw.send("0\r\n\r\n")
            let (answer, closed) = raw.receiveToClose()
            #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer.prefix(80))")
            #expect(closed)
        }
    }

    /// Bodies in flight are capped: beyond the cap, 503 at once, and the server still answers GETs.
    @Test func bodiesInFlightAreCapped() async throws {
        let (scratch, studio) = try StudioAPITests.corpus()
        withExtendedLifetime(scratch) {}
        var limits = StudioServer.Limits()
        limits.bodiesInFlight = 2
        try await studio.live(limits: limits) { client in
            let port = client.port
            let head =
                "POST /api/documents/sample/edits HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nIf-Match: \"x\"\r\nContent-Length: 1000\r\n\r\n["
            let slow = try (0..<2).map { _ in try RawHTTP(port: port, receiveTimeout: 0.5) }
            for c in slow { c.send(head) }
            try await Task.sleep(for: .milliseconds(300))
            let third = try RawHTTP(port: port, receiveTimeout: 3)
            third.send(head)
            let answer = third.receive().text
            #expect(answer.hasPrefix("HTTP/1.1 503"), "\(answer.prefix(60))")
            #expect(answer.lowercased().contains("retry-after: 1"))
            let list = try RawHTTP(port: port, receiveTimeout: 3)
            list.send("GET /api/documents HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
            #expect(list.receive().text.hasPrefix("HTTP/1.1 200"))
        }
    }

    /// Connections that send nothing, or trickle a body, are closed.
    @Test func idleAndTricklingConnectionsAreClosed() async throws {
        let (scratch, studio) = try StudioAPITests.corpus()
        withExtendedLifetime(scratch) {}
        var limits = StudioServer.Limits()
        limits.idleSeconds = 1
        limits.bodySeconds = 2
        try await studio.live(limits: limits) { client in
            let port = client.port
            let idle = try RawHTTP(port: port, receiveTimeout: 0.2)
            #expect(idle.closes(within: 4))
            let halfHead = try RawHTTP(port: port, receiveTimeout: 0.2)
            halfHead.send("GET /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            #expect(halfHead.closes(within: 4))
            let trickle = try RawHTTP(port: port, receiveTimeout: 0.2)
            trickle.send(
                "POST /api/documents/sample/edits HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nIf-Match: \"x\"\r\nContent-Length: 100\r\n\r\n["
            )
            var closed = false
            for _ in 0..<12 where !closed {
                trickle.send(" ")
                closed = trickle.closes(within: 0.5)
            }
            #expect(closed)
            // The server still answers (on a new connection: the client's own went idle and was closed too).
            let fresh = try RawHTTP(port: port, receiveTimeout: 3)
            fresh.send("GET /api/documents HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
            #expect(fresh.receive().text.hasPrefix("HTTP/1.1 200"))
        }
    }
}

/// The executable itself: a token that opens nothing is refused at start-up.
@Suite struct StudioStartupTests {
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("attest-studio")

    @Test(arguments: ["", "short"]) func anEmptyOrShortTokenIsRefused(token: String) throws {
        let (scratch, _) = try StudioAPITests.corpus()
        let p = Process()
        p.executableURL = Self.executable
        p.arguments = ["--corpus", scratch.url.path, "--port", "0", "--token", token]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 2)
        #expect(message.hasPrefix("error: --token must have at least 16 characters"), "\(message)")
    }
}
