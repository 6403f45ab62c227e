import Flaskish
import Testing
@testable import FlaskishCORS

/// The per-route wrapper, checked against what flask-cors 6's `@cross_origin` does in Flask 3.1.
struct CrossOriginTests {
    struct Boom: Error {}

    static let preflight: HTTPHeaders = ["Origin": "http://a.com", "Access-Control-Request-Method": "GET"]

    func corsFields(_ response: Response) -> [String] {
        response.headers.filter { $0.name.hasPrefix("Access-Control-") || $0.name == "Vary" }.map { "\($0.name): \($0.value)" }
    }

    @Test func wrapsAHandlerWrittenInline() async throws {
        let app = Flask()
        app.route("/x", methods: ["GET", "OPTIONS"], try crossOrigin(origins: "http://a.com") { _ in "x" })
        let allowed = await app.testClient().get("/x", headers: ["Origin": "http://a.com"])
        #expect(allowed.text == "x")
        #expect(corsFields(allowed) == ["Access-Control-Allow-Origin: http://a.com"])
        let refused = await app.testClient().get("/x", headers: ["Origin": "http://b.com"])
        #expect(refused.text == "x")
        #expect(corsFields(refused).isEmpty)
    }

    @Test func answersThePreflightWithoutCallingTheHandler() async throws {
        let app = Flask()
        app.route("/x", methods: ["GET", "OPTIONS"], try crossOrigin(origins: "http://a.com", maxAge: 10) { _ -> String in
            Issue.record("the handler must not run for OPTIONS")
            return "x"
        })
        let response = await app.testClient().open("/x", method: .OPTIONS, headers: Self.preflight)
        #expect(response.status == .ok)
        #expect(response.text == "")
        #expect(Set((response.headers["Allow"] ?? "").split(separator: ",").map { $0.trimmingPrefix(" ") }) == ["GET", "HEAD", "OPTIONS"])
        #expect(corsFields(response) == [
            "Access-Control-Allow-Origin: http://a.com", "Access-Control-Max-Age: 10",
            "Access-Control-Allow-Methods: DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT",
        ])
    }

    @Test func withoutAutomaticOptionsTheHandlerAnswersOptions() async throws {
        let app = Flask()
        app.route("/x", methods: ["GET", "OPTIONS"], try crossOrigin(origins: "http://a.com", automaticOptions: false) { req in
            "handled \(req.method)"
        })
        let response = await app.testClient().open("/x", method: .OPTIONS, headers: Self.preflight)
        #expect(response.text == "handled OPTIONS")
        #expect(corsFields(response) == [
            "Access-Control-Allow-Origin: http://a.com",
            "Access-Control-Allow-Methods: DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT",
        ])
    }

    @Test func routeConvenienceAddsOptions() async throws {
        let app = Flask()
        try app.route("/x", crossOrigin: CORSOptions(origins: "http://a.com")) { _ in "x" }
        #expect(app.urlMap.rules(for: "x").first?.provideAutomaticOptions == false)
        let response = await app.testClient().open("/x", method: .OPTIONS, headers: Self.preflight)
        #expect(response.headers["Access-Control-Allow-Methods"] != nil)
    }

    @Test func routeConvenienceLeavesOptionsOutWithoutAutomaticOptions() throws {
        let app = Flask()
        try app.route("/x", methods: [.GET], crossOrigin: CORSOptions(automaticOptions: false)) { _ in "x" }
        #expect(app.urlMap.rules(for: "x").first?.provideAutomaticOptions == true)
    }

    @Test func routeWithoutOptionsIsAnsweredByFlaskishBeforeTheWrapper() async throws {
        // Documented limit: Flaskish's automatic OPTIONS answers first, with no CORS headers.
        let app = Flask()
        app.route("/x", methods: ["GET"], try crossOrigin(origins: "http://a.com") { _ in "x" })
        let response = await app.testClient().open("/x", method: .OPTIONS, headers: Self.preflight)
        #expect(response.status == .ok)
        #expect(corsFields(response).isEmpty)
    }

    @Test func theExtensionLeavesAnEvaluatedResponseAlone() async throws {
        let app = Flask()
        app.route("/x", methods: ["GET", "OPTIONS"], try crossOrigin(origins: "http://a.com") { _ in "x" })
        try CORS(app)
        // The wrapper refused b.com; CORS(app) (every origin) must not add headers after it.
        let refused = await app.testClient().get("/x", headers: ["Origin": "http://b.com"])
        #expect(corsFields(refused).isEmpty)
        let allowed = await app.testClient().get("/x", headers: ["Origin": "http://a.com"])
        #expect(corsFields(allowed) == ["Access-Control-Allow-Origin: http://a.com"])
    }

    @Test func aThrowingHandlerGetsTheExtensionsHeaders() async throws {
        let app = Flask()
        app.route("/boom", methods: ["GET", "OPTIONS"], try crossOrigin(origins: "http://a.com") { _ -> String in throw Boom() })
        try CORS(app)
        let response = await app.testClient().get("/boom", headers: ["Origin": "http://b.com"])
        #expect(response.status == .internalServerError)
        #expect(corsFields(response) == ["Access-Control-Allow-Origin: http://b.com", "Vary: Origin"])
    }

    @Test func readsConfigOnEveryRequest() async throws {
        let app = Flask()
        app.config["CORS_MAX_AGE"] = 5
        app.route("/x", methods: ["GET", "OPTIONS"], try crossOrigin(origins: "http://a.com") { _ in "x" })
        let first = await app.testClient().open("/x", method: .OPTIONS, headers: Self.preflight)
        #expect(first.headers["Access-Control-Max-Age"] == "5")
        app.config["CORS_MAX_AGE"] = 99
        let second = await app.testClient().open("/x", method: .OPTIONS, headers: Self.preflight)
        #expect(second.headers["Access-Control-Max-Age"] == "99")
    }

    @Test func routeOptionsBeatConfig() async throws {
        let app = Flask()
        app.config["CORS_ORIGINS"] = "http://config.com"
        app.config["CORS_SUPPORTS_CREDENTIALS"] = true
        app.route("/x", methods: ["GET", "OPTIONS"], try crossOrigin(origins: "http://a.com") { _ in "x" })
        let response = await app.testClient().get("/x", headers: ["Origin": "http://a.com"])
        #expect(corsFields(response) == ["Access-Control-Allow-Origin: http://a.com", "Access-Control-Allow-Credentials: true"])
    }

    @Test func badConfigMakesTheRouteFail() async throws {
        let app = Flask()
        app.config["CORS_ORIGINS"] = 3
        app.route("/x", methods: ["GET", "OPTIONS"], try crossOrigin { _ in "x" })
        #expect(await app.testClient().get("/x").status == .internalServerError)
    }

    @Test func invalidOptionsThrowWhenWrapping() {
        #expect(throws: CORSConfigurationError.self) { _ = try crossOrigin(origins: "[a-") { _ in "x" } }
        #expect(throws: CORSConfigurationError.self) { _ = try crossOrigin(methods: "GET, FETCH") { _ in "x" } }
        #expect(throws: CORSConfigurationError.self) { _ = try crossOrigin(supportsCredentials: true, sendWildcard: true) { _ in "x" } }
    }

    @Test func asyncHandlersWork() async throws {
        let app = Flask()
        app.route("/x", methods: ["GET", "OPTIONS"], try crossOrigin(origins: "*") { _ async -> String in
            await Task.yield()
            return "async"
        })
        let response = await app.testClient().get("/x", headers: ["Origin": "http://z.com"])
        #expect(response.text == "async")
        #expect(corsFields(response) == ["Access-Control-Allow-Origin: http://z.com", "Vary: Origin"])
    }
}
