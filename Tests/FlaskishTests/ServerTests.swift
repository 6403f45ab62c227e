import FlaskishTestSupport
import Foundation
import Synchronization
import Testing
@testable import Flaskish

/// The engine over real loopback sockets: framing, keep-alive, limits, concurrency.
struct ServerTests {
    func helloApp() -> Flask {
        let app = Flask("hello")
        app.route("/") { _ in "Hello, World!" }
        app.route("/echo", methods: ["POST"]) { req in Response(bytes: req.data, contentType: "application/octet-stream") }
        return app
    }

    @Test func servesHelloWorldWithFramingHeaders() async throws {
        try await withLiveServer(helloApp()) { port in
            let reply = try RawHTTPClient.get("/", port: port)
            #expect(reply.status == 200)
            #expect(reply.reason == "OK")
            #expect(reply.text == "Hello, World!")
            #expect(reply.header("Content-Length") == "13")
            #expect(reply.header("Content-Type") == "text/html; charset=utf-8")
            #expect(reply.header("Server") == "Flaskish")
            #expect(reply.header("Date")?.hasSuffix(" GMT") == true)
        }
    }

    @Test func keepsConnectionsAliveAndAnswersPipelinedRequestsInOrder() async throws {
        let app = Flask()
        app.route("/<int:n>") { req in "n=\(try req.viewArgs.get("n", as: Int.self))" }
        try await withLiveServer(app) { port in
            let client = try RawHTTPClient(port: port)
            client.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "n=1")
            client.send("GET /2 HTTP/1.1\r\nHost: x\r\n\r\nGET /3 HTTP/1.1\r\nHost: x\r\n\r\nGET /4 HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "n=2")
            #expect(try client.readResponse().text == "n=3")
            #expect(try client.readResponse().text == "n=4")
        }
    }

    @Test func blockingHandlerDoesNotDelayAnotherRoute() async throws {
        // /slow blocks its worker thread until /fast has been answered; if a blocked handler
        // held up the event loop or the other request, /fast would never run and /slow
        // would report the time-out instead.
        let released = DispatchSemaphore(value: 0)
        let app = Flask()
        app.route("/slow") { _ in released.wait(timeout: .now() + 10) == .success ? "released" : "timed out" }
        app.route("/fast") { _ in
            released.signal()
            return "fast"
        }
        try await withLiveServer(app) { port in
            let slow = try RawHTTPClient(port: port)
            slow.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
            let fast = try RawHTTPClient.get("/fast", port: port)
            #expect(fast.text == "fast")
            #expect(try slow.readResponse().text == "released")
        }
    }

    @Test func sleepingAsyncHandlerDoesNotDelayAnotherRoute() async throws {
        let app = Flask()
        let gate = Gate()
        app.route("/slow") { _ in try await gate.wait() ? "released" : "timed out" }
        app.route("/fast") { _ in
            gate.open()
            return "fast"
        }
        try await withLiveServer(app) { port in
            let slow = try RawHTTPClient(port: port)
            slow.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try RawHTTPClient.get("/fast", port: port).text == "fast")
            #expect(try slow.readResponse().text == "released")
        }
    }

    @Test func headResponsesCarryLengthButNoBody() async throws {
        try await withLiveServer(helloApp()) { port in
            let client = try RawHTTPClient(port: port)
            client.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try client.readResponse(head: true)
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "13")
            #expect(try client.readResponse().text == "Hello, World!")
        }
    }

    @Test func http10ClosesUnlessKeepAliveIsAsked() async throws {
        try await withLiveServer(helloApp()) { port in
            let plain = try RawHTTPClient(port: port)
            plain.send("GET / HTTP/1.0\r\n\r\n")
            let reply = try plain.readResponse()
            #expect(reply.header("Connection") == "close")
            #expect(plain.isClosedByServer())

            let kept = try RawHTTPClient(port: port)
            kept.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try kept.readResponse().header("Connection") == "keep-alive")
            kept.send("GET / HTTP/1.0\r\n\r\n")
            #expect(try kept.readResponse().text == "Hello, World!")
        }
    }

    @Test func connectionCloseIsHonoured() async throws {
        try await withLiveServer(helloApp()) { port in
            let client = try RawHTTPClient(port: port)
            client.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(try client.readResponse().header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func echoesContentLengthAndChunkedBodies() async throws {
        try await withLiveServer(helloApp()) { port in
            let client = try RawHTTPClient(port: port)
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
            #expect(try client.readResponse().text == "hello")
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: 1\r\n\r\n")
            #expect(try client.readResponse().text == "abcde")
        }
    }

    @Test func expectContinueGetsInterimResponse() async throws {
        try await withLiveServer(helloApp()) { port in
            let client = try RawHTTPClient(port: port)
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n")
            #expect(try client.readResponse().status == 100)
            client.send("abc")
            #expect(try client.readResponse().text == "abc")
        }
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n", 413),
        ("GET /\(String(repeating: "a", count: 9000)) HTTP/1.1\r\nHost: x\r\n\r\n", 414),
        ("GET / HTTP/1.1\r\nHost: x\r\n" + String(repeating: "X-A: b\r\n", count: 101) + "\r\n", 431),
        ("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 17000))\r\n\r\n", 431),
        ("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400),
        ("\u{16}\u{03}\u{01}\u{02}\u{00}garbage\r\n\r\n", 400),
        ("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
        ("GET / HTTP/1.1\r\nHost: x\r\nBad Name: y\r\n\r\n", 400),
    ])
    func hostileRequestsGetTheirStatusAndAClose(request: String, status: Int) async throws {
        try await withLiveServer(helloApp()) { port in
            let client = try RawHTTPClient(port: port)
            client.send(request)
            let reply = try client.readResponse()
            #expect(reply.status == status)
            #expect(reply.header("Connection") == "close")
            #expect(client.isClosedByServer())
            // The server is unharmed: a fresh client is served.
            #expect(try RawHTTPClient.get("/", port: port).status == 200)
        }
    }

    @Test func headerValuesWithLineBreaksNeverSplitTheResponse() async throws {
        let app = Flask()
        app.route("/inject") { _ in Response("x", headers: ["X-Evil": "a\r\nSet-Cookie: pwned=1"]) }
        try await withLiveServer(app) { port in
            let reply = try RawHTTPClient.get("/inject", port: port)
            #expect(reply.status == 500)
            #expect(reply.header("Set-Cookie") == nil)
        }
    }

    @Test func streamsChunkedResponses() async throws {
        let app = Flask()
        app.route("/stream") { _ in
            Response(stream: { writer in
                for i in 1...3 { try await writer.write("part\(i);") }
            })
        }
        try await withLiveServer(app) { port in
            let client = try RawHTTPClient(port: port)
            client.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\nGET /stream HTTP/1.1\r\nHost: x\r\n\r\n")
            let first = try client.readResponse()
            #expect(first.header("Transfer-Encoding") == "chunked")
            #expect(first.text == "part1;part2;part3;")
            #expect(try client.readResponse().text == "part1;part2;part3;")
        }
    }

    @Test func servesOverIPv6Loopback() async throws {
        try await withLiveServer(helloApp(), host: "::1") { port in
            let client = try RawHTTPClient(port: port, host: "::1")
            client.send("GET / HTTP/1.1\r\nHost: [::1]\r\n\r\n")
            #expect(try client.readResponse().text == "Hello, World!")
        }
    }

    @Test func incompleteHeadTimesOutWith408() async throws {
        try await withLiveServer(helloApp(), configure: { $0.requestHeadTimeoutMilliseconds = 300 }) { port in
            let client = try RawHTTPClient(port: port)
            client.send("GET / HTTP/1.1\r\nHost:")
            let reply = try client.readResponse()
            #expect(reply.status == 408)
            #expect(client.isClosedByServer())
        }
    }

    @Test func idleKeepAliveConnectionsAreClosed() async throws {
        try await withLiveServer(helloApp(), configure: { $0.keepAliveTimeoutMilliseconds = 300 }) { port in
            let client = try RawHTTPClient(port: port)
            client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)
            #expect(client.isClosedByServer())
        }
    }

    @Test func connectionsOverTheLimitGet503AndAClose() async throws {
        try await withLiveServer(helloApp(), configure: { $0.maxConnections = 2 }) { port in
            let first = try RawHTTPClient(port: port)
            let second = try RawHTTPClient(port: port)
            for client in [first, second] {
                client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try client.readResponse().status == 200)
            }
            let third = try RawHTTPClient(port: port)
            let refused = try third.readResponse()
            #expect(refused.status == 503)
            #expect(third.isClosedByServer())
            // The held connections are still served.
            first.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try first.readResponse().text == "Hello, World!")
        }
    }

    @Test func stopLetsInFlightRequestsFinish() async throws {
        let started = DispatchSemaphore(value: 0)
        let finish = DispatchSemaphore(value: 0)
        let app = Flask()
        app.route("/work") { _ in
            started.signal()
            _ = finish.wait(timeout: .now() + 10)
            return "finished"
        }
        var configuration = Server.Configuration()
        configuration.accessLog = false
        let server = try app.serve(port: 0, configuration: configuration)
        let client = try RawHTTPClient(port: server.port)
        client.send("GET /work HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(started.wait(timeout: .now() + 10) == .success)
        let stopper = Thread { server.stop() }
        stopper.start()
        // Release the handler only once stopping has begun, so the answer is the one given
        // during shutdown.
        let stopDeadline = Date().addingTimeInterval(10)
        while !server.isStopped && Date() < stopDeadline { usleep(1000) }
        finish.signal()
        let reply = try client.readResponse()
        #expect(reply.text == "finished")
        #expect(reply.header("Connection") == "close")
        while !server.isStopped { usleep(1000) }
        #expect(throws: (any Error).self) { _ = try RawHTTPClient.get("/work", port: server.port) }
    }
}

/// An async gate for tests: `wait` returns true once `open` is called, false after 10 s.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Bool, Never>])>((false, []))

    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: true) }
    }

    func wait() async throws -> Bool {
        let opened = await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Bool in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if ready { continuation.resume(returning: true) }
        }
        return opened
    }
}
