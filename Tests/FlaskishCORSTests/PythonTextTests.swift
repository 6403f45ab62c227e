import Testing
@testable import FlaskishCORS

/// Python's `str` semantics, with expected values taken from CPython 3.11.
struct PythonTextTests {
    @Test func equalityIsOnCodePointsNotCanonicalEquivalence() {
        #expect(PythonText.equal("é", "é"))
        #expect(!PythonText.equal("\u{E9}", "e\u{301}"))  // Swift's == says true; Python says False
    }

    @Test func sortingIsByCodePoint() {
        #expect(PythonText.sorted(["b", "B", "a", "", "X-a", "accept", "é", "z"]) == ["", "B", "X-a", "a", "accept", "b", "z", "é"])
    }

    @Test(arguments: [("ET", true), ("GET, H", true), ("", true), ("get", false), ("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT!", false)])
    func containsIsASubstringTest(_ needle: String, _ expected: Bool) {
        #expect(PythonText.contains("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT", needle) == expected)
    }

    @Test(arguments: [
        ("HTTP://A.COM", "http://a.com"), ("Straße", "strasse"), ("ΣΑΣ", "σασ"), ("ﬁle", "file"), ("", ""),
    ])
    func casefoldFoldsAsPython(_ text: String, _ expected: String) {
        #expect(PythonText.equal(PythonText.casefold(text), PythonText.casefold(expected)))
    }

    @Test(arguments: [
        ("HTTP://A.COM", "http://a.com", true), ("http://a.com", "http://a.co", false), ("STRASSE", "strasse", true),
        ("Straße", "strasse", true), ("ﬁle", "file", true), ("a", "b", false), ("", "", true),
    ])
    func casefoldEqualsAgreesWithFoldingBothSides(_ value: String, _ folded: String, _ expected: Bool) {
        #expect(PythonText.casefoldEquals(value, folded: folded) == expected)
        #expect(PythonText.equal(PythonText.casefold(value), folded) == expected)
    }

    @Test func casefoldKeepsDistinctStringsDistinct() {
        #expect(!PythonText.equal(PythonText.casefold("http://a.com"), PythonText.casefold("http://b.com")))
    }

    @Test(arguments: [
        (" a ", "a"), ("\t\r\n a\u{0B}\u{0C}", "a"), ("\u{1C}\u{1F}a\u{85}\u{A0}\u{3000}", "a"), ("   ", ""), ("a b", "a b"),
    ])
    func stripUsesPythonsWhitespace(_ text: String, _ expected: String) {
        #expect(PythonText.strip(Substring(text)) == expected)
    }

    @Test(arguments: [
        ("/a%2Fb", "/a/b"), ("/%61pi", "/api"), ("/100%", "/100%"), ("/%zz", "/%zz"), ("/%4", "/%4"),
        ("/%C3%A9", "/é"), ("/%FF", "/\u{FFFD}"), ("/plain", "/plain"), ("%2", "%2"), ("%41%", "A%"),
    ])
    func unquoteMatchesURLLib(_ text: String, _ expected: String) {
        #expect(PythonText.unquote(text) == expected)
    }

    @Test func upperUsesFullCaseMapping() {
        #expect(PythonText.upper("straße") == "STRASSE")
        #expect(PythonText.upper("post") == "POST")
    }
}
