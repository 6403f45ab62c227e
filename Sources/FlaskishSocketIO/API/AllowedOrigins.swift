/// Which `Origin`s may open a Socket.IO connection.
///
/// The Engine.IO server branch defines the same enum (same cases and literals) in
/// `EngineIO/EngineIOServerOptions.swift`; at merge keep that one and delete this file.
///
/// Flask-SocketIO: `cors_allowed_origins` — `None` (same origin only, the default), `"*"`,
/// or a list of origins.
public enum AllowedOrigins: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    /// Only the origin of the server itself (the `Host` the request was sent to).
    case sameOrigin
    /// Any origin (`"*"`).
    case any
    /// Exactly these origins (`"https://example.com"`).
    case list([String])

    /// `"*"` → ``any``, another string → a one-origin ``list(_:)``.
    public init(stringLiteral value: String) {
        self = value == "*" ? .any : .list([value])
    }

    /// A list of origins.
    public init(arrayLiteral elements: String...) {
        self = .list(elements)
    }
}
