// The "hello world" app that Benchmarks/http/run.sh measures against the same app
// written with Python Flask (hello_flask.py) and against nginx returning a constant.
import Flaskish

struct Greeting: Encodable { let message: String; let id: Int }

let app = Flask()
// hello_flask.py silences Werkzeug's per-request log; this is the same switch.
app.config["ACCESS_LOG"] = false
app.route("/") { _ in "Hello, World!" }
app.route("/json") { _ in try jsonify(Greeting(message: "Hello, World!", id: 1)) }
app.run(host: "127.0.0.1", port: 5000)   // --port/--host flags override, as in Flask's CLI
