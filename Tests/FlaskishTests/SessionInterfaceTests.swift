import FlaskishTestSupport
import Testing
@testable import Flaskish

/// Sessions end to end: loading, saving, deleting, `Vary`, the `SESSION_*` settings, and the
/// missing secret key; through the test client and over a live server.
struct SessionInterfaceTests {
    func sessionApp(_ configure: (Flask) -> Void = { _ in }) -> Flask {
        let app = Flask()
        app.config["SECRET_KEY"] = "test secret"
        configure(app)
        app.route("/") { _ in "hello" }
        app.route("/login/<name>") { req in
            session["user"] = .string(req.viewArgs["name"] ?? "")
            return "ok"
        }
        app.route("/me") { _ in session["user"]?.stringValue ?? "anonymous" }
        app.route("/logout") { _ in session.clear(); return "bye" }
        app.route("/permanent") { _ in session.permanent = true; session["user"] = "p"; return "ok" }
        app.route("/fail") { _ -> String in
            session["user"] = "failed"
            throw abort(.badRequest)
        }
        return app
    }

    @Test func untouchedSessionSetsNoCookieAndNoVary() async {
        let response = await sessionApp().testClient().get("/")
        #expect(response.headers["Set-Cookie"] == nil)
        #expect(response.headers["Vary"] == nil)
    }

    @Test func writtenSessionIsSavedAndReadBack() async {
        let client = sessionApp().testClient()
        let login = await client.get("/login/ana")
        let cookie = login.headers["Set-Cookie"] ?? ""
        #expect(cookie.hasPrefix("session="))
        #expect(cookie.hasSuffix("; HttpOnly; Path=/"))
        #expect(!cookie.contains("Expires"))
        #expect(login.headers["Vary"] == "Cookie")
        let me = await client.get("/me")
        #expect(me.text == "ana")
        #expect(me.headers["Vary"] == "Cookie")
        #expect(me.headers["Set-Cookie"] == nil)
    }

    @Test func clearingDeletesTheCookie() async {
        let client = sessionApp().testClient()
        _ = await client.get("/login/ana")
        let logout = await client.get("/logout")
        #expect(logout.headers["Set-Cookie"] == "session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/")
        #expect(client.cookies["session"] == nil)
        #expect(await client.get("/me").text == "anonymous")
    }

    @Test func clearingAnEmptySessionStillSendsTheDeletionAndPeekingSendsNothing() async {
        let response = await sessionApp().testClient().get("/logout")
        #expect(response.headers["Set-Cookie"] == "session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/")
        let untouched = sessionApp { app in app.route("/peek") { _ in session.isEmpty ? "empty" : "full" } }
        #expect(await untouched.testClient().get("/peek").headers["Set-Cookie"] == nil)
    }

    @Test func tamperedCookieGivesAnEmptySession() async throws {
        let client = sessionApp().testClient()
        _ = await client.get("/login/ana")
        let value = try #require(client.cookies["session"])
        client.setCookie("session", value: "x" + value.dropFirst())
        #expect(await client.get("/me").text == "anonymous")
        client.setCookie("session", value: "garbage")
        #expect(await client.get("/me").text == "anonymous")
    }

    @Test func cookieOlderThanTheLifetimeGivesAnEmptySession() async {
        let app = sessionApp { $0.config["PERMANENT_SESSION_LIFETIME"] = 100 }
        let codec = SessionCookieCodec(secretKey: Array("test secret".utf8))
        let now = SessionInterface.now()
        let client = app.testClient()
        client.setCookie("session", value: codec.encode(["user": "old"], now: now - 50))
        #expect(await client.get("/me").text == "old")
        client.setCookie("session", value: codec.encode(["user": "old"], now: now - 1000))
        #expect(await client.get("/me").text == "anonymous")
    }

    @Test func permanentSessionGetsExpiresAndIsRefreshedEachRequest() async throws {
        let client = sessionApp { $0.config["PERMANENT_SESSION_LIFETIME"] = 3600 }.testClient()
        let response = await client.get("/permanent")
        let cookie = try #require(response.headers["Set-Cookie"])
        #expect(cookie.contains("; Expires="))
        #expect(!cookie.contains("Max-Age"))
        let expires = try #require(client.getCookie("session")?.expires)
        let now = SessionInterface.now()
        #expect(expires > now + 3500 && expires <= now + 3600)
        // Flask refreshes a permanent session's cookie on every request, touched or not.
        #expect(await client.get("/").headers["Set-Cookie"]?.hasPrefix("session=") == true)
    }

    @Test func refreshCanBeTurnedOff() async {
        let client = sessionApp { $0.config["SESSION_REFRESH_EACH_REQUEST"] = false }.testClient()
        _ = await client.get("/permanent")
        #expect(await client.get("/").headers["Set-Cookie"] == nil)
    }

    @Test func cookieSettingsAreApplied() async throws {
        let app = sessionApp { app in
            app.config["SESSION_COOKIE_NAME"] = "sid"
            app.config["SESSION_COOKIE_DOMAIN"] = "example.com"
            app.config["SESSION_COOKIE_PATH"] = "/app"
            app.config["SESSION_COOKIE_SECURE"] = true
            app.config["SESSION_COOKIE_HTTPONLY"] = false
            app.config["SESSION_COOKIE_SAMESITE"] = "lax"
            app.config["SESSION_COOKIE_PARTITIONED"] = true
        }
        let cookie = try #require(await app.testClient().get("/login/a").headers["Set-Cookie"])
        #expect(cookie.hasPrefix("sid="))
        #expect(cookie.hasSuffix("; Domain=example.com; Secure; Path=/app; SameSite=Lax; Partitioned"))
    }

    @Test func applicationRootIsTheDefaultPath() async throws {
        let app = sessionApp { $0.config["APPLICATION_ROOT"] = "/root" }
        #expect(try #require(await app.testClient().get("/login/a").headers["Set-Cookie"]).hasSuffix("; HttpOnly; Path=/root"))
    }

    @Test func invalidSameSiteSettingIsAServerError() async {
        let app = sessionApp { $0.config["SESSION_COOKIE_SAMESITE"] = "sometimes" }
        #expect(await app.testClient().get("/login/a").statusCode == 500)
    }

    @Test func sessionIsSavedOnErrorResponsesToo() async {
        let client = sessionApp().testClient()
        #expect(await client.get("/fail").statusCode == 400)
        #expect(await client.get("/me").text == "failed")
    }

    @Test func afterRequestHooksMayStillChangeTheSession() async {
        let app = sessionApp { app in
            app.afterRequest { response in
                session["seen"] = true
                return response
            }
            app.route("/seen") { _ in session["seen"]?.boolValue == true ? "yes" : "no" }
        }
        let client = app.testClient()
        _ = await client.get("/")
        #expect(await client.get("/seen").text == "yes")
    }

    @Test func fallbackSecretKeysStillOpenOldSessions() async {
        let old = sessionApp { $0.config["SECRET_KEY"] = "old" }.testClient()
        _ = await old.get("/login/ana")
        let rotated = sessionApp { app in
            app.config["SECRET_KEY"] = "new"
            app.config["SECRET_KEY_FALLBACKS"] = ["old"]
        }.testClient()
        rotated.setCookie("session", value: old.cookies["session"] ?? "")
        #expect(await rotated.get("/me").text == "ana")
        let strict = sessionApp { $0.config["SECRET_KEY"] = "new" }.testClient()
        strict.setCookie("session", value: old.cookies["session"] ?? "")
        #expect(await strict.get("/me").text == "anonymous")
    }

    @Test func withoutASecretKeyReadingWorksAndWritingIsA500() async {
        let app = sessionApp { $0.config["SECRET_KEY"] = nil }
        let client = app.testClient()
        #expect(await client.get("/me").text == "anonymous")
        let write = await client.get("/login/ana")
        #expect(write.statusCode == 500)
        #expect(write.headers["Set-Cookie"] == nil)
    }

    @Test func missingSecretKeyMessageIsFlasks() async {
        let app = sessionApp { $0.config["SECRET_KEY"] = nil }
        app.debug = true
        let write = await app.testClient().get("/login/ana")
        #expect(write.statusCode == 500)
        #expect(write.text.contains("The session is unavailable because no secret key was set. Set the secret_key on the application to something unique and secret."))
        let empty = sessionApp { $0.config["SECRET_KEY"] = "" }
        #expect(await empty.testClient().get("/login/ana").statusCode == 500)
    }

    @Test func bytesSecretKeyWorks() async {
        let client = sessionApp { $0.config["SECRET_KEY"] = [UInt8](repeating: 7, count: 32) }.testClient()
        _ = await client.get("/login/bytes")
        #expect(await client.get("/me").text == "bytes")
    }

    @Test func cookieOverMaxCookieSizeIsSentWithAWarning() throws {
        let config = Config()
        config["SECRET_KEY"] = "k"
        let lines = ConfigLoggerTests.Lines()
        let interface = SessionInterface(config: config, logger: Logger(name: "t", config: config, output: { lines.append($0) }))
        let session = Session()
        session["big"] = .string(String(repeating: "x", count: 100))
        var response = Response()
        try interface.save(session, to: &response, now: 0)
        let size = try #require(response.headers["Set-Cookie"]).utf8.count
        config["MAX_COOKIE_SIZE"] = size
        try interface.save(session, to: &response, now: 0)
        #expect(lines.withLock { $0.isEmpty })
        config["MAX_COOKIE_SIZE"] = size - 1
        try interface.save(session, to: &response, now: 0)
        #expect(lines.withLock { $0.count == 1 && $0[0].contains("'session' cookie is too large") && $0[0].contains("\(size) bytes in all, past the \(size - 1)-byte limit") })
        #expect(response.headers.values(for: "Set-Cookie").count == 3)
    }

    @Test func sessionOverALiveServer() async throws {
        try await withLiveServer(sessionApp()) { port in
            let login = try liveRequest("GET", "/login/ana", port: port)
            let setCookie = try #require(login.header("Set-Cookie"))
            #expect(login.header("Vary") == "Cookie")
            let pair = String(setCookie.split(separator: ";")[0])
            let me = try liveRequest("GET", "/me", port: port, headers: [("Cookie", pair)])
            #expect(me.text == "ana")
            let anonymous = try liveRequest("GET", "/me", port: port, headers: [("Cookie", pair + "x")])
            #expect(anonymous.text == "anonymous")
            let logout = try liveRequest("GET", "/logout", port: port, headers: [("Cookie", pair)])
            #expect(logout.header("Set-Cookie") == "session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/")
        }
    }

    @Test func missingSecretKeyOverALiveServer() async throws {
        let app = sessionApp { $0.config["SECRET_KEY"] = nil }
        app.debug = true
        try await withLiveServer(app) { port in
            let reply = try liveRequest("GET", "/login/ana", port: port)
            #expect(reply.status == 500)
            #expect(reply.header("Set-Cookie") == nil)
            #expect(reply.text.contains("The session is unavailable because no secret key was set."))
            let read = try liveRequest("GET", "/me", port: port)
            #expect(read.status == 200 && read.text == "anonymous")
        }
    }

    @Test func permanentSessionOverALiveServer() async throws {
        try await withLiveServer(sessionApp()) { port in
            let reply = try liveRequest("GET", "/permanent", port: port)
            let cookie = try #require(reply.header("Set-Cookie"))
            #expect(cookie.contains("; Expires=") && cookie.hasSuffix("; HttpOnly; Path=/"))
            let pair = String(cookie.split(separator: ";")[0])
            let refreshed = try liveRequest("GET", "/", port: port, headers: [("Cookie", pair)])
            #expect(refreshed.header("Set-Cookie")?.hasPrefix("session=") == true)
        }
    }
}
