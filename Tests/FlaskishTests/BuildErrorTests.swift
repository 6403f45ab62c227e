import Testing
@testable import Flaskish

/// Python `repr` pieces of `BuildError`'s message (the messages themselves are in
/// URLMapBuildTests).
struct BuildErrorTests {
    static let reprCases: [(String, String)] = [
        ("world", "'world'"),
        ("it's", "\"it's\""),
        ("both'\"", "'both\\'\"'"),
        ("a\\b", "'a\\\\b'"),
        ("line\nbreak\t", "'line\\nbreak\\t'"),
        ("\u{01}", "'\\x01'"),
        ("ünï", "'ünï'"),
    ]

    @Test(arguments: reprCases)
    func stringsReadLikePythonRepr(_ c: (String, String)) {
        #expect(BuildError.PythonRepr.string(c.0) == c.1)
    }

    @Test func listsAreSortedByCodePoint() {
        #expect(BuildError.PythonRepr.sortedList(["b", "B", "a", "é"]) == "['B', 'a', 'b', 'é']")
        #expect(BuildError.PythonRepr.sortedList([String]()) == "[]")
    }

    @Test func messageWithoutSuggestion() {
        let error = BuildError(endpoint: "x", values: ["b": "1", "a": "2"], method: .POST, suggestedRule: nil, rejection: nil)
        #expect(error.description == "Could not build url for endpoint 'x' ('POST') with values ['a', 'b'].")
    }
}
