import Flaskish
import Synchronization
@testable import FlaskishSocketIO

/// A raw Engine.IO peer of a Socket.IO server: sends wire text, reads wire text back.
struct RawPeer {
    let server: SocketIOServer
    let transport: SocketIOTestTransport

    init(_ socketio: SocketIO, headers: HTTPHeaders = [:]) {
        server = socketio.server
        transport = SocketIOTestTransport(
            server: socketio.server, request: Request(method: .GET, target: "/socket.io/?EIO=4&transport=websocket", headers: headers))
        server.engineConnected(transport)
    }

    /// Sends a text message and waits for the handlers it started.
    func send(_ text: String) async {
        server.engineMessage(transport, .text(text))
        await idle()
    }

    /// Sends a binary message and waits for the handlers it started.
    func send(binary: [UInt8]) async {
        server.engineMessage(transport, .binary(binary))
        await idle()
    }

    func idle() async { await server.waitUntilIdle(engineSid: transport.sid) }

    /// Everything received since the last call.
    func received() -> [SocketIOTestTransport.Sent] { transport.takeSent() }

    /// The text messages received since the last call.
    func texts() -> [String] {
        received().compactMap { if case .text(let text) = $0 { text } else { nil } }
    }

    /// Connects to `namespace` and returns the sid from the server's answer.
    @discardableResult
    func connect(_ namespace: String = "/") async -> String? {
        await send(namespace == "/" ? "0" : "0\(namespace),")
        return texts().lazy.compactMap(RawPeer.sid(fromConnect:)).first
    }

    /// The sid in a CONNECT answer (`0{"sid":"…"}` or `0/nsp,{"sid":"…"}`).
    static func sid(fromConnect text: String) -> String? {
        guard text.hasPrefix("0"), let brace = text.firstIndex(of: "{"),
              let json = try? JSONValue(parsing: String(text[brace...])) else { return nil }
        return json["sid"]?.stringValue
    }
}

/// Collects values from handlers running on other tasks; `next()` waits for the next one.
final class Recorder<T: Sendable>: Sendable {
    private let state = Mutex<(values: [T], waiters: [CheckedContinuation<T, Never>], taken: Int)>(([], [], 0))

    func record(_ value: T) {
        let waiter = state.withLock { state -> CheckedContinuation<T, Never>? in
            state.values.append(value)
            guard !state.waiters.isEmpty else { return nil }
            state.taken += 1
            return state.waiters.removeFirst()
        }
        waiter?.resume(returning: value)
    }

    /// Every value recorded so far.
    var values: [T] { state.withLock { $0.values } }

    /// The next value not yet returned by `next()`, waiting for it if needed.
    func next() async -> T {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> T? in
                if state.taken < state.values.count {
                    state.taken += 1
                    return state.values[state.taken - 1]
                }
                state.waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
