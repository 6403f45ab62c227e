import Flaskish
import Testing
@testable import FlaskishCORS

/// `CORS(blueprint)`, checked against flask-cors 6 on a Flask 3.1 blueprint: only requests
/// routed to the blueprint get headers, the app's `CORS_*` config is not read, and a
/// `crossOrigin` route's decision stands.
struct CORSBlueprintTests {
    struct Boom: Error {}

    static func makeApp() throws -> Flask {
        let app = Flask("bp-test")
        app.config["CORS_ORIGINS"] = "http://config.example"
        let blueprint = Blueprint("bp", urlPrefix: "/bp")
        blueprint.route("/items") { _ in "items" }
        blueprint.route("/boom") { _ -> String in throw Boom() }
        try blueprint.route("/dec", crossOrigin: CORSOptions(origins: "http://a.example")) { _ in "dec" }
        try CORS(blueprint, origins: ["http://a.example", "http://b.example"])
        app.registerBlueprint(blueprint)
        app.route("/api/items") { _ in "api" }
        return app
    }

    func cors(_ response: Response) -> [String] {
        response.headers.filter { $0.name.hasPrefix("Access-Control-") || $0.name == "Vary" }.map { "\($0.name): \($0.value)" }
    }

    @Test func blueprintRoutesGetHeaders() async throws {
        let client = try Self.makeApp().testClient()
        #expect(cors(await client.get("/bp/items", headers: ["Origin": "http://b.example"]))
            == ["Access-Control-Allow-Origin: http://b.example", "Vary: Origin"])
        let preflight = await client.open("/bp/items", method: .OPTIONS,
                                          headers: ["Origin": "http://a.example", "Access-Control-Request-Method": "GET"])
        #expect(cors(preflight) == [
            "Access-Control-Allow-Origin: http://a.example",
            "Access-Control-Allow-Methods: DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT", "Vary: Origin",
        ])
    }

    @Test func errorsOfBlueprintRoutesGetHeaders() async throws {
        let response = await (try Self.makeApp()).testClient().get("/bp/boom", headers: ["Origin": "http://a.example"])
        #expect(response.status == .internalServerError)
        #expect(response.headers["Access-Control-Allow-Origin"] == "http://a.example")
    }

    @Test(arguments: [("/bp/missing", HTTPMethod.GET), ("/bp/items", .DELETE), ("/api/items", .GET)])
    func requestsNotRoutedToTheBlueprintGetNothing(_ path: String, _ method: HTTPMethod) async throws {
        let response = await (try Self.makeApp()).testClient().open(path, method: method, headers: ["Origin": "http://a.example"])
        #expect(cors(response).isEmpty)
    }

    @Test func appConfigIsNotRead() async throws {
        let response = await (try Self.makeApp()).testClient().get("/bp/items", headers: ["Origin": "http://config.example"])
        #expect(cors(response).isEmpty)
    }

    @Test func crossOriginDecisionStandsOnABlueprint() async throws {
        let client = try Self.makeApp().testClient()
        #expect(cors(await client.get("/bp/dec", headers: ["Origin": "http://b.example"])).isEmpty)
        #expect(cors(await client.get("/bp/dec", headers: ["Origin": "http://a.example"])) == ["Access-Control-Allow-Origin: http://a.example"])
    }

    @Test func extensionObjectAttachesToABlueprint() async throws {
        let app = Flask()
        let blueprint = Blueprint("v1", urlPrefix: "/v1")
        blueprint.route("/x") { _ in "x" }
        try CORSExtension(options: CORSOptions(origins: "http://a.example")).initApp(blueprint, options: CORSOptions(maxAge: 9))
        app.registerBlueprint(blueprint)
        let response = await app.testClient().open("/v1/x", method: .OPTIONS,
                                                    headers: ["Origin": "http://a.example", "Access-Control-Request-Method": "GET"])
        #expect(response.headers["Access-Control-Max-Age"] == "9")
        #expect(app.extensions["cors"] == nil)
    }
}
