import Testing
@testable import Flaskish

/// Werkzeug's `parse_converter_args` grammar.
struct ConverterArgumentsTests {
    typealias ParseCase = (text: String, positional: [ConverterArgument], keyword: [String: ConverterArgument])

    static let parseCases: [ParseCase] = [
        ("", [], [:]),
        ("test, a=1, b=3.0", [.string("test")], ["a": .int(1), "b": .double(3.0)]),
        ("a, b, c,", [.string("a"), .string("b"), .string("c")], [:]),
        ("True, False, None", [.bool(true), .bool(false), .none], [:]),
        ("\"foo\", u\"bar\", 'baz', r'q'", [.string("foo"), .string("bar"), .string("baz"), .string("q")], [:]),
        ("about, \"foo,bar\"", [.string("about"), .string("foo,bar")], [:]),
        ("  min = 1 ,max=10  ", [], ["min": .int(1), "max": .int(10)]),
        ("min=-10, signed=True", [], ["min": .int(-10), "signed": .bool(true)]),
        ("1.5, v1.2", [.double(1.5), .string("v1.2")], [:]),
        ("Truex", [.string("Truex")], [:]),
        ("'a b'", [.string("a b")], [:]),
    ]

    @Test(arguments: parseCases)
    func parsesLikeWerkzeug(_ c: ParseCase) throws {
        let arguments = try ConverterArguments.parse(c.text[...])
        #expect(arguments.positional == c.positional)
        #expect(arguments.keyword == c.keyword)
    }

    static let badCases: [(text: String, message: String)] = [
        ("a b", "Cannot parse converter argument 'a b'"),
        ("$", "Cannot parse converter argument '$'"),
        ("a=", "Cannot parse converter argument 'a='"),
        ("-", "Cannot parse converter argument '-'"),
        ("\"open", "Cannot parse converter argument '\"open': unterminated quote"),
        ("a=1, a=2", "argument 'a' is given twice"),
    ]

    @Test(arguments: badCases)
    func refusesWhatItCannotRead(_ c: (text: String, message: String)) {
        #expect(throws: ConverterArgumentError(c.message)) { try ConverterArguments.parse(c.text[...]) }
    }

    @Test func bindFillsParametersInOrder() throws {
        let arguments = try ConverterArguments.parse("4, max=9")
        let bound = try arguments.bind(parameters: ["fixed_digits", "min", "max", "signed"], converter: "int")
        #expect(bound == ["fixed_digits": .int(4), "max": .int(9)])
    }

    @Test func argumentsPrintAsPythonStr() {
        let values: [ConverterArgument] = [.none, .bool(true), .int(-3), .double(0.5), .string("x")]
        #expect(values.map(\.description) == ["None", "True", "-3", "0.5", "x"])
    }
}
