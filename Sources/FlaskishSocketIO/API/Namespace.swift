import Flaskish

/// Class-based handlers for one namespace. Subclass it, override what you handle, and
/// register an instance with ``SocketIO/onNamespace(_:)``:
///
/// ```swift
/// final class Chat: Namespace, @unchecked Sendable {
///     override func onConnect(auth: SocketIOValue?) async throws -> Bool { auth != nil }
///     override func onEvent(_ event: String, _ arguments: [SocketIOValue]) async throws -> [SocketIOValue]? {
///         switch event {
///         case "say": try emit("said", arguments.first ?? nil, broadcast: true); return []
///         default: return nil
///         }
///     }
/// }
/// socketio.onNamespace(Chat("/chat"))
/// ```
///
/// Handlers registered with `socketio.on(_:namespace:)` for the same
/// namespace take precedence, as in python-socketio. Swift has no `on_<event>` lookup by
/// name, hence the one ``onEvent(_:_:)`` to switch on the event name.
///
/// Keep mutable state in a `Mutex` or an actor: handlers of different clients run in parallel.
///
/// Flask-SocketIO: `flask_socketio.Namespace`.
open class Namespace: @unchecked Sendable {
    /// The namespace handled, `/` by default.
    public let namespace: String

    /// Handlers for `namespace`.
    public init(_ namespace: String = "/") {
        self.namespace = namespace
    }

    /// A client connects with its `auth` payload; return false or throw
    /// ``ConnectionRefusedError`` to refuse. Accepts by default.
    ///
    /// Flask-SocketIO: `on_connect(self, auth)`.
    open func onConnect(auth: SocketIOValue?) async throws -> Bool { true }

    /// A client disconnected. Flask-SocketIO: `on_disconnect(self, reason)`.
    open func onDisconnect(reason: DisconnectReason) async throws {}

    /// An event arrived. Return the acknowledgement values (`[]` for none), or nil when the
    /// event is not handled here (no ACK is sent).
    ///
    /// Flask-SocketIO: `trigger_event`, which calls `on_<event>(self, *args)`.
    open func onEvent(_ event: String, _ arguments: [SocketIOValue]) async throws -> [SocketIOValue]? { nil }

    /// Emits within this namespace: the context ``emit(_:_:to:room:broadcast:includeSelf:skipSid:namespace:callback:)``
    /// with `namespace` preset. Flask-SocketIO: `Namespace.emit`.
    public func emit(
        _ event: String, _ arguments: any SocketIOValueConvertible..., to: String? = nil, broadcast: Bool = false,
        includeSelf: Bool = true, callback: (@Sendable ([SocketIOValue]) async -> Void)? = nil
    ) throws {
        let context = try SocketIOEventContext.required("Namespace.emit")
        let target = to ?? (broadcast ? nil : context.sid)
        try context.socketio.emit(event, arguments: arguments.map(\.socketIOValue), to: target, namespace: namespace,
                                  includeSelf: includeSelf, skipSid: nil, callback: callback)
    }

    /// ``emit(_:_:to:broadcast:includeSelf:callback:)`` with the arguments as an array.
    public func emit(
        _ event: String, arguments: [SocketIOValue], to: String? = nil, broadcast: Bool = false,
        includeSelf: Bool = true, callback: (@Sendable ([SocketIOValue]) async -> Void)? = nil
    ) throws {
        let context = try SocketIOEventContext.required("Namespace.emit")
        let target = to ?? (broadcast ? nil : context.sid)
        try context.socketio.emit(event, arguments: arguments, to: target, namespace: namespace,
                                  includeSelf: includeSelf, skipSid: nil, callback: callback)
    }

    /// Sends a `message` event within this namespace. Flask-SocketIO: `Namespace.send`.
    public func send(_ message: any SocketIOValueConvertible, to: String? = nil, broadcast: Bool = false, includeSelf: Bool = true) throws {
        let context = try SocketIOEventContext.required("Namespace.send")
        let target = to ?? (broadcast ? nil : context.sid)
        try context.socketio.emit("message", arguments: [message.socketIOValue], to: target, namespace: namespace,
                                  includeSelf: includeSelf, skipSid: nil, callback: nil)
    }
}

extension SocketIO {
    /// Registers class-based handlers for `handler.namespace`.
    ///
    /// Flask-SocketIO: `socketio.on_namespace(MyNamespace("/chat"))`.
    public func onNamespace(_ handler: Namespace) {
        register(handler.namespace) { space in
            space.fallback = { event, arguments, _ in try await handler.onEvent(event, arguments) }
            if space.connect == nil { space.connect = { auth in try await handler.onConnect(auth: auth) } }
            if space.disconnect == nil { space.disconnect = { reason in try await handler.onDisconnect(reason: reason) } }
        }
    }
}
