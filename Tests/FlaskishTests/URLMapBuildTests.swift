import Testing
@testable import Flaskish

/// Building URLs as Werkzeug 3.1's `MapAdapter.build` does (expectations checked against
/// Werkzeug, except where a comment says why Flaskish differs).
struct URLMapBuildTests {
    typealias BuildCase = (endpoint: String, values: [String: String], method: String?, appendUnknown: Bool, expected: String)

    static let map: URLMap = {
        var map = URLMap()
        let rules: [(String, String, [HTTPMethod]?, [String: String])] = [
            ("/", "index", nil, [:]), ("/foo", "foo", nil, [:]), ("/bar/<baz>", "bar", nil, [:]),
            ("/bar/<int:bazi>", "bari", nil, [:]), ("/bar/<float:bazf>", "barf", nil, [:]),
            ("/bar/<path:bazp>", "barp", nil, [:]), ("/users/", "users", nil, ["page": "1"]),
            ("/users/page/<int:page>", "users", nil, [:]), ("/x/<a>", "e", nil, [:]), ("/x/<a>/<b>", "e", nil, [:]),
            ("/fixed/<int(fixed_digits=4):n>", "fixed", nil, [:]), ("/signed/<int(signed=True):n>", "signed", nil, [:]),
            ("/öä/<x>", "umlaut", nil, [:]), ("/page/<any(about, help):p>", "any", nil, [:]),
            ("/search_get", "search", [.GET], [:]), ("/search_post", "search", [.POST], [:]),
            ("/select", "select", [.POST], [:]), ("/a//b", "merged", nil, [:]), ("/files/<path:p>/", "dir", nil, [:]),
            ("/u/<uuid:id>", "uuid", nil, [:]),
        ]
        for (rule, endpoint, methods, defaults) in rules {
            try! map.add(rule, endpoint: endpoint, methods: methods, defaults: defaults, provideAutomaticOptions: false)
        }
        return map
    }()

    // Two differences from Werkzeug in this table: extra values are sorted by name (a Swift
    // dictionary has no order to keep), and a UUID is written lower-case after being checked.
    static let cases: [BuildCase] = [
        ("index", [:], nil, true, "/"),
        ("foo", [:], nil, true, "/foo"),
        ("bar", ["baz": "blub"], nil, true, "/bar/blub"),
        ("bari", ["bazi": "50"], nil, true, "/bar/50"),
        ("barf", ["bazf": "0.815"], nil, true, "/bar/0.815"),
        ("barf", ["bazf": "2"], nil, true, "/bar/2.0"),
        ("barf", ["bazf": "0.00001"], nil, true, "/bar/1e-05"),
        ("barp", ["bazp": "la/di"], nil, true, "/bar/la/di"),
        ("bar", ["baz": "a/b c?d#e%f+g&h=i"], nil, true, "/bar/a/b%20c%3Fd%23e%25f+g&h=i"),
        ("barp", ["bazp": "a b/ü"], nil, true, "/bar/a%20b/%C3%BC"),
        ("index", ["q": "a b+c&d=e/f?g#h", "z": "1", "a": "é"], nil, true, "/?a=%C3%A9&q=a+b%2Bc%26d%3De/f?g%23h&z=1"),
        ("barf", ["bazf": "0.815", "bif": "1.0"], nil, true, "/bar/0.815?bif=1.0"),
        ("barf", ["bazf": "0.815", "bif": "1.0"], nil, false, "/bar/0.815"),
        ("users", ["page": "1"], nil, true, "/users/"),
        ("users", ["page": "2"], nil, true, "/users/page/2"),
        ("users", [:], nil, true, "/users/"),
        ("e", ["a": "1"], nil, true, "/x/1"),
        ("e", ["a": "1", "b": "2"], nil, true, "/x/1/2"),
        ("fixed", ["n": "5"], nil, true, "/fixed/0005"),
        ("fixed", ["n": "123456"], nil, true, "/fixed/123456"),
        ("signed", ["n": "-5"], nil, true, "/signed/-5"),
        ("umlaut", ["x": "ü"], nil, true, "/%C3%B6%C3%A4/%C3%BC"),
        ("any", ["p": "help"], nil, true, "/page/help"),
        ("search", [:], nil, true, "/search_get"),
        ("search", [:], "GET", true, "/search_get"),
        ("search", [:], "POST", true, "/search_post"),
        ("select", [:], nil, true, "/select"),
        ("merged", [:], nil, true, "/a/b"),
        ("dir", ["p": "a/b"], nil, true, "/files/a/b/"),
        ("uuid", ["id": "A8098C1A-F86E-11DA-BD1A-00112444BE1E"], nil, true, "/u/A8098C1A-F86E-11DA-BD1A-00112444BE1E"),
        ("bar", ["baz": "x:y"], nil, true, "/bar/x:y"),
        ("bar", ["baz": "~._-!$&'()*+,;=:@[]"], nil, true, "/bar/~._-!$&'()*+,;=:@%5B%5D"),
    ]

    @Test(arguments: cases)
    func buildsLikeWerkzeug(_ c: BuildCase) throws {
        let url = try Self.map.build(
            endpoint: c.endpoint, values: c.values, method: c.method.map { HTTPMethod(rawValue: $0) },
            appendUnknown: c.appendUnknown)
        #expect(url == c.expected)
    }

    @Test func builtURLsMatchBack() throws {
        let url = try Self.map.build(endpoint: "fixed", values: ["n": "42"])
        #expect(url == "/fixed/0042")
        #expect(Self.map.match(path: url, method: .GET).arguments == ["n": .int(42)])
        let path = try Self.map.build(endpoint: "barp", values: ["bazp": "a/b"])
        #expect(Self.map.match(path: path, method: .GET).arguments == ["bazp": .string("a/b")])
    }

    static let errorMap: URLMap = {
        var map = URLMap()
        try! map.add("/foo/<id>/", endpoint: "world", methods: [.GET], provideAutomaticOptions: false)
        try! map.add("/post/", endpoint: "foobar", methods: [.POST], provideAutomaticOptions: false)
        return map
    }()

    static let errorCases: [BuildCase] = [
        ("urks", [:], nil, true,
         "Could not build url for endpoint 'urks'. Did you mean 'world' instead?"),
        ("world", [:], "POST", true,
         "Could not build url for endpoint 'world' ('POST'). Did you mean to use methods ['GET', 'HEAD']? Did you forget to specify values ['id']?"),
        ("urks", ["user_id": "5"], nil, true,
         "Could not build url for endpoint 'urks' with values ['user_id']. Did you mean 'world' instead?"),
        ("helloworld", [:], nil, true,
         "Could not build url for endpoint 'helloworld'. Did you mean 'world' instead?"),
        ("world", [:], nil, true,
         "Could not build url for endpoint 'world'. Did you forget to specify values ['id']?"),
        ("world", ["id": "2"], "POST", true,
         "Could not build url for endpoint 'world' ('POST') with values ['id']. Did you mean to use methods ['GET', 'HEAD']?"),
        ("foobar", ["x": "1"], "GET", true,
         "Could not build url for endpoint 'foobar' ('GET') with values ['x']. Did you mean to use methods ['POST']?"),
    ]

    @Test(arguments: errorCases)
    func buildErrorMessagesMatchWerkzeug(_ c: BuildCase) {
        do {
            let url = try Self.errorMap.build(
                endpoint: c.endpoint, values: c.values, method: c.method.map { HTTPMethod(rawValue: $0) })
            Issue.record("built \(url)")
        } catch {
            #expect(error.description == c.expected)
        }
    }

    @Test func flaskRulesSuggestOptionsToo() throws {
        var map = URLMap()
        try map.add("/foo/<id>/", endpoint: "world")
        #expect(throws: BuildError.self) { try map.build(endpoint: "world", values: ["id": "2"], method: .POST) }
        do {
            _ = try map.build(endpoint: "world", values: ["id": "2"], method: .POST)
        } catch {
            #expect(error.description.hasSuffix("Did you mean to use methods ['GET', 'HEAD', 'OPTIONS']?"))
        }
    }

    /// Werkzeug's `_partial_build` takes the first suitable rule: its converter's `ValueError`
    /// ends the build (here a `BuildError` carrying the reason) instead of trying the next rule.
    @Test func refusedValueEndsTheBuildAndIsReported() throws {
        var map = URLMap()
        try map.add("/page/<any(about, help):p>", endpoint: "page")
        try map.add("/other/<p>", endpoint: "page")
        do {
            _ = try map.build(endpoint: "page", values: ["p": "other"])
            Issue.record("built a URL for a value any() refuses")
        } catch {
            #expect(error.rejection == "'other' is not one of 'about', 'help'")
            #expect(error.description == "Could not build url for endpoint 'page' with values ['p']."
                + " The converter refused a value: 'other' is not one of 'about', 'help'.")
        }
        #expect(try map.build(endpoint: "page", values: ["p": "help"]) == "/page/help")
    }

    /// Werkzeug's `MapAdapter.build` given lists: one query pair per item, in order, none for an
    /// empty list; a rule variable sees the list's `str()`.
    @Test func listValuesRepeatTheirQueryParameter() throws {
        let values = ["baz": "x", "tag": "['b', 'a']", "empty": "[]", "q": "1 2"]
        let lists = ["tag": ["b", "a"], "empty": []]
        #expect(try Self.map.build(endpoint: "bar", values: values, repeatedQueryValues: lists, method: nil, appendUnknown: true)
            == "/bar/x?q=1+2&tag=b&tag=a")
        #expect(try Self.map.build(endpoint: "bar", values: values, repeatedQueryValues: lists, method: nil, appendUnknown: false)
            == "/bar/x")
        #expect(try Self.map.build(endpoint: "bar", values: ["baz": "['b']"], repeatedQueryValues: ["baz": ["b"]], method: nil, appendUnknown: true)
            == "/bar/%5B'b'%5D")
    }

    @Test func intValueMustBeAWholeNumber() {
        #expect(throws: BuildError.self) { try Self.map.build(endpoint: "bari", values: ["bazi": "abc"]) }
    }

    @Test func emptyMapHasNoSuggestion() {
        do {
            _ = try URLMap().build(endpoint: "x")
        } catch {
            #expect(error.suggestedRule == nil)
            #expect(error.description == "Could not build url for endpoint 'x'.")
        }
    }

    @Test func endpointNamesWithQuotesUsePythonRepr() throws {
        var map = URLMap()
        try map.add("/a", endpoint: "e")
        do {
            _ = try map.build(endpoint: "it's", values: ["o'k": "1"], method: .GET)
        } catch {
            #expect(error.description
                == "Could not build url for endpoint \"it's\" ('GET') with values [\"o'k\"]. Did you mean 'e' instead?")
        }
    }

    @Test func closestRuleByEndpointValuesAndMethod() throws {
        // Werkzeug's test_finding_closest_match_by_endpoint / _by_values / _by_method.
        var map = URLMap()
        try map.add("/foo/", endpoint: "users.here")
        try map.add("/wat/", endpoint: "admin.users")
        try map.add("/woop", endpoint: "foo.users")
        #expect(map.closestRule(endpoint: "admin.user", values: [:], method: nil)?.endpoint == "admin.users")

        var byValues = URLMap()
        try byValues.add("/user/id/<id>/", endpoint: "users")
        try byValues.add("/user/<slug>/", endpoint: "users")
        try byValues.add("/user/emails/<email>/", endpoint: "users")
        #expect(byValues.closestRule(endpoint: "x", values: ["slug": ""], method: nil)?.rule == "/user/<slug>/")

        var byMethod = URLMap()
        try byMethod.add("/post/", endpoint: "foobar", methods: [.POST])
        try byMethod.add("/get/", endpoint: "foobar", methods: [.GET])
        try byMethod.add("/put/", endpoint: "foobar", methods: [.PUT])
        #expect(byMethod.closestRule(endpoint: "invalid", values: [:], method: .POST)?.rule == "/post/")
        #expect(byMethod.closestRule(endpoint: "invalid", values: [:], method: .GET)?.rule == "/get/")
        #expect(byMethod.closestRule(endpoint: "invalid", values: [:], method: .PUT)?.rule == "/put/")
    }

    @Test func isEndpointExpectingCountsDefaults() {
        #expect(Self.map.isEndpointExpecting("users", "page"))
        #expect(!Self.map.isEndpointExpecting("foo", "page"))
        #expect(Self.map.rules(for: "e").map(\.rule) == ["/x/<a>/<b>", "/x/<a>"])
    }
}
