import Testing
@testable import Flaskish

/// The edges of URL building's fast paths: rules whose variables have defaults, values that
/// start with `/`, the "no extra values" shortcut, and template `url_for` writing values
/// without boxing them (expectations checked against Werkzeug 3.1 / Flask 3.1).
struct URLBuildEdgeTests {
    static let map: URLMap = {
        var map = URLMap()
        try! map.add("/d/<int:n>", endpoint: "defaulted", defaults: ["n": "3"], provideAutomaticOptions: false)
        try! map.add("/<path:p>", endpoint: "root", provideAutomaticOptions: false)
        try! map.add("/two/<a>/<b>", endpoint: "two", provideAutomaticOptions: false)
        try! map.add("/get", endpoint: "verb", methods: [.GET], provideAutomaticOptions: false)
        try! map.add("/put", endpoint: "verb", methods: [.PUT], provideAutomaticOptions: false)
        return map
    }()

    /// Werkzeug writes the default of a variable that has one, whatever the values say, and a
    /// rule is unsuitable when a given value differs from its default.
    @Test func variableWithADefaultWritesTheDefault() throws {
        #expect(try Self.map.build(endpoint: "defaulted") == "/d/3")
        #expect(try Self.map.build(endpoint: "defaulted", values: ["n": "3"]) == "/d/3")
        #expect(try Self.map.build(endpoint: "defaulted", values: ["n": "3", "q": "x"]) == "/d/3?q=x")
        #expect(try Self.map.build(endpoint: "defaulted", values: ["q": "x"]) == "/d/3?q=x")
        #expect(throws: BuildError.self) { try Self.map.build(endpoint: "defaulted", values: ["n": "4"]) }
    }

    /// `"/" + path.lstrip("/")`: a value's own leading slashes collapse into the one slash.
    @Test func leadingSlashesOfAValueCollapse() throws {
        #expect(try Self.map.build(endpoint: "root", values: ["p": "a/b"]) == "/a/b")
        #expect(try Self.map.build(endpoint: "root", values: ["p": "//a//b"]) == "/a//b")
        #expect(try Self.map.build(endpoint: "root", values: ["p": "/"]) == "/")
    }

    /// With no defaults, equal counts mean no extras; any other key goes to the query, sorted
    /// by code point, keys and values quoted as `quote_plus` with Werkzeug's safe marks.
    @Test func extraValuesOnlyWhenSomeKeyIsNotAnArgument() throws {
        #expect(try Self.map.build(endpoint: "two", values: ["a": "1", "b": "2"]) == "/two/1/2")
        #expect(try Self.map.build(endpoint: "two", values: ["a": "1", "b": "2", "Z": "z", "é": "ü", "a b": "&="])
            == "/two/1/2?Z=z&a+b=%26%3D&%C3%A9=%C3%BC")
        #expect(try Self.map.build(endpoint: "two", values: ["a": "1", "b": "2", "x": "y"], appendUnknown: false) == "/two/1/2")
    }

    @Test func reservedAndNonASCIIPathValues() throws {
        #expect(try Self.map.build(endpoint: "two", values: ["a": "ü ß", "b": "?#%[]"]) == "/two/%C3%BC%20%C3%9F/%3F%23%25%5B%5D")
        #expect(try Self.map.build(endpoint: "two", values: ["a": "!$&'()*+,;=:@", "b": "~._-"]) == "/two/!$&'()*+,;=:@/~._-")
    }

    /// Without a method, the `GET` rule is preferred; with one, only a rule taking it suits.
    @Test func methodsChooseTheRule() throws {
        #expect(try Self.map.build(endpoint: "verb") == "/get")
        #expect(try Self.map.build(endpoint: "verb", method: .PUT) == "/put")
        #expect(try Self.map.build(endpoint: "verb", method: HTTPMethod(rawValue: "put")) == "/put")
        #expect(throws: BuildError.self) { try Self.map.build(endpoint: "verb", method: .DELETE) }
    }

    func page(_ template: String) async -> Response {
        let app = Flask()
        app.config["LOG_LEVEL"] = "CRITICAL"
        app.route("/hello/<name>", endpoint: "hello") { _ in "hello" }
        app.route("/n/<int:n>", endpoint: "number") { _ in "n" }
        app.route("/page") { req in try renderTemplateString(req.args["t"] ?? "") }
        let query = URLCoding.percentEncode(template, safe: .unreserved)
        return await app.testClient().get("/page?t=\(query)")
    }

    /// Template values reach the router as Python's `str()` of them, as in Flask.
    @Test(arguments: [
        ("{{ url_for('hello', name='a b/ü?#') }}", "/hello/a%20b/%C3%BC%3F%23"),
        ("{{ url_for('hello', name='x', q='é/&?')|safe }}", "/hello/x?q=%C3%A9/%26?"),
        ("{{ url_for('number', n=12) }}", "/n/12"),
        ("{{ url_for('hello', name=1.5, b=true, z=none) }}", "/hello/1.5?b=True"),
        ("{{ url_for('hello', name=('a', 1)) }}", "/hello/(&#39;a&#39;,%201)"),
        ("{{ url_for('hello', name='x', _anchor='a b#c', _external=true) }}", "http://localhost/hello/x#a%20b#c"),
    ])
    func templateValuesAreWrittenAsFlaskWritesThem(template: String, expected: String) async {
        let response = await page(template)
        #expect(response.status == .ok)
        #expect(response.text == expected)
    }

    @Test func templateBuildErrorIsAServerError() async {
        #expect(await page("{{ url_for('hello') }}").status == .internalServerError)
        #expect(await page("{{ url_for('number', n='x') }}").status == .internalServerError)
    }
}
