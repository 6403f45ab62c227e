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
#if canImport(Glibc)
import Glibc
#endif
import Flaskish
import FlaskishSocketIO
import Foundation
import Synchronization

func flagValue(_ name: String) -> Int? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return Int(arguments[index + 1])
}

let app = Flask("EngineIOTestServer")
var options = EngineIOServerOptions()
options.corsAllowedOrigins = .sameOrigin
if let interval = flagValue("--ping-interval") { options.pingInterval = .milliseconds(interval) }
if let timeout = flagValue("--ping-timeout") { options.pingTimeout = .milliseconds(timeout) }
if let size = flagValue("--max-message-size") { options.maxHttpBufferSize = size }

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
if let size = flagValue("--max-message-size") { wsConfiguration.maxMessageSize = size }
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
let server: Server
do {
    server = try app.serve(host: "127.0.0.1", port: flagValue("--port") ?? 0, configuration: configuration)
} catch {
    FileHandle.standardError.write(Data("EngineIOTestServer: \(error)\n".utf8))
    exit(1)
}
FileHandle.standardOutput.write(Data("PORT \(server.port)\n".utf8))

let stop = DispatchSemaphore(value: 0)
var sources: [any DispatchSourceSignal] = []
for number in [SIGINT, SIGTERM] {
    signal(number, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
    source.setEventHandler { stop.signal() }
    source.resume()
    sources.append(source)
}
stop.wait()
server.stop(timeout: .seconds(2))
