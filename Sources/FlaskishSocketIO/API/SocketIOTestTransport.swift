import Flaskish
import Synchronization

/// An in-process ``SocketIOTransport`` for tests: records what the server sends and reports
/// a close to the server as the Engine.IO server would.
package final class SocketIOTestTransport: SocketIOTransport {
    /// One message the server sent.
    package enum Sent: Sendable, Hashable {
        case text(String)
        case binary([UInt8])
    }

    package let sid: String
    package let request: Request
    /// The server this transport reports to, while it exists. Weak: the server holds each
    /// client's transport until the session closes, so a strong reference back would keep
    /// both alive for ever when a test never closes its client.
    package var server: SocketIOServer? { serverBox.withLock { $0.value } }
    private let serverBox: Mutex<WeakServer>
    private let state = Mutex<(sent: [Sent], closed: Bool)>(([], false))
    private let onSend: (@Sendable (Sent) -> Void)?

    /// A transport for `server` whose handshake was `request`; `onSend` sees every message.
    package init(server: SocketIOServer, request: Request, sid: String = EngineIOSessionID.generate(),
                 onSend: (@Sendable (Sent) -> Void)? = nil) {
        serverBox = Mutex(WeakServer(value: server))
        self.request = request
        self.sid = sid
        self.onSend = onSend
    }

    package func send(text: String) { record(.text(text)) }
    package func send(binary: [UInt8]) { record(.binary(binary)) }

    private func record(_ message: Sent) {
        let closed = state.withLock { state -> Bool in
            if !state.closed { state.sent.append(message) }
            return state.closed
        }
        if !closed { onSend?(message) }
    }

    /// Closes the session as the engine would: the server hears `server disconnect`.
    package func close() {
        let first = state.withLock { state -> Bool in
            defer { state.closed = true }
            return !state.closed
        }
        if first { server?.engineDisconnected(self, reason: .serverDisconnect) }
    }

    /// True once closed.
    package var isClosed: Bool { state.withLock { $0.closed } }

    /// Everything sent so far, and forgets it.
    package func takeSent() -> [Sent] {
        state.withLock { state in
            defer { state.sent = [] }
            return state.sent
        }
    }

    private struct WeakServer: @unchecked Sendable {
        weak var value: SocketIOServer?
    }
}
