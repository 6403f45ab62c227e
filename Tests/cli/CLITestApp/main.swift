// The Swift twin of Tests/cli/routes_app.py: the same rules and endpoints, so `CLITestApp
// routes` can be compared with `flask --app routes_app routes`, plus commands for the CLI
// tests. With CLITESTAPP_PROXY_FIX="xFor,xProto,xHost,xPort,xPrefix" it trusts a proxy
// (Tests/deployment puts nginx in front).
import Flaskish
import Foundation

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().path
let app = Flask("CLITestApp", rootPath: root)

if let counts = ProcessInfo.processInfo.environment["CLITESTAPP_PROXY_FIX"]?.split(separator: ",").compactMap({ Int($0) }),
   counts.count == 5 {
    ProxyFix(app, xFor: counts[0], xProto: counts[1], xHost: counts[2], xPort: counts[3], xPrefix: counts[4])
}

app.route("/") { _ in "index" }
app.route("/user/<int:id>", endpoint: "user_by_id") { req in "user \(try req.viewArgs.get("id", as: Int.self))" }
app.route("/user/<name>", methods: [.GET, .POST], endpoint: "user_by_name") { req in "name \(req.viewArgs["name"] ?? "")" }
app.route("/files/<path:rest>", endpoint: "files") { req in "file \(req.viewArgs["rest"] ?? "")" }
app.route("/dir/", endpoint: "directory") { _ in "dir" }
app.route("/only-post", methods: [.POST], endpoint: "only_post") { _ in "posted" }
app.route("/items", methods: [.PUT, .DELETE], endpoint: "items") { _ in "items" }
app.route("/zeta", endpoint: "alpha") { _ in "alpha" }
app.route("/über", endpoint: "ueber") { _ in "über" }
app.route("/whoami", endpoint: "whoami") { req in
    jsonify([
        "remote_addr": .string(req.remoteAddr),
        "scheme": .string(req.scheme),
        "host": .string(req.host),
        "url": .string(req.url),
        "script_root": .string(req.scriptRoot),
        "external": .string(try urlFor("whoami", external: true)),
        "user_url": .string(try urlFor("user_by_id", ["id": 7])),
    ] as JSONValue)
}

let shop = Blueprint("shop", urlPrefix: "/shop")
shop.route("/", endpoint: "home") { _ in "shop" }
shop.route("/item/<int:id>", endpoint: "item") { req in "item \(try req.viewArgs.get("id", as: Int.self))" }
app.registerBlueprint(shop)

struct Refused: Error, CustomStringConvertible {
    var description: String { "the database is locked" }
}

app.cli.command("init-db", help: """
    Create the database tables.

    Runs inside an app context, as Flask's commands do.
    """, [
    .flag("drop", help: "Drop existing tables first."),
    .option("seed", Int.self, short: "s", default: 0, help: "Rows of sample data."),
    .choice("engine", ["sqlite", "memory"], default: "sqlite", help: "Where the tables live."),
    .argument("path", required: false, help: "The database file."),
]) { args in
    let url = try currentApp.urlFor("user_by_id", ["id": 3])
    print("init-db app=\(currentApp.name) path=\(args["path"] ?? "-") drop=\(args.flag("drop")) "
          + "seed=\(args.get("seed", as: Int.self) ?? -1) engine=\(args["engine"] ?? "-") url=\(url)")
}

app.cli.command("greet", help: "Say hello.", [
    .argument("name", help: "Who to greet."),
    .option("times", Int.self, default: 1),
]) { args in
    for _ in 0..<(args.get("times", as: Int.self) ?? 1) { print("Hello, \(args["name"] ?? "")!") }
}

app.cli.command("fail", help: "Fails, to test the exit status.") { _ in throw Refused() }
app.cli.command("exit-3", help: "Exits with status 3.") { _ in throw CLIExit(3) }
// A SIGTERM that arrives the instant the server starts catching it (as a supervisor stopping
// its app right after the banner can): it must be caught, never lost.
app.cli.command("catch-term", help: "Catches a SIGTERM sent to itself at once.") { _ in
    let termination = TerminationSignal()
    kill(getpid(), SIGTERM)
    termination.wait()
    print("caught")
}

app.run()
