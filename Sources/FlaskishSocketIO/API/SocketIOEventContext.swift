import Flaskish

/// The Socket.IO event being handled by the current task: which client (sid), namespace and
/// event. Bound around every handler call, as Flask-SocketIO sets `request.sid`,
/// `request.namespace` and `request.event` for each event.
///
/// Tasks created with `Task { }` inside a handler inherit it; detached tasks, background
/// tasks (``SocketIO/startBackgroundTask(_:)``) and other threads do not.
public struct SocketIOEventContext: Sendable {
    /// The extension that received the event.
    public let socketio: SocketIO
    /// The sid of the client in this namespace.
    public let sid: String
    /// The namespace of the event.
    public let namespace: String
    /// The event name (`connect` and `disconnect` for those handlers).
    public let event: String
    /// The event's arguments as received.
    public let arguments: [SocketIOValue]

    /// The context of the current task, if it is handling a Socket.IO event.
    @TaskLocal public static var current: SocketIOEventContext?
}

extension Request {
    /// The Socket.IO sid of the client whose event is being handled, nil outside a handler.
    ///
    /// Flask-SocketIO: `request.sid`.
    public var sid: String? { SocketIOEventContext.current?.sid }

    /// The namespace of the Socket.IO event being handled, nil outside a handler.
    ///
    /// Flask-SocketIO: `request.namespace`.
    public var namespace: String? { SocketIOEventContext.current?.namespace }

    /// The Socket.IO event being handled (name and arguments), nil outside a handler.
    ///
    /// Flask-SocketIO: `request.event` (`{"message": …, "args": …}`).
    public var event: SocketIOEventContext? { SocketIOEventContext.current }
}

/// A context function (`emit`, `send`, `joinRoom`, …) was called outside a Socket.IO handler.
public struct SocketIOContextError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The function that was called.
    public let function: String

    /// An error for `function`.
    public init(function: String) { self.function = function }

    public var description: String {
        "Working outside of a Socket.IO event context: `\(function)` only works inside a Socket.IO event handler, where it knows the client (request.sid) and namespace. From a background task, an HTTP route or another thread, call the server-level methods instead, e.g. `socketio.emit(event, data, to: sid, namespace: \"/\")`, `socketio.send(data, to:)` or `socketio.closeRoom(room)`."
    }
}

extension SocketIOEventContext {
    /// The current context, or the error naming `function`.
    static func required(_ function: String) throws(SocketIOContextError) -> SocketIOEventContext {
        guard let context = current else { throw SocketIOContextError(function: function) }
        return context
    }
}
