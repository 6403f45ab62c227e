import Foundation
import Testing
@testable import Flaskish

/// The built-in converters alone: what each accepts (Werkzeug's regex plus `to_python`) and
/// how each writes a value (`to_url`).
struct ConvertersTests {
    typealias MatchCase = (converter: String, arguments: String, segment: String, expected: RouteValue?)

    static func make(_ name: String, _ arguments: String) throws -> any RouteConverter {
        let type = try #require(ConverterRegistry.default[name])
        return try type.init(arguments: ConverterArguments.parse(arguments[...]))
    }

    static let id = UUID(uuidString: "a8098c1a-f86e-11da-bd1a-00112444be1e")!

    static let matchCases: [MatchCase] = [
        ("string", "", "abc", .string("abc")),
        ("string", "", "", nil),                       // minlength defaults to 1
        ("string", "", "a/b", nil),
        ("string", "", "a\nb", .string("a\nb")),       // [^/] takes a newline
        ("default", "", "x", .string("x")),
        ("string", "length=2", "en", .string("en")),
        ("string", "length=2", "e", nil),
        ("string", "length=2", "é1", .string("é1")),   // code points, not bytes
        ("string", "minlength=2, maxlength=3", "a", nil),
        ("string", "minlength=2, maxlength=3", "abc", .string("abc")),
        ("string", "minlength=2, maxlength=3", "abcd", nil),
        ("string", "minlength=0", "", .string("")),
        ("path", "", "a/b/c", .string("a/b/c")),
        ("path", "", "", nil),
        ("path", "", "/a", nil),                       // [^/] first
        ("path", "", "a\nb", nil),                     // Python's `.` stops at a newline
        ("path", "", "\nb", .string("\nb")),
        ("any", "about, help", "help", .string("help")),
        ("any", "about, help", "hel", nil),
        ("any", "about, \"a,b\"", "a,b", .string("a,b")),
        ("int", "", "42", .int(42)),
        ("int", "", "007", .int(7)),
        ("int", "", "-5", nil),
        ("int", "", "+5", nil),
        ("int", "", "", nil),
        ("int", "", "4.2", nil),
        ("int", "", "99999999999999999999", .bigInt(BigInteger("99999999999999999999")!)),  // exact beyond Int
        ("int", "signed=True", "-5", .int(-5)),
        ("int", "signed=True", "+5", nil),
        ("int", "signed=True", "-", nil),
        ("int", "fixed_digits=4", "0042", .int(42)),
        ("int", "fixed_digits=4", "42", nil),
        ("int", "4", "00042", nil),                    // positional fixed_digits
        ("int", "fixed_digits=3, signed=True", "-05", .int(-5)),
        ("int", "min=1, max=10", "0", nil),
        ("int", "min=1, max=10", "10", .int(10)),
        ("int", "min=1, max=10", "11", nil),
        ("int", "", "١٢", nil),                        // ASCII digits only (Python's \d takes these)
        ("float", "", "1.5", .double(1.5)),
        ("float", "", "1", nil),
        ("float", "", ".5", nil),
        ("float", "", "1.", nil),
        ("float", "", "1e5", nil),
        ("float", "", "-1.5", nil),
        ("float", "signed=True", "-1.5", .double(-1.5)),
        ("float", "min=0.5, max=1", "0.25", nil),
        ("float", "min=0.5, max=1", "1.0", .double(1.0)),
        ("uuid", "", "a8098c1a-f86e-11da-bd1a-00112444be1e", .uuid(id)),
        ("uuid", "", "A8098C1A-F86E-11DA-BD1A-00112444BE1E", .uuid(id)),
        ("uuid", "", "a8098c1af86e11dabd1a00112444be1e", nil),
        ("uuid", "", "a8098c1a-f86e-11da-bd1a-00112444be1", nil),
        ("uuid", "", "a8098c1a-f86e-11da-bd1a-00112444be1ee", nil),
        ("uuid", "", "g8098c1a-f86e-11da-bd1a-00112444be1e", nil),
        ("uuid", "", "a8098c1a-f86e-11da-bd1a00-112444be1e", nil),
    ]

    @Test(arguments: matchCases)
    func matchesLikeWerkzeugRegexAndToPython(_ c: MatchCase) throws {
        let converter = try Self.make(c.converter, c.arguments)
        #expect(converter.match(c.segment[...]) == c.expected)
    }

    typealias URLCase = (converter: String, arguments: String, value: String, expected: String?)

    static let urlCases: [URLCase] = [
        ("string", "", "a b/c?", "a%20b/c%3F"),         // BaseConverter.to_url keeps '/'
        ("string", "", "x:y", "x:y"),
        ("string", "", "ü", "%C3%BC"),
        ("path", "", "a/b c", "a/b%20c"),
        ("int", "", "42", "42"),
        ("int", "", "+5", "5"),
        ("int", "", "abc", nil),
        ("int", "fixed_digits=4", "5", "0005"),
        ("int", "fixed_digits=4", "-5", "-005"),        // Python's zfill keeps the sign first
        ("int", "fixed_digits=2", "12345", "12345"),
        ("float", "", "0.815", "0.815"),
        ("float", "", "2", "2.0"),
        ("float", "", "0.00001", "1e-05"),
        ("float", "", "x", nil),
        // Werkzeug's `str(value)`: text given for a uuid keeps its text (a `UUID` is lower-cased
        // before the converter sees it).
        ("uuid", "", "A8098C1A-F86E-11DA-BD1A-00112444BE1E", "A8098C1A-F86E-11DA-BD1A-00112444BE1E"),
        ("uuid", "", "nope", "nope"),
        // Python's `int()`: unbounded, surrounding spaces and a `+` accepted.
        ("int", "", "123456789012345678901234567890", "123456789012345678901234567890"),
        ("int", "", "-000123456789012345678901234567890", "-123456789012345678901234567890"),
        ("int", "", " +7 ", "7"),
        ("int", "", "7.5", nil),
        ("any", "about, help", "help", "help"),
        ("any", "about, \"a b\"", "a b", "a%20b"),
        ("any", "about, help", "other", nil),
    ]

    @Test(arguments: urlCases)
    func writesValuesLikeWerkzeugToURL(_ c: URLCase) throws {
        let converter = try Self.make(c.converter, c.arguments)
        if let expected = c.expected {
            #expect(try converter.toURL(c.value) == expected)
        } else {
            #expect(throws: (any Error).self) { try converter.toURL(c.value) }
        }
    }

    @Test func anyRefusalUsesWerkzeugWording() throws {
        let converter = try Self.make("any", "help, about")
        #expect(throws: RouteConverterError("'x' is not one of 'about', 'help'")) { try converter.toURL("x") }
    }

    typealias WeightCase = (converter: String, weight: Int, matchesSlashes: Bool)

    static let weightCases: [WeightCase] = [
        ("int", 50, false), ("float", 50, false), ("string", 100, false), ("default", 100, false),
        ("any", 100, false), ("uuid", 100, false), ("path", 200, true),
    ]

    @Test(arguments: weightCases)
    func weightsAreWerkzeugs(_ c: WeightCase) throws {
        let converter = try Self.make(c.converter, c.converter == "any" ? "a" : "")
        #expect(converter.weight == c.weight)
        #expect(converter.matchesSlashes == c.matchesSlashes)
    }

    typealias BadArgumentsCase = (converter: String, arguments: String, message: String)

    static let badArgumentsCases: [BadArgumentsCase] = [
        ("int", "foo=1", "converter 'int' got an unexpected argument 'foo' (accepted: fixed_digits, min, max, signed)"),
        ("int", "1, 2, 3, True, 5", "converter 'int' takes at most 4 positional argument(s) but 5 were given"),
        ("int", "4, fixed_digits=4", "converter 'int' got multiple values for argument 'fixed_digits'"),
        ("int", "signed=1", "signed must be True or False, not 1"),
        ("int", "min=a", "min must be a whole number, not a"),
        ("int", "fixed_digits=-1", "fixed_digits must not be negative"),
        ("float", "max=x", "max must be a number, not x"),
        ("string", "minlength=3, maxlength=2", "minlength 3 is greater than maxlength 2"),
        ("string", "length=-1", "length must be a whole number of at least 0, not -1"),
        ("path", "x=1", "converter 'path' got an unexpected argument 'x' (accepted: none)"),
        ("uuid", "1", "converter 'uuid' takes at most 0 positional argument(s) but 1 were given"),
        ("any", "a, b=c", "converter 'any' takes only positional values, got 'b'"),
    ]

    @Test(arguments: badArgumentsCases)
    func badArgumentsAreRefusedWithAReason(_ c: BadArgumentsCase) {
        #expect(throws: ConverterArgumentError(c.message)) { try Self.make(c.converter, c.arguments) }
    }
}
