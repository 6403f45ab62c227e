import Testing
@testable import Flaskish

struct JSONValueParsingTests {
    @Test(arguments: [
        ("null", JSONValue.null),
        ("true", .bool(true)),
        (" false ", .bool(false)),
        ("0", .int(0)),
        ("-0", .int(0)),
        ("-0.0", .double(-0.0)),
        ("42", .int(42)),
        ("-17", .int(-17)),
        ("9223372036854775807", .int(Int.max)),
        ("-9223372036854775808", .int(Int.min)),
        // Python's int is unbounded: every digit is kept.
        ("9223372036854775808", .bigInt(BigInteger("9223372036854775808")!)),
        ("-9223372036854775809", .bigInt(BigInteger("-9223372036854775809")!)),
        ("123456789012345678901234567890", .bigInt(BigInteger("123456789012345678901234567890")!)),
        ("1.0", .double(1.0)),
        ("1e5", .double(100000.0)),
        ("1E+2", .double(100.0)),
        ("2.5e-3", .double(0.0025)),
        ("1e400", .double(.infinity)),
        ("\"\"", .string("")),
        ("\"héllo\"", .string("héllo")),
        ("[]", .array([])),
        ("{}", .object([:])),
        (" \t\r\n[1, \"a\", null, [true]] \n", .array([1, "a", nil, [true]])),
        ("{\"a\": {\"b\": [1.5]}, \"c\": 2}", JSONValue.object(["a": ["b": [1.5]], "c": 2])),
        ("{\"a\": 1, \"a\": 2}", JSONValue.object(["a": 2])),
    ])
    func parsesValues(text: String, expected: JSONValue) throws {
        let value = try JSONValue(parsing: text)
        #expect(value == expected)
        #expect(try JSONValue(parsing: Array(text.utf8)) == expected)
    }

    @Test func negativeZeroKeepsItsSign() throws {
        let value = try JSONValue(parsing: "-0.0")
        #expect(value.doubleValue?.sign == .minus)
    }

    @Test(arguments: [
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{08}\u{0C}\n\r\t"),
        (#""\u0041\u00e9\u00E9""#, "Aéé"),
        (#""\ud83d\ude00""#, "😀"),
        (#""a\u0000b""#, "a\u{0}b"),
        // Lone surrogates: Python keeps them in its str; a Swift String cannot, so U+FFFD.
        (#""\ud800""#, "\u{FFFD}"),
        (#""\udc00x""#, "\u{FFFD}x"),
        (#""\ud800\u0041""#, "\u{FFFD}A"),
        (#""\ud800\ud800\udc00""#, "\u{FFFD}\u{10000}"),
        (#""pre\nfix 😀 post""#, "pre\nfix 😀 post"),
    ])
    func decodesEscapes(text: String, expected: String) throws {
        #expect(try JSONValue(parsing: text) == .string(expected))
    }

    /// The messages and positions are the ones Python 3.11's `json.loads` gives.
    @Test(arguments: [
        ("", "Expecting value: line 1 column 1 (char 0)"),
        (" ", "Expecting value: line 1 column 2 (char 1)"),
        ("[1,]", "Expecting value: line 1 column 4 (char 3)"),
        ("{\"a\":1,}", "Expecting property name enclosed in double quotes: line 1 column 8 (char 7)"),
        ("{\"a\" 1}", "Expecting ':' delimiter: line 1 column 6 (char 5)"),
        ("{a:1}", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
        ("[1 2]", "Expecting ',' delimiter: line 1 column 4 (char 3)"),
        ("\"abc", "Unterminated string starting at: line 1 column 1 (char 0)"),
        ("\"a\u{01}\"", "Invalid control character at: line 1 column 3 (char 2)"),
        ("\"a\nb\"", "Invalid control character at: line 1 column 3 (char 2)"),
        (#""\x""#, #"Invalid \escape: line 1 column 2 (char 1)"#),
        (#""\u12""#, #"Invalid \uXXXX escape: line 1 column 3 (char 2)"#),
        (#""\u12G4""#, #"Invalid \uXXXX escape: line 1 column 3 (char 2)"#),
        ("1 2", "Extra data: line 1 column 3 (char 2)"),
        ("[", "Expecting value: line 1 column 2 (char 1)"),
        ("{", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
        ("{\"a\":", "Expecting value: line 1 column 6 (char 5)"),
        ("-", "Expecting value: line 1 column 1 (char 0)"),
        ("01", "Extra data: line 1 column 2 (char 1)"),
        ("1.", "Extra data: line 1 column 2 (char 1)"),
        (".5", "Expecting value: line 1 column 1 (char 0)"),
        ("1e", "Extra data: line 1 column 2 (char 1)"),
        ("tru", "Expecting value: line 1 column 1 (char 0)"),
        ("[1,\n 2,,]", "Expecting value: line 2 column 4 (char 7)"),
        ("{\"a\":1 \"b\":2}", "Expecting ',' delimiter: line 1 column 8 (char 7)"),
        ("[\"a\"\n, ]", "Expecting value: line 2 column 3 (char 7)"),
        // Python's spellings of the non-finite numbers only.
        ("nan", "Expecting value: line 1 column 1 (char 0)"),
        ("[Inf]", "Expecting value: line 1 column 2 (char 1)"),
        ("-Inf", "Expecting value: line 1 column 1 (char 0)"),
        ("-NaN", "Expecting value: line 1 column 1 (char 0)"),
        ("\u{FEFF}1", "Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)"),
    ])
    func rejectsMalformedTextLikePython(text: String, message: String) {
        #expect {
            try JSONValue(parsing: text, limits: .python)
        } throws: { error in
            (error as? JSONParseError)?.description == message
        }
    }

    /// Integers beyond 64 bits come back out with every digit, as Python's `json` round-trips them.
    @Test func bigIntegersRoundTripExactly() throws {
        let text = "[123456789012345678901234567890,-99999999999999999999,9223372036854775807]"
        let value = try JSONValue(parsing: text)
        #expect(value.serializedString() == text)
        #expect(value[0]?.intValue == nil)
        #expect(value[0]?.doubleValue == 1.2345678901234568e29)
    }

    /// Python's `json.loads` (and so Flask's `get_json`) reads the non-finite numbers.
    @Test func readsNonFiniteNumbersAsPythonDoes() throws {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: "[NaN]") }
        let value = try JSONValue(parsing: "[NaN, Infinity, -Infinity, 1]", limits: .python)
        guard case .array(let items) = value, items.count == 4 else { Issue.record("not an array: \(value)"); return }
        #expect(items[0].doubleValue?.isNaN == true)
        #expect(items[1] == .double(.infinity))
        #expect(items[2] == .double(-.infinity))
        #expect(value.serializedString() == "[NaN,Infinity,-Infinity,1]")
    }

    @Test func errorsCarryReasonAndPosition() {
        do {
            _ = try JSONValue(parsing: "{\"a\":\n  [1 2]}")
            Issue.record("expected an error")
        } catch {
            #expect(error.reason == .expectingComma)
            #expect(error.offset == 11)
            #expect(error.line == 2)
            #expect(error.column == 6)
        }
    }

    @Test func invalidUTF8InAStringIsRejected() {
        let bytes: [UInt8] = [UInt8(ascii: "["), UInt8(ascii: "\""), 0xC3, 0x28, UInt8(ascii: "\""), UInt8(ascii: "]")]
        #expect(throws: JSONParseError(reason: .invalidUTF8, offset: 1, line: 1, column: 2)) {
            try JSONValue(parsing: bytes)
        }
        let escaped = Array(#""\n"#.utf8) + [0xFF, UInt8(ascii: "\"")]
        #expect(throws: JSONParseError(reason: .invalidUTF8, offset: 0, line: 1, column: 1)) {
            try JSONValue(parsing: escaped)
        }
    }

    @Test func nonASCIIOutsideStringsIsNotAValue() {
        #expect(throws: JSONParseError(reason: .expectingValue, offset: 0, line: 1, column: 1)) {
            try JSONValue(parsing: [0xC3, 0xA9])
        }
    }

    @Test func byteInputMaySkipAByteOrderMark() throws {
        #expect(try JSONValue(parsing: [0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == [1])
    }

    @Test func parsesFromARawBufferAndANonContiguousCollection() throws {
        let bytes = Array(#"{"k": [1, 2]}"#.utf8)
        let fromBuffer = try bytes.withUnsafeBytes { buffer throws(JSONParseError) in
            try JSONValue(parsing: buffer)
        }
        #expect(fromBuffer == ["k": [1, 2]])
        let lazy = bytes.lazy.map { $0 }
        #expect(try JSONValue(parsing: lazy) == ["k": [1, 2]])
    }

    @Test func unterminatedEscapeAtTheEnd() {
        #expect(throws: JSONParseError(reason: .unterminatedString, offset: 0, line: 1, column: 1)) {
            try JSONValue(parsing: #""ab\"#)
        }
        #expect(throws: JSONParseError(reason: .unterminatedString, offset: 0, line: 1, column: 1)) {
            try JSONValue(parsing: #""a\nb"#)
        }
    }
}
