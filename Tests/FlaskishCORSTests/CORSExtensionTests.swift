import Flaskish
import Testing
@testable import FlaskishCORS

/// `CORS(app, …)` through the in-process test client: every kind of response gets headers,
/// precedence of the option levels, and what the extension leaves alone.
struct CORSExtensionTests {
    struct Boom: Error {}

    static func makeApp(_ configure: (Flask) throws -> Void = { _ in }) rethrows -> Flask {
        let app = Flask("cors-test")
        app.route("/api/items") { _ in "items" }
        app.route("/boom") { _ -> String in throw Boom() }
        app.route("/abort") { _ -> String in throw abort(418) }
        try configure(app)
        return app
    }

    static let origin: HTTPHeaders = ["Origin": "http://a.com"]
    static let preflight: HTTPHeaders = ["Origin": "http://a.com", "Access-Control-Request-Method": "POST"]

    func corsFields(_ response: Response) -> [String] {
        response.headers.filter { $0.name.hasPrefix("Access-Control-") || $0.name == "Vary" }.map { "\($0.name): \($0.value)" }
    }

    @Test func defaultsEchoTheOriginAndVary() async throws {
        let app = try Self.makeApp { try CORS($0) }
        let response = await app.testClient().get("/api/items", headers: Self.origin)
        #expect(response.status == .ok)
        #expect(corsFields(response) == ["Access-Control-Allow-Origin: http://a.com", "Vary: Origin"])
    }

    @Test func withoutOriginTheWildcardIsSentByDefault() async throws {
        let app = try Self.makeApp { try CORS($0) }
        let response = await app.testClient().get("/api/items")
        #expect(corsFields(response) == ["Access-Control-Allow-Origin: *"])
    }

    @Test(arguments: ["/missing", "/boom", "/abort"])
    func errorResponsesGetHeaders(_ path: String) async throws {
        let app = try Self.makeApp { try CORS($0, origins: "http://a.com") }
        let response = await app.testClient().get(path, headers: Self.origin)
        #expect(response.status.code >= 400)
        #expect(corsFields(response) == ["Access-Control-Allow-Origin: http://a.com"])
    }

    @Test func methodNotAllowedGetsHeaders() async throws {
        let app = try Self.makeApp { try CORS($0) }
        let response = await app.testClient().open("/api/items", method: .DELETE, headers: Self.origin)
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Access-Control-Allow-Origin"] == "http://a.com")
    }

    @Test func errorHandlerResponsesGetHeaders() async throws {
        let app = try Self.makeApp { app in
            app.errorhandler(404) { _ in Response("custom", status: .notFound) }
            app.errorhandler(Boom.self) { _ in Response("handled", status: .badGateway) }
            try CORS(app)
        }
        let missing = await app.testClient().get("/missing", headers: Self.origin)
        #expect(missing.text == "custom")
        #expect(missing.headers["Access-Control-Allow-Origin"] == "http://a.com")
        let boom = await app.testClient().get("/boom", headers: Self.origin)
        #expect(boom.status == .badGateway)
        #expect(boom.headers["Access-Control-Allow-Origin"] == "http://a.com")
    }

    @Test func automaticOptionsAnswerIsAPreflightAnswer() async throws {
        let app = try Self.makeApp { try CORS($0, maxAge: 600) }
        let response = await app.testClient().open("/api/items", method: .OPTIONS, headers: Self.preflight)
        #expect(response.status == .ok)
        #expect(response.headers["Allow"] != nil)
        #expect(corsFields(response) == [
            "Access-Control-Allow-Origin: http://a.com", "Access-Control-Max-Age: 600",
            "Access-Control-Allow-Methods: DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT", "Vary: Origin",
        ])
    }

    @Test func preflightToAnUnknownPathStillGetsHeaders() async throws {
        let app = try Self.makeApp { try CORS($0) }
        let response = await app.testClient().open("/missing", method: .OPTIONS, headers: Self.preflight)
        #expect(response.status == .notFound)
        #expect(response.headers["Access-Control-Allow-Methods"] != nil)
    }

    @Test func disallowedOriginGetsNothing() async throws {
        let app = try Self.makeApp { try CORS($0, origins: ["http://a.com", "http://b.com"]) }
        let response = await app.testClient().get("/api/items", headers: ["Origin": "http://evil.com"])
        #expect(corsFields(response).isEmpty)
    }

    @Test func argumentsBeatConfigWhichBeatsDefaults() async throws {
        let app = try Self.makeApp { app in
            app.config["CORS_ORIGINS"] = "http://config.com"
            app.config["CORS_MAX_AGE"] = 30
            try CORS(app, origins: "http://a.com")
        }
        let allowed = await app.testClient().open("/api/items", method: .OPTIONS, headers: Self.preflight)
        #expect(allowed.headers["Access-Control-Allow-Origin"] == "http://a.com")
        #expect(allowed.headers["Access-Control-Max-Age"] == "30")
        let configOrigin = await app.testClient().get("/api/items", headers: ["Origin": "http://config.com"])
        #expect(configOrigin.headers["Access-Control-Allow-Origin"] == nil)
    }

    @Test func resourceOptionsBeatArguments() async throws {
        let app = try Self.makeApp { app in
            app.route("/public/info") { _ in "info" }
            try CORS(app, resources: [
                "/api/.*": CORSOptions(origins: "http://a.com"),
                "/public/.*": CORSOptions(sendWildcard: true),
            ], origins: "*", supportsCredentials: false)
        }
        let api = await app.testClient().get("/api/items", headers: ["Origin": "http://b.com"])
        #expect(api.headers["Access-Control-Allow-Origin"] == nil)
        let publicInfo = await app.testClient().get("/public/info", headers: ["Origin": "http://b.com"])
        #expect(publicInfo.headers["Access-Control-Allow-Origin"] == "*")
        let unmatched = await app.testClient().get("/boom", headers: ["Origin": "http://b.com"])
        #expect(unmatched.headers["Access-Control-Allow-Origin"] == nil)
    }

    @Test func resourcesComeFromConfigWhenNotGiven() async throws {
        let app = try Self.makeApp { app in
            app.config["CORS_RESOURCES"] = ["/api/.*"]
            try CORS(app)
        }
        #expect(await app.testClient().get("/api/items", headers: Self.origin).headers["Access-Control-Allow-Origin"] != nil)
        #expect(await app.testClient().get("/boom", headers: Self.origin).headers["Access-Control-Allow-Origin"] == nil)
    }

    @Test func pathIsUnquotedOnceMoreBeforeMatching() async throws {
        // The server decodes `%252F` to `%2F`; flask-cors unquotes `request.path` again, to `/`.
        let app = try Self.makeApp { app in
            app.route("/x/<path:rest>") { _ in "x" }
            try CORS(app, resources: ["/x/a/b": CORSOptions()])
        }
        let response = await app.testClient().get("/x/a%252Fb", headers: Self.origin)
        #expect(response.status == .ok)
        #expect(response.headers["Access-Control-Allow-Origin"] == "http://a.com")
    }

    @Test func handlerSetOriginIsLeftAlone() async throws {
        let app = try Self.makeApp { app in
            app.route("/own") { _ in Response("own", headers: ["Access-Control-Allow-Origin": "http://mine.com"]) }
            try CORS(app)
        }
        let response = await app.testClient().get("/own", headers: Self.origin)
        #expect(corsFields(response) == ["Access-Control-Allow-Origin: http://mine.com"])
    }

    @Test func existingVaryIsKeptAndOriginAdded() async throws {
        let app = try Self.makeApp { app in
            app.route("/vary") { _ in Response("v", headers: ["Vary": "Cookie"]) }
            try CORS(app)
        }
        let response = await app.testClient().get("/vary", headers: Self.origin)
        #expect(response.headers.values(for: "Vary") == ["Cookie", "Origin"])
    }

    @Test func laterAfterRequestHooksRunBeforeCORSAsInFlask() async throws {
        // Flask runs after_request hooks in reverse order: one registered after CORS(app) runs
        // first and does not see the CORS headers; one registered before sees them.
        let app = try Self.makeApp { app in
            app.afterRequest { response in
                var response = response
                response.headers["X-Saw-Before"] = response.headers["Access-Control-Allow-Origin"] ?? "none"
                return response
            }
            try CORS(app)
            app.afterRequest { response in
                var response = response
                response.headers["X-Saw-After"] = response.headers["Access-Control-Allow-Origin"] ?? "none"
                return response
            }
        }
        let response = await app.testClient().get("/api/items", headers: Self.origin)
        #expect(response.headers["X-Saw-After"] == "none")
        #expect(response.headers["X-Saw-Before"] == "http://a.com")
    }

    /// What flask-cors 6 does when an after_request hook raises (checked with Flask 3.1): the
    /// 500 gets headers when intercepting, or when the CORS hook had already run (the failing
    /// hook was registered before CORS, so it runs after it), since Flask reruns the hooks.
    @Test(arguments: [(true, true, true), (true, false, true), (false, true, false), (false, false, true)])
    func failingAfterRequestHookAnswerGetsHeadersAsInFlaskCORS(_ intercept: Bool, failingHookAfterCORS: Bool, expected: Bool) async throws {
        struct HookFailure: Error {}
        let app = try Self.makeApp { app in
            if !failingHookAfterCORS { app.afterRequest { _ in throw HookFailure() } }
            try CORS(app, interceptExceptions: intercept)
            if failingHookAfterCORS { app.afterRequest { _ in throw HookFailure() } }
        }
        let response = await app.testClient().get("/api/items", headers: Self.origin)
        #expect(response.status == .internalServerError)
        #expect((response.headers["Access-Control-Allow-Origin"] != nil) == expected)
    }

    @Test func interceptExceptionsOffStillCoversErrorResponses() async throws {
        // Flask runs after_request on 404 and 500 answers too, so flask-cors adds headers to
        // them with intercept_exceptions=False as well.
        let app = try Self.makeApp { try CORS($0, interceptExceptions: false) }
        #expect(await app.testClient().get("/missing", headers: Self.origin).headers["Access-Control-Allow-Origin"] != nil)
        #expect(await app.testClient().get("/boom", headers: Self.origin).headers["Access-Control-Allow-Origin"] != nil)
    }

    @Test func extensionIsRegisteredWithItsResources() throws {
        let app = try Self.makeApp { try CORS($0, resources: ["/a": CORSOptions(), "/b/.*": CORSOptions()]) }
        let installation = try #require(app.extensions["cors"] as? CORSInstallation)
        #expect(installation.resources.map(\.pattern) == ["/a", "/b/.*"])
        #expect(installation.resource(forPath: "/b/c")?.pattern == "/b/.*")
        #expect(installation.resource(forPath: "/c") == nil)
    }

    @Test func initAppOverridesTheInitializersOptions() async throws {
        let cors = CORSExtension(options: CORSOptions(origins: "http://a.com", maxAge: 5))
        let app = try Self.makeApp { try cors.initApp($0, options: CORSOptions(origins: "http://b.com")) }
        let response = await app.testClient().open("/api/items", method: .OPTIONS,
                                                   headers: ["Origin": "http://b.com", "Access-Control-Request-Method": "GET"])
        #expect(response.headers["Access-Control-Allow-Origin"] == "http://b.com")
        #expect(response.headers["Access-Control-Max-Age"] == "5")
    }

    @Test func invalidOptionsThrowAtSetUp() {
        let app = Self.makeApp { _ in }
        #expect(throws: CORSConfigurationError.self) { try CORS(app, origins: "*.example.com") }
        #expect(throws: CORSConfigurationError.self) { try CORS(app, methods: ["GTE"]) }
        #expect(throws: CORSConfigurationError.self) { try CORS(app, supportsCredentials: true, sendWildcard: true) }
        #expect(throws: CORSConfigurationError.self) { try CORS(app, resources: ["/api/(": CORSOptions()]) }
    }

    @Test func appLevelCredentialsWildcardThrowsEvenWhenResourcesOverride() {
        // flask-cors validates the app-level options before the resources'.
        let app = Self.makeApp { _ in }
        #expect(throws: CORSConfigurationError.self) {
            try CORS(app, resources: ["/api/.*": CORSOptions(origins: "http://a.com")], supportsCredentials: true, sendWildcard: true)
        }
    }

    @Test func invalidConfigValueThrowsAtSetUp() {
        let app = Self.makeApp { _ in }
        app.config["CORS_ORIGINS"] = 42
        #expect(throws: CORSConfigurationError.self) { try CORS(app) }
    }
}
