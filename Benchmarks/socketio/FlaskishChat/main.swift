// The chat fan-out server that Benchmarks/socketio/run.sh measures: the Flaskish twin of
// chat_flask_socketio.py. Every `message` event goes back to every connected client, the
// sender included, as Flask-SocketIO's `send(msg, broadcast=True)` does.
//
// Port: `--port N` (or FLASK_RUN_PORT), as with `flask run`; run.sh picks a free one.
import Flaskish
import FlaskishSocketIO

let app = Flask()
// The Python original logs nothing per request either (see chat_flask_socketio.py).
app.config["ACCESS_LOG"] = false
let socketio = SocketIO(app, corsAllowedOrigins: "*")
socketio.on("message") { msg in
    try send(msg, broadcast: true)
}
socketio.run(app)
