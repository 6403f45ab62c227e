import Testing
@testable import Flaskish

/// Compiling rules: methods, flags, variables, and errors that name the column.
struct RuleTests {
    @Test func methodsFollowFlaskDefaults() throws {
        let plain = try Rule("/", endpoint: "index")
        #expect(plain.sortedMethods == [.GET, .HEAD, .OPTIONS])
        #expect(plain.provideAutomaticOptions)

        let post = try Rule("/p", endpoint: "p", methods: ["post"])
        #expect(post.sortedMethods == [.OPTIONS, .POST])

        let listedOptions = try Rule("/o", endpoint: "o", methods: [.GET, .OPTIONS])
        #expect(listedOptions.sortedMethods == [.GET, .HEAD, .OPTIONS])
        #expect(!listedOptions.provideAutomaticOptions)

        let noOptions = try Rule("/n", endpoint: "n", methods: [.GET], provideAutomaticOptions: false)
        #expect(noOptions.sortedMethods == [.GET, .HEAD])
        #expect(!noOptions.provideAutomaticOptions)
    }

    @Test func keepsWhatWasAskedFor() throws {
        let rule = try Rule("/users/<int:id>/<path:rest>/", endpoint: "user", strictSlashes: false,
                            defaults: ["page": "1"])
        #expect(rule.rule == "/users/<int:id>/<path:rest>/")
        #expect(rule.endpoint == "user")
        #expect(rule.arguments == ["id", "rest"])
        #expect(rule.expectedArguments == ["id", "rest", "page"])
        #expect(!rule.strictSlashes)
        #expect(rule.defaults == ["page": "1"])
        #expect(rule.isBranch)
        #expect(rule.converters["id"] is IntegerConverter)
        #expect(rule.converters["rest"] is PathConverter)
        #expect(rule.description == "<Rule '/users/<int:id>/<path:rest>/' (GET, HEAD, OPTIONS) -> user>")
    }

    typealias ErrorCase = (rule: String, reason: RuleError.Reason, column: Int)

    static let errorCases: [ErrorCase] = [
        ("noslash", .mustStartWithSlash, 1),
        ("/a/<b", .malformed("unclosed '<'"), 4),
        ("/<>", .malformed("'<' must be followed by a variable name"), 2),
        ("/<1a>", .malformed("'<' must be followed by a variable name"), 2),
        ("/<int:>", .malformed("expected a variable name after ':'"), 7),
        ("/<int(min=1):id", .malformed("expected '>' after the variable name"), 16),
        ("/<int(min=1)id>", .malformed("converter arguments must end with '):'"), 6),
        ("/<a b>", .malformed("expected '>', ':' or '(' after 'a'"), 4),
        ("/<é>", .malformed("'<' must be followed by a variable name"), 2),
        ("/a/<foo:x>", .unknownConverter("foo"), 4),
        ("/<a>/<int:a>", .duplicateVariable("a"), 6),
        ("/x/<int(foo=1):x>", .badArguments(
            converter: "int",
            message: "converter 'int' got an unexpected argument 'foo' (accepted: fixed_digits, min, max, signed)"), 4),
        ("/<any(a b):x>", .badArguments(converter: "any", message: "Cannot parse converter argument 'a b'"), 2),
    ]

    @Test(arguments: errorCases)
    func malformedRulesPointAtTheColumn(_ c: ErrorCase) {
        #expect(throws: RuleError(c.reason, rule: c.rule, column: c.column)) { try Rule(c.rule, endpoint: "x") }
    }

    @Test func errorMessagesStartLikeWerkzeugs() {
        #expect(RuleError(.mustStartWithSlash, rule: "x", column: 1).description == "URL rule 'x' must start with a slash.")
        #expect(RuleError(.malformed("unclosed '<'"), rule: "/a/<b", column: 4).description
            == "malformed url rule: '/a/<b': unclosed '<' at column 4")
        #expect(RuleError(.unknownConverter("foo"), rule: "/<foo:x>", column: 2).description
            == "the converter 'foo' does not exist (rule '/<foo:x>', column 2)")
        #expect(RuleError(.duplicateVariable("a"), rule: "/<a>/<a>", column: 6).description
            == "variable name 'a' used twice (rule '/<a>/<a>', column 6)")
    }

    @Test func customConvertersComeFromTheGivenRegistry() throws {
        struct Upper: RouteConverter {
            init(arguments: ConverterArguments) throws {}
            func match(_ segment: Substring) -> RouteValue? { .string(segment.uppercased()) }
        }
        var registry = ConverterRegistry.default
        registry["upper"] = Upper.self
        #expect(throws: RuleError.self) { try Rule("/<upper:x>", endpoint: "x") }
        let rule = try Rule("/<upper:x>", endpoint: "x", converters: registry)
        #expect(rule.converters["x"]?.match("ab") == .string("AB"))
    }

    @Test func duplicateMeansSamePartsAndOverlappingMethods() throws {
        let get = try Rule("/a/<int:id>", endpoint: "a")
        #expect(get.isDuplicate(of: try Rule("/a/<int:x>", endpoint: "b")))
        #expect(!get.isDuplicate(of: try Rule("/a/<int:x>", endpoint: "b", methods: [.POST])))
        #expect(!get.isDuplicate(of: try Rule("/a/<x>", endpoint: "b")))
        #expect(!get.isDuplicate(of: try Rule("/a/<int:id>/", endpoint: "b")))
        #expect(try Rule("/h", endpoint: "h", methods: [.HEAD]).isDuplicate(of: try Rule("/h", endpoint: "g", methods: [.HEAD])))
    }
}
