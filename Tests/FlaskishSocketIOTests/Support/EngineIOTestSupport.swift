import FlaskishTestSupport
import Dispatch
import Flaskish
import Synchronization
import Testing
@testable import FlaskishSocketIO

/// Something a handler reports, for the test thread to wait on.
final class Report<T: Sendable>: Sendable {
    private let value = Mutex<T?>(nil)
    private let semaphore = DispatchSemaphore(value: 0)

    func set(_ newValue: T) {
        value.withLock { $0 = newValue }
        semaphore.signal()
    }

    /// The value once set; nil after `seconds` without one (generous: only a failure waits
    /// that long, and an ASan build in a parallel run is many times slower).
    func wait(seconds: Int = 60) -> T? {
        _ = semaphore.wait(timeout: .now() + .seconds(seconds))
        return value.withLock { $0 }
    }
}

/// An app with an echoing Engine.IO server that reports each disconnect reason.
func makeEchoEngine(configure: (inout EngineIOServerOptions) -> Void = { _ in }) -> (Flask, EngineIOServer, Report<DisconnectReason>) {
    let app = Flask("engineio")
    var options = EngineIOServerOptions()
    configure(&options)
    let engine = EngineIOServer(app: app, options: options)
    let disconnected = Report<DisconnectReason>()
    engine.onMessage { socket, message in
        if message == .text("close me") { socket.close() } else { socket.send(message) }
    }
    engine.onDisconnect { _, reason in disconnected.set(reason) }
    return (app, engine, disconnected)
}

/// Engine.IO over raw HTTP.
enum EIO {
    static let base = "/socket.io/?EIO=4&transport=polling"
    /// How long a client waits for an answer: generous, since only a failure waits it out
    /// and an ASan build in a parallel run on a loaded machine is many times slower.
    static let timeoutSeconds = 60

    static func request(_ method: String, _ target: String, port: Int, body: String = "", headers: String = "") throws -> RawHTTPClient.Reply {
        let client = try RawHTTPClient(port: port, timeoutSeconds: timeoutSeconds)
        return try request(method, target, client: client, port: port, body: body, headers: headers)
    }

    static func request(_ method: String, _ target: String, client: RawHTTPClient, port: Int, body: String = "", headers: String = "") throws -> RawHTTPClient.Reply {
        send(method, target, client: client, port: port, body: body, headers: headers)
        return try client.readResponse()
    }

    static func send(_ method: String, _ target: String, client: RawHTTPClient, port: Int, body: String = "", headers: String = "") {
        let bytes = Array(body.utf8)
        client.send("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: \(bytes.count)\r\n\(headers)\r\n")
        client.send(bytes)
    }

    /// Opens a polling session; returns its sid and the open packet's text.
    static func handshake(port: Int) throws -> (sid: String, open: String) {
        let reply = try request("GET", base, port: port)
        let text = reply.text
        guard reply.status == 200, text.hasPrefix("0{\"sid\":\"") else { throw RawHTTPClient.Failure.malformed(text) }
        let start = text.index(text.startIndex, offsetBy: 9)
        let end = text[start...].firstIndex(of: "\"")!
        return (String(text[start..<end]), text)
    }
}

/// Waits until the server holds a GET for `sid` (an event from the socket), so a test can
/// act on a pending poll without racing it. Generous: an ASan build in a parallel run on a
/// loaded machine is many times slower than a plain one, and only a failure waits it out.
func waitForPendingPoll(_ engine: EngineIOServer, sid: String, seconds: Int = 120) async throws {
    let socket = try #require(engine.socket(sid: sid), "no session \(sid)")
    let pending = DispatchSemaphore(value: 0)
    socket.onPollPending { pending.signal() }
    if pending.wait(timeout: .now() + .seconds(seconds)) == .timedOut {
        Issue.record("no poll became pending for \(sid) in \(seconds) s")
    }
}
