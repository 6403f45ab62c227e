/// One entry of `origins`, `allowHeaders` or `resources`: a plain string compared whole, or a
/// regex, decided as flask-cors decides it.
///
/// flask-cors: `probably_regex`, `re_fix` and `try_match_pattern` in `core.py`.
struct CORSPattern: Sendable {
    /// The pattern after `*` became `.*`.
    let source: String
    private let matcher: Matcher

    private enum Matcher: Sendable {
        /// `.*` and `/*` match any value from its start (the match may be empty).
        case everything
        /// Compared whole, on code points, case-folded when case-insensitive.
        case exact(String)
        case regex(PythonRegex)
    }

    private let caseSensitive: Bool

    /// The characters whose presence makes flask-cors treat a string as a regex. `.` is
    /// not one of them, so `http://a.com` is compared as text.
    static let regexCharacters: Set<Unicode.Scalar> = ["*", "\\", "]", "?", "$", "^", "[", "(", ")"]

    /// flask-cors's `probably_regex` (a code-point test, so `*` followed by a combining mark
    /// still counts).
    static func probablyRegex(_ text: String) -> Bool {
        text.unicodeScalars.contains { regexCharacters.contains($0) }
    }

    /// flask-cors's `re_fix`: a lone `*` is the regex `.*`.
    static func fix(_ text: String) -> String { text == "*" ? ".*" : text }

    /// A pattern for `option`; throws when it looks like a regex and does not compile.
    init(_ text: String, caseSensitive: Bool, option: String) throws(CORSConfigurationError) {
        source = Self.fix(text)
        self.caseSensitive = caseSensitive
        if source == ".*" || source == "/*" {
            matcher = .everything
        } else if Self.probablyRegex(source) {
            do {
                matcher = .regex(try PythonRegex(source, caseSensitive: caseSensitive))
            } catch {
                throw CORSConfigurationError(
                    .invalidRegex, option: option,
                    message: "'\(text)' is read as a regex (it holds one of * \\ ? $ ^ [ ] ( ), as in flask-cors) but does"
                        + " not compile. For every subdomain write 'https://.*\\.example\\.com'; to match such characters"
                        + " literally, escape them with '\\'.")
            }
        } else {
            matcher = .exact(caseSensitive ? source : PythonText.casefold(source))
        }
    }

    /// True when it looks like a regex (so it counts for `Vary` and is left out of
    /// `alwaysSend`'s origin list).
    var isRegex: Bool { Self.probablyRegex(source) }

    /// flask-cors's `try_match_pattern(value, pattern, caseSensitive)`.
    func matches(_ value: String) -> Bool {
        switch matcher {
        case .everything:
            return true
        case .exact(let text):
            return caseSensitive ? PythonText.equal(value, text) : PythonText.casefoldEquals(value, folded: text)
        case .regex(let regex):
            return regex.matchesPrefix(of: value)
        }
    }
}
