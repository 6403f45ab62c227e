/// A CORS option that cannot work, found when `CORS(app, …)` or `crossOrigin(…)` is set up
/// rather than on the first request.
///
/// flask-cors raises `ValueError` only for credentials with a wildcard origin and otherwise
/// lets a bad regex fail to match anything; FlaskishCORS refuses every option it cannot
/// honour, so a typo shows up at start-up.
public struct CORSConfigurationError: Error, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: Sendable, Equatable {
        /// A pattern (an origin, an allowed header or a resource path) that looks like a
        /// regex but does not compile.
        case invalidRegex
        /// A method name that is not an HTTP method.
        case unknownMethod
        /// `supportsCredentials` with the `*` origin and `sendWildcard`: browsers reject
        /// `Access-Control-Allow-Origin: *` on credentialed requests.
        case credentialsWithWildcard
        /// An `app.config["CORS_…"]` value of a type the option cannot take.
        case invalidConfigValue
    }

    /// What is wrong.
    public let kind: Kind
    /// The option at fault (`origins`, `CORS_MAX_AGE`, …).
    public let option: String
    /// A sentence naming the value and what to do.
    public let message: String

    /// An error about `option`.
    public init(_ kind: Kind, option: String, message: String) {
        self.kind = kind
        self.option = option
        self.message = message
    }

    /// `Invalid CORS option '<option>': <message>`.
    public var description: String { "Invalid CORS option '\(option)': \(message)" }
}
