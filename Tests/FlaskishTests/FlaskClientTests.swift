import Testing
@testable import Flaskish

/// The test client: cookies across requests, redirects, form and multipart posts, sessions.
struct FlaskClientTests {
    func app() -> Flask {
        let app = Flask()
        app.config["SECRET_KEY"] = "client secret"
        app.route("/set/<name>/<value>") { req in
            var response = Response("set")
            response.setCookie(req.viewArgs["name"] ?? "", value: req.viewArgs["value"] ?? "", path: req.args["path"] ?? "/")
            return response
        }
        app.route("/expire/<name>") { req in
            var response = Response("gone")
            response.deleteCookie(req.viewArgs["name"] ?? "", path: req.args["path"] ?? "/")
            return response
        }
        app.route("/cookies") { req in req.headers["Cookie"] ?? "" }
        app.route("/admin/cookies") { req in req.headers["Cookie"] ?? "" }
        app.route("/old") { _ in redirect("/new") }
        app.route("/new") { req in "new \(req.method.rawValue) \(req.data.count)" }
        app.route("/chain") { _ in redirect("http://localhost/old", code: .movedPermanently) }
        app.route("/keep", methods: [.POST]) { _ in redirect("/echo", code: .temporaryRedirect) }
        app.route("/see-other", methods: [.POST]) { _ in redirect("/new", code: .seeOther) }
        app.route("/echo", methods: [.POST]) { req in "echo \(req.method.rawValue) \(req.text)" }
        app.route("/external") { _ in redirect("https://example.com/x") }
        app.route("/loop") { _ in redirect("/loop") }
        app.route("/relative/a") { _ in redirect("b?x=1") }
        app.route("/relative/b") { req in "b \(req.args["x"] ?? "")" }
        app.route("/whoami") { _ in session["user"]?.stringValue ?? "nobody" }
        app.route("/head") { _ in "body" }
        return app
    }

    @Test func cookiesAreKeptAndSentBack() async {
        let client = app().testClient()
        _ = await client.get("/set/a/1")
        _ = await client.get("/set/b/2")
        #expect(await client.get("/cookies").text == "a=1; b=2")
        _ = await client.get("/set/a/3")
        #expect(await client.get("/cookies").text == "a=3; b=2")
        #expect(client.cookies == ["a": "3", "b": "2"])
    }

    @Test func maxAgeZeroDeletesTheCookie() async {
        let client = app().testClient()
        _ = await client.get("/set/a/1")
        _ = await client.get("/expire/a")
        #expect(await client.get("/cookies").text == "")
        #expect(client.getCookie("a") == nil)
    }

    @Test func cookiesAreSentOnlyUnderTheirPath() async {
        let client = app().testClient()
        _ = await client.get("/set/a/1?path=/admin")
        _ = await client.get("/set/b/2")
        #expect(await client.get("/cookies").text == "b=2")
        #expect(await client.get("/admin/cookies").text == "a=1; b=2")
        _ = await client.get("/expire/a?path=/admin")
        #expect(await client.get("/admin/cookies").text == "b=2")
    }

    @Test func absoluteURLsUseTheirPathForCookies() async {
        let client = app().testClient()
        _ = await client.get("/set/a/1?path=/admin")
        #expect(await client.get("http://localhost/admin/cookies").text == "a=1")
        #expect(FlaskClient.pathOnly("http://localhost") == "/")
        #expect(FlaskClient.pathOnly("/a/b?c=/d") == "/a/b")
    }

    @Test func explicitCookieHeaderWins() async {
        let client = app().testClient()
        _ = await client.get("/set/a/1")
        #expect(await client.get("/cookies", headers: ["Cookie": "z=9"]).text == "z=9")
    }

    @Test func setAndDeleteCookieByHand() async {
        let client = app().testClient()
        client.setCookie("hand", value: "made")
        #expect(client.getCookie("hand")?.value == "made")
        #expect(await client.get("/cookies").text == "hand=made")
        client.deleteCookie("hand")
        #expect(await client.get("/cookies").text == "")
    }

    @Test func redirectsAreNotFollowedByDefault() async {
        let response = await app().testClient().get("/old")
        #expect(response.statusCode == 302)
        #expect(response.location == "/new")
    }

    @Test func followRedirectsReturnsTheFinalResponseWithHistory() async {
        let client = app().testClient()
        #expect(await client.get("/old", followRedirects: true).text == "new GET 0")
        let chain = await client.follow("/chain")
        #expect(chain.response.text == "new GET 0")
        #expect(chain.history.map(\.statusCode) == [301, 302])
        #expect(chain.paths == ["/chain", "/old", "/new"])
    }

    @Test func temporaryRedirectKeepsMethodAndBody() async {
        let response = await app().testClient().post("/keep", body: Array("data".utf8), followRedirects: true)
        #expect(response.text == "echo POST data")
    }

    @Test func seeOtherTurnsAPostIntoAGetWithoutBody() async {
        let response = await app().testClient().post("/see-other", form: [("a", "1")], followRedirects: true)
        #expect(response.text == "new GET 0")
    }

    @Test func relativeLocationsResolveAgainstTheCurrentPath() async {
        let chain = await app().testClient().follow("/relative/a")
        #expect(chain.response.text == "b 1")
        #expect(chain.paths == ["/relative/a", "/relative/b?x=1"])
    }

    @Test func externalRedirectIsReturnedAsIs() async {
        let response = await app().testClient().get("/external", followRedirects: true)
        #expect(response.statusCode == 302)
        #expect(response.location == "https://example.com/x")
    }

    @Test func redirectLoopStopsAtTheLimit() async {
        let chain = await app().testClient().follow("/loop", maxRedirects: 3)
        #expect(chain.history.count == 3)
        #expect(chain.response.statusCode == 302)
        #expect(chain.paths.count == 4)
    }

    @Test func sessionTransactionSetsUpTheSession() async throws {
        let client = app().testClient()
        #expect(await client.get("/whoami").text == "nobody")
        try client.sessionTransaction { session in session["user"] = "ana" }
        #expect(await client.get("/whoami").text == "ana")
        let seen = try client.sessionTransaction { session in session["user"]?.stringValue }
        #expect(seen == "ana")
        try client.sessionTransaction { session in session.clear() }
        #expect(await client.get("/whoami").text == "nobody")
    }

    @Test func sessionTransactionNeedsASecretKey() {
        let app = Flask()
        #expect(throws: SessionUnavailableError.self) { try app.testClient().sessionTransaction { _ in } }
    }

    @Test func headResponsesHaveNoBody() async {
        let response = await app().testClient().open("/head", method: .HEAD)
        #expect(response.statusCode == 200)
        #expect(response.data.isEmpty)
    }

    @Test func responseConveniences() async {
        let app = Flask()
        app.route("/j") { _ in jsonify(["a": [1, true]]) }
        app.route("/problem") { _ in Response("{\"x\":1}", contentType: "application/problem+json") }
        app.route("/t") { _ in "text" }
        let client = app.testClient()
        let json = await client.get("/j")
        #expect(json.statusCode == 200)
        #expect(json.isJSON)
        #expect(json.json == ["a": [1, true]])
        #expect(await client.get("/problem").json == ["x": 1])
        let text = await client.get("/t")
        #expect(text.json == nil && !text.isJSON)
        #expect(await client.get("/missing").statusCode == 404)
    }

    @Test(arguments: [
        ("/new", "/a/b", "localhost", "/new"),
        ("new", "/a/b", "localhost", "/a/new"),
        ("new?x=1", "/a/b?y=2", "localhost", "/a/new?x=1"),
        ("http://localhost/x#frag", "/", "localhost", "/x"),
        ("http://LOCALHOST:5000", "/", "localhost", "/"),
        ("http://localhost?q=1", "/", "localhost", "/?q=1"),
        ("//localhost/p", "/", "localhost", "/p"),
    ])
    func locationsResolve(location: String, current: String, host: String, expected: String) {
        #expect(FlaskClient.resolve(location, from: current, host: host) == expected)
    }

    @Test func otherHostsDoNotResolve() {
        #expect(FlaskClient.resolve("http://example.com/x", from: "/", host: "localhost") == nil)
        #expect(FlaskClient.resolve("//example.com/x", from: "/", host: "localhost") == nil)
    }
}
