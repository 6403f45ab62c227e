import FlaskishTestSupport
import Flaskish
import Foundation
import Testing
@testable import FlaskishSocketIO

/// The Engine.IO server over real sockets: handshake, errors, polling, WebSocket, upgrade,
/// heartbeat and the origin check.
struct EngineIOServerTests {
    // MARK: Handshake and errors

    @Test func pollingHandshakeSendsTheOpenPacket() async throws {
        let (app, _, _) = makeEchoEngine { $0.pingInterval = .milliseconds(1500); $0.pingTimeout = .milliseconds(700) }
        try await withLiveServer(app) { port in
            let reply = try EIO.request("GET", EIO.base, port: port)
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == "text/plain; charset=UTF-8")
            let (sid, open) = try EIO.handshake(port: port)
            #expect(sid.count == 20)
            #expect(open == "0{\"sid\":\"\(sid)\",\"upgrades\":[\"websocket\"],\"pingInterval\":1500,\"pingTimeout\":700,\"maxPayload\":1000000}")
        }
    }

    @Test(arguments: [
        ("GET", "/socket.io/?EIO=3&transport=polling", 400, "{\"code\":5,\"message\":\"Unsupported protocol version\"}"),
        ("GET", "/socket.io/?transport=polling", 400, "{\"code\":5,\"message\":\"Unsupported protocol version\"}"),
        ("GET", "/socket.io/?EIO=4&transport=carrier-pigeon", 400, "{\"code\":0,\"message\":\"Transport unknown\"}"),
        ("GET", "/socket.io/?EIO=4", 400, "{\"code\":0,\"message\":\"Transport unknown\"}"),
        ("GET", "/socket.io/?EIO=4&transport=polling&sid=nope", 400, "{\"code\":1,\"message\":\"Session ID unknown\"}"),
        ("POST", "/socket.io/?EIO=4&transport=polling", 400, "{\"code\":2,\"message\":\"Bad handshake method\"}"),
        ("GET", "/socket.io/?EIO=4&transport=websocket", 400, "{\"code\":3,\"message\":\"Bad request\"}"),
    ])
    func badRequestsGetTheReferenceErrorAnswers(method: String, target: String, status: Int, body: String) async throws {
        let (app, _, _) = makeEchoEngine()
        try await withLiveServer(app) { port in
            let reply = try EIO.request(method, target, port: port)
            #expect(reply.status == status)
            #expect(reply.text == body)
            #expect(reply.header("Content-Type") == "application/json")
        }
    }

    @Test func otherMethodOnASessionIsABadMethod() async throws {
        let (app, _, _) = makeEchoEngine()
        try await withLiveServer(app) { port in
            let reply = try PollingSession(port: port).request("PUT")
            #expect(reply.status == 400 && reply.text.contains("\"code\":2"))
        }
    }

    @Test func pathsBelowTheEngineIOPathGoOnToTheApp() async throws {
        let (app, _, _) = makeEchoEngine()
        app.route("/socket.io/socket.io.js") { _ in "script" }
        try await withLiveServer(app) { port in
            let script = try RawHTTPClient.get("/socket.io/socket.io.js", port: port)
            let missing = try RawHTTPClient.get("/elsewhere", port: port)
            #expect(script.text == "script")
            #expect(missing.status == 404)
        }
    }

    // MARK: Polling

    @Test func postedMessagesAreEchoedOnTheNextPoll() async throws {
        let (app, _, _) = makeEchoEngine()
        try await withLiveServer(app) { port in
            let session = try PollingSession(port: port)
            let post = try session.post("4hello\u{1E}bAQID")
            #expect(post.status == 200 && post.text == "ok")
            var received: [String] = []
            for _ in 0..<5 where received.count < 2 {
                received += try session.poll().text.split(separator: "\u{1E}").map(String.init)
            }
            #expect(received == ["4hello", "bAQID"])
        }
    }

    @Test func pollWaitsUntilThereIsSomethingToSend() async throws {
        let (app, engine, _) = makeEchoEngine()
        try await withLiveServer(app) { port in
            let session = try PollingSession(port: port)
            let poller = try await session.heldPoll(engine)
            _ = try session.post("4later")
            #expect(try poller.readResponse().text == "4later")
        }
    }

    @Test func secondConcurrentPollIsRefusedAndEndsTheSession() async throws {
        let (app, engine, disconnected) = makeEchoEngine()
        try await withLiveServer(app) { port in
            let session = try PollingSession(port: port)
            let first = try await session.heldPoll(engine)
            let second = try session.poll()
            #expect(second.status == 400)
            #expect(second.text == "{\"code\":3,\"message\":\"Bad request\"}")
            #expect(try first.readResponse().text == "1")
            #expect(disconnected.wait() == .transportError)
            #expect(try session.poll().text.contains("\"code\":1"))
        }
    }

    @Test func malformedPayloadIsABadRequestAndEndsTheSession() async throws {
        let (app, _, disconnected) = makeEchoEngine()
        try await withLiveServer(app) { port in
            let reply = try PollingSession(port: port).post("9what")
            #expect(reply.status == 400 && reply.text == "{\"code\":3,\"message\":\"Bad request\"}")
            #expect(disconnected.wait() == .transportError)
        }
    }

    @Test(arguments: [(100, 200), (101, 400)])
    func postBodyAtTheBufferLimitPassesAndOnePastIsRefused(size: Int, status: Int) async throws {
        let (app, _, _) = makeEchoEngine { $0.maxHttpBufferSize = 100 }
        try await withLiveServer(app) { port in
            let reply = try PollingSession(port: port).post("4" + String(repeating: "x", count: size - 1))
            #expect(reply.status == status)
            if status == 400 { #expect(reply.text.contains("\"code\":3")) }
        }
    }

    @Test func pollingClientThatStopsPollingIsCutOffAtMaxQueuedPackets() async throws {
        let (app, engine, disconnected) = makeEchoEngine { $0.maxQueuedPackets = 5 }
        try await withLiveServer(app) { port in
            let (sid, _) = try EIO.handshake(port: port)
            let socket = try #require(engine.socket(sid: sid))
            for i in 0..<5 { socket.send(text: "m\(i)") }
            #expect(!socket.isClosed)
            socket.send(text: "one too many")
            #expect(socket.isClosed)
            #expect(disconnected.wait() == .transportError)
        }
    }

    @Test func clientClosePacketEndsTheSession() async throws {
        let (app, engine, disconnected) = makeEchoEngine()
        try await withLiveServer(app) { port in
            let session = try PollingSession(port: port)
            _ = try session.post("1")
            #expect(disconnected.wait() == .clientDisconnect)
            #expect(engine.socket(sid: session.sid) == nil)
        }
    }

    @Test func aPollAfterTheClientsCloseGetsANoopOnceNotSessionIDUnknown() async throws {
        // The client's GET may still be on its way when its close (on a POST) is handled.
        let (app, engine, disconnected) = makeEchoEngine()
        try await withLiveServer(app) { port in
            let session = try PollingSession(port: port)
            #expect(try session.post("1").text == "ok")
            #expect(disconnected.wait() == .clientDisconnect)
            #expect(engine.socket(sid: session.sid) == nil)
            let late = try session.poll()
            #expect(late.status == 200 && late.text == "6")
            #expect(try session.poll().status == 400)
        }
    }

    @Test func forcefullyClosingWithAPollHeldAnswersItWithANoop() async throws {
        // engine.io-protocol test-suite, "close › HTTP long-polling › forcefully closes the session".
        let (app, engine, _) = makeEchoEngine()
        try await withLiveServer(app) { port in
            let session = try PollingSession(port: port)
            let poller = try await session.heldPoll(engine)
            #expect(try session.post("1").text == "ok")
            #expect(try poller.readResponse().text == "6")
            #expect(try session.poll().status == 400)
        }
    }

    @Test func serverCloseAnswersThePollWithAClosePacket() async throws {
        let (app, engine, disconnected) = makeEchoEngine()
        try await withLiveServer(app) { port in
            let session = try PollingSession(port: port)
            let poller = try await session.heldPoll(engine)
            _ = try session.post("4close me")
            #expect(try poller.readResponse().text == "1")
            #expect(disconnected.wait() == .serverDisconnect)
            #expect(engine.socket(sid: session.sid) == nil)
        }
    }

    @Test func disconnectAllReleasesHeldPollsAndWebSockets() async throws {
        let (app, engine, _) = makeEchoEngine()
        try await withLiveServer(app) { port in
            let poller = try await PollingSession(port: port).heldPoll(engine)
            let ws = try openWebSocketSession(port: port)
            engine.disconnectAll()
            #expect(try poller.readResponse().text == "1")
            #expect(try ws.readText() == "1")
            #expect(try ws.readCloseCode() == 1000)
            #expect(engine.allSockets.isEmpty)
        }
    }

    @Test func serverCloseWithoutAHeldPollIsDeliveredToTheNextPollOnce() async throws {
        let (app, engine, disconnected) = makeEchoEngine()
        try await withLiveServer(app) { port in
            let session = try PollingSession(port: port)
            try #require(engine.socket(sid: session.sid)).close()
            #expect(disconnected.wait() == .serverDisconnect)
            #expect(try session.poll().text == "1")
            #expect(try session.poll().text.contains("\"code\":1"))
        }
    }

    @Test func heartbeatKeepsAnsweringClientsAliveAndDropsSilentOnes() async throws {
        // The client answers each ping within pingTimeout: 10 s, not 1 s, leaves room for an
        // ASan build in a parallel run on a loaded machine; only the silent end waits it out.
        let (app, engine, disconnected) = makeEchoEngine { $0.pingInterval = .milliseconds(50); $0.pingTimeout = .seconds(10) }
        try await withLiveServer(app) { port in
            let session = try PollingSession(port: port)
            for _ in 0..<3 {
                #expect(try session.poll().text == "2")
                #expect(try session.post("3").text == "ok")
            }
            #expect(engine.socket(sid: session.sid) != nil)
            #expect(try session.poll().text == "2")
            #expect(disconnected.wait() == .pingTimeout)
            #expect(engine.socket(sid: session.sid) == nil)
        }
    }

    // MARK: WebSocket

    @Test func webSocketSessionEchoesTextAndBinary() async throws {
        let (app, _, disconnected) = makeEchoEngine()
        try await withLiveServer(app) { port in
            let ws = try RawWebSocketClient(port: port, path: "/socket.io/?EIO=4&transport=websocket")
            let open = try #require(try ws.readText())
            #expect(open.hasPrefix("0{\"sid\":") && open.contains("\"upgrades\":[]"))
            ws.send(text: "4hi")
            #expect(try ws.readText() == "4hi")
            ws.send(.binary, [1, 2, 3])
            let frame = try ws.readFrame()
            #expect(frame.opcode == .binary && frame.payload == [1, 2, 3])
            ws.send(text: "1")
            #expect(disconnected.wait() == .clientDisconnect)
        }
    }

    @Test func preparedMessageReachesWebSocketAndPollingSockets() async throws {
        let (app, engine, _) = makeEchoEngine()
        try await withLiveServer(app) { port in
            let ws = try openWebSocketSession(port: port)
            let session = try PollingSession(port: port)
            #expect(engine.allSockets.count == 2)
            let text = EngineIOPreparedMessage(.text("to all"))
            let binary = EngineIOPreparedMessage(.binary([9, 8, 7]))
            for socket in engine.allSockets {
                socket.send(prepared: text)
                socket.send(prepared: binary)
            }
            #expect(try ws.readText() == "4to all")
            #expect(try ws.readFrame().payload == [9, 8, 7])
            #expect(try session.poll().text == "4to all\u{1E}bCQgH")
        }
    }

    @Test func webSocketMessageBeyondTheBufferLimitEndsTheSession() async throws {
        let (app, _, disconnected) = makeEchoEngine { $0.maxHttpBufferSize = 100 }
        try await withLiveServer(app) { port in
            let ws = try openWebSocketSession(port: port)
            ws.send(text: "4" + String(repeating: "x", count: 100))
            #expect(try ws.readCloseCode() == 1009)
            #expect(disconnected.wait() != nil)
        }
    }

    @Test func webSocketClientThatStopsPongingIsDropped() async throws {
        let (app, _, disconnected) = makeEchoEngine { $0.pingInterval = .milliseconds(50); $0.pingTimeout = .milliseconds(1000) }
        try await withLiveServer(app) { port in
            let ws = try openWebSocketSession(port: port)
            for _ in 0..<3 {
                #expect(try ws.readText() == "2")
                ws.send(text: "3")
            }
            #expect(try ws.readText() == "2")
            #expect(try ws.readText() == "1")
            #expect(disconnected.wait() == .pingTimeout)
        }
    }

    @Test func pollingSessionUpgradesToWebSocket() async throws {
        let (app, engine, _) = makeEchoEngine()
        try await withLiveServer(app) { port in
            let session = try PollingSession(port: port)
            let poller = try await session.heldPoll(engine)
            let ws = try session.upgradingWebSocket()
            ws.send(text: "2probe")
            #expect(try ws.readText() == "3probe")
            #expect(try poller.readResponse().text == "6")
            ws.send(text: "5")
            ws.send(text: "4over ws")
            #expect(try ws.readText() == "4over ws")
            #expect(engine.socket(sid: session.sid)?.transport == "websocket")
            let late = try session.post("4late")
            #expect(late.status == 400)
        }
    }

    @Test func secondUpgradeOfAWebSocketSessionIsRefused() async throws {
        let (app, _, _) = makeEchoEngine()
        try await withLiveServer(app) { port in
            let session = try PollingSession(port: port)
            let ws = try session.upgradingWebSocket()
            ws.send(text: "2probe")
            #expect(try ws.readText() == "3probe")
            ws.send(text: "5")
            #expect(throws: RawWebSocketClient.Failure.self) { _ = try session.upgradingWebSocket() }
        }
    }

    @Test func unknownSidOnUpgradeIsRefused() async throws {
        let (app, _, _) = makeEchoEngine()
        try await withLiveServer(app) { port in
            do {
                _ = try RawWebSocketClient(port: port, path: "/socket.io/?EIO=4&transport=websocket&sid=nope")
                Issue.record("upgrade accepted")
            } catch RawWebSocketClient.Failure.refused(let reply) {
                #expect(reply.status == 400 && reply.text.contains("\"code\":1"))
            }
        }
    }

    // MARK: Origins

    @Test func sameOriginIsAllowedByDefaultAndGetsCORSHeaders() async throws {
        let (app, _, _) = makeEchoEngine()
        try await withLiveServer(app) { port in
            let reply = try EIO.request("GET", EIO.base, port: port, headers: "Origin: http://127.0.0.1:\(port)\r\n")
            #expect(reply.status == 200)
            #expect(reply.header("Access-Control-Allow-Origin") == "http://127.0.0.1:\(port)")
            #expect(reply.header("Access-Control-Allow-Credentials") == "true")
        }
    }

    @Test func crossOriginIsForbiddenByDefaultOnPollingAndWebSocket() async throws {
        let (app, _, _) = makeEchoEngine()
        try await withLiveServer(app) { port in
            let reply = try EIO.request("GET", EIO.base, port: port, headers: "Origin: https://evil.example\r\n")
            #expect(reply.status == 403)
            #expect(reply.text.hasPrefix("{\"code\":4,"))
            do {
                _ = try RawWebSocketClient(port: port, path: "/socket.io/?EIO=4&transport=websocket", extraHeaders: "Origin: https://evil.example\r\n")
                Issue.record("cross-site WebSocket accepted")
            } catch RawWebSocketClient.Failure.refused(let refused) {
                #expect(refused.status == 403)
            }
        }
    }

    @Test func listedOriginsAndTheWildcardOpenTheServer() async throws {
        let (listed, _, _) = makeEchoEngine { $0.corsAllowedOrigins = ["https://chat.example"] }
        try await withLiveServer(listed) { port in
            let allowed = try EIO.request("GET", EIO.base, port: port, headers: "Origin: https://chat.example\r\n")
            let refused = try EIO.request("GET", EIO.base, port: port, headers: "Origin: https://other.example\r\n")
            #expect(allowed.status == 200)
            #expect(refused.status == 403)
        }
        let (open, _, _) = makeEchoEngine { $0.corsAllowedOrigins = "*" }
        try await withLiveServer(open) { port in
            let reply = try EIO.request("GET", EIO.base, port: port, headers: "Origin: https://any.example\r\n")
            #expect(reply.status == 200 && reply.header("Access-Control-Allow-Origin") == "https://any.example")
        }
    }

    @Test func preflightIsAnswered() async throws {
        let (app, _, _) = makeEchoEngine { $0.corsAllowedOrigins = "*" }
        try await withLiveServer(app) { port in
            let reply = try EIO.request("OPTIONS", EIO.base, port: port,
                                        headers: "Origin: https://any.example\r\nAccess-Control-Request-Headers: content-type\r\n")
            #expect(reply.status == 200)
            #expect(reply.header("Access-Control-Allow-Methods") == "OPTIONS, GET, POST")
            #expect(reply.header("Access-Control-Allow-Headers") == "content-type")
            #expect(reply.header("Access-Control-Allow-Origin") == "https://any.example")
        }
    }
}

/// A polling session opened on a live server, so that each test reads as its scenario rather
/// than as the Engine.IO query strings that address the session.
private struct PollingSession {
    let sid: String
    let port: Int
    /// The polling URL that names this session.
    var target: String { "\(EIO.base)&sid=\(sid)" }

    /// Opens the session with a handshake GET.
    init(port: Int) throws {
        self.port = port
        sid = try EIO.handshake(port: port).sid
    }

    /// A `method` request on the session, on a connection of its own.
    func request(_ method: String, body: String = "") throws -> RawHTTPClient.Reply {
        try EIO.request(method, target, port: port, body: body)
    }

    /// A poll (GET) that is answered at once, or once the server has something to send.
    func poll() throws -> RawHTTPClient.Reply { try request("GET") }

    /// Packets the client sends (POST).
    func post(_ payload: String) throws -> RawHTTPClient.Reply { try request("POST", body: payload) }

    /// Sends a poll that the server holds open, and returns its connection (read the answer
    /// from it) once `engine` reports the poll pending.
    func heldPoll(_ engine: EngineIOServer) async throws -> RawHTTPClient {
        let poller = try RawHTTPClient(port: port, timeoutSeconds: EIO.timeoutSeconds)
        EIO.send("GET", target, client: poller, port: port)
        try await waitForPendingPoll(engine, sid: sid)
        return poller
    }

    /// Opens a WebSocket that asks to upgrade this session (the probe is the caller's part).
    func upgradingWebSocket() throws -> RawWebSocketClient {
        try RawWebSocketClient(port: port, path: "/socket.io/?EIO=4&transport=websocket&sid=\(sid)")
    }
}

/// Opens a WebSocket-only Engine.IO session and reads past its open packet.
private func openWebSocketSession(port: Int) throws -> RawWebSocketClient {
    let ws = try RawWebSocketClient(port: port, path: "/socket.io/?EIO=4&transport=websocket")
    _ = try ws.readText()
    return ws
}
