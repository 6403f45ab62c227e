// The server the Engine.IO interop tests drive: an echoing Engine.IO server on /socket.io/
// and an echoing WebSocket route on /ws, on a free port printed as `PORT <n>`.
//
//   EngineIOTestServer [--port N] [--ping-interval MS] [--ping-timeout MS] [--max-message-size BYTES]
//
// Engine.IO messages are echoed back as they came (text or binary), except the text
// "close me", which makes the server close the session. GET /disconnects lists every ended
// session as `<sid> <reason>` lines, so tests can check why the server dropped a client;
// GET /broadcast?text=… sends the text to every open session and answers how many.
// Stop it with SIGTERM or SIGINT.
import Flaskish
import FlaskishSocketIO
import FlaskishTestSupport
import Synchronization

let app = Flask("EngineIOTestServer")
var options = EngineIOServerOptions()
options.corsAllowedOrigins = .sameOrigin
if let interval = commandLineInteger("--ping-interval") { options.pingInterval = .milliseconds(interval) }
if let timeout = commandLineInteger("--ping-timeout") { options.pingTimeout = .milliseconds(timeout) }
if let size = commandLineInteger("--max-message-size") { options.maxHttpBufferSize = size }

let engine = EngineIOServer(app: app, options: options)
let disconnects = Mutex<[String]>([])
engine.onMessage { socket, message in
    if message == .text("close me") { socket.close() } else { socket.send(message) }
}
engine.onDisconnect { socket, reason in
    disconnects.withLock { $0.append("\(socket.sid) \(reason)") }
}
app.route("/disconnects") { _ in
    Response(disconnects.withLock { $0.joined(separator: "\n") }, contentType: "text/plain; charset=utf-8")
}

app.route("/broadcast") { request in
    let message = EngineIOPreparedMessage(.text(request.args["text"] ?? ""))
    let sockets = engine.allSockets
    for socket in sockets { socket.send(prepared: message) }
    return String(sockets.count)
}

var wsConfiguration = WebSocketConfiguration()
if let size = commandLineInteger("--max-message-size") { wsConfiguration.maxMessageSize = size }
app.websocket("/ws", configuration: wsConfiguration) { ws in
    while let message = try await ws.receive() {
        switch message {
        case .text(let text): try await ws.send(text)
        case .binary(let bytes): try await ws.send(bytes)
        default: break
        }
    }
}

var configuration = Server.Configuration()
configuration.accessLog = false
serveUntilTerminated(app, configuration: configuration)
