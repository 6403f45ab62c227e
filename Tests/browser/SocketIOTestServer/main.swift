// The Flaskish twin of Tests/browser/reference_server.py: the Socket.IO application that the
// browser tests (Tests/browser) and python-socketio's clients (Tests/socketio-interop) drive.
// Tests/browser/README.md is the contract; it lists every event below.
//
//   SocketIOTestServer [--port N]
//
// Listens on 127.0.0.1:N (0 = any free port) and prints `PORT <n>` once it accepts
// connections. Serves /test.html (a blank page), /socket.io/socket.io.js (our client, served
// by the SocketIO extension itself) and Socket.IO at /socket.io/, with 2 s heartbeats.
// Stop it with SIGTERM or SIGINT.
import Flaskish
import FlaskishSocketIO
import FlaskishTestSupport
import Synchronization

let testPage = "<!doctype html><html><head><meta charset='utf-8'><title>test</title></head><body></body></html>"

let app = Flask("SocketIOTestServer")
// Short heartbeats so a stalled server is noticed in seconds, as in the reference.
let socketio = SocketIO(app, pingInterval: 2, pingTimeout: 2)

app.route("/test.html") { _ in Response(testPage, headers: ["Cache-Control": "no-store"]) }
app.route("/favicon.ico") { _ in Response("", status: .noContent) }

// MARK: Namespace "/"

socketio.onConnect {}

socketio.onDisconnect { reason in
    // Tests/socketio-interop: clients in "watchers" learn why another client left.
    guard let sid = request.sid else { return }
    try socketio.emit("peer_disconnected", ["sid": sid, "reason": reason.rawValue], to: "watchers")
}

socketio.onArguments("echo") { arguments, ack in ack.send(arguments) }

socketio.on("bin_echo") { data, ack in
    let size = data.binaryValue?.count ?? 0
    try emit("bin", ["payload": data, "size": SocketIOValue.int(size)])
    ack(data, size)
}

socketio.on("ask_client") { question in
    try emit("question", question, callback: { answer in
        // Runs in the asking client's context, so the context `emit` reaches it.
        try? emit("client_acked", SocketIOValue.array(answer))
    })
}

socketio.on("get_query") { request.queryString }

socketio.on("join") { room in
    let name = room.stringValue ?? room.description
    try joinRoom(name)
    return "joined " + name
}

socketio.onArguments("to_room") { arguments in
    let room = arguments.first?.stringValue ?? ""
    let message = arguments.count > 1 ? arguments[1] : .null
    try emit("room_message", ["room": SocketIOValue.string(room), "message": message], to: room)
    return "sent"
}

socketio.on("please_disconnect") { try disconnect() }

// No handler for "never_acked": the server then sends no ACK, which the timeout tests need.

// Extra events of Tests/socketio-interop (also in reference_server.py and the README).

socketio.onArguments("reflect") { arguments in
    // `arguments:` sends the list as that many arguments (the variadic form would send one array).
    try emit("reflected", arguments: arguments)
}

socketio.onArguments("broadcast") { arguments in
    let message = arguments.first ?? .null
    let includeSelf = arguments.count > 1 ? arguments[1].boolValue ?? true : true
    try emit("broadcast_message", message, broadcast: true, includeSelf: includeSelf)
    return "sent"
}

socketio.on("watch_disconnects") {
    try joinRoom("watchers")
    return "watching"
}

/// What each client sent as `tally`, in the order its handler saw it.
final class Tallies: Sendable {
    private let values = Mutex<[String: [SocketIOValue]]>([:])
    func add(_ value: SocketIOValue, sid: String) { values.withLock { $0[sid, default: []].append(value) } }
    func take(sid: String) -> [SocketIOValue] { values.withLock { $0.removeValue(forKey: sid) ?? [] } }
}
let tallies = Tallies()

socketio.on("tally") { value in
    guard let sid = request.sid else { return }
    tallies.add(value, sid: sid)
}

socketio.on("tally_log") { () -> SocketIOValue in
    guard let sid = request.sid else { return .array([]) }
    return .array(tallies.take(sid: sid))
}

// MARK: Namespace "/chat"

socketio.onConnect(namespace: "/chat") { auth in
    guard auth?["token"]?.stringValue == "secret" else {
        throw ConnectionRefusedError("unauthorized", ["code": 401])
    }
}

socketio.onArguments("echo", namespace: "/chat") { arguments, ack in ack.send(["chat"] + arguments) }

// MARK: Namespace "/guarded" (GuardedNamespace.swift)

installGuardedNamespace(socketio)

// MARK: Serving

var configuration = Server.Configuration()
configuration.accessLog = false
if CommandLine.arguments.contains("--run") {
    // Tests/FlaskishSocketIOTests/SocketIORunTests: served the way an application is, with
    // `socketio.run(app, configuration:)` (banner on stderr, no PORT line), and one limit set
    // in code that the test can see on the wire.
    configuration.limits.maxRequestLineLength = 1024
    socketio.run(app, configuration: configuration)
} else {
    serveUntilTerminated(app, configuration: configuration)
}
