import Foundation
import Testing
@testable import Flaskish

/// The fast `url_for` path (`URLMap.buildExact`, `Flask.exactTemplateURL`, `Flask.exactURL`)
/// against the general one: the same inputs through both must give the same URL, and whatever
/// the general path refuses or sends to the query string the fast path must hand back (nil).
struct URLExactBuildTests {
    /// Endpoints with several rules, defaults, non-GET rules and every built-in converter.
    static func app() throws -> Flask {
        let app = Flask()
        app.route("/") { _ in "" }
        app.route("/post/<slug>", endpoint: "post") { _ in "" }
        app.route("/tag/<name>", endpoint: "tag") { _ in "" }
        app.route("/user/<int:id>", endpoint: "user") { _ in "" }
        app.route("/price/<float:amount>", endpoint: "price") { _ in "" }
        app.route("/files/<path:name>", endpoint: "files") { _ in "" }
        app.route("/page/<any(about, help):page>", endpoint: "fixed") { _ in "" }
        // Rules with defaults, which `route` does not take, and more rules for one view: straight
        // into the map.
        try app.urlMap.add("/docs/", endpoint: "docs", defaults: ["page": "1"])
        try app.urlMap.add("/docs/page/<int:page>", endpoint: "docs")
        try app.urlMap.add("/lang/", endpoint: "lang", defaults: ["code": "en"])
        try app.urlMap.add("/lang/<code>", endpoint: "lang")
        try app.urlMap.add("/get-or-post/<name>/<int:n>", endpoint: "mixed")
        app.route("/both/<a>/<b>", endpoint: "both") { _ in "" }
        app.route("/form/<name>", methods: [.POST], endpoint: "form") { _ in "" }
        app.route("/get-or-post/<name>", methods: [.POST], endpoint: "mixed") { _ in "" }
        let shop = Blueprint("shop", urlPrefix: "/shop")
        shop.route("/item/<name>", endpoint: "item") { _ in "" }
        app.registerBlueprint(shop)
        return app
    }

    /// Template calls, as `url_for(endpoint, name=value, …)` would pass them.
    static let templateCalls: [(String, [(String, TemplateValue)])] = [
        ("post", [("slug", "12-python-notes")]),
        ("tag", [("name", "web dev")]),
        ("tag", [("name", "Zoë/ü?#%")]),
        ("tag", [("name", .markup("<b>"))]),
        ("tag", [("name", 7)]),
        ("tag", [("name", true)]),
        ("tag", [("name", 2.5)]),
        ("tag", [("name", .undefined("name"))]),
        ("tag", [("name", .none)]),
        ("tag", [("name", ["a", "b"])]),
        ("tag", [("name", .tuple(["a"]))]),
        ("tag", [("name", ["k": 1])]),
        ("tag", [("name", "a"), ("name", "b")]),
        ("tag", [("name", "a"), ("extra", "x y")]),
        ("tag", []),
        ("tag", [("other", "x")]),
        ("user", [("id", 42)]),
        ("user", [("id", "42")]),
        ("user", [("id", "seven")]),
        ("user", [("id", -3)]),
        ("price", [("amount", 2.5)]),
        ("price", [("amount", "x")]),
        ("files", [("name", "a/b c.txt")]),
        ("files", [("name", "//etc/passwd")]),
        ("files", [("name", "/x")]),
        ("fixed", [("page", "about")]),
        ("fixed", [("page", "nope")]),
        ("docs", []),
        ("docs", [("page", 1)]),
        ("docs", [("page", "1")]),
        ("docs", [("page", 3)]),
        ("lang", []),
        ("lang", [("code", "en")]),
        ("lang", [("code", "fr")]),
        ("both", [("b", "2"), ("a", "1")]),
        ("both", [("a", "1")]),
        ("form", [("name", "x")]),
        ("mixed", [("name", "x")]),
        ("mixed", [("name", "x"), ("n", 2)]),
        ("missing", [("name", "x")]),
        ("index", []),
        ("index", [("page", 2)]),
        ("shop.item", [("name", "hat")]),
        (".item", [("name", "hat")]),
        (".index", []),
        ("post", [("slug", "x"), ("_anchor", "top")]),
        ("post", [("slug", "x"), ("_external", true)]),
        ("post", [("slug", "x"), ("_method", "GET")]),
        ("post", [("slug", "x"), ("_scheme", "https")]),
        ("post", [("slug", "x"), ("endpoint", "tag")]),
        ("post", [("slug", .string(String(repeating: "é", count: 400)))]),
    ]

    func outcome(_ body: () throws -> String) -> String {
        do { return try body() } catch { return "error: \(error)" }
    }

    @Test(arguments: ["", "/mounted"], [nil, "shop.item"] as [String?])
    func templateCallsGiveTheGeneralPathsURL(scriptRoot: String, endpoint: String?) throws {
        let app = try Self.app()
        // Set-up closed (as when serving) on one side of the arguments, open on the other.
        if endpoint != nil { _ = app.frozen }
        var request = Request(method: .GET, target: "/")
        request.scriptRoot = scriptRoot
        request.endpoint = endpoint
        let context = AppContext(app: app, request: request)
        var fastCount = 0
        AppContext.$current.withValue(context) {
            for (name, keyword) in Self.templateCalls {
                let arguments = TemplateArguments([.string(name)], keyword: keyword.map { (name: $0.0, value: $0.1) })
                let general = outcome { try Flask.generalTemplateURL(arguments) }
                if let fast = Flask.exactTemplateURL(arguments) {
                    #expect(fast == general, "url_for(\(name), \(keyword))")
                    fastCount += 1
                }
                #expect(outcome { try Flask.templateURLFor(arguments) } == general, "url_for(\(name), \(keyword))")
            }
        }
        #expect(fastCount >= 20)
    }

    @Test func commonCallsTakeTheFastPath() throws {
        let app = try Self.app()
        let context = AppContext(app: app, request: Request(method: .GET, target: "/"))
        AppContext.$current.withValue(context) {
            let post = TemplateArguments(["post"], keyword: [(name: "slug", value: "a b")])
            #expect(Flask.exactTemplateURL(post) == "/post/a%20b")
            let docs = TemplateArguments(["docs"], keyword: [(name: "page", value: 3)])
            #expect(Flask.exactTemplateURL(docs) == "/docs/page/3")
            let defaulted = TemplateArguments(["docs"], keyword: [(name: "page", value: 1)])
            #expect(Flask.exactTemplateURL(defaulted) == "/docs/")
            // Outside this path: a query string and a `None` value.
            let query = TemplateArguments(["post"], keyword: [(name: "slug", value: "a"), (name: "q", value: "b")])
            #expect(Flask.exactTemplateURL(query) == nil)
            #expect(outcome { try Flask.templateURLFor(query) } == "/post/a?q=b")
        }
    }

    @Test func outsideARequestTheFastPathStandsAside() {
        let arguments = TemplateArguments(["post"], keyword: [(name: "slug", value: "x")])
        #expect(Flask.exactTemplateURL(arguments) == nil)
    }

    @Test func swiftURLForGivesTheGeneralPathsURL() throws {
        let app = try Self.app()
        var request = Request(method: .GET, target: "/")
        request.scriptRoot = "/root"
        request.endpoint = "shop.item"
        let context = AppContext(app: app, request: request)
        let calls: [(String, [String: any Sendable])] = [
            ("post", ["slug": "a b"]), ("user", ["id": 3]), ("user", ["id": "x"]), ("docs", ["page": 1]),
            ("docs", ["page": 4]), (".item", ["name": "hat"]), ("tag", ["name": ["a", "b"]]),
            ("tag", ["name": String?.none]), ("post", ["slug": "a", "q": 1]), ("missing", [:]),
            ("price", ["amount": 2.5]), ("files", ["name": "//x"]),
            ("user", ["id": Int?.some(5)]), ("user", ["id": Int?.none]), ("tag", ["name": true]),
            ("price", ["amount": Double?.some(1.5)]), ("tag", ["name": Int.min]),
        ]
        AppContext.$current.withValue(context) {
            for (endpoint, values) in calls {
                let (texts, lists) = URLValueText.texts(of: values)
                let general = outcome {
                    try app.buildURL(endpoint, texts: texts, lists: lists, external: false, anchor: nil, method: nil,
                                     context: context)
                }
                #expect(outcome { try urlFor(endpoint, values) } == general, "urlFor(\(endpoint), \(values))")
                if let pairs = URLValuePairs(values), let fast = app.exactURL(endpoint, pairs, context: context) {
                    #expect(fast == general, "urlFor(\(endpoint), \(values))")
                }
            }
        }
    }

    @Test func swiftValuesAreWrittenAsPythonWritesThem() {
        #expect(URLValueText.written(7)?.text == "7")
        #expect(URLValueText.written(Int?.some(-5) as Any)?.text == "-5")
        #expect(URLValueText.written(Int?.none as Any) == nil)
        #expect(URLValueText.written(Int??.some(.some(3)) as Any)?.text == "3")
        #expect(URLValueText.written(true)?.text == "True")
        #expect(URLValueText.written(Bool?.some(false) as Any)?.text == "False")
        #expect(URLValueText.written(1.5)?.text == "1.5")
        #expect(URLValueText.written(UInt8(9))?.text == "9")
    }

    @Test func mapBuildExactAgreesWithBuild() throws {
        var map = URLMap()
        try map.add("/a/<x>", endpoint: "e")
        try map.add("/a/<x>/<int:y>", endpoint: "e")
        try map.add("/b/", endpoint: "e", defaults: ["x": "1", "y": "2"])
        try map.add("/c/<x>", endpoint: "post", methods: [.POST])
        try map.add("/c/<x>/<y>", endpoint: "post", methods: [.PUT])
        // A value with leading slashes right after the rule's own: `"/" + path.lstrip("/")`.
        try map.add("/<path:x>", endpoint: "root")
        let names = ["x", "y", "z"]
        let texts = ["1", "2", "a b", "-1", "/a", "//b/"]
        // Every subset of names with every value: the fast path is nil or equal to `build`.
        var cases: [[String: String]] = [[:]]
        for name in names {
            cases += cases.flatMap { base in texts.map { base.merging([name: $0]) { _, new in new } } }
        }
        for endpoint in ["e", "post", "root", "none"] {
            for values in cases {
                let general = try? map.build(endpoint: endpoint, values: values)
                let pairs = URLValuePairs(values)!
                if let fast = map.buildExact(endpoint: endpoint, pairs) {
                    #expect(fast == general, "\(endpoint) \(values)")
                    #expect(!fast.contains("?"))
                }
            }
        }
        #expect(map.buildExact(endpoint: "e", URLValuePairs(["x": "a b", "y": "2"])!) == "/a/a%20b/2")
        #expect(map.buildExact(endpoint: "e", URLValuePairs(["x": "1", "y": "2"])!) == "/b/")
        #expect(map.buildExact(endpoint: "post", URLValuePairs(["x": "1"])!) == "/c/1")
        #expect(map.buildExact(endpoint: "root", URLValuePairs(["x": "//b/"])!) == "/b/")
    }

    @Test func endpointTableFindsEveryEndpointAndNoOther() {
        var table = EndpointTable<[Int]>()
        for index in 0..<500 { table.set([index], for: "endpoint.\(index)") }
        table.set([1, 2], for: "endpoint.7")
        for index in 0..<500 where index != 7 { #expect(table["endpoint.\(index)"] == [index]) }
        #expect(table["endpoint.7"] == [1, 2])
        #expect(table["endpoint.500"] == nil)
        #expect(table[""] == nil)
    }
}
