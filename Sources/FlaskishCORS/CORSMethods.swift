import Flaskish

/// The `methods` option: a list (`["GET", "POST"]`, `[.GET, .POST]`) or one string
/// (`"GET, POST"`).
///
/// Sent in `Access-Control-Allow-Methods` upper-cased, a list sorted first (flask-cors sorts
/// before upper-casing, so `["get", "POST"]` gives `POST, GET`), a string as written.
///
/// flask-cors: `methods`, a `str` or a list; default `ALL_METHODS`.
public struct CORSMethods: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    enum Form: Sendable, Hashable {
        case single(String)
        case list([HTTPMethod])
    }

    let form: Form

    /// flask-cors's default: `GET, HEAD, POST, OPTIONS, PUT, PATCH, DELETE`.
    public static let all: CORSMethods = [.GET, .HEAD, .POST, .OPTIONS, .PUT, .PATCH, .DELETE]

    /// The method names FlaskishCORS accepts (RFC 9110 §9 and PATCH, RFC 5789), in any case.
    /// A name outside them is almost always a typo, so set-up refuses it.
    public static let knownNames: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"]

    /// One comma-separated string, sent as written (upper-cased).
    public init(_ value: String) { form = .single(value) }
    /// A list of methods.
    public init(_ methods: [HTTPMethod]) { form = .list(methods) }
    /// One string, written as a literal.
    public init(stringLiteral value: String) { self.init(value) }
    /// A list, written as an array literal (`["GET", "POST"]` or `[.GET, .POST]`).
    public init(arrayLiteral elements: HTTPMethod...) { self.init(elements) }

    /// The `Access-Control-Allow-Methods` value (flask-cors's `serialize_option(…, upper=True)`).
    var headerValue: String {
        switch form {
        case .single(let value): PythonText.upper(value)
        case .list(let methods): PythonText.upper(PythonText.sorted(methods.map(\.rawValue)).joined(separator: ", "))
        }
    }

    /// Throws when a name (a list entry, or an item of the comma-separated string) is not a
    /// known method.
    func validate(option: String) throws(CORSConfigurationError) {
        let names: [String] = switch form {
        case .single(let value): value.split(separator: ",", omittingEmptySubsequences: false).map { PythonText.strip($0) }
        case .list(let methods): methods.map(\.rawValue)
        }
        for name in names where !Self.knownNames.contains(PythonText.upper(name)) {
            throw CORSConfigurationError(
                .unknownMethod, option: option,
                message: "'\(name)' is not an HTTP method; use names from \(Self.knownNames.sorted().joined(separator: ", ")).")
        }
    }
}
