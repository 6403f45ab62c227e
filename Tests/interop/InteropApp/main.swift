// The Swift twin of flask_app.py: the same routes, answering the same requests the same way.
// test_interop.py starts it, reads `PORT <n>` from stdout, and compares it with Flask.
//
//   InteropApp --root <folder holding static/> [--port N]
import Flaskish
import FlaskishTestSupport
import Foundation

let root = commandLineValue("--root") ?? FileManager.default.currentDirectoryPath

let app = Flask("interop", rootPath: root)
app.config["SECRET_KEY"] = "interop secret"
// Small limits so the suite can reach them; flask_app.py sets the same.
app.config["MAX_CONTENT_LENGTH"] = 100_000
app.config["MAX_FORM_MEMORY_SIZE"] = 2_000
app.config["MAX_FORM_PARTS"] = 20
app.config["TRUSTED_HOSTS"] = ["interop.test", ".interop.test"]

app.route("/") { _ in "Hello, World!" }
app.route("/user/<int:id>", endpoint: "user_by_id") { req in "user \(req.viewArgs["id"] ?? "")" }
app.route("/user/new") { _ in "new user form" }
app.route("/user/<name>", endpoint: "user_by_name") { req in "user name \(req.viewArgs["name"] ?? "")" }
app.route("/price/<float:amount>", endpoint: "price") { req in "price \(try req.viewArgs.get("amount", as: Double.self))" }
app.route("/files/<path:rest>", endpoint: "files") { req in "file \(req.viewArgs["rest"] ?? "")" }
app.route("/item/<uuid:id>", endpoint: "item") { req in "item \(req.viewArgs["id"] ?? "")" }
app.route("/color/<any(red, green):c>", endpoint: "color") { req in "color \(req.viewArgs["c"] ?? "")" }
app.route("/dir/", endpoint: "directory") { _ in "dir" }
app.route("/only-post", methods: [.POST]) { _ in "posted" }
app.route("/abort/<int:code>", endpoint: "abort_with") { req -> String in throw abort(HTTPStatus(try req.viewArgs.get("code", as: Int.self))) }
app.route("/go") { _ in redirect("/target?x=<1>&y=\"") }
app.route("/go-301") { _ in redirect(try urlFor("index"), code: .movedPermanently) }

app.route("/json/dict") { _ in
    jsonify(["b": 1, "a": [1, 2, "x"], "c": nil, "d": ["z": true, "y": 1.5], "e": "é</script>"] as JSONValue)
}
app.route("/json/list") { _ in jsonify([1, "two", 3.5, nil, false] as JSONValue) }
app.route("/json/echo", methods: [.POST]) { req in jsonify(try req.getJSON() ?? nil) }
app.route("/json/force", methods: [.POST]) { req in jsonify(try req.getJSON(force: true) ?? nil) }
app.route("/json/silent", methods: [.POST]) { req in jsonify(["got": (try? req.getJSON(silent: true)) ?? nil] as JSONValue) }

/// `k=v` pairs, keys sorted and each key's values in order (Werkzeug's MultiDict groups by key).
func listing(_ fields: MultiDict) -> String {
    Set(fields.keys).sorted().flatMap { key in fields.getAll(key).map { "\(key)=\($0)" } }.joined(separator: ";")
}
app.route("/form", methods: [.POST]) { req in listing(try req.form) }
app.route("/form/items", methods: [.POST]) { req in
    let pairs = { (items: [(key: String, value: String)]) in items.map { "\($0.key)=\($0.value)" }.joined(separator: ";") }
    return pairs(try req.form.items(multi: true)) + "|" + pairs(try req.form.items()) + "|" + pairs(req.args.items(multi: true))
}
app.route("/upload", methods: [.POST]) { req in
    var lines = try req.form.keys.sorted().flatMap { key in try req.form.getAll(key).map { "\(key)=\($0)" } }
    let files = try req.files
    for key in Set(files.keys).sorted() {
        for file in files.getAll(key) {
            lines.append("\(key):\(file.filename ?? "None"):\(file.mimetype):\(file.data.count):\(String(decoding: file.data, as: UTF8.self))")
        }
    }
    return lines.joined(separator: "\n")
}
app.route("/query") { req in listing(req.args) }
app.route("/cookie/set") { _ in
    var response = Response("set")
    response.setCookie("flavor", value: "choc chip", maxAge: 3600, httpOnly: true, sameSite: .lax)
    response.setCookie("plain", value: "v1")
    return response
}
app.route("/cookie/get") { req in "flavor=\(req.cookies["flavor"] ?? "-")" }
app.route("/cookie/delete") { _ in
    var response = Response("deleted")
    response.deleteCookie("flavor")
    return response
}

app.route("/session/set/<key>/<value>", endpoint: "session_set") { req in
    session[req.viewArgs["key"] ?? ""] = .string(req.viewArgs["value"] ?? "")
    return "stored"
}
app.route("/session/get") { _ in
    session.keys.map { "\($0)=\(session[$0]?.pythonText ?? "")" }.joined(separator: ";")
}
app.route("/session/permanent") { _ in
    session.permanent = true
    session["p"] = "yes"
    return "permanent"
}
app.route("/session/clear") { _ in
    session.clear()
    return "cleared"
}
app.route("/flash/<category>/<message>", endpoint: "flash_message") { req in
    flash(req.viewArgs["message"] ?? "", category: req.viewArgs["category"] ?? "")
    return redirect(try urlFor("flashes"))
}
app.route("/flashes") { _ in
    getFlashedMessagesWithCategories().map { "\($0.category):\($0.message)" }.joined(separator: ";")
}

app.contextProcessor { ["site": "Interop", "title": "overridden by the view"] }
app.templateFilter("shout") { value, _ in .string("\(value.pythonString)!".uppercased()) }

let items: TemplateValue = [
    ["name": "Tea <green>", "price": 2.5], ["name": "Cake & co", "price": 3], ["name": "Jam", "price": 10.125],
]
app.route("/template/page") { req in
    try renderTemplate("interop.html", [
        "title": "hello <world>", "items": req.args["empty"] == nil ? items : [],
        "data": ["b": [1, 2], "a": "</script>", "c": nil], "html": "<b>bold</b>",
    ])
}
let requestTemplate = "{{ request.url_root }}|{{ request.args.get('a') }}|{{ request.args.get('zz', 'none') }}|{{ request.args.getlist('a') }}|{{ request.args.to_dict() }}|{{ request.args.to_dict(flat=False) }}|{{ request.headers.get('x-tag') }}|{{ request.headers['X-TAG'] }}|{{ request.headers.get('nope', 'dflt') }}|{{ request.is_json }}|{{ request.blueprint }}|{{ 'a' in request.args }}|{{ request.args|length }}|{{ request.cookies.c }}|{{ request.cookies.get('d', '-') }}|{{ request.values.getlist('a') }}|{{ request.args.a }}|{{ request.args['b'] }}|{{ request.url }}|{{ request.full_path }}|{% for k in request.args %}{{ k }};{% endfor %}|{{ request.args.items()|list }}"
app.route("/template/request", methods: [.GET, .POST], endpoint: "template_request") { _ in try renderTemplateString(requestTemplate) }
app.route("/template/g", endpoint: "template_g") { _ in
    g["user"] = "ana"
    return try renderTemplateString("{{ g.get('user') }}|{{ g.get('missing', 'dflt') }}|{{ g.get('missing') }}|"
        + "{{ 'user' in g }}|{{ 'missing' in g }}|{{ g.user }}")
}
app.route("/template/string") { _ in
    try renderTemplateString("{{ a }}|{{ a|safe }}|{{ n|default('none') }}|{{ request.args|length }}", ["a": "<i>"])
}

extension JSONValue {
    /// Python's `str()` of the value, as the Flask twin prints session values.
    var pythonText: String {
        switch self {
        case .string(let text): text
        case .bool(let flag): flag ? "True" : "False"
        default: serializedString()
        }
    }
}
app.route("/created") { _ in Response("made", status: .created, headers: ["X-Custom": "yes"]) }

struct Boom: Error {}
app.route("/error") { _ -> String in throw Boom() }
app.errorhandler(418) { error in Response("custom teapot \(error.status.code)", status: 418) }

app.route("/url/<what>", endpoint: "urls") { req in
    switch req.viewArgs["what"] {
    case "uuid-text": try urlFor("item", ["id": "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"])
    case "int-text": try urlFor("user_by_id", ["id": "0042"])
    case "int-big": try urlFor("user_by_id", ["id": BigInteger("10000000000000000000000000")!])
    case "int-bad": try urlFor("user_by_id", ["id": "seven"])
    case "any-bad": try urlFor("color", ["c": "blue"])
    case "list": try urlFor("index", ["tag": ["a", "b c"], "empty": [String]()])
    case "user": try urlFor("user_by_id", ["id": 5, "q": "a b", "tag": "x&y"])
    case "static": try urlFor("static", ["filename": "css/app.css"])
    case "external": try urlFor("index", external: true)
    case "anchor": try urlFor("index", anchor: "part 2")
    case "blueprint": try urlFor("shop.item", ["id": 3])
    default: "?"
    }
}

/// The request's URL attributes, as flask_app.py's `request_url` prints them.
func urlAttributes(_ req: Request) -> String {
    [req.url, req.baseURL, req.fullPath, req.hostURL, req.urlRoot, req.host, req.path, req.queryString].joined(separator: "|")
}
app.route("/req/<path:rest>", endpoint: "request_url") { req in urlAttributes(req) }
app.route("/req/", endpoint: "request_url_root") { req in urlAttributes(req) }
app.route("/headers", endpoint: "request_headers") { req in
    ["X-Tag", "x-tag", "Accept", "Content-Type", "X-Empty"].map { req.headers[$0] ?? "-" }.joined(separator: "|")
}
app.route("/lang", endpoint: "languages") { req in
    let offers = req.args.getAll("offer")
    return req.acceptLanguages.bestMatch(offers.isEmpty ? ["en", "pt-BR", "fr-CA"] : offers, default: "none") ?? "none"
}
app.route("/mime", endpoint: "mimetypes") { req in
    req.acceptMimetypes.bestMatch(["application/json", "text/html", "text/plain"], default: "none") ?? "none"
}
app.beforeRequest { req in
    guard let stop = req.headers["X-Stop"], !stop.isEmpty else { return nil }
    return Response("stopped \(req.method.rawValue) \(req.path)", status: .accepted)
}
app.afterRequest { response in
    var response = response
    response.headers["X-After"] = "\(response.status.code) \(request.endpoint ?? "None")"
    return response
}
app.errorhandler(413) { _ in Response("too large at \(request.endpoint ?? "None")", status: .contentTooLarge) }

let shop = Blueprint("shop", urlPrefix: "/shop")
shop.route("/", endpoint: "home") { req in
    "shop \(req.blueprint ?? "None") \(req.endpoint ?? "None") \(try urlFor(".item", ["id": 9]))"
}
shop.route("/item/<int:id>", endpoint: "item") { req in "shop item \(req.viewArgs["id"] ?? "")" }
shop.errorhandler(404) { _ in Response("shop has no such thing", status: .notFound) }
shop.route("/missing", endpoint: "shop_missing") { _ -> String in throw abort(404) }
shop.beforeRequest { req in req.args["closed"].map { _ in Response("shop closed", status: .serviceUnavailable) } }
app.registerBlueprint(shop)

// The server's limits come from app.config (MAX_CONTENT_LENGTH above), as `flask run` would.
app.config["ACCESS_LOG"] = false
serveUntilTerminated(app)
