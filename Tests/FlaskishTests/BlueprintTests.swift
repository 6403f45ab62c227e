import Synchronization
import Testing
@testable import Flaskish

/// Blueprints: prefixes, endpoint names, scoped hooks, app-wide variants, registration.
struct BlueprintTests {
    @Test func routesGoUnderThePrefixWithDottedEndpoints() async throws {
        let admin = Blueprint("admin", urlPrefix: "/admin")
        admin.route("/") { req in "index \(req.endpoint ?? "-") \(req.blueprint ?? "-")" }
        admin.get("/users/<int:id>", endpoint: "user") { req in "user \(try req.viewArgs.get("id", as: Int.self))" }
        let app = Flask()
        app.route("/") { req in "app \(req.endpoint ?? "-") \(req.blueprint ?? "none")" }
        app.registerBlueprint(admin)
        let client = app.testClient()
        #expect(await client.get("/admin/").text == "index admin.index admin")
        #expect(await client.get("/admin/users/7").text == "user 7")
        #expect(await client.get("/").text == "app index none")
        #expect(app.urlMap.rules(for: "admin.user").first?.rule == "/admin/users/<int:id>")
    }

    @Test(arguments: [
        ("/admin", "/x", "/admin/x"), ("/admin/", "/x", "/admin/x"), ("/admin", "x", "/admin/x"),
        ("/admin", "", "/admin"), ("/a/b/", "//c/", "/a/b/c/"),
    ])
    func prefixJoinsWithOneSlash(prefix: String, rule: String, expected: String) {
        #expect(BlueprintSetupState(name: "bp", urlPrefix: prefix).prefixed(rule) == expected)
    }

    @Test func registrationPrefixAndNameOverrideTheBlueprints() async throws {
        let bp = Blueprint("shop", urlPrefix: "/shop")
        bp.route("/") { req in req.endpoint ?? "-" }
        let app = Flask()
        app.registerBlueprint(bp)
        app.registerBlueprint(bp, urlPrefix: "/store", name: "store")
        let client = app.testClient()
        #expect(await client.get("/shop/").text == "shop.index")
        #expect(await client.get("/store/").text == "store.index")
        #expect(Set(app.blueprints.keys) == ["shop", "store"])
    }

    @Test func oneBlueprintServesTwoApps() async throws {
        let bp = Blueprint("api", urlPrefix: "/api")
        bp.route("/ping") { _ in "pong" }
        let first = Flask(), second = Flask()
        first.registerBlueprint(bp)
        second.registerBlueprint(bp, urlPrefix: "/v2")
        #expect(await first.testClient().get("/api/ping").text == "pong")
        #expect(await second.testClient().get("/v2/ping").text == "pong")
    }

    @Test func blueprintHooksRunOnlyForItsRequestsAfterTheAppsBeforeHooks() async throws {
        let log = Mutex<[String]>([])
        let bp = Blueprint("bp", urlPrefix: "/bp")
        bp.beforeRequest { _ in log.withLock { $0.append("bp before") }; return nil }
        bp.afterRequest { response in log.withLock { $0.append("bp after") }; return response }
        bp.teardownRequest { _ in log.withLock { $0.append("bp teardown") } }
        bp.route("/") { _ in "bp" }
        let app = Flask()
        app.beforeRequest { _ in log.withLock { $0.append("app before") }; return nil }
        app.afterRequest { response in log.withLock { $0.append("app after") }; return response }
        app.teardownRequest { _ in log.withLock { $0.append("app teardown") } }
        app.route("/") { _ in "app" }
        app.registerBlueprint(bp)
        let client = app.testClient()
        _ = await client.get("/bp/")
        #expect(log.withLock { $0 } == ["app before", "bp before", "bp after", "app after", "bp teardown", "app teardown"])
        log.withLock { $0 = [] }
        _ = await client.get("/")
        #expect(log.withLock { $0 } == ["app before", "app after", "app teardown"])
    }

    @Test func blueprintBeforeRequestShortCircuitsOnlyItsRoutes() async throws {
        let bp = Blueprint("private", urlPrefix: "/private")
        bp.beforeRequest { _ in Response("login first", status: .unauthorized) }
        bp.route("/") { _ in "secret" }
        let app = Flask()
        app.route("/") { _ in "public" }
        app.registerBlueprint(bp)
        let client = app.testClient()
        let blocked = await client.get("/private/")
        #expect(blocked.status == .unauthorized)
        #expect(blocked.text == "login first")
        #expect(await client.get("/").text == "public")
    }

    @Test func appWideVariantsApplyToEveryRequest() async throws {
        let seen = Mutex<[String]>([])
        let bp = Blueprint("auth")
        bp.beforeAppRequest { req in seen.withLock { $0.append(req.path) }; return nil }
        bp.afterAppRequest { response in response.withHeaders(["X-Auth": "checked"]) }
        bp.teardownAppRequest { _ in seen.withLock { $0.append("torn down") } }
        bp.appErrorhandler(404) { _ in Response("auth 404", status: .notFound) }
        let app = Flask()
        app.route("/") { _ in "home" }
        app.registerBlueprint(bp)
        let client = app.testClient()
        let home = await client.get("/")
        #expect(home.headers["X-Auth"] == "checked")
        #expect(await client.get("/missing").text == "auth 404")
        #expect(seen.withLock { $0 } == ["/", "torn down", "/missing", "torn down"])
    }

    @Test func blueprintErrorHandlerWinsForItsRequestsAndTheAppsForOthers() async throws {
        struct Oops: Error {}
        let bp = Blueprint("bp", urlPrefix: "/bp")
        bp.errorhandler(403) { _ in Response("bp 403", status: .forbidden) }
        bp.errorhandler(Oops.self) { _ in Response("bp oops", status: .conflict) }
        bp.route("/forbidden") { _ -> String in throw abort(403) }
        bp.route("/oops") { _ -> String in throw Oops() }
        bp.route("/gone") { _ -> String in throw abort(410) }
        let app = Flask()
        app.errorhandler(403) { _ in Response("app 403", status: .forbidden) }
        app.errorhandler(410) { _ in Response("app 410", status: .gone) }
        app.errorhandler(Oops.self) { _ in Response("app oops", status: .conflict) }
        app.route("/forbidden") { _ -> String in throw abort(403) }
        app.route("/oops") { _ -> String in throw Oops() }
        app.registerBlueprint(bp)
        let client = app.testClient()
        #expect(await client.get("/bp/forbidden").text == "bp 403")
        #expect(await client.get("/bp/oops").text == "bp oops")
        #expect(await client.get("/bp/gone").text == "app 410")
        #expect(await client.get("/forbidden").text == "app 403")
        #expect(await client.get("/oops").text == "app oops")
    }

    @Test func codeHandlersAreTriedAcrossScopesBeforeTypeHandlers() async throws {
        // Flask's _find_error_handler: every scope's code handler, then every scope's type handler.
        let bp = Blueprint("bp")
        bp.errorhandler(HTTPException.self) { _ in "bp by type" }
        bp.route("/bp/missing") { _ -> String in throw abort(404) }
        bp.route("/bp/teapot") { _ -> String in throw abort(418) }
        let app = Flask()
        app.errorhandler(404) { _ in "app by code" }
        app.registerBlueprint(bp)
        let client = app.testClient()
        #expect(await client.get("/bp/missing").text == "app by code")
        #expect(await client.get("/bp/teapot").text == "bp by type")
    }

    @Test func blueprintHandlesItsUnhandledErrorsAs500() async throws {
        struct Broken: Error {}
        let bp = Blueprint("bp")
        bp.errorhandler(500) { error in Response("bp 500: \(error.originalError.map { "\($0)" } ?? "-")", status: .internalServerError) }
        bp.route("/broken") { _ -> String in throw Broken() }
        let app = Flask()
        app.registerBlueprint(bp)
        let response = await app.testClient().get("/broken")
        #expect(response.status == .internalServerError)
        #expect(response.text == "bp 500: Broken()")
    }

    @Test func unmatchedURLsUseTheAppsHandlersNotABlueprints() async throws {
        let bp = Blueprint("bp", urlPrefix: "/bp")
        bp.errorhandler(404) { _ in "bp 404" }
        bp.route("/") { _ in "bp" }
        let app = Flask()
        app.registerBlueprint(bp)
        let response = await app.testClient().get("/bp/nothing-here")
        #expect(response.status == .notFound)
        #expect(response.text.contains("<title>404 Not Found</title>"))
    }

    @Test func requestBlueprintIsThePartBeforeTheLastDot() {
        var request = Request(method: .GET, target: "/")
        #expect(request.blueprint == nil)
        request.endpoint = "index"
        #expect(request.blueprint == nil)
        request.endpoint = "admin.users"
        #expect(request.blueprint == "admin")
        request.endpoint = "parent.child.view"
        #expect(request.blueprint == "parent.child")
    }

    @Test func blueprintStaticFolderIsServedUnderItsPrefix() async throws {
        let folder = try TemporaryFolder(files: ["logo.svg": "<svg/>"])
        let bp = Blueprint("theme", urlPrefix: "/theme", staticFolder: folder.path, staticURLPath: "/assets")
        let app = Flask()
        app.keepAlive(folder)
        app.registerBlueprint(bp)
        let client = app.testClient()
        let response = await client.get("/theme/assets/logo.svg")
        #expect(response.status == .ok)
        #expect(response.contentType == "image/svg+xml; charset=utf-8")
        #expect(try response.bodyBytes() == Array("<svg/>".utf8))
        #expect(try app.urlFor("theme.static", ["filename": "logo.svg"]) == "/theme/assets/logo.svg")
    }

    @Test func templateFoldersResolveAgainstTheBlueprintsRootOrTheApps() {
        let app = Flask(rootPath: "/srv/app")
        app.registerBlueprint(Blueprint("b", templateFolder: "tpl", rootPath: "/srv/b"))
        app.registerBlueprint(Blueprint("a", templateFolder: "templates"))
        app.registerBlueprint(Blueprint("c"))
        // Registration order, as Flask's loader searches them (not name order).
        #expect(app.blueprintTemplateFolders == ["/srv/b/tpl", "/srv/app/templates"])
    }

    @Test func relativeStaticFolderStartsAtTheBlueprintsRoot() async throws {
        let root = try TemporaryFolder(files: ["public/a.txt": "A"])
        let bp = Blueprint("docs", staticFolder: "public", rootPath: root.path)
        let app = Flask()
        app.keepAlive(root)
        app.registerBlueprint(bp, urlPrefix: "/docs")
        let response = await app.testClient().get("/docs/public/a.txt")
        #expect(try response.bodyBytes() == Array("A".utf8))
    }
}
