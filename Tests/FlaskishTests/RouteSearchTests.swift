import Testing
@testable import Flaskish

/// The walk itself: trial order and clean-up of values between trials.
struct RouteSearchTests {
    @Test func valuesOfAFailedBranchAreDropped() throws {
        var map = URLMap()
        // `<a>` matches "x" first but leads nowhere for "/x/y"; the int branch must not leave "x" behind.
        try map.add("/<a>/z", endpoint: "az")
        try map.add("/<b>/<int:n>", endpoint: "bn")
        try map.add("/<c>/<d>", endpoint: "cd")
        #expect(map.match(path: "/x/y", method: .GET).arguments == ["c": .string("x"), "d": .string("y")])
        #expect(map.match(path: "/x/3", method: .GET).arguments == ["b": .string("x"), "n": .int(3)])
    }

    @Test func slashRedirectWinsAsSoonAsFoundLikeWerkzeug() throws {
        // Werkzeug raises as soon as a branch rule takes the method, even if a later
        // transition would match exactly.
        var map = URLMap()
        try map.add("/<int:x>/", endpoint: "branch")
        try map.add("/<x>", endpoint: "leaf")
        #expect(URLMapMatchTests.describe(map.match(path: "/5", method: .GET)) == "308 /5/")
        #expect(URLMapMatchTests.describe(map.match(path: "/q", method: .GET)) == "leaf x=string:q")
    }

    @Test func searchCountsConverterCalls() throws {
        var map = URLMap()
        try map.add("/<int:n>", endpoint: "n")
        map.maxConverterCalls = 0
        var search = RouteSearch(nodes: map.nodes, rules: map.rules, path: "/1", method: .GET, budget: map.maxConverterCalls)
        guard case .none = search.run() else {
            Issue.record("matched without converter calls")
            return
        }
        #expect(search.exhausted)
    }

    typealias RandomMap = (rules: [(String, String, [HTTPMethod]?, Bool)], cases: [URLMapMatchTests.MatchCase])

    /// Three maps drawn at random (several converters, branch rules, mixed methods and strict
    /// flags) with the answers Werkzeug 3.1 gave; the walk must visit transitions in its order.
    static let randomMaps: [RandomMap] = [
        ([("/<string(length=1):z>/a<y>/", "e0", nil, true), ("/<uuid:u>/a", "e1", nil, true), ("/<x>/a/<int:n>", "e2", ["PUT"], true), ("/<any(a,c):k>/", "e3", ["GET"], false), ("/", "e4", nil, true), ("/<path:p>/", "e5", ["PUT"], true), ("/<x>", "e6", ["PUT"], false)], [
            ("//a", "DELETE", "405 PUT"),
            ("/a8098c1a-f86e-11da-bd1a-00112444be1e/12/a", "GET", "404"),
            ("/p-3", "HEAD", "405 PUT"),
            ("/é", "DELETE", "405 PUT"),
            ("/a/a/x.y", "POST", "404"),
            ("/", "HEAD", "e4"),
            ("/-1/12/1/c", "PUT", "308 /-1/12/1/c/"),
            ("/c/b/a/12", "GET", "404"),
            ("/", "PUT", "405 GET,HEAD"),
            ("/1.5", "DELETE", "405 PUT"),
            ("/b/-1/a8098c1a-f86e-11da-bd1a-00112444be1e", "DELETE", "404"),
            ("/b/b/a8098c1a-f86e-11da-bd1a-00112444be1e", "PUT", "308 /b/b/a8098c1a-f86e-11da-bd1a-00112444be1e/"),
        ]),
        ([("/<s>.<t>", "e0", nil, true), ("/", "e1", ["GET", "POST"], true), ("/<any(a,c):k>", "e2", ["GET"], true), ("/a<y>/a/", "e3", ["GET", "POST"], true), ("/<path:p>/<x>/", "e4", ["PUT"], true), ("/<float:f>/<x>", "e5", ["GET"], true), ("/", "e6", ["PUT"], true)], [
            ("//", "HEAD", "e1"),
            ("/c", "HEAD", "e2 k=string:c"),
            ("//a/ab/a", "GET", "404"),
            ("/1.5/a", "DELETE", "405 GET,HEAD"),
            ("//", "DELETE", "405 GET,HEAD,POST,PUT"),
            ("/c/-1/", "POST", "405 PUT"),
            ("/", "DELETE", "405 GET,HEAD,POST,PUT"),
            ("/", "PUT", "e6"),
            ("/b/p-3/x.y/1", "POST", "404"),
            ("/c/1", "PUT", "308 /c/1/"),
            ("/b/a8098c1a-f86e-11da-bd1a-00112444be1e/a/", "GET", "405 PUT"),
            ("/1/c/x.y", "HEAD", "404"),
        ]),
        ([("/b", "e0", nil, true), ("/<string(length=1):z>", "e1", ["GET", "POST"], true), ("/<path:p>/a/", "e2", ["PUT"], true), ("/p-<int:m>/a<y>/<float:f>", "e3", ["GET"], true), ("/<x>/<float:f>/<uuid:u>/", "e4", ["PUT"], true), ("/<s>.<t>/", "e5", ["PUT"], true), ("/", "e6", ["GET"], true)], [
            ("/x.y/12/", "GET", "404"),
            ("//", "PUT", "405 GET,HEAD"),
            ("/", "GET", "e6"),
            ("/c", "PUT", "405 GET,HEAD,POST"),
            ("/b/p-3", "PUT", "404"),
            ("/b/1/", "HEAD", "404"),
            ("/x.y", "PUT", "308 /x.y/"),
            ("/", "HEAD", "e6"),
            ("/", "PUT", "405 GET,HEAD"),
            ("/a//c/-1/", "HEAD", "404"),
            ("/p-3/é/-1/", "PUT", "404"),
            ("/", "POST", "405 GET,HEAD"),
        ]),
    ]

    @Test(arguments: 0..<3)
    func randomMapsAnswerLikeWerkzeug(_ index: Int) throws {
        var map = URLMap()
        for (rule, endpoint, methods, strict) in Self.randomMaps[index].rules {
            try map.add(rule, endpoint: endpoint, methods: methods, strictSlashes: strict, provideAutomaticOptions: false)
        }
        for c in Self.randomMaps[index].cases {
            let got = URLMapMatchTests.describe(map.match(path: c.path, method: HTTPMethod(rawValue: c.method)))
            #expect(got == c.expected, "\(c.method) \(c.path)")
        }
    }
}
