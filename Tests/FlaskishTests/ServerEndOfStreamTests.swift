#if canImport(Glibc)
import Glibc
#endif
import FlaskishTestSupport
import Foundation
import Synchronization
import Testing
@testable import Flaskish

/// The peer's end of stream is never ignored: a half-closed pipeline gets every answer, and a
/// request held while its client hangs up neither spins the loop nor goes unnoticed.
struct ServerEndOfStreamTests {
    @Test func halfClosedPipelineGetsEveryAnswerThenTheClose() async throws {
        let app = Flask("pipeline")
        app.route("/<int:n>") { req in "answer \(req.viewArgs["n"] ?? "")" }
        try await withProbedServer(app) { server in
            let client = try RawHTTPClient(port: server.port, timeoutSeconds: 30)
            client.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\nGET /3 HTTP/1.1\r\nHost: x\r\n\r\n")
            client.shutdownWrite()
            for n in 1...3 { #expect(try client.readResponse().text == "answer \(n)") }
            #expect(client.isClosedByServer())
        }
    }

    @Test func heldRequestsOfClientsThatHungUpDoNotSpinTheLoop() async throws {
        let app = Flask("held")
        let gate = Gate()
        let hungUp = Atomic<Int>(0)
        app.route("/hold") { req in
            req.onPeerClosed { hungUp.add(1, ordering: .relaxed) }
            _ = try await gate.wait()
            return "held"
        }
        app.route("/") { _ in "ok" }
        try await withProbedServer(app, configure: { $0.eventLoops = 1 }) { server in
            let count = 20
            var clients: [RawHTTPClient] = []
            for _ in 0..<count {
                let client = try RawHTTPClient(port: server.port, timeoutSeconds: 30)
                client.send("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n")
                client.shutdownWrite()
                clients.append(client)
            }
            // Every handler learns its client has gone, while it still holds the request.
            #expect(await eventually { hungUp.load(ordering: .relaxed) == count })
            #expect(await eventually { await server.connectionSnapshots().filter(\.inputEnded).count == count })
            // A bound on resource use, not on speed: over a quiet second a waiting loop wakes a
            // few times (its 1 s epoll time-out, the sweep); one that kept being told about
            // those ends wakes thousands of times, however slow the machine.
            let before = await server.firstLoopTurns()
            try await Task.sleep(for: .seconds(1))
            let turns = await server.firstLoopTurns() - before
            #expect(turns < 100, "the loop woke \(turns) times in a quiet second: it is spinning")
            #expect(try RawHTTPClient.get("/", port: server.port).text == "ok")
            // Half-closed clients still read: each gets its answer, then the close.
            gate.open()
            for client in clients {
                #expect(try client.readResponse().text == "held")
                #expect(client.isClosedByServer())
            }
        }
    }

    @Test func peerClosedActionRunsAtOnceWhenTheClientIsAlreadyGone() async throws {
        let app = Flask("late")
        let gate = Gate()
        let ranAtOnce = Mutex<Bool?>(nil)
        let registered = Gate()
        app.route("/late") { req in
            _ = try await gate.wait()
            let flag = Atomic<Bool>(false)
            req.onPeerClosed { flag.store(true, ordering: .relaxed) }
            ranAtOnce.withLock { $0 = flag.load(ordering: .relaxed) }
            registered.open()
            return "late"
        }
        try await withProbedServer(app, configure: { $0.eventLoops = 1 }) { server in
            let client = try RawHTTPClient(port: server.port, timeoutSeconds: 30)
            client.send("GET /late HTTP/1.1\r\nHost: x\r\n\r\n")
            client.shutdownWrite()
            #expect(await eventually { await server.connectionSnapshots().contains(where: \.inputEnded) })
            gate.open()
            _ = try await registered.wait()
            #expect(ranAtOnce.withLock { $0 } == true)
            #expect(try client.readResponse().text == "late")
        }
    }
}
