import Dispatch
import Flaskish
import FlaskishTestSupport
import Synchronization
import Testing
@testable import FlaskishSocketIO

/// A Socket.IO client over a raw WebSocket: the test sees every Engine.IO frame as text.
final class WireClient: @unchecked Sendable {
    let ws: RawWebSocketClient
    /// The Engine.IO session id from the open packet.
    let engineSid: String

    init(port: Int) throws {
        ws = try RawWebSocketClient(port: port, path: "/socket.io/?EIO=4&transport=websocket")
        let open = try ws.readText() ?? ""
        guard let json = try? JSONValue(parsing: String(open.dropFirst())), let sid = json["sid"]?.stringValue else {
            throw RawWebSocketClient.Failure.closed
        }
        engineSid = sid
    }

    /// Sends one Engine.IO text packet (`40`, `42["e"]`, …).
    func send(_ text: String) { ws.send(text: text) }

    /// The next Engine.IO text packet, answering pings on the way; nil once closed.
    func next() throws -> String? {
        while true {
            guard let text = try ws.readText() else { return nil }
            if text == "2" {
                ws.send(text: "3")
                continue
            }
            return text
        }
    }
}

/// Holds handlers until the test opens it.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let open = state.withLock { state -> Bool in
                if !state.open { state.waiters.append(continuation) }
                return state.open
            }
            if open { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// Waits (up to `seconds`) until `condition` holds; records an issue and returns false if
/// it never does. The condition is what the test waits for, never the passing of time.
@discardableResult
func waitUntil(_ what: String, seconds: Int = 30, _ condition: () -> Bool) async -> Bool {
    for _ in 0..<(seconds * 100) {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("timed out waiting until \(what)")
    return false
}

/// Runs blocking client I/O on a thread of its own (a flooding sender may block in `send`
/// until the server reads again); `wait()` returns its result.
func inBackground<T: Sendable>(_ body: @escaping @Sendable () throws -> T) -> Report<Result<T, any Error>> {
    let report = Report<Result<T, any Error>>()
    DispatchQueue.global().async {
        report.set(Result { try body() })
    }
    return report
}

extension SocketIO {
    /// The Socket.IO state of the Engine.IO session `engineSid`.
    func client(engineSid: String) -> SocketIOClientConnection? { server.client(engineSid: engineSid) }
}
