import Synchronization
import Testing
@testable import Flaskish

/// Routing as an app shows it: the pages, headers and hook order Flask gives, through the
/// test client (see `RoutingBehaviourLiveTests` for the same over a socket).
struct RoutingBehaviourTests {
    static let notFoundPage = "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n"
    static let methodNotAllowedPage = "<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n<p>The method is not allowed for the requested URL.</p>\n"
    static let badRequestPage = "<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n<p>The browser (or proxy) sent a request that this server could not understand.</p>\n"

    static func app() -> Flask {
        let app = Flask()
        app.route("/") { _ in "index" }
        app.route("/dir/") { _ in "dir" }
        app.route("/post", methods: [.POST]) { _ in "posted" }
        app.route("/user/<int:id>") { req in "int \(try req.viewArgs.get("id", as: Int.self))" }
        app.route("/user/new") { _ in "static new" }
        app.route("/user/<name>") { req in "string \(req.viewArgs["name"] ?? "")" }
        app.route("/price/<float:amount>") { req in "float \(try req.viewArgs.get("amount", as: Double.self))" }
        app.route("/files/<path:rest>") { req in "path \(req.viewArgs["rest"] ?? "")" }
        app.route("/item/<uuid:id>") { req in "uuid \(req.viewArgs["id"] ?? "")" }
        app.route("/color/<any(red, green):c>") { req in "any \(req.viewArgs["c"] ?? "")" }
        app.route("/abort400") { _ -> String in throw abort(400) }
        app.route("/go") { _ in redirect("/target?x=<1>&y=\"") }
        return app
    }

    @Test(arguments: [
        ("/user/42", "int 42"), ("/user/new", "static new"), ("/user/ana", "string ana"),
        ("/price/2.5", "float 2.5"), ("/files/a/b/c.txt", "path a/b/c.txt"),
        ("/item/a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "uuid a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
        ("/color/green", "any green"), ("/user/-1", "string -1"),
    ])
    func convertersAndStaticBeforeVariablePrecedence(path: String, body: String) async {
        let response = await Self.app().testClient().get(path)
        #expect(response.status == .ok)
        #expect(response.text == body)
    }

    @Test(arguments: ["/nope", "/color/blue", "/price/2", "/item/not-a-uuid", "/post/"])
    func unmatchedPathsGetWerkzeugsNotFoundPage(path: String) async {
        let response = await Self.app().testClient().get(path)
        #expect(response.status == .notFound)
        #expect(response.text == Self.notFoundPage)
        #expect(response.contentType == "text/html; charset=utf-8")
    }

    @Test func wrongMethodGets405WithAllow() async {
        let response = await Self.app().testClient().get("/post")
        #expect(response.status == .methodNotAllowed)
        #expect(response.text == Self.methodNotAllowedPage)
        #expect(response.headers["Allow"] == "OPTIONS, POST")
    }

    @Test func missingTrailingSlashRedirects308KeepingTheQuery() async {
        let response = await Self.app().testClient().get("/dir?x=1&y=2")
        #expect(response.status == .permanentRedirect)
        #expect(response.location == "http://localhost/dir/?x=1&y=2")
        #expect(response.text == "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href=\"http://localhost/dir/?x=1&amp;y=2\">http://localhost/dir/?x=1&amp;y=2</a>. If not, click the link.\n")
    }

    @Test func headAndOptionsAreAutomatic() async {
        let client = Self.app().testClient()
        let head = await client.open("/dir/", method: .HEAD)
        #expect(head.status == .ok)
        #expect(head.data.isEmpty)
        let options = await client.open("/dir/", method: .OPTIONS)
        #expect(options.status == .ok)
        #expect(options.text.isEmpty)
        #expect(options.headers["Allow"] == "GET, HEAD, OPTIONS")
    }

    @Test func abortGivesWerkzeugsPage() async {
        let response = await Self.app().testClient().get("/abort400")
        #expect(response.status == .badRequest)
        #expect(response.text == Self.badRequestPage)
    }

    @Test func redirectBodyEscapesAndLocationQuotes() async {
        let response = await Self.app().testClient().get("/go")
        #expect(response.status == .found)
        #expect(response.location == "/target?x=%3C1%3E&y=%22")
        #expect(response.text == "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href=\"/target?x=&lt;1&gt;&amp;y=&#34;\">/target?x=&lt;1&gt;&amp;y=&#34;</a>. If not, click the link.\n")
    }

    @Test func errorHandlersByCodeAndByType() async {
        struct Conflict: Error { let what: String }
        let app = Self.app()
        app.errorhandler(404) { error in Response("custom \(error.status.code)", status: .notFound) }
        app.errorhandler(405) { _ in "no such method".withStatusOrOK(.methodNotAllowed) }
        app.errorhandler(Conflict.self) { error in Response("conflict: \(error.what)", status: .conflict) }
        app.route("/conflict") { _ -> String in throw Conflict(what: "name taken") }
        let client = app.testClient()
        #expect(await client.get("/nope").text == "custom 404")
        #expect(await client.get("/post").text == "no such method")
        let conflict = await client.get("/conflict")
        #expect(conflict.status == .conflict)
        #expect(conflict.text == "conflict: name taken")
    }

    @Test func beforeRequestShortCircuitsEvenUnknownURLs() async {
        let app = Self.app()
        app.beforeRequest { req in req.args["key"] == "secret" ? nil : Response("denied", status: .forbidden) }
        let client = app.testClient()
        #expect(await client.get("/").text == "denied")
        #expect(await client.get("/nope").text == "denied")
        #expect(await client.get("/?key=secret").text == "index")
    }

    @Test func afterRequestMayReplaceTheResponse() async {
        let app = Self.app()
        app.afterRequest { response in
            response.status == .notFound ? Response("replaced", status: .gone) : response
        }
        let response = await app.testClient().get("/nope")
        #expect(response.status == .gone)
        #expect(response.text == "replaced")
    }

    @Test func teardownReceivesTheUnhandledError() async {
        struct Boom: Error {}
        let seen = Mutex<[String]>([])
        let app = Self.app()
        app.route("/boom") { _ -> String in throw Boom() }
        app.teardownRequest { error in seen.withLock { $0.append(error.map { "\($0)" } ?? "nil") } }
        let client = app.testClient()
        #expect(await client.get("/boom").status == .internalServerError)
        _ = await client.get("/")
        _ = await client.get("/nope")
        #expect(seen.withLock { $0 } == ["Boom()", "nil", "nil"])
    }

    @Test func middlewareSees404And405And500() async {
        struct Boom: Error {}
        let statuses = Mutex<[Int]>([])
        let app = Self.app()
        app.route("/boom") { _ -> String in throw Boom() }
        app.use { request, next in
            let response = try await next(request)
            statuses.withLock { $0.append(response.status.code) }
            return response.withHeaders(["X-Seen": "yes"])
        }
        let client = app.testClient()
        #expect(await client.get("/nope").headers["X-Seen"] == "yes")
        #expect(await client.get("/post").headers["X-Seen"] == "yes")
        #expect(await client.get("/boom").headers["X-Seen"] == "yes")
        #expect(statuses.withLock { $0 } == [404, 405, 500])
    }
}

private extension String {
    func withStatusOrOK(_ status: HTTPStatus) -> Response { Response(self, status: status) }
}
