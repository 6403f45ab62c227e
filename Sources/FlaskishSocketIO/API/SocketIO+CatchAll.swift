import Flaskish

// Catch-all handlers. `socketio.on("*")` (and `namespace: "*"`) work as in Flask-SocketIO,
// with the event name / namespace put in front of the arguments; `onAny` hands them over as
// parameters instead, which reads better in Swift.
extension SocketIO {
    /// Handles every event of `namespace` that has no handler of its own, with the event name
    /// and the arguments. `namespace: "*"` catches the events of every namespace that has
    /// neither a handler nor a catch-all of its own (`request.namespace` tells which). An ACK
    /// the client asks for is sent empty. `connect` and `disconnect` are never caught.
    ///
    /// ```swift
    /// socketio.onAny { event, arguments in print("got", event, arguments) }
    /// ```
    ///
    /// Flask-SocketIO: `@socketio.on("*")` with `def catch_all(event, data)`;
    /// Node: `socket.onAny((event, ...args) => …)`.
    public func onAny(namespace: String = "/", _ handler: @escaping @Sendable (String, [SocketIOValue]) async throws -> Void) {
        registerEvent(HandlerRegistry.anyEvent, namespace) { arguments, _ in
            let (event, rest) = Self.splitCatchAll(arguments, namespace: namespace)
            try await handler(event, rest)
            return []
        }
    }

    /// Handles every otherwise unhandled event; the return value becomes the acknowledgement.
    public func onAny<R: SocketIOValueConvertible>(
        namespace: String = "/", _ handler: @escaping @Sendable (String, [SocketIOValue]) async throws -> R
    ) {
        registerEvent(HandlerRegistry.anyEvent, namespace) { arguments, _ in
            let (event, rest) = Self.splitCatchAll(arguments, namespace: namespace)
            return [try await handler(event, rest).socketIOValue]
        }
    }

    /// Handles every otherwise unhandled event and answers the acknowledgement itself (no ACK
    /// is sent unless it calls `ack`).
    public func onAny(
        namespace: String = "/", _ handler: @escaping @Sendable (String, [SocketIOValue], SocketIOAck) async throws -> Void
    ) {
        registerEvent(HandlerRegistry.anyEvent, namespace) { arguments, ack in
            let (event, rest) = Self.splitCatchAll(arguments, namespace: namespace)
            try await handler(event, rest, ack)
            return nil
        }
    }

    /// The event name and the client's own arguments of what a catch-all receives: the name
    /// first, then (in the `*` namespace) the namespace.
    private static func splitCatchAll(_ arguments: [SocketIOValue], namespace: String) -> (String, [SocketIOValue]) {
        let event = arguments.first?.stringValue ?? ""
        let prefix = namespace == HandlerRegistry.anyNamespace ? 2 : 1
        return (event, Array(arguments.dropFirst(prefix)))
    }
}
