import Testing
@testable import Flaskish

/// `TRAP_HTTP_EXCEPTIONS` and `TRAP_BAD_REQUEST_ERRORS`: HTTP errors handled as unhandled ones.
struct ErrorTrappingTests {
    func app(_ settings: [String: Bool]) -> (Flask, ConfigLoggerTests.Lines) {
        let app = Flask()
        for (key, value) in settings { app.config[key] = value }
        let lines = ConfigLoggerTests.Lines()
        app.logger.addHandler { _, message in lines.append(message) }
        app.config["LOG_LEVEL"] = "ERROR"
        app.route("/abort/<int:code>") { req -> String in throw abort(HTTPStatus(try req.viewArgs.get("code", as: Int.self))) }
        app.route("/dir/") { _ in "dir" }
        return (app, lines)
    }

    @Test func offByDefault() async {
        let (app, lines) = app([:])
        let client = app.testClient()
        #expect(await client.get("/abort/404").status == .notFound)
        #expect(await client.get("/abort/400").status == .badRequest)
        #expect(await client.get("/missing").status == .notFound)
        #expect(lines.withLock { $0.isEmpty })
    }

    @Test func trappedHTTPErrorsBecomeLoggedServerErrors() async {
        let (app, lines) = app(["TRAP_HTTP_EXCEPTIONS": true])
        let client = app.testClient()
        #expect(await client.get("/abort/404").status == .internalServerError)
        #expect(await client.get("/missing").status == .internalServerError)
        #expect(await client.get("/abort/418").status == .internalServerError)
        #expect(lines.withLock { $0.count == 3 && $0[0].contains("Exception on /abort/404 [GET]") })
        // Flask traps its slash redirect too (a 500); Flaskish keeps it (docs/differences-from-flask.md).
        #expect(await client.get("/dir").status == .permanentRedirect)
    }

    @Test func aHandlerForTheCodeStillAnswersATrappedError() async {
        let (app, lines) = app(["TRAP_HTTP_EXCEPTIONS": true])
        app.errorhandler(404) { _ in Response("custom 404", status: .notFound) }
        #expect(await app.testClient().get("/missing").text == "custom 404")
        #expect(lines.withLock { $0.isEmpty })
    }

    @Test func aServerErrorHandlerSeesTheTrappedError() async {
        let (app, _) = app(["TRAP_HTTP_EXCEPTIONS": true])
        app.errorhandler(500) { error in
            Response("500 from \((error.originalError as? HTTPException)?.status.code ?? 0)", status: .internalServerError)
        }
        #expect(await app.testClient().get("/abort/403").text == "500 from 403")
    }

    @Test func badRequestTrappingOnlyTraps400s() async {
        let (app, _) = app(["TRAP_BAD_REQUEST_ERRORS": true])
        let client = app.testClient()
        #expect(await client.get("/abort/400").status == .internalServerError)
        #expect(await client.get("/abort/404").status == .notFound)
        #expect(await client.get("/abort/401").status == .unauthorized)
    }
}
