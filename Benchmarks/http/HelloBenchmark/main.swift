// The "hello world" app that Benchmarks/http/run.sh measures against the same app
// written with Python Flask (hello_flask.py) and against nginx returning a constant.
import BenchmarkPageData
import Flaskish

struct Greeting: Encodable { let message: String; let id: Int }

// `/page` renders the template benchmark's first page (Benchmarks/templates/templates/page.html)
// from this checkout's own files, as hello_flask.py does.
let templatesRoot = benchmarkTemplatesRoot()
let app = Flask("hello", rootPath: templatesRoot, staticFolder: nil)
// hello_flask.py silences Werkzeug's per-request log; this is the same switch.
app.config["ACCESS_LOG"] = false
app.route("/") { _ in "Hello, World!" }
app.route("/json") { _ in try jsonify(Greeting(message: "Hello, World!", id: 1)) }
let pageContext = usersPageContext()
app.route("/page") { _ in try renderTemplate("page.html", pageContext) }
app.run(host: "127.0.0.1", port: 5000)   // --port/--host flags override, as in Flask's CLI
