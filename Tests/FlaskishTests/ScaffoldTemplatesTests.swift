import FlaskishTestSupport
import Testing
@testable import Flaskish

/// Context processors and the app's template filters, tests and globals, from the app and
/// from blueprints.
struct ScaffoldTemplatesTests {
    struct Failure: Error {}

    func app() -> Flask {
        let app = Flask()
        app.contextProcessor { ["site": "Flaskish", "who": "app"] }
        app.route("/") { req in try renderTemplateString(req.args["t"] ?? "", req.args["who"].map { ["who": .string($0)] } ?? [:]) }
        let shop = Blueprint("shop", urlPrefix: "/shop")
        shop.contextProcessor { ["who": "shop", "cart": 3] }
        shop.appContextProcessor { ["everywhere": true] }
        shop.route("/") { req in try renderTemplateString(req.args["t"] ?? "") }
        shop.appTemplateFilter("shout") { value, _ in .string(value.pythonString.uppercased() + "!") }
        shop.appTemplateTest("big") { value, _ in if case .int(let number) = value { number > 100 } else { false } }
        shop.appTemplateGlobal("greet", .callable(TemplateCallable(name: "greet") { args in
            .string("hello \(args.positional.first?.pythonString ?? "you")")
        }))
        app.registerBlueprint(shop)
        app.templateFilter("twice") { value, _ in .string(value.pythonString + value.pythonString) }
        app.templateTest("short") { value, _ in value.pythonString.count < 4 }
        app.templateGlobal("version", "1.0")
        return app
    }

    func render(_ template: String, at path: String = "/", extra: String = "") async -> Response {
        let query = URLCoding.percentEncode(template, safe: .unreserved)
        return await app().testClient().get("\(path)?t=\(query)\(extra)")
    }

    @Test(arguments: [
        ("/", "{{ site }} {{ who }} {{ cart|default('none') }} {{ everywhere }}", "Flaskish app none True"),
        ("/shop/", "{{ site }} {{ who }} {{ cart }} {{ everywhere }}", "Flaskish shop 3 True"),
    ])
    func processorsOfTheAppThenTheRequestsBlueprint(path: String, template: String, expected: String) async {
        #expect(await render(template, at: path).text == expected)
    }

    /// Flask updates the context with the render call's own values last.
    @Test func theRenderCallsContextWinsOverProcessors() async {
        #expect(await render("{{ who }}", extra: "&who=caller").text == "caller")
    }

    @Test(arguments: ["/", "/shop/"])
    func filtersTestsAndGlobalsFromTheAppAndBlueprints(path: String) async {
        let template = "{{ 'hi'|shout }} {{ 'ab'|twice }} {{ 500 is big }} {{ 5 is big }} {{ 'abc' is short }} {{ greet('Ana') }} {{ version }}"
        #expect(await render(template, at: path).text == "HI! abab True False True hello Ana 1.0")
    }

    @Test func aFailingProcessorIsAServerError() async {
        let app = Flask()
        app.config["LOG_LEVEL"] = "CRITICAL"
        app.contextProcessor { throw Failure() }
        app.route("/") { _ in try renderTemplateString("x") }
        app.route("/plain") { _ in "no template" }
        let client = app.testClient()
        #expect(await client.get("/").status == .internalServerError)
        #expect(await client.get("/plain").text == "no template")
    }

    @Test func processorsRunForEachRender() async {
        let app = Flask()
        app.contextProcessor { ["path": .string(request.path)] }
        app.route("/<name>") { _ in try renderTemplateString("{{ path }}") }
        let client = app.testClient()
        #expect(await client.get("/a").text == "/a")
        #expect(await client.get("/b").text == "/b")
    }

    @Test func overALiveServer() async throws {
        try await withLiveServer(app()) { port in
            let template = URLCoding.percentEncode("{{ who|shout }} {{ cart }}", safe: .unreserved)
            let reply = try liveRequest("GET", "/shop/?t=\(template)", port: port)
            #expect(reply.status == 200)
            #expect(reply.text == "SHOP! 3")
        }
    }
}
