import Testing
@testable import Flaskish

/// Template integers beyond `Int`: one canonical form, the limits, and the ways big values
/// enter a template (JSON, route values, Swift integers). Rendering against Jinja2 itself is
/// in the differential suite ("big int" cases); expected numbers here come from CPython.
struct TemplatesBigIntegerTests {
    @Test func valuesThatFitAreAlwaysInt() throws {
        #expect(TemplateValue.integer(BigInteger(5)) == .int(5))
        if case .int(let i) = TemplateValue.integer(BigInteger(Int.min)) { #expect(i == Int.min) } else { Issue.record("Int.min is not .int") }
        if case .bigInt = TemplateValue.integer(BigInteger(Int.max) + 1) {} else { Issue.record("2**63 is not .bigInt") }
        // Arithmetic that comes back into range comes back as .int.
        let env = TemplateEnvironment()
        #expect(try env.renderString("{{ (2 ** 64 - 2 ** 64) is integer }}{% if (2 ** 64) // (2 ** 60) == 16 %}!{% endif %}") == "True!")
        #expect(TemplateValue.integer(BigInteger(2).power(64)!).typeName == "int")
    }

    @Test func bigIntegersAreDictKeysLikePythonInts() throws {
        var dict = TemplateDict()
        dict[.integer(BigInteger(2).power(64)!)] = "big"
        dict[.int(1)] = "one"
        #expect(dict[.double(0x1p64)] == "big")  // hash(2**64) == hash(2.0**64)
        #expect(dict[.integer(BigInteger("18446744073709551616")!)] == "big")
        #expect(dict[.double(1.0)] == "one")
        #expect(TemplateValue.integer(BigInteger(2).power(64)! + 1) != .double(0x1p64))
        #expect(TemplateValue.int(9_007_199_254_740_993) != .double(0x1p53))  // 2**53 + 1 != 2.0**53
    }

    @Test func jsonRouteAndSwiftIntegersStayExact() async throws {
        let big = try #require(BigInteger("123456789012345678901234567890"))
        #expect(TemplateValue(JSONValue.bigInt(big)) == .bigInt(big))
        #expect(TemplateValue(try JSONValue(parsing: "[99999999999999999999]")) == .list([.integer(BigInteger("99999999999999999999")!)]))
        #expect(TemplateValue(any: UInt64.max) == .integer(BigInteger("18446744073709551615")!))
        #expect(TemplateValue(any: big) == .bigInt(big))
        #expect(try TemplateValue(encoding: ["n": UInt64.max]) == ["n": .integer(BigInteger("18446744073709551615")!)])

        let app = Flask()
        app.route("/n/<int:n>") { req in
            try renderTemplateString("{{ request.view_args.n * 3 + 7 }} {{ n + 1 }} {{ data.v // 2 }}", [
                "n": TemplateValue(any: try req.viewArgs.get("n", as: BigInteger.self)),
                "data": TemplateValue(try JSONValue(parsing: #"{"v": 18446744073709551617}"#)),
            ])
        }
        // 2**64*3+7, 2**64+1, (2**64+1)//2 from Python
        #expect(await app.testClient().get("/n/18446744073709551616").text
            == "55340232221128654855 18446744073709551617 9223372036854775808")
    }

    @Test func powerPastTheBitLimitIsALimitError() throws {
        let env = TemplateEnvironment()
        #expect(env.limits.maxIntegerBits == 100_000)
        let error = #expect(throws: TemplateLimitError.self) { try env.renderString("{{ 2 ** 1000000000 }}") }
        #expect(error?.limit == "maxIntegerBits" && error?.value == 100_000)
        #expect(error?.message == "integer result would have more than 100000 bits")
        #expect(throws: TemplateLimitError.self) { try env.renderString("{{ 2 ** (2 ** 70) }}") }
        // Repeated squaring stops at the bound instead of growing without end.
        #expect(throws: TemplateLimitError.self) {
            try env.renderString("{% set ns = namespace(n=3) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}{% endfor %}")
        }
        // (2**99999) % 1000 in Python: 2**99999 has exactly 100 000 bits.
        #expect(try env.renderString("{{ (2 ** 99999) % 1000 }}") == "688")
        env.limits.maxIntegerBits = 100
        #expect(try env.renderString("{{ 2 ** 99 }}") == "633825300114114700748351602688")
        #expect(throws: TemplateLimitError.self) { try env.renderString("{{ 2 ** 100 }}") }
        #expect(throws: TemplateLimitError.self) { try env.renderString("{{ 2 ** 60 * 2 ** 60 }}") }
    }

    @Test func printingPastTheDigitLimitIsPythonsValueError() throws {
        let env = TemplateEnvironment()
        #expect(env.limits.maxIntegerDigits == 4300)
        #expect(try env.renderString("{{ (10 ** 4299)|string|length }}") == "4300")
        let error = #expect(throws: TemplateRuntimeError.self) { try env.renderString("{{ 10 ** 4300 }}") }
        #expect(error?.kind == "ValueError" && error?.message == "Exceeds the limit (4300 digits) for integer string conversion")
        env.limits.maxIntegerDigits = 20
        #expect(try env.renderString("{{ 2 ** 64 }}") == "18446744073709551616")
        #expect(throws: TemplateRuntimeError.self) { try env.renderString("{{ 10 ** 20 }}") }
        // `|int` of longer text goes through float, as Jinja's does past Python's bound.
        #expect(try env.renderString("{{ '123456789012345678901'|int(-1) // 10 ** 10 }}") == "12345678901")
    }

    @Test func literalsBeyondIntParse() throws {
        let env = TemplateEnvironment()
        #expect(try env.renderString("{{ 123456789012345678901234567890 + 0 }} {{ -9223372036854775808 }} {{ 0xFFFF_FFFF_FFFF_FFFF_F }}")
            == "123456789012345678901234567890 -9223372036854775808 295147905179352825855")
        #expect(throws: TemplateSyntaxError.self) { try env.renderString("{{ \(String(repeating: "9", count: 4301)) }}") }
    }
}
