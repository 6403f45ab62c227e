import Flaskish

/// Thrown by a connect handler to refuse the connection; the client gets a CONNECT_ERROR
/// whose payload is `{"message": message, "data": data}` (no `data` when nil).
///
/// ```swift
/// socketio.onConnect { auth in
///     guard auth?["token"]?.stringValue == "secret" else {
///         throw ConnectionRefusedError("unauthorized", ["reason": "bad token"])
///     }
/// }
/// ```
///
/// Flask-SocketIO / python-socketio: `ConnectionRefusedError("unauthorized", {...})`.
public struct ConnectionRefusedError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message of a refusal that gives none (or a connect handler returning `false`).
    ///
    /// python-socketio: `ConnectionRefusedError().error_args`.
    public static let defaultMessage = "Connection rejected by server"

    /// The `message` member of the CONNECT_ERROR payload.
    public let message: String
    /// The `data` member, when given.
    public let data: JSONValue?

    /// A refusal with `message` and optional `data`.
    public init(_ message: String = ConnectionRefusedError.defaultMessage, _ data: JSONValue? = nil) {
        self.message = message
        self.data = data
    }

    public var description: String { "ConnectionRefusedError: \(message)" }
}

/// What a connect handler may return: `true` accepts, `false` refuses with
/// ``ConnectionRefusedError/defaultMessage``.
///
/// Flask-SocketIO: a connect handler that returns `False`.
public protocol ConnectionVerdict: Sendable {
    /// True to accept the connection.
    var acceptsConnection: Bool { get }
}

extension Bool: ConnectionVerdict {
    /// The Bool itself.
    public var acceptsConnection: Bool { self }
}
