import Flaskish

/// Thrown by event middleware to drop an event on purpose: its handler does not run and, if
/// the client asked for an acknowledgement, it gets one argument
/// `{"message": message, "data": data}` (no `data` when nil), the shape a client sees in a
/// CONNECT_ERROR. Error handlers are not called: a rejection is an answer, not a fault.
///
/// ```swift
/// socketio.useEvents { event in
///     if event.name.hasPrefix("admin:"), event.request.headers["X-Role"] != "admin" {
///         throw EventRejectedError("forbidden", ["event": .string(event.name)])
///     }
/// }
/// ```
///
/// Node: `next(new Error("forbidden"))` in `socket.use` (Node sends the client nothing and
/// emits `error` on the server-side socket); Flask-SocketIO: an overridden `trigger_event`
/// that returns an error value instead of calling the handler.
public struct EventRejectedError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The `message` member of the acknowledgement.
    public let message: String
    /// The `data` member, when given.
    public let data: JSONValue?

    /// A rejection with `message` and optional `data`.
    public init(_ message: String = "Event rejected by server", _ data: JSONValue? = nil) {
        self.message = message
        self.data = data
    }

    /// The acknowledgement's single argument.
    var payload: SocketIOValue {
        var object: [String: SocketIOValue] = ["message": .string(message)]
        if let data { object["data"] = SocketIOValue(data) }
        return .object(object)
    }

    /// `EventRejectedError: <message>`, for logs.
    public var description: String { "EventRejectedError: \(message)" }
}
