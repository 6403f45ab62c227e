/// An HTTP request method. Open set, so a struct with static lets rather than an enum.
///
/// Written as a string literal where a method is expected: `methods: ["GET", "POST"]` or
/// `methods: [.GET, .POST]`.
///
/// Flask: the strings in `methods=["GET", "POST"]`.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The method token as sent on the wire, upper-case for the standard methods.
    public let rawValue: String

    /// Wraps a method token. Tokens are case-sensitive (RFC 9110 §9.1).
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Wraps a method token written as a literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The method token as sent (`GET`).
    public var description: String { rawValue }

    /// `GET`
    public static let GET = HTTPMethod(rawValue: "GET")
    /// `HEAD`
    public static let HEAD = HTTPMethod(rawValue: "HEAD")
    /// `POST`
    public static let POST = HTTPMethod(rawValue: "POST")
    /// `PUT`
    public static let PUT = HTTPMethod(rawValue: "PUT")
    /// `DELETE`
    public static let DELETE = HTTPMethod(rawValue: "DELETE")
    /// `PATCH`
    public static let PATCH = HTTPMethod(rawValue: "PATCH")
    /// `OPTIONS`
    public static let OPTIONS = HTTPMethod(rawValue: "OPTIONS")
    /// `CONNECT`
    public static let CONNECT = HTTPMethod(rawValue: "CONNECT")
    /// `TRACE`
    public static let TRACE = HTTPMethod(rawValue: "TRACE")
}
