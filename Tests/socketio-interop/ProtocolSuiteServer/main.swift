// The Socket.IO application the official socket.io-protocol server test-suite expects
// (socketio/socket.io-protocol, test-suite/), written the obvious way with the public API,
// and driven by Tests/socketio-interop/test_official_socketio_suite.py.
//
//   ProtocolSuiteServer [--port N]
//
// Heartbeats of 300 ms / 200 ms and a 1 MB payload limit, as the suite's reference setup has
// them; the connect time-out is 3 s rather than the reference's 1 s, because the suite's
// three-heartbeat tests never connect a namespace and take about 1 s on a busy machine. Both "/" and "/custom" send the client its CONNECT auth
// back as an "auth" event; "/" answers "message" with "message-back" (same arguments) and
// acknowledges "message-with-ack" with the arguments it got. "/random" does not exist.
// Stop it with SIGTERM or SIGINT.
import Flaskish
import FlaskishSocketIO
import FlaskishTestSupport

let app = Flask("ProtocolSuiteServer")
let socketio = SocketIO(
    app, corsAllowedOrigins: .any, pingInterval: 0.3, pingTimeout: 0.2, maxHttpBufferSize: 1_000_000,
    connectTimeout: 3)

// Node's `socket.handshake.auth` is `{}` when the CONNECT carries no payload; the suite
// expects that object back.
let echoAuth: @Sendable (SocketIOValue?) async throws -> Void = { auth in
    try emit("auth", auth ?? SocketIOValue.object([:]))
}
socketio.onConnect(echoAuth)
socketio.onConnect(namespace: "/custom", echoAuth)

socketio.onArguments("message") { arguments in try emit("message-back", arguments: arguments) }
socketio.onArguments("message-with-ack") { arguments, ack in ack.send(arguments) }

var configuration = Server.Configuration()
configuration.accessLog = false
serveUntilTerminated(app, configuration: configuration)
