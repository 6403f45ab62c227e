/// Why a request could not be parsed, and the status to answer it with before closing.
///
/// Werkzeug: the `BadRequest`, `RequestEntityTooLarge`, `RequestURITooLarge`,
/// `RequestHeaderFieldsTooLarge` errors its dev server and WSGI layer raise.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The status the engine sends back (400, 413, 414, 431, 501, 505).
    public var status: HTTPStatus
    /// A short human explanation, safe to put in a log line or an error page.
    public var reason: String
    /// The head of the refused request when it was whole (a body over the limit): the engine
    /// hands such a request to the app so the refusal goes through its error handlers.
    /// Not part of equality.
    public var refusedHead: HTTPRequestHead?

    /// An error with its status and explanation.
    public init(status: HTTPStatus, reason: String) {
        self.status = status
        self.reason = reason
    }

    /// Equal when status and reason are (the refused head is context, not identity).
    public static func == (lhs: HTTPParseError, rhs: HTTPParseError) -> Bool {
        lhs.status == rhs.status && lhs.reason == rhs.reason
    }

    /// `400 Invalid request method`: the code and the reason, for log lines.
    public var description: String { "\(status.code) \(reason)" }

    static func badRequest(_ reason: String) -> HTTPParseError { .init(status: .badRequest, reason: reason) }
    static func uriTooLong(_ reason: String) -> HTTPParseError { .init(status: .uriTooLong, reason: reason) }
    static func headerFieldsTooLarge(_ reason: String) -> HTTPParseError {
        .init(status: .requestHeaderFieldsTooLarge, reason: reason)
    }
    static func contentTooLarge(_ reason: String) -> HTTPParseError { .init(status: .contentTooLarge, reason: reason) }
    static func notImplemented(_ reason: String) -> HTTPParseError { .init(status: .notImplemented, reason: reason) }
    static func versionNotSupported(_ reason: String) -> HTTPParseError {
        .init(status: .httpVersionNotSupported, reason: reason)
    }
}
