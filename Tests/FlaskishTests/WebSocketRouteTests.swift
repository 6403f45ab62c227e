import FlaskishTestSupport
import Dispatch
import Foundation
import Synchronization
import Testing
@testable import Flaskish

/// Something a handler reports once, for the test thread to wait on.
final class Report<T: Sendable>: Sendable {
    private let value = Mutex<T?>(nil)
    private let semaphore = DispatchSemaphore(value: 0)

    func set(_ newValue: T) {
        value.withLock { $0 = newValue }
        semaphore.signal()
    }

    func wait(seconds: Int = 10) -> T? {
        _ = semaphore.wait(timeout: .now() + .seconds(seconds))
        return value.withLock { $0 }
    }
}

/// `app.websocket` over real sockets: echo, control frames, fragmentation, closing, limits.
struct WebSocketRouteTests {
    func echoApp(configuration: WebSocketConfiguration = WebSocketConfiguration(), closed: Report<UInt16>? = nil) -> Flask {
        let app = Flask("ws")
        app.websocket("/echo", configuration: configuration) { ws in
            while let message = try await ws.receive() {
                switch message {
                case .text(let text): try await ws.send(text)
                case .binary(let bytes): try await ws.send(bytes)
                default: break
                }
            }
            closed?.set(ws.closeCode?.rawValue ?? 0)
        }
        return app
    }

    @Test func echoesTextAndBinary() async throws {
        try await withLiveServer(echoApp()) { port in
            let ws = try RawWebSocketClient(port: port, path: "/echo")
            #expect(ws.handshake.header("Sec-WebSocket-Accept") == RawWebSocketClient.sampleAccept)
            #expect(ws.handshake.header("Upgrade")?.lowercased() == "websocket")
            ws.send(text: "héllo")
            #expect(try ws.readText() == "héllo")
            ws.send(.binary, [0, 1, 2, 255])
            let frame = try ws.readFrame()
            #expect(frame.opcode == .binary && frame.payload == [0, 1, 2, 255])
        }
    }

    @Test func messagesStayInOrder() async throws {
        try await withLiveServer(echoApp()) { port in
            let ws = try RawWebSocketClient(port: port, path: "/echo")
            for i in 0..<200 { ws.send(text: "m\(i)") }
            for i in 0..<200 { #expect(try ws.readText() == "m\(i)") }
        }
    }

    @Test func answersPingWithPongCarryingItsPayload() async throws {
        try await withLiveServer(echoApp()) { port in
            let ws = try RawWebSocketClient(port: port, path: "/echo")
            ws.send(.ping, Array("are you there".utf8))
            let pong = try ws.readFrame()
            #expect(pong.opcode == .pong && pong.payload == Array("are you there".utf8))
        }
    }

    @Test func reassemblesFragmentsWithAPingBetweenThem() async throws {
        try await withLiveServer(echoApp()) { port in
            let ws = try RawWebSocketClient(port: port, path: "/echo")
            ws.send(.text, Array("frag".utf8), fin: false)
            ws.send(.ping, [7])
            ws.send(.continuation, Array("men".utf8), fin: false)
            ws.send(.continuation, Array("ted".utf8), fin: true)
            let pong = try ws.readFrame()
            #expect(pong.opcode == .pong && pong.payload == [7])
            #expect(try ws.readText() == "fragmented")
        }
    }

    @Test(arguments: [UInt16(1000), 1001, 4000])
    func echoesThePeersCloseCodeAndClosesTCP(code: UInt16) async throws {
        let closed = Report<UInt16>()
        try await withLiveServer(echoApp(closed: closed)) { port in
            let ws = try RawWebSocketClient(port: port, path: "/echo")
            ws.sendClose(code: code, reason: "bye")
            #expect(try ws.readCloseCode() == code)
            #expect(ws.isClosedByServer())
            #expect(closed.wait() == code)
        }
    }

    @Test func emptyCloseIsAnsweredEmptyAndReportedAs1005() async throws {
        let closed = Report<UInt16>()
        try await withLiveServer(echoApp(closed: closed)) { port in
            let ws = try RawWebSocketClient(port: port, path: "/echo")
            ws.sendClose(code: nil)
            let frame = try ws.readFrame()
            #expect(frame.opcode == .close && frame.payload.isEmpty)
            #expect(closed.wait() == 1005)
        }
    }

    @Test func droppedConnectionIsReportedAs1006() async throws {
        let closed = Report<UInt16>()
        try await withLiveServer(echoApp(closed: closed)) { port in
            let ws = try RawWebSocketClient(port: port, path: "/echo")
            ws.http.shutdownWrite()
            #expect(closed.wait() == 1006)
        }
    }

    @Test func handlerReturningClosesWith1000() async throws {
        let app = Flask()
        app.websocket("/once") { ws in try await ws.send("hi") }
        try await withLiveServer(app) { port in
            let ws = try RawWebSocketClient(port: port, path: "/once")
            #expect(try ws.readText() == "hi")
            #expect(try ws.readCloseCode() == 1000)
            ws.sendClose(code: 1000)
            #expect(ws.isClosedByServer())
        }
    }

    @Test func handlerThrowingClosesWith1011() async throws {
        struct Boom: Error {}
        let app = Flask()
        app.websocket("/boom") { _ in throw Boom() }
        try await withLiveServer(app) { port in
            let ws = try RawWebSocketClient(port: port, path: "/boom")
            #expect(try ws.readCloseCode() == 1011)
        }
    }

    @Test func serverInitiatedCloseCarriesCodeAndReasonThenWaitsForTheAnswer() async throws {
        let app = Flask()
        app.websocket("/kick") { ws in ws.close(code: WebSocketCloseCode(rawValue: 4001), reason: "kicked") }
        try await withLiveServer(app) { port in
            let ws = try RawWebSocketClient(port: port, path: "/kick")
            let frame = try ws.readFrame()
            #expect(frame.opcode == .close)
            #expect(frame.payload == [0x0F, 0xA1] + Array("kicked".utf8))
            ws.sendClose(code: 4001)
            #expect(ws.isClosedByServer())
        }
    }

    @Test func peerThatNeverAnswersACloseIsDisconnectedAfterTheTimeout() async throws {
        var configuration = WebSocketConfiguration()
        configuration.closeTimeoutMilliseconds = 100
        let app = Flask()
        app.websocket("/kick", configuration: configuration) { ws in ws.close() }
        try await withLiveServer(app) { port in
            let ws = try RawWebSocketClient(port: port, path: "/kick")
            #expect(try ws.readCloseCode() == 1000)
            #expect(ws.isClosedByServer())
        }
    }

    @Test func invalidUTF8TextFailsWith1007() async throws {
        try await withLiveServer(echoApp()) { port in
            let ws = try RawWebSocketClient(port: port, path: "/echo")
            ws.send(.text, [0x68, 0xC3, 0x28])
            #expect(try ws.readCloseCode() == 1007)
            #expect(ws.isClosedByServer())
        }
    }

    @Test func invalidUTF8AcrossFragmentsFailsWith1007() async throws {
        try await withLiveServer(echoApp()) { port in
            let ws = try RawWebSocketClient(port: port, path: "/echo")
            ws.send(.text, [0x68, 0xF0, 0x9F], fin: false)
            ws.send(.continuation, [0x28], fin: true)
            #expect(try ws.readCloseCode() == 1007)
        }
    }

    @Test func messageAtTheLimitPassesAndOnePastFailsWith1009() async throws {
        var configuration = WebSocketConfiguration()
        configuration.maxMessageSize = 1000
        try await withLiveServer(echoApp(configuration: configuration)) { port in
            let ws = try RawWebSocketClient(port: port, path: "/echo")
            ws.send(.binary, [UInt8](repeating: 1, count: 1000))
            #expect(try ws.readFrame().payload.count == 1000)
            ws.send(.binary, [UInt8](repeating: 1, count: 1001))
            #expect(try ws.readCloseCode() == 1009)
            #expect(ws.isClosedByServer())
        }
    }

    @Test func fragmentsAddingUpPastTheLimitFailWith1009() async throws {
        var configuration = WebSocketConfiguration()
        configuration.maxMessageSize = 1000
        try await withLiveServer(echoApp(configuration: configuration)) { port in
            let ws = try RawWebSocketClient(port: port, path: "/echo")
            ws.send(.text, Array(repeating: 0x61, count: 600), fin: false)
            ws.send(.continuation, Array(repeating: 0x61, count: 401), fin: true)
            #expect(try ws.readCloseCode() == 1009)
        }
    }

    @Test func unmaskedClientFrameFailsWith1002() async throws {
        try await withLiveServer(echoApp()) { port in
            let ws = try RawWebSocketClient(port: port, path: "/echo")
            ws.sendRaw([0x81, 0x02, 0x68, 0x69])
            #expect(try ws.readCloseCode() == 1002)
        }
    }

    @Test func largeRepliesArriveWholeWhileTheSenderWaitsForTheReader() async throws {
        let app = Flask()
        let chunk = WebSocketFrameSerializer.serverFrame(WebSocketFrame(opcode: .binary, payload: [UInt8](repeating: 0x5A, count: 64 * 1024)))
        app.websocket("/flood") { ws in
            for i in 0..<64 { try await ws.send([UInt8(i)] + chunk) }
        }
        try await withLiveServer(app) { port in
            let ws = try RawWebSocketClient(port: port, path: "/flood")
            for i in 0..<64 {
                let frame = try ws.readFrame()
                #expect(frame.payload.count == chunk.count + 1 && frame.payload.first == UInt8(i))
            }
        }
    }

    @Test func consumerThatNeverReadsIsCutOffAtMaxOutboundBytes() async throws {
        let app = Flask()
        let dropped = Report<Bool>()
        let chunk = WebSocketFrameSerializer.serverFrame(WebSocketFrame(opcode: .binary, payload: [UInt8](repeating: 0x5A, count: 64 * 1024)))
        app.websocket("/firehose") { ws in
            // 64 MiB offered without waiting: far more than the kernel buffers hold.
            for _ in 0..<1024 { ws.sendNow(frame: chunk) }
            _ = try await ws.receive()
            dropped.set(ws.closeCode == .abnormalClosure)
        }
        try await withLiveServer(app, configure: { $0.maxOutboundBytes = 256 * 1024 }) { port in
            let ws = try RawWebSocketClient(port: port, path: "/firehose")
            #expect(dropped.wait() == true)
            var received = 0
            while let frame = try? ws.readFrame() { received += frame.payload.count }
            #expect(received < 1024 * chunk.count)
        }
    }

    @Test func serverShutdownClosesWith1001() async throws {
        let app = echoApp()
        var configuration = Server.Configuration()
        configuration.accessLog = false
        let server = try app.serve(port: 0, configuration: configuration)
        let ws = try RawWebSocketClient(port: server.port, path: "/echo")
        ws.send(text: "up")
        #expect(try ws.readText() == "up")
        // A thread of its own: the cooperative pool may be busy with other tests' blocking reads.
        let stopped = DispatchSemaphore(value: 0)
        Thread { server.stop(); stopped.signal() }.start()
        #expect(try ws.readCloseCode() == 1001)
        ws.sendClose(code: 1001)
        #expect(ws.isClosedByServer())
        stopped.wait()
    }

    /// The receive runs in a child task, not `Task {}`, so it stays on the server's worker
    /// pool as the handler does. An unstructured task runs on Swift's global pool, whose few
    /// threads the test bodies' blocking socket reads can all hold: this test then waited for
    /// other tests to finish (7–8 s of a 8 s run on one CPU), past the client's 30 s time-out
    /// under load. It cancels when the receive really waits, where a 20 ms sleep was a guess.
    @Test func cancellingAWaitingReceiveThrowsAndKeepsLaterMessages() async throws {
        let app = Flask()
        app.websocket("/cancel") { ws in
            let (waits, waiting) = AsyncStream.makeStream(of: Void.self)
            ws.onReceiveWaits { waiting.yield() }
            let outcome = try await withThrowingTaskGroup(of: String.self) { group in
                group.addTask {
                    do { _ = try await ws.receive(); return "received" } catch is CancellationError { return "cancelled" }
                }
                // Cancelled once it really waits (an event, not a guess at how long that takes).
                for await _ in waits { break }
                group.cancelAll()
                return try await group.next() ?? "none"
            }
            try await ws.send(outcome)
            if case .text(let text) = try await ws.receive() { try await ws.send("then " + text) }
        }
        try await withLiveServer(app) { port in
            let ws = try RawWebSocketClient(port: port, path: "/cancel")
            #expect(try ws.readText() == "cancelled")
            ws.send(text: "hello")
            #expect(try ws.readText() == "then hello")
        }
    }

    @Test func aReceiveInACancelledTaskThrowsAndKeepsLaterMessages() async throws {
        let app = Flask()
        app.websocket("/cancel") { ws in
            let outcome = try await withThrowingTaskGroup(of: String.self) { group in
                group.cancelAll()
                // Added to a cancelled group: the task starts cancelled, before any receive.
                group.addTask {
                    do { _ = try await ws.receive(); return "received" } catch is CancellationError { return "cancelled" }
                }
                return try await group.next() ?? "none"
            }
            try await ws.send(outcome)
            if case .text(let text) = try await ws.receive() { try await ws.send("then " + text) }
        }
        try await withLiveServer(app) { port in
            let ws = try RawWebSocketClient(port: port, path: "/cancel")
            #expect(try ws.readText() == "cancelled")
            ws.send(text: "hello")
            #expect(try ws.readText() == "then hello")
        }
    }

    @Test func handlerSeesTheUpgradeRequestAndContext() async throws {
        let app = Flask()
        app.websocket("/room/<name>") { ws in
            let name = try ws.request.viewArgs.get("name", as: String.self)
            try await ws.send("\(name) \(ws.request.args["user"] ?? "-") \(request.path)")
        }
        try await withLiveServer(app) { port in
            let ws = try RawWebSocketClient(port: port, path: "/room/lobby?user=ann")
            #expect(try ws.readText() == "lobby ann /room/lobby")
        }
    }

    // MARK: Handshake refusals

    @Test(arguments: [
        ("Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n", 400),
        ("Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n", 400),
        ("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n", 400),
        ("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: c2hvcnQ=\r\nSec-WebSocket-Version: 13\r\n", 400),
        ("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n", 426),
        ("", 400),
    ])
    func badHandshakesAreRefused(headers: String, status: Int) async throws {
        try await withLiveServer(echoApp()) { port in
            let reply = try RawHTTPClient.get("/echo", port: port, headers: headers)
            #expect(reply.status == status)
            if status == 426 { #expect(reply.header("Sec-WebSocket-Version") == "13") }
        }
    }
}
