// The chat fan-out server that Benchmarks/socketio/run.sh measures: the Flaskish twin of
// chat_flask_socketio.py. Every `message` event goes back to every connected client, the
// sender included, as Flask-SocketIO's `send(msg, broadcast=True)` does.
//
// Port: `--port N` (or FLASK_RUN_PORT), as with `flask run`; run.sh picks a free one.
// `--message-queue redis://…` (or MESSAGE_QUEUE) makes the process one member of a cluster, as
// Flask-SocketIO's `message_queue=`; Benchmarks/socketio/cluster.sh starts two of them.
// `RECOVERY_WINDOW=SECONDS` turns connection state recovery on (off by default, as in the
// library), to measure what keeping every broadcast for replay costs.
import Flaskish
import FlaskishSocketIO
import Foundation

let app = Flask()
// The Python original logs nothing per request either (see chat_flask_socketio.py).
app.config["ACCESS_LOG"] = false
// Declared on the run command so that `app.run` accepts it (it refuses unknown options).
app.cli.addRunOptions([.option("message-queue", help: "redis:// URL: join a cluster (MESSAGE_QUEUE).")])
let arguments = CommandLine.arguments
let messageQueue = arguments.firstIndex(of: "--message-queue").flatMap {
    $0 + 1 < arguments.count ? arguments[$0 + 1] : nil
} ?? ProcessInfo.processInfo.environment["MESSAGE_QUEUE"]
let recoveryWindow = ProcessInfo.processInfo.environment["RECOVERY_WINDOW"].flatMap(Double.init) ?? 0
let socketio = SocketIO(
    app, corsAllowedOrigins: "*", messageQueue: messageQueue,
    connectionStateRecovery: recoveryWindow > 0 ? .init(maxDisconnectionDuration: recoveryWindow) : nil)
socketio.on("message") { msg in
    try send(msg, broadcast: true)
}
socketio.run(app)
