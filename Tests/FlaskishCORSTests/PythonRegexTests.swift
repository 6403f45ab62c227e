import Testing
@testable import FlaskishCORS

/// Python `re.match` semantics on top of ICU; expectations checked with CPython 3.11's `re`.
struct PythonRegexTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let pattern: String
        let value: String
        let caseSensitive: Bool
        let matches: Bool
        var testDescription: String { "re.match(\(pattern), \(value))" }
    }

    static let cases: [Case] = [
        Case(pattern: #"https?://.*\.example\.com"#, value: "https://api.example.com", caseSensitive: false, matches: true),
        Case(pattern: #"https?://.*\.example\.com"#, value: "HTTPS://API.EXAMPLE.COM", caseSensitive: false, matches: true),
        Case(pattern: #"https?://.*\.example\.com"#, value: "HTTPS://API.EXAMPLE.COM", caseSensitive: true, matches: false),
        // Anchored at the start only, like re.match:
        Case(pattern: #"https?://.*\.example\.com"#, value: "https://a.example.com.evil.net", caseSensitive: false, matches: true),
        Case(pattern: #"example\.com"#, value: "https://example.com", caseSensitive: false, matches: false),
        Case(pattern: #"https://.*\.example\.com$"#, value: "https://a.example.com.evil.net", caseSensitive: false, matches: false),
        // `$` also matches before one final newline, as in Python; `.` does not match it.
        Case(pattern: "a$", value: "a\n", caseSensitive: true, matches: true),
        Case(pattern: "a.", value: "a\n", caseSensitive: true, matches: false),
        // `\Z` is Python's end of string; ICU spells it `\z`.
        Case(pattern: #"a\Z"#, value: "a\n", caseSensitive: true, matches: false),
        Case(pattern: #"a\Z"#, value: "a", caseSensitive: true, matches: true),
        // Named groups and back-references in Python's spelling.
        Case(pattern: "(?P<x>ab)(?P=x)", value: "abab", caseSensitive: true, matches: true),
        Case(pattern: "(?P<x>ab)(?P=x)", value: "abba", caseSensitive: true, matches: false),
        // Python reads `[` and `&` in a class literally, and `]` first in a class as a literal.
        Case(pattern: "[[]x", value: "[x", caseSensitive: true, matches: true),
        Case(pattern: "[]a]+$", value: "]a]", caseSensitive: true, matches: true),
        Case(pattern: "[^]]", value: "]", caseSensitive: true, matches: false),
        Case(pattern: "[a&&b]", value: "&", caseSensitive: true, matches: true),
        Case(pattern: "/*", value: "anything", caseSensitive: true, matches: true),
        Case(pattern: #"http://localhost:\d+"#, value: "http://localhost:3000", caseSensitive: false, matches: true),
        Case(pattern: "x-custom-.*", value: "X-Custom-One", caseSensitive: false, matches: true),
    ]

    @Test(arguments: cases)
    func matchesAsPythonReMatch(_ testCase: Case) throws {
        let regex = try PythonRegex(testCase.pattern, caseSensitive: testCase.caseSensitive)
        #expect(regex.matchesPrefix(of: testCase.value) == testCase.matches)
    }

    @Test(arguments: ["*.example.com", "[a-", "(abc", "a{2,1}"])
    func invalidPatternsThrow(_ pattern: String) {
        #expect(throws: (any Error).self) { try PythonRegex(pattern, caseSensitive: false) }
    }

    @Test(arguments: [
        ("(?P<n>a)", "(?<n>a)"), ("(?P=n)", #"\k<n>"#), (#"a\Z"#, #"a\z"#), (#"[\Z]"#, #"[\Z]"#),
        ("[[]", #"[\[]"#), ("[]]", #"[\]]"#), ("[^]]", #"[^\]]"#), ("[a&b]", #"[a\&b]"#), (#"\(?P<"#, #"\(?P<"#),
        ("plain", "plain"),
    ])
    func translation(_ python: String, _ icu: String) {
        #expect(PythonRegex.translate(python) == icu)
    }
}
