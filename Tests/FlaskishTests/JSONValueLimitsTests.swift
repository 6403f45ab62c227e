import Testing
@testable import Flaskish

struct JSONValueLimitsTests {
    private func nested(_ depth: Int, open: String = "[", close: String = "]") -> String {
        String(repeating: open, count: depth) + String(repeating: close, count: depth)
    }

    @Test func defaultDepthIs512() {
        #expect(JSONLimits().maxDepth == 512)
    }

    @Test func arraysAtTheDepthLimitParse() throws {
        _ = try JSONValue(parsing: nested(512))
    }

    @Test func arraysPastTheDepthLimitFail() {
        #expect(throws: JSONParseError(reason: .tooDeep(limit: 512), offset: 512, line: 1, column: 513)) {
            try JSONValue(parsing: nested(513))
        }
    }

    /// Python's `json.loads` raises ValueError past 4300 digits (`sys.get_int_max_str_digits()`).
    @Test func integersPastTheDigitLimitFail() throws {
        let longest = String(repeating: "9", count: 4300)
        #expect(try JSONValue(parsing: "[-\(longest)]") == .array([.bigInt(BigInteger("-" + longest)!)]))
        #expect(throws: JSONParseError(reason: .integerTooLong(digits: 4301, limit: 4300), offset: 1, line: 1, column: 2)) {
            try JSONValue(parsing: "[\(longest)9]")
        }
        #expect(try JSONValue(parsing: "123456789012345678901", limits: JSONLimits(maxIntegerDigits: 21)) == .bigInt(BigInteger("123456789012345678901")!))
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: "123456789012345678901", limits: JSONLimits(maxIntegerDigits: 20)) }
        // A long fraction or exponent is a float, never refused.
        #expect(try JSONValue(parsing: "0.\(longest)\(longest)") == .double(1.0))
    }

    @Test func objectsCountTowardsDepth() throws {
        let limits = JSONLimits(maxDepth: 3)
        #expect(try JSONValue(parsing: #"{"a":[{"b":1}]}"#, limits: limits) == ["a": [["b": 1]]])
        #expect(throws: JSONParseError.self) {
            try JSONValue(parsing: #"{"a":[{"b":[]}]}"#, limits: limits)
        }
    }

    @Test func siblingsDoNotAddDepth() throws {
        let limits = JSONLimits(maxDepth: 3)
        #expect(try JSONValue(parsing: "[[],[],[[]]]", limits: limits).arrayValue?.count == 3)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: "[[],[[[]]]]", limits: limits) }
    }

    @Test func zeroDepthAllowsOnlyScalars() throws {
        let limits = JSONLimits(maxDepth: 0)
        #expect(try JSONValue(parsing: "1", limits: limits) == 1)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: "[]", limits: limits) }
    }

    @Test func veryDeepInputFailsWithoutExhaustingTheStack() {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: nested(1_000_000)) }
    }
}
