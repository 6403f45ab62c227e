import Foundation
import Testing
@testable import Flaskish

/// `urlFor` inside a request and `app.urlFor` outside one.
struct URLForTests {
    func app() -> Flask {
        let app = Flask()
        app.route("/") { _ in "home" }
        app.route("/user/<int:id>", endpoint: "user") { _ in "user" }
        app.route("/price/<float:amount>", endpoint: "price") { _ in "price" }
        app.route("/item/<uuid:id>", endpoint: "item") { _ in "item" }
        app.route("/files/<path:name>", endpoint: "files") { _ in "files" }
        app.route("/hello/<name>", endpoint: "hello") { _ in "hello" }
        app.route("/form", methods: [.POST], endpoint: "form") { _ in "posted" }
        return app
    }

    @Test(arguments: [
        ("user", ["id": 7] as [String: any Sendable], "/user/7"),
        ("price", ["amount": 2.5], "/price/2.5"),
        ("item", ["id": UUID(uuidString: "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11")!], "/item/a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
        ("files", ["name": "a/b c.txt"], "/files/a/b%20c.txt"),
        ("hello", ["name": "Ana María"], "/hello/Ana%20Mar%C3%ADa"),
        ("index", [:], "/"),
    ])
    func valuesAreWrittenByTheirConverters(endpoint: String, values: [String: any Sendable], expected: String) throws {
        #expect(try app().urlFor(endpoint, values) == expected)
    }

    @Test func unknownValuesBecomeASortedEncodedQueryString() throws {
        let url = try app().urlFor("user", ["id": 1, "q": "a b&c", "page": 2, "flag": true])
        #expect(url == "/user/1?flag=True&page=2&q=a+b%26c")
    }

    /// Flask: `url_for("hello", name="x", tag=["a", "b c", "é&"])` → `/hello/x?tag=a&tag=b+c&tag=%C3%A9%26`.
    @Test func arrayValuesRepeatTheirQueryParameterInOrder() throws {
        let app = app()
        #expect(try app.urlFor("hello", ["name": "x", "tag": ["a", "b c", "é&"]]) == "/hello/x?tag=a&tag=b+c&tag=%C3%A9%26")
        let mixed: [String: any Sendable] = ["id": 1, "z": ["2", "1"], "a": "q", "tag": ["t1", 3, true] as [any Sendable]]
        #expect(try app.urlFor("user", mixed) == "/user/1?a=q&tag=t1&tag=3&tag=True&z=2&z=1")
    }

    @Test func nilItemsAreLeftOutAndAnEmptyArrayAddsNothing() throws {
        let app = app()
        #expect(try app.urlFor("hello", ["name": "x", "tag": ["a", nil, "b"] as [String?]]) == "/hello/x?tag=a&tag=b")
        #expect(try app.urlFor("hello", ["name": "x", "tag": [String]()]) == "/hello/x")
        let optionalArray: [Int]? = [1, 2]
        #expect(try app.urlFor("index", ["n": optionalArray as any Sendable]) == "/?n=1&n=2")
    }

    /// Werkzeug hands a rule variable the list's `str()`, as Flask's `url_for("hello", name=["a", "b"])`.
    @Test func arrayForARuleVariableIsWrittenAsPythonPrintsIt() throws {
        #expect(try app().urlFor("hello", ["name": ["a", "b"]]) == "/hello/%5B'a',%20'b'%5D")
    }

    @Test func nilValuesAreLeftOut() throws {
        let missing: String? = nil
        let present: String? = "x"
        #expect(try app().urlFor("index", ["a": missing as any Sendable, "b": present as any Sendable]) == "/?b=x")
    }

    @Test func anchorIsQuotedAfterTheURL() throws {
        #expect(try app().urlFor("index", anchor: "sec 2/a") == "/#sec%202/a")
    }

    @Test func methodMustBeOneTheRuleTakes() throws {
        let app = app()
        #expect(try app.urlFor("form") == "/form")
        #expect(try app.urlFor("form", method: .POST) == "/form")
        #expect {
            try app.urlFor("form", method: .GET)
        } throws: { error in
            "\(error)".contains("Did you mean to use methods ['OPTIONS', 'POST']?")
        }
    }

    @Test func noSuitableRuleThrowsBuildErrorWithASuggestion() {
        let app = app()
        #expect {
            try app.urlFor("usr", ["id": 1])
        } throws: { error in
            "\(error)".contains("Did you mean 'user' instead?")
        }
        #expect(throws: BuildError.self) { try app.urlFor("user") }
        // The converter's own error, as Flask lets int()'s ValueError through.
        #expect(throws: RouteConverterError.self) { try app.urlFor("user", ["id": "seven"]) }
    }

    @Test func insideARequestURLsArePathsAndExternalUsesTheHost() async throws {
        let app = app()
        app.route("/links") { _ in
            [try urlFor("user", ["id": 3]), try urlFor("user", ["id": 3], external: true)].joined(separator: " ")
        }
        let response = await app.testClient().get("/links", headers: ["Host": "example.com:8080"])
        #expect(response.text == "/user/3 http://example.com:8080/user/3")
    }

    @Test func relativeEndpointsResolveToTheCurrentBlueprint() async throws {
        let bp = Blueprint("admin", urlPrefix: "/admin")
        bp.route("/") { _ in try urlFor(".users") }
        bp.route("/users") { _ in "users" }
        let app = Flask()
        app.route("/") { _ in try urlFor(".users") }
        app.route("/users") { _ in "app users" }
        app.registerBlueprint(bp)
        let client = app.testClient()
        #expect(await client.get("/admin/").text == "/admin/users")
        #expect(await client.get("/").text == "/users")
    }

    @Test func staticEndpointBuildsFileURLs() throws {
        let root = try TemporaryFolder(files: ["static/css/app.css": "x"])
        let app = Flask(rootPath: root.path)
        #expect(try app.urlFor("static", ["filename": "css/app.css"]) == "/static/css/app.css")
    }

    @Test func outsideARequestExternalNeedsServerName() throws {
        let app = app()
        #expect(throws: ServerNameRequiredError.self) { try app.urlFor("user", ["id": 1], external: true) }
        app.config["SERVER_NAME"] = "example.org"
        app.config["PREFERRED_URL_SCHEME"] = "https"
        #expect(try app.urlFor("user", ["id": 1], external: true) == "https://example.org/user/1")
    }

    @Test func outsideARequestPathsStartAtApplicationRoot() throws {
        let app = app()
        app.config["APPLICATION_ROOT"] = "/prefix/"
        #expect(try app.urlFor("user", ["id": 1]) == "/prefix/user/1")
    }

    @Test(arguments: [
        (1 as any Sendable, "1"), (Int64(-5), "-5"), (0.1, "0.1"), (1e-05, "1e-05"), (false, "False"),
        ("text", "text"), (Substring("sub"), "sub"), (RouteValue.int(9), "9"), (["a", "b"], "['a', 'b']"),
        ([1, 2], "[1, 2]"), (TemplateValue.list([.string("x"), .int(1)]), "['x', 1]"),
    ])
    func valuesAreWrittenAsPythonWouldPrintThem(value: any Sendable, expected: String) {
        #expect(URLValueText.text(value) == expected)
    }
}
