import Foundation
import FlaskishTestSupport
import Testing
@testable import Flaskish

/// Flask's template context: `session`, `get_flashed_messages`, the app's `url_for`, and
/// templates found in blueprints' folders.
struct TemplateContextTests {
    /// An app with a secret key whose `/render` renders `source` (a string template), and
    /// `/flash` flashing three messages.
    func app(_ source: String) -> Flask {
        let app = Flask()
        app.config["SECRET_KEY"] = "templates"
        app.route("/login/<name>") { req in
            session["user"] = .string(req.viewArgs["name"] ?? "")
            session["visits"] = 3
            return "ok"
        }
        app.route("/flash") { _ in
            flash("Saved.")
            flash("Disk <full>", category: "error")
            flash("Hello", category: "info")
            return redirect("/render")
        }
        app.route("/render") { _ in try renderTemplateString(source) }
        app.route("/flashes-left") { _ in String(session["_flashes"]?.arrayValue?.count ?? 0) }
        return app
    }

    func render(_ source: String, after paths: [String] = []) async -> Response {
        let client = app(source).testClient()
        for path in paths { _ = await client.get(path) }
        return await client.get("/render")
    }

    // MARK: session

    @Test(arguments: [
        ("{{ session.user }}", "ana"),
        ("{{ session['user'] }}-{{ session.visits + 1 }}", "ana-4"),
        ("{{ session.get('nope', 'guest') }} {{ session.get('user') }}", "guest ana"),
        ("{{ 'user' in session }} {{ 'nope' in session }} {{ session|length }}", "True False 2"),
        ("{% for key, value in session.items() %}{{ key }}={{ value }};{% endfor %}", "user=ana;visits=3;"),
        ("{% for key in session %}{{ key }},{% endfor %}", "user,visits,"),
        ("{{ session.permanent }} {{ session.new }}", "False False"),
        ("{% if session %}in{% else %}out{% endif %}", "in"),
    ])
    func sessionIsReadableInTemplates(source: String, expected: String) async {
        let response = await render(source, after: ["/login/ana"])
        #expect(response.text == expected)
        #expect(response.headers.values(for: "Vary").contains("Cookie"))
    }

    @Test func emptySessionIsFalsyAndUndefinedKeysAreEmpty() async {
        #expect(await render("{% if session %}in{% else %}out{% endif %}[{{ session.user }}]").text == "out[]")
    }

    /// Flask only adds `Vary: Cookie` when the session was read.
    @Test func aTemplateThatIgnoresTheSessionDoesNotTouchIt() async {
        let response = await render("plain", after: ["/login/ana"])
        #expect(response.text == "plain")
        #expect(!response.headers.values(for: "Vary").contains("Cookie"))
    }

    @Test func sessionValuesAreEscaped() async {
        let response = await render("{{ session.user }}", after: ["/login/<b>"])
        #expect(response.text == "&lt;b&gt;")
    }

    // MARK: get_flashed_messages

    @Test(arguments: [
        ("{{ get_flashed_messages() }}", "[&#39;Saved.&#39;, &#39;Disk &lt;full&gt;&#39;, &#39;Hello&#39;]"),
        ("{% for m in get_flashed_messages() %}<{{ m }}>{% endfor %}", "<Saved.><Disk &lt;full&gt;><Hello>"),
        ("{% for c, m in get_flashed_messages(with_categories=true) %}{{ c }}:{{ m }};{% endfor %}",
         "message:Saved.;error:Disk &lt;full&gt;;info:Hello;"),
        ("{{ get_flashed_messages(category_filter=['error', 'info'])|join('|') }}", "Disk &lt;full&gt;|Hello"),
        ("{% for c, m in get_flashed_messages(true, ['info']) %}{{ c }}:{{ m }}{% endfor %}", "info:Hello"),
        ("{{ get_flashed_messages(with_categories=true, category_filter=['nope'])|length }}", "0"),
        ("{{ getFlashedMessages()|length }}", "3"),
    ])
    func flashedMessagesInTemplates(source: String, expected: String) async {
        let client = app(source).testClient()
        let response = await client.get("/flash", followRedirects: true)
        #expect(response.text == expected)
        // Read once (filtered or not), they are all gone from the session for the next request.
        #expect(await client.get("/flashes-left").text == "0")
    }

    @Test func theSameListIsSeenTwiceInOneRequest() async {
        let source = "{{ get_flashed_messages()|length }}{{ get_flashed_messages(category_filter=['info'])|length }}"
        #expect(await app(source).testClient().get("/flash", followRedirects: true).text == "31")
    }

    @Test func noMessagesGiveAnEmptyList() async {
        #expect(await render("{{ get_flashed_messages() }}|{{ get_flashed_messages(with_categories=true) }}").text == "[]|[]")
    }

    @Test(arguments: ["{{ get_flashed_messages(colour=1) }}", "{{ get_flashed_messages(1, 2, 3) }}"])
    func badArgumentsAreAServerError(source: String) async {
        let app = app(source)
        app.config["LOG_LEVEL"] = "CRITICAL"
        #expect(await app.testClient().get("/render").status == .internalServerError)
    }

    // MARK: url_for

    func urlApp() -> Flask {
        let app = Flask()
        app.route("/") { _ in "home" }
        app.route("/user/<int:id>", methods: [.GET]) { _ in "user" }
        app.route("/user/<int:id>/edit", methods: [.POST], endpoint: "edit") { _ in "edit" }
        app.route("/page") { req in try renderTemplateString(req.args["t"] ?? "") }
        let shop = Blueprint("shop", urlPrefix: "/shop")
        shop.route("/") { _ in "shop" }
        shop.route("/item/<name>") { _ in "item" }
        shop.route("/page") { req in try renderTemplateString(req.args["t"] ?? "") }
        app.registerBlueprint(shop)
        return app
    }

    func page(_ template: String, under prefix: String = "") async -> Response {
        let app = urlApp()
        app.config["LOG_LEVEL"] = "CRITICAL"
        let query = URLCoding.percentEncode(template, safe: .unreserved)
        return await app.testClient().get("\(prefix)/page?t=\(query)")
    }

    @Test(arguments: [
        ("{{ url_for('user_id', id=7) }}", "/user/7"),
        ("{{ url_for('user_id', id=7, tab='a b', empty=none) }}", "/user/7?tab=a+b"),
        // Flask: a list or tuple repeats its parameter (autoescaping writes `&` as `&amp;`).
        ("{{ url_for('user_id', id=7, tag=['a', 'b c']) }}", "/user/7?tag=a&amp;tag=b+c"),
        ("{{ url_for('user_id', id=7, tag=('c',), n=[1, none, true]) }}", "/user/7?n=1&amp;n=True&amp;tag=c"),
        ("{{ url_for('user_id', id=7, tag=[]) }}", "/user/7"),
        ("{{ url_for('index', _external=true) }}", "http://localhost/"),
        ("{{ url_for('index', _external=true, _scheme='https') }}", "https://localhost/"),
        ("{{ url_for('index', _scheme='https') }}", "https://localhost/"),
        ("{{ url_for('user_id', id=1, _anchor='top bit') }}", "/user/1#top%20bit"),
        ("{{ url_for('edit', id=2, _method='POST') }}", "/user/2/edit"),
        ("{{ urlFor('shop.item_name', name='hat') }}", "/shop/item/hat"),
        ("{{ url_for('static', filename='x.css') if false else url_for('shop.index') }}", "/shop/"),
    ])
    func urlForInTemplates(template: String, expected: String) async {
        let response = await page(template)
        #expect(response.status == .ok)
        #expect(response.text == expected)
    }

    /// `.name` is relative to the blueprint of the request being handled.
    @Test func relativeEndpointsUseTheRequestsBlueprint() async {
        #expect(await page("{{ url_for('.item_name', name='cap') }} {{ url_for('.index') }}", under: "/shop").text == "/shop/item/cap /shop/")
        // At the app level a leading dot is just dropped, as in Flask.
        #expect(await page("{{ url_for('.index') }}").text == "/")
    }

    @Test(arguments: [
        "{{ url_for('nope') }}", "{{ url_for('user_id') }}", "{{ url_for() }}", "{{ url_for('index', _scheme='https', _external=false) }}",
    ])
    func unbuildableURLsAreAServerError(template: String) async {
        #expect(await page(template).status == .internalServerError)
    }

    // MARK: blueprint templates

    /// `root/templates` for the app, and the given blueprint folders under `root`.
    func templateApp(app: [String: String], folders: [String: [String: String]]) throws -> (Flask, TemporaryFolder) {
        var files: [String: String] = [:]
        for (name, text) in app { files["templates/" + name] = text }
        for (folder, templates) in folders {
            for (name, text) in templates { files[folder + "/" + name] = text }
        }
        let root = try TemporaryFolder(files: files)
        let flask = Flask(rootPath: root.path)
        flask.keepAlive(root)
        return (flask, root)
    }

    @Test func blueprintTemplatesAreFoundAfterTheAppsInRegistrationOrder() async throws {
        let (app, root) = try templateApp(
            app: ["shared.html": "app", "layout.html": "[{% block body %}{% endblock %}]"],
            folders: [
                "zeta/templates": ["shared.html": "zeta", "zeta/only.html": "{% extends 'layout.html' %}{% block body %}zeta only{% endblock %}", "both.html": "zeta"],
                "alpha/templates": ["both.html": "alpha", "alpha.html": "alpha {{ url_for('.page') }}"],
            ])
        // Registered zeta first: Flask searches in registration order, not by name.
        let zeta = Blueprint("zeta", urlPrefix: "/z", templateFolder: "templates", rootPath: root.path + "/zeta")
        zeta.route("/page") { req in try renderTemplate(req.args["t"] ?? "") }
        let alpha = Blueprint("alpha", urlPrefix: "/a", templateFolder: root.path + "/alpha/templates")
        alpha.route("/page") { req in try renderTemplate(req.args["t"] ?? "") }
        app.registerBlueprint(zeta)
        app.registerBlueprint(alpha)
        let client = app.testClient()
        #expect(await client.get("/z/page?t=shared.html").text == "app")
        #expect(await client.get("/a/page?t=both.html").text == "zeta")
        #expect(await client.get("/z/page?t=zeta/only.html").text == "[zeta only]")
        #expect(await client.get("/a/page?t=alpha.html").text == "alpha /a/page")
        #expect(app.templateSearchPath == [root.path + "/templates", root.path + "/zeta/templates", root.path + "/alpha/templates"])
    }

    @Test func blueprintsRegisteredAfterTheEnvironmentWasMadeAreSearched() async throws {
        let (app, root) = try templateApp(app: [:], folders: ["late/tpl": ["late.html": "late {{ 1 + 1 }}"]])
        app.jinjaEnv.globals["answer"] = 42
        app.registerBlueprint(Blueprint("late", templateFolder: "tpl", rootPath: root.path + "/late"))
        app.route("/") { _ in try renderTemplate("late.html") }
        #expect(await app.testClient().get("/").text == "late 2")
    }

    @Test func aTemplateInNoFolderNamesEveryFolderSearched() throws {
        let (app, root) = try templateApp(app: [:], folders: ["b/tpl": [:]])
        app.registerBlueprint(Blueprint("b", templateFolder: "tpl", rootPath: root.path + "/b"))
        #expect {
            try app.jinjaEnv.getTemplate("missing.html")
        } throws: { error in
            guard let notFound = error as? TemplateNotFound else { return false }
            return notFound.searchPath == [root.path + "/templates", root.path + "/b/tpl"]
        }
    }

    // MARK: over a real server

    @Test func sessionFlashAndURLForOverALiveServer() async throws {
        let app = app("{{ session.user }}|{% for c, m in get_flashed_messages(with_categories=true) %}{{ c }}:{{ m }};{% endfor %}|{{ url_for('render', _external=true) }}")
        try await withLiveServer(app) { port in
            let login = try liveRequest("GET", "/login/ana", port: port)
            let first = try #require(login.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
            let flashed = try liveRequest("GET", "/flash", port: port, headers: [("Cookie", first)])
            #expect(flashed.status == 302)
            let second = try #require(flashed.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
            let page = try liveRequest("GET", "/render", port: port, headers: [("Cookie", second)])
            #expect(page.status == 200)
            #expect(page.text == "ana|message:Saved.;error:Disk &lt;full&gt;;info:Hello;|http://127.0.0.1:\(port)/render")
            #expect(page.header("Vary") == "Cookie")
        }
    }

    @Test func blueprintTemplateOverALiveServer() async throws {
        let (app, root) = try templateApp(app: [:], folders: ["bp/templates": ["hello.html": "<p>{{ url_for('.hello', _anchor='x') }}</p>"]])
        let bp = Blueprint("bp", urlPrefix: "/bp", templateFolder: "templates", rootPath: root.path + "/bp")
        bp.route("/hello") { _ in try renderTemplate("hello.html") }
        app.registerBlueprint(bp)
        try await withLiveServer(app) { port in
            let reply = try liveRequest("GET", "/bp/hello", port: port)
            #expect(reply.status == 200)
            #expect(reply.text == "<p>/bp/hello#x</p>")
            #expect(reply.header("Content-Type") == "text/html; charset=utf-8")
        }
    }
}
