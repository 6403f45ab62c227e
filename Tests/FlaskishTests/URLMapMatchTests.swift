import Foundation
import Testing
@testable import Flaskish

/// Matching, case by case as Werkzeug 3.1's `MapAdapter.match` answers (each expectation was
/// checked against Werkzeug): `"endpoint name=type:value …"`, `"404"`, `"405 A,B"`, `"308 /path"`.
struct URLMapMatchTests {
    typealias MatchCase = (path: String, method: String, expected: String)

    static func map(_ rules: [(String, String, [HTTPMethod]?, Bool, [String: String])]) -> URLMap {
        var map = URLMap()
        for (rule, endpoint, methods, strict, defaults) in rules {
            // Werkzeug adds no OPTIONS; Flask does (tested separately below).
            try! map.add(rule, endpoint: endpoint, methods: methods, strictSlashes: strict, defaults: defaults,
                         provideAutomaticOptions: false)
        }
        return map
    }

    static func r(_ rule: String, _ endpoint: String, _ methods: [HTTPMethod]? = nil, strict: Bool = true,
                  defaults: [String: String] = [:]) -> (String, String, [HTTPMethod]?, Bool, [String: String]) {
        (rule, endpoint, methods, strict, defaults)
    }

    static func describe(_ match: URLMatch) -> String {
        switch match {
        case .matched(let rule, let arguments):
            let values = arguments.keys.sorted().map { key -> String in
                switch arguments[key]! {
                case .string(let text): return "\(key)=string:\(text)"
                case .int(let number): return "\(key)=int:\(number)"
                case .bigInt(let number): return "\(key)=bigint:\(number)"
                case .double(let number): return "\(key)=double:\(number)"
                case .uuid(let id): return "\(key)=uuid:\(id.uuidString.lowercased())"
                }
            }
            return ([rule.endpoint] + values).joined(separator: " ")
        case .notFound: return "404"
        case .methodNotAllowed(let allowed): return "405 " + allowed.map(\.rawValue).joined(separator: ",")
        case .redirect(let location): return "308 \(location)"
        }
    }

    // Werkzeug's test_complex_routing_rules map.
    static let complexMap = map([
        r("/", "index"), r("/<int:blub>", "an_int"), r("/<blub>", "a_string"), r("/foo/", "nested"),
        r("/foobar/", "nestedbar"), r("/foo/<path:testing>/", "nested_show"), r("/foo/<path:testing>/edit", "nested_edit"),
        r("/users/", "users", defaults: ["page": "1"]), r("/users/page/<int:page>", "users"), r("/foox", "foox"),
        r("/<path:bar>/<path:blub>", "barx_path_path"),
    ])

    // Werkzeug's test_path (wiki) map.
    static let wikiMap = map([
        r("/", "page", defaults: ["name": "FrontPage"]), r("/Special", "special"), r("/<int:year>", "year"),
        r("/<path:name>", "page"), r("/<path:name>/edit", "editpage"), r("/<path:name>/silly/<path:name2>", "sillypage"),
        r("/<path:name>/silly/<path:name2>/edit", "editsillypage"), r("/Talk:<path:name>", "talk"),
        r("/User:<username>", "user"), r("/User:<username>/<path:name>", "userpage"), r("/Files/<path:file>", "files"),
    ])

    static let methodsMap = map([
        r("/bar/", "get", [.GET]), r("/bar", "post", [.POST]),
        r("/a/<int:x>", "int_post", [.POST]), r("/a/<y>", "str_put", [.PUT]),
        r("/only/", "only", [.POST]), r("/res", "res_get", [.GET]), r("/res", "res_post", [.POST]),
        r("/loose/", "loose_branch", strict: false), r("/leaf", "loose_leaf", strict: false),
        r("/n/<int:x>/", "n_branch"), r("/n/<x>", "n_leaf"),
    ])

    static let convertersMap = map([
        r("/u/<uuid:id>", "uuid"), r("/i/<int:n>", "int"), r("/s/<int(signed=True):n>", "signed"),
        r("/d/<int(fixed_digits=4):n>", "fixed"), r("/r/<int(min=1, max=10):n>", "ranged"),
        r("/f/<float:x>", "float"), r("/fs/<float(signed=True):x>", "float_signed"),
        r("/l/<string(length=2):lang>", "lang"), r("/m/<string(minlength=2, maxlength=3):w>", "short"),
        r("/p/<any(about, help, \"a b\"):page>", "any"), r("/files/<path:p>", "path"), r("/t/<path:p>/", "path_branch"),
        r("/x/<a>.<b>", "dotted"), r("/y/<int:a><b>", "int_then_string"), r("/g/<path:a>/<path:b>", "two_paths"),
        r("/e/<path:p>/edit", "edit"), r("/user/<name>", "user"),
    ])

    static let weightsMap = map([
        r("/<a>/x", "var_static"), r("/y/<b>", "static_var"), r("/w/<path:p>", "w_path"), r("/w/<s>", "w_string"),
        r("/w/<int:i>", "w_int"), r("/k/<any(a,b):v>", "k_any"), r("/k/<v>", "k_string"), r("/j/<v>", "j_string"),
        r("/j/<any(a,b):v>", "j_any"), r("/page-<int:n>", "page_prefix"), r("/<slug>", "slug"),
        r("/q/<a>-<b>", "two_vars"), r("/q/<a>", "one_var"),
    ])

    static let complexCases: [MatchCase] = [
        ("/", "GET", "index"),
        ("/42", "GET", "an_int blub=int:42"),
        ("/blub", "GET", "a_string blub=string:blub"),
        ("/foo/", "GET", "nested"),
        ("/foobar/", "GET", "nestedbar"),
        ("/foo/1/2/3/", "GET", "nested_show testing=string:1/2/3"),
        ("/foo/1/2/3/edit", "GET", "nested_edit testing=string:1/2/3"),
        ("/users/", "GET", "users page=string:1"),
        ("/users/page/2", "GET", "users page=int:2"),
        ("/users/page/1", "GET", "308 /users/"),
        ("/foox", "GET", "foox"),
        ("/1/2/3", "GET", "barx_path_path bar=string:1 blub=string:2/3"),
        ("/foo", "GET", "308 /foo/"),
        ("/foo/1/2/3", "GET", "308 /foo/1/2/3/"),
        ("/users", "GET", "308 /users/"),
        ("/blub/", "GET", "404"),
    ]
    static let wikiCases: [MatchCase] = [
        ("/", "GET", "page name=string:FrontPage"),
        ("/FrontPage", "GET", "308 /"),
        ("/Special", "GET", "special"),
        ("/2007", "GET", "year year=int:2007"),
        ("/Some/Page", "GET", "page name=string:Some/Page"),
        ("/Some/Page/edit", "GET", "editpage name=string:Some/Page"),
        ("/Foo/silly/bar", "GET", "sillypage name=string:Foo name2=string:bar"),
        ("/Foo/silly/bar/edit", "GET", "editsillypage name=string:Foo name2=string:bar"),
        ("/Talk:Foo/Bar", "GET", "talk name=string:Foo/Bar"),
        ("/User:thomas", "GET", "user username=string:thomas"),
        ("/User:thomas/projects/werkzeug", "GET", "userpage name=string:projects/werkzeug username=string:thomas"),
        ("/Files/downloads/werkzeug/0.2.zip", "GET", "files file=string:downloads/werkzeug/0.2.zip"),
    ]
    static let methodsCases: [MatchCase] = [
        ("/bar/", "GET", "get"),
        ("/bar", "POST", "post"),
        ("/bar", "GET", "308 /bar/"),
        ("/bar/", "POST", "405 GET,HEAD"),
        ("/bar", "PUT", "405 POST"),
        ("/bar", "HEAD", "308 /bar/"),
        ("/bar", "OPTIONS", "405 POST"),
        ("/a/1", "GET", "405 POST,PUT"),
        ("/a/1", "POST", "int_post x=int:1"),
        ("/a/1", "PUT", "str_put y=string:1"),
        ("/a/x", "POST", "405 PUT"),
        ("/only", "GET", "404"),
        ("/only/", "GET", "405 POST"),
        ("/only", "POST", "308 /only/"),
        ("/res", "POST", "res_post"),
        ("/res", "GET", "res_get"),
        ("/res", "DELETE", "405 GET,HEAD,POST"),
        ("/loose", "GET", "loose_branch"),
        ("/loose/", "GET", "loose_branch"),
        ("/leaf/", "GET", "loose_leaf"),
        ("/leaf", "GET", "loose_leaf"),
        ("/n/5", "GET", "308 /n/5/"),
        ("/n/x", "GET", "n_leaf x=string:x"),
        ("/bar", "get", "308 /bar/"),
    ]
    static let convertersCases: [MatchCase] = [
        ("/u/a8098c1a-f86e-11da-bd1a-00112444be1e", "GET", "uuid id=uuid:a8098c1a-f86e-11da-bd1a-00112444be1e"),
        ("/u/A8098C1A-F86E-11DA-BD1A-00112444BE1E", "GET", "uuid id=uuid:a8098c1a-f86e-11da-bd1a-00112444be1e"),
        ("/u/a8098c1af86e11dabd1a00112444be1e", "GET", "404"),
        ("/u/a8098c1a-f86e-11da-bd1a-00112444be1", "GET", "404"),
        ("/u/g8098c1a-f86e-11da-bd1a-00112444be1e", "GET", "404"),
        ("/i/42", "GET", "int n=int:42"),
        ("/i/007", "GET", "int n=int:7"),
        ("/i/+5", "GET", "404"),
        ("/i/-5", "GET", "404"),
        ("/i/4.2", "GET", "404"),
        ("/i/", "GET", "404"),
        ("/s/-5", "GET", "signed n=int:-5"),
        ("/s/+5", "GET", "404"),
        ("/s/-", "GET", "404"),
        ("/d/0042", "GET", "fixed n=int:42"),
        ("/d/42", "GET", "404"),
        ("/d/00042", "GET", "404"),
        ("/r/1", "GET", "ranged n=int:1"),
        ("/r/10", "GET", "ranged n=int:10"),
        ("/f/1.5", "GET", "float x=double:1.5"),
        ("/f/1", "GET", "404"),
        ("/f/.5", "GET", "404"),
        ("/f/1.", "GET", "404"),
        ("/f/-1.5", "GET", "404"),
        ("/fs/-1.5", "GET", "float_signed x=double:-1.5"),
        ("/l/en", "GET", "lang lang=string:en"),
        ("/l/eng", "GET", "404"),
        ("/l/é1", "GET", "lang lang=string:é1"),
        ("/m/a", "GET", "404"),
        ("/m/ab", "GET", "short w=string:ab"),
        ("/m/abcd", "GET", "404"),
        ("/p/about", "GET", "any page=string:about"),
        ("/p/help", "GET", "any page=string:help"),
        ("/p/a b", "GET", "any page=string:a b"),
        ("/p/other", "GET", "404"),
        ("/files/a/b/c.txt", "GET", "path p=string:a/b/c.txt"),
        ("/files/", "GET", "404"),
        ("/files", "GET", "404"),
        ("/files/a b/%2F", "GET", "path p=string:a b/%2F"),
        ("/t/a/b", "GET", "308 /t/a/b/"),
        ("/t/a/b/", "GET", "path_branch p=string:a/b"),
        ("/t/a/b//", "GET", "308 /t/a/b/"),
        ("/x/a.b.c", "GET", "dotted a=string:a.b b=string:c"),
        ("/y/123abc", "GET", "int_then_string a=int:123 b=string:abc"),
        ("/y/123", "GET", "int_then_string a=int:12 b=string:3"),
        ("/g/x/y/z", "GET", "two_paths a=string:x b=string:y/z"),
        ("/e/a/edit/edit", "GET", "edit p=string:a/edit"),
        ("/user/a b", "GET", "user name=string:a b"),
        ("/user/a/b", "GET", "404"),
        ("/files/a\nb", "GET", "404"),
        ("/user/a\nb", "GET", "user name=string:a\nb"),
        ("/files/\nb", "GET", "path p=string:\nb"),
    ]
    static let weightsCases: [MatchCase] = [
        ("/y/x", "GET", "static_var b=string:x"),
        ("/w/a", "GET", "w_string s=string:a"),
        ("/w/12", "GET", "w_int i=int:12"),
        ("/w/a/b", "GET", "w_path p=string:a/b"),
        ("/k/a", "GET", "k_any v=string:a"),
        ("/k/c", "GET", "k_string v=string:c"),
        ("/j/a", "GET", "j_string v=string:a"),
        ("/page-3", "GET", "page_prefix n=int:3"),
        ("/page-x", "GET", "slug slug=string:page-x"),
        ("/q/a-b", "GET", "two_vars a=string:a b=string:b"),
        ("/q/ab", "GET", "one_var a=string:ab"),
        ("/q/a-b-c", "GET", "two_vars a=string:a-b b=string:c"),
    ]

    @Test(arguments: complexCases)
    func complexRoutingRules(_ c: MatchCase) {
        #expect(Self.describe(Self.complexMap.match(path: c.path, method: HTTPMethod(rawValue: c.method))) == c.expected)
    }

    @Test(arguments: wikiCases)
    func pathConvertersAndStaticPrefixes(_ c: MatchCase) {
        #expect(Self.describe(Self.wikiMap.match(path: c.path, method: HTTPMethod(rawValue: c.method))) == c.expected)
    }

    @Test(arguments: methodsCases)
    func methodsStrictSlashesAndRedirects(_ c: MatchCase) {
        #expect(Self.describe(Self.methodsMap.match(path: c.path, method: HTTPMethod(rawValue: c.method))) == c.expected)
    }

    @Test(arguments: convertersCases)
    func convertersInRules(_ c: MatchCase) {
        #expect(Self.describe(Self.convertersMap.match(path: c.path, method: HTTPMethod(rawValue: c.method))) == c.expected)
    }

    @Test(arguments: weightsCases)
    func staticPartsAndWeightsDecideOrder(_ c: MatchCase) {
        #expect(Self.describe(Self.weightsMap.match(path: c.path, method: HTTPMethod(rawValue: c.method))) == c.expected)
    }

    static let pathNormalizationCases: [MatchCase] = [
        ("", "GET", "308 /"),
        ("/", "GET", "index"),
        ("///", "GET", "index"),
        ("//a", "GET", "a"),
        ("a", "GET", "a"),
        ("/a//b", "GET", "308 /a/b"),
        ("/a///b////c", "GET", "308 /a/b/c/"),
        ("/a//b/c/", "GET", "308 /a/b/c/"),
        ("/a/b/c", "GET", "308 /a/b/c/"),
        ("/p/x//y", "GET", "p p=string:x//y"),
        ("/ö", "GET", "308 /%C3%B6/"),
        ("/a b", "GET", "308 /a%20b/"),
    ]

    @Test(arguments: pathNormalizationCases)
    func leadingSlashesCollapseAndRepeatedSlashesRedirect(_ c: MatchCase) {
        let map = Self.map([
            Self.r("/", "index"), Self.r("/a", "a"), Self.r("/a/b", "ab"), Self.r("/a/b/c/", "abc"),
            Self.r("/p/<path:p>", "p"), Self.r("/ö/", "umlaut"), Self.r("/a b/", "space"),
        ])
        #expect(Self.describe(map.match(path: c.path, method: HTTPMethod(rawValue: c.method))) == c.expected)
    }

    @Test func mergeSlashesCanBeTurnedOff() {
        var map = Self.map([Self.r("/a/b", "ab")])
        map.mergeSlashes = false
        #expect(Self.describe(map.match(path: "/a//b", method: .GET)) == "404")
    }

    @Test func percentDecodedSegmentsMatchAsText() {
        // The engine decodes `/user/a%20b` and `%2F` before routing, as WSGI does for Werkzeug:
        // a decoded slash then separates segments, so `string` no longer matches and `path` does.
        let map = Self.convertersMap
        #expect(Self.describe(map.match(path: "/user/a b", method: .GET)) == "user name=string:a b")
        #expect(Self.describe(map.match(path: "/user/a/b", method: .GET)) == "404")
        #expect(Self.describe(map.match(path: "/files/a/b", method: .GET)) == "path p=string:a/b")
    }

    @Test func flaskAddsOptionsAndHeadToAllowedMethods() throws {
        var map = URLMap()
        try map.add("/", endpoint: "index", methods: ["GET", "POST"])
        try map.add("/", endpoint: "put", methods: ["PUT"])
        #expect(map.allowedMethods(path: "/") == ["GET", "HEAD", "OPTIONS", "POST", "PUT"])
        #expect(Self.describe(map.match(path: "/", method: .OPTIONS)) == "index")
        #expect(Self.describe(map.match(path: "/", method: .DELETE)) == "405 GET,HEAD,OPTIONS,POST,PUT")
        #expect(map.allowedMethods(path: "/missing") == [])
    }

    @Test func allowedMethodsIgnoresTheSlashRedirect() {
        // Werkzeug asks with method "--": no rule takes it, so only the rules of the path itself count.
        #expect(Self.methodsMap.allowedMethods(path: "/bar") == [.POST])
        #expect(Self.methodsMap.allowedMethods(path: "/bar/") == [.GET, .HEAD])
        #expect(Self.methodsMap.allowedMethods(path: "/a/1") == [.POST, .PUT])
    }

    @Test func refusedConverterValueLetsOtherRulesTry() {
        // Werkzeug documents ValidationError as "the next URL is tried"; its state machine gives 404.
        let map = Self.map([Self.r("/<int(max=10):n>", "small"), Self.r("/<s>", "any")])
        #expect(Self.describe(map.match(path: "/5", method: .GET)) == "small n=int:5")
        #expect(Self.describe(map.match(path: "/20", method: .GET)) == "any s=string:20")
    }

    @Test func defaultsRedirectCanBeTurnedOff() {
        var map = Self.complexMap
        map.redirectDefaults = false
        #expect(Self.describe(map.match(path: "/users/page/1", method: .GET)) == "users page=int:1")
    }

    @Test func doubleDefaultsPickTheRuleThatWritesTheValues() {
        // Werkzeug's test_double_defaults.
        let map = Self.map([
            Self.r("/", "x", defaults: ["foo": "1", "bar": "False"]),
            Self.r("/<int:foo>", "x", defaults: ["bar": "False"]),
            Self.r("/bar/", "x", defaults: ["foo": "1", "bar": "True"]),
            Self.r("/bar/<int:foo>", "x", defaults: ["bar": "True"]),
        ])
        #expect(Self.describe(map.match(path: "/", method: .GET)) == "x bar=string:False foo=string:1")
        #expect(Self.describe(map.match(path: "/2", method: .GET)) == "x bar=string:False foo=int:2")
        #expect(Self.describe(map.match(path: "/1", method: .GET)) == "308 /")
        #expect(Self.describe(map.match(path: "/bar/2", method: .GET)) == "x bar=string:True foo=int:2")
        #expect(Self.describe(map.match(path: "/bar/1", method: .GET)) == "308 /bar/")
    }

    @Test func customConverterFromTheMapRegistry() throws {
        struct EvenConverter: RouteConverter {
            init(arguments: ConverterArguments) throws {}
            var weight: Int { 10 }
            func match(_ segment: Substring) -> RouteValue? {
                guard let n = Int(segment), n % 2 == 0 else { return nil }
                return .int(n)
            }
        }
        var map = URLMap()
        map.converters["even"] = EvenConverter.self
        try map.add("/<even:n>", endpoint: "even")
        try map.add("/<int:n>", endpoint: "int")
        #expect(Self.describe(map.match(path: "/4", method: .GET)) == "even n=int:4")
        #expect(Self.describe(map.match(path: "/3", method: .GET)) == "int n=int:3")
    }

    @Test func converterCallsAreBoundedAtTheLimit() {
        // `/<path:p>/<int:n>` on `/a/b/c/7` tests p = "a", "a/b", "a/b/c" (only where "/" follows),
        // then n = "7": four converter calls.
        var map = Self.map([Self.r("/<path:p>/<int:n>", "deep")])
        map.maxConverterCalls = 4
        #expect(Self.describe(map.match(path: "/a/b/c/7", method: .GET)) == "deep n=int:7 p=string:a/b/c")
        map.maxConverterCalls = 3
        #expect(Self.describe(map.match(path: "/a/b/c/7", method: .GET)) == "404")
    }

    @Test func hostilePathOnManyPathVariablesStopsAtTheLimit() {
        let map = Self.map([Self.r("/<path:a>/<path:b>/<path:c>/end", "deep")])
        let path = "/" + Array(repeating: "x", count: 400).joined(separator: "/")
        #expect(Self.describe(map.match(path: path, method: .GET)) == "404")
        #expect(URLMap.defaultMaxConverterCalls == 1_000)
    }

    @Test func duplicateRulesAreRefused() throws {
        var map = URLMap()
        try map.add("/a/<int:id>", endpoint: "a")
        #expect(throws: DuplicateRuleError.self) { try map.add("/a/<int:other>", endpoint: "b") }
        // Different methods beyond HEAD/OPTIONS do not overlap: both stay.
        try map.add("/a/<int:id>", endpoint: "c", methods: [.POST])
        try map.add("/a/<string:id>", endpoint: "d")
        #expect(map.rules.count == 3)
        #expect(Self.describe(map.match(path: "/a/1", method: .POST)) == "c id=int:1")
    }

    @Test func hundredRulesMatchTheLastOne() throws {
        var map = URLMap()
        for index in 0..<100 {
            try map.add("/section\(index)/<int:id>/items/<slug>", endpoint: "e\(index)")
        }
        #expect(Self.describe(map.match(path: "/section99/7/items/x", method: .GET)) == "e99 id=int:7 slug=string:x")
        #expect(Self.describe(map.match(path: "/section100/7/items/x", method: .GET)) == "404")
    }
}
