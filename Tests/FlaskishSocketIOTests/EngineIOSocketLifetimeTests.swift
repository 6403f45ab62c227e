import FlaskishTestSupport
import Flaskish
import Foundation
import Testing
@testable import FlaskishSocketIO

/// Sessions hold no weak references (they would slow every broadcast), so their timers and
/// WebSocket callbacks go through a relay that lets go when the session closes. These tests
/// prove that a closed session, and its WebSocket, are freed: nothing keeps them in a cycle.
struct EngineIOSocketLifetimeTests {
    /// Holds a weak reference for the test only (the test object's side table is harmless).
    private final class Watch<T: AnyObject>: @unchecked Sendable {
        weak var object: T?
        init(_ object: T) { self.object = object }
    }

    @Test func aPollingSessionClosedByTheServerIsFreed() async throws {
        let (app, engine, disconnected) = makeEchoEngine { $0.pingInterval = .milliseconds(300); $0.pingTimeout = .milliseconds(300) }
        try await withLiveServer(app) { port in
            let (sid, _) = try EIO.handshake(port: port)
            let watch = try #require(engine.socket(sid: sid).map { Watch($0) })
            watch.object?.close()
            #expect(disconnected.wait() == .serverDisconnect)
            #expect(await Self.released(watch), "the closed polling session is still alive")
        }
    }

    @Test func aWebSocketSessionClosedByTheClientIsFreedWithItsWebSocket() async throws {
        let (app, engine, disconnected) = makeEchoEngine { $0.pingInterval = .milliseconds(300); $0.pingTimeout = .milliseconds(300) }
        try await withLiveServer(app) { port in
            let ws = try RawWebSocketClient(port: port, path: "/socket.io/?EIO=4&transport=websocket")
            let open = try #require(try ws.readText())
            let sid = String(open.dropFirst(9).prefix(20))
            let (watch, webSocketWatch) = try Self.watches(engine, sid: sid)
            ws.send(text: "4hello")
            #expect(try ws.readText() == "4hello")
            ws.sendClose(code: 1000)
            _ = try? ws.readCloseCode()
            #expect(disconnected.wait() == .transportClose)
            #expect(await Self.released(watch), "the closed WebSocket session is still alive")
            #expect(await Self.released(webSocketWatch), "the closed session's WebSocket is still alive")
        }
    }

    /// Watches on a session and its WebSocket, made without keeping either alive here.
    private static func watches(_ engine: EngineIOServer, sid: String) throws -> (Watch<EngineIOSocket>, Watch<WebSocket>) {
        let socket = try #require(engine.socket(sid: sid))
        let webSocket = try #require(socket.attachedWebSocket)
        return (Watch(socket), Watch(webSocket))
    }

    /// Waits (up to ten seconds) for the watched object to be freed: the server lets go of
    /// it on its own threads after the close.
    private static func released<T>(_ watch: Watch<T>) async -> Bool {
        for _ in 0..<1000 {
            if watch.object == nil { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return watch.object == nil
    }
}
