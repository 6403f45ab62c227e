import Testing
@testable import FlaskishCORS

/// flask-cors's `probably_regex`, `re_fix` and `try_match_pattern`.
struct CORSPatternTests {
    @Test(arguments: [
        ("http://a.com", false), ("http://*.a.com", true), (#"a\.com"#, true), ("a?", true), ("a$", true), ("^a", true),
        ("[a]", true), ("a]", true), ("(a)", true), ("a+", false), ("a{2}", false), ("a|b", false), ("*", true), ("", false), ("a*\u{301}", true),
    ])
    func probablyRegexLooksForFlaskCORSsCharacters(_ text: String, _ expected: Bool) {
        #expect(CORSPattern.probablyRegex(text) == expected)
    }

    @Test func loneStarBecomesDotStar() throws {
        #expect(CORSPattern.fix("*") == ".*")
        #expect(CORSPattern.fix("**") == "**")
        #expect(try CORSPattern("*", caseSensitive: false, option: "origins").source == ".*")
    }

    @Test func literalsCompareWholeAndCaseFoldedWhenInsensitive() throws {
        let origin = try CORSPattern("http://A.com", caseSensitive: false, option: "origins")
        #expect(origin.matches("HTTP://a.COM"))
        #expect(!origin.matches("http://a.com/"))
        #expect(!origin.matches("http://a.co"))
        #expect(!origin.isRegex)
        let path = try CORSPattern("/Api", caseSensitive: true, option: "resources")
        #expect(path.matches("/Api"))
        #expect(!path.matches("/api"))
        #expect(!path.matches("/Api/x"))
    }

    @Test func literalsWithRegexLookalikesWithoutRegexCharactersAreLiteral() throws {
        // `a+b` and `a|b` have no flask-cors regex character, so they are compared as text.
        let pattern = try CORSPattern("a|b", caseSensitive: true, option: "origins")
        #expect(pattern.matches("a|b"))
        #expect(!pattern.matches("a"))
    }

    @Test func regexesMatchFromTheStart() throws {
        let pattern = try CORSPattern("/api/*", caseSensitive: true, option: "resources")
        #expect(pattern.isRegex)
        #expect(pattern.matches("/api"))
        #expect(pattern.matches("/apifoo"))
        #expect(!pattern.matches("/v1/api"))
    }

    @Test(arguments: [".*", "/*", "*"])
    func catchAllsMatchEverything(_ text: String) throws {
        let pattern = try CORSPattern(text, caseSensitive: true, option: "resources")
        #expect(pattern.matches(""))
        #expect(pattern.matches("x\ny"))
    }

    @Test func invalidRegexNamesTheOptionAndValue() {
        #expect {
            try CORSPattern("*.example.com", caseSensitive: false, option: "origins")
        } throws: { error in
            guard let error = error as? CORSConfigurationError else { return false }
            return error.kind == .invalidRegex && error.option == "origins" && error.message.contains("*.example.com")
        }
    }
}
