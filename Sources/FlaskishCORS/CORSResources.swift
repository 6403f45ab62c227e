import Flaskish

/// Which paths get CORS headers, optionally with their own options.
///
/// ```swift
/// try CORS(app, resources: "/api/.*")                         // one pattern
/// try CORS(app, resources: ["/api/.*", "/public/.*"])          // several, app-wide options
/// try CORS(app, resources: [                                   // per-path options
///     "/api/.*": CORSOptions(origins: "https://app.example.com"),
///     "/public/.*": CORSOptions(origins: "*"),
/// ])
/// ```
///
/// Patterns are matched against the request path (percent-decoded once more, as flask-cors
/// `unquote`s it), case-sensitively; the first that matches wins. A pattern without regex
/// characters must equal the path; one with them is a regex matched from the path's start
/// (so `/api/*` also matches `/apifoo`, exactly as in flask-cors). `*` means every path; the
/// default is `/*`, which matches every path too.
///
/// flask-cors: `resources`, a regex, a list of regexes, or a dict of regex → options.
public struct CORSResources: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    enum Form: Sendable, Hashable {
        case patterns([String])
        case mapping([Entry])
    }

    struct Entry: Sendable, Hashable {
        let pattern: String
        let options: CORSOptions
    }

    let form: Form

    /// flask-cors's default: every path.
    public static let everything: CORSResources = "/*"

    /// One path pattern, with the app-wide options.
    public init(_ pattern: String) { form = .patterns([pattern]) }
    /// Several patterns, with the app-wide options, tried in the given order.
    public init(_ patterns: [String]) { form = .patterns(patterns) }
    /// Patterns with their own options, tried in flask-cors's order (see `ordered`); entries
    /// that tie keep the given order.
    public init(_ entries: [(String, CORSOptions)]) { form = .mapping(entries.map { Entry(pattern: $0.0, options: $0.1) }) }
    /// Patterns with their own options from a dictionary (which has no order of its own:
    /// entries that tie in flask-cors's order are tried by pattern text).
    public init(_ dictionary: [String: CORSOptions]) {
        self.init(dictionary.sorted { PythonText.less($0.key, $1.key) }.map { ($0.key, $0.value) })
    }
    /// One pattern, written as a literal.
    public init(stringLiteral value: String) { self.init(value) }
    /// Several patterns, written as an array literal.
    public init(arrayLiteral elements: String...) { self.init(elements) }
    /// Patterns with options, written as a dictionary literal (source order breaks ties).
    public init(dictionaryLiteral elements: (String, CORSOptions)...) { self.init(elements) }

    /// The patterns with their resource-level options, in the order they are tried: for a
    /// mapping, literal paths before regexes, then more `/` first, then longer first
    /// (flask-cors's `parse_resources` sort); lists keep their order.
    public var ordered: [(pattern: String, options: CORSOptions)] {
        switch form {
        case .patterns(let patterns):
            return patterns.map { (CORSPattern.fix($0), CORSOptions()) }
        case .mapping(let entries):
            let keyed = entries.enumerated().map { index, entry in
                let pattern = CORSPattern.fix(entry.pattern)
                let key = (CORSPattern.probablyRegex(pattern) ? 1 : 0,
                           -pattern.utf8.count(where: { $0 == UInt8(ascii: "/") }),
                           -pattern.unicodeScalars.count, index)
                return (key: key, pattern: pattern, options: entry.options)
            }
            return keyed.sorted { $0.key < $1.key }.map { ($0.pattern, $0.options) }
        }
    }

    /// The `CORS_RESOURCES` value of `config`, when set.
    /// - Throws: `CORSConfigurationError.invalidConfigValue` for a value of another type.
    public init?(config: Flaskish.Config) throws(CORSConfigurationError) {
        guard let value = config["CORS_RESOURCES"] else { return nil }
        switch value {
        case let resources as CORSResources: self = resources
        case let pattern as String: self.init(pattern)
        case let patterns as [String]: self.init(patterns)
        case let mapping as [String: CORSOptions]: self.init(mapping)
        default:
            throw CORSOptions.wrongType("CORS_RESOURCES", value,
                                        expected: "a String, [String], [String: CORSOptions] or CORSResources")
        }
    }
}
