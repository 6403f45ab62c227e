import FlaskishTestSupport
import Foundation
import Synchronization
@testable import FlaskishSocketIO

/// A Socket.IO client over a real loopback WebSocket, speaking the wire protocol by hand so
/// tests see exactly what the server sent. Its calls block: run them inside ``blocking(_:)``.
final class LiveSocketIOClient: @unchecked Sendable {
    let webSocket: RawWebSocketClient

    /// Opens an Engine.IO session over WebSocket (`headers` are extra request header lines).
    init(port: Int, headers: String = "") throws {
        webSocket = try RawWebSocketClient(
            port: port, path: "/socket.io/?EIO=4&transport=websocket", extraHeaders: headers, timeoutSeconds: 60)
        guard let open = try webSocket.readText(), open.hasPrefix("0{") else { throw RawWebSocketClient.Failure.closed }
    }

    /// Sends one Socket.IO packet (`2["e",1]`, `0/chat,{…}`, …) as an Engine.IO message.
    func send(_ packet: String) { webSocket.send(text: "4" + packet) }

    /// The next Socket.IO packet the server sent; Engine.IO pings are answered on the way.
    func next() throws -> String {
        while true {
            guard let text = try webSocket.readText() else { continue }
            if text == "2" { webSocket.send(text: "3"); continue }
            if text.hasPrefix("4") { return String(text.dropFirst()) }
        }
    }

    /// Connects to `namespace` with an optional `auth` JSON text; returns the server's answer
    /// (a CONNECT `0…` or a CONNECT_ERROR `4…`).
    func connect(_ namespace: String = "/", auth: String = "") throws -> String {
        let prefix = namespace == "/" ? "" : namespace + ","
        send("0" + prefix + auth)
        return try next()
    }

    /// Connects and returns the sid, failing when the server refuses.
    func connectedSid(_ namespace: String = "/", auth: String = "") throws -> String {
        let answer = try connect(namespace, auth: auth)
        guard let sid = RawPeer.sid(fromConnect: answer) else { throw RawHTTPClient.Failure.malformed(answer) }
        return sid
    }
}

/// Runs blocking socket work on a thread of its own, so a test waiting on a loopback socket
/// never holds one of the few threads Swift's concurrency pool has on this machine.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.start()
    }
}
