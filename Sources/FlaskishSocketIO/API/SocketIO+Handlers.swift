import Flaskish
import Synchronization

/// The handlers of every namespace, as the API registered them.
struct HandlerRegistry: Sendable {
    /// Runs an event; returns the ack values, or nil to send no automatic ACK.
    typealias EventHandler = @Sendable ([SocketIOValue], SocketIOAck) async throws -> [SocketIOValue]?
    /// Runs a connect handler; false refuses.
    typealias ConnectHandler = @Sendable (SocketIOValue?) async throws -> Bool
    /// Runs a disconnect handler.
    typealias DisconnectHandler = @Sendable (DisconnectReason) async throws -> Void
    /// Handles an error a handler threw; its values become the ACK.
    typealias ErrorHandler = @Sendable (any Error) async throws -> [SocketIOValue]?
    /// Runs before the connect handler; throwing refuses.
    typealias ConnectionMiddleware = @Sendable (SocketIOHandshake) async throws -> Void
    /// Runs before an event's handler; throwing drops the event.
    typealias EventMiddleware = @Sendable (SocketIOIncomingEvent) async throws -> Void

    struct Namespace: Sendable {
        var events: [String: EventHandler] = [:]
        /// `on("*")`: every event without its own handler, the event name first in the arguments.
        var catchAll: EventHandler?
        /// Class-based handlers: any event without its own handler.
        var fallback: (@Sendable (String, [SocketIOValue], SocketIOAck) async throws -> [SocketIOValue]?)?
        var connect: ConnectHandler?
        var disconnect: DisconnectHandler?
        var error: ErrorHandler?
    }

    var namespaces: [String: Namespace] = [:]
    var defaultError: ErrorHandler?
    /// Connection middleware (`socketio.use`), in registration order; `*` matches every namespace.
    var connectionMiddleware: [(namespace: String, run: ConnectionMiddleware)] = []
    /// Event middleware (`socketio.useEvents`), in registration order.
    var eventMiddleware: [(namespace: String, run: EventMiddleware)] = []

    /// The namespace that stands for every namespace, as in python-socketio.
    static let anyNamespace = "*"
    /// The event name of a catch-all handler. Flask-SocketIO: `@socketio.on("*")`.
    static let anyEvent = "*"
    /// Events a catch-all handler never receives (python-socketio's `reserved_events`).
    static let reservedEvents: Set<String> = ["connect", "connect_error", "disconnect"]
}

extension SocketIO {
    func register(_ namespace: String, _ change: (inout HandlerRegistry.Namespace) -> Void) {
        registry.withLock { change(&$0.namespaces[namespace, default: HandlerRegistry.Namespace()]) }
    }

    /// Registers an event handler. `connect` and `disconnect` are not events a client may
    /// send: as in Flask-SocketIO's `@socketio.on("connect")`, they register the connect
    /// handler (auth as the argument; a `false` return refuses) and the disconnect handler
    /// (the reason as a string argument).
    ///
    /// `*` as the event registers a catch-all, and `*` as the namespace stands for every
    /// namespace without a handler of its own; the handler then gets, as in Flask-SocketIO,
    /// the event name and/or the namespace in front of the arguments (see `onAny`).
    func registerEvent(_ event: String, _ namespace: String, _ handler: @escaping HandlerRegistry.EventHandler) {
        let noAck = SocketIOAck(id: nil, namespace: namespace, client: nil)
        // A handler of the `*` namespace learns which namespace the client used, first.
        let isAnyNamespace = namespace == HandlerRegistry.anyNamespace
        @Sendable func prefix() -> [SocketIOValue] {
            guard isAnyNamespace else { return [] }
            return [SocketIOValue.string(SocketIOEventContext.current?.namespace ?? "/")]
        }
        register(namespace) { space in
            switch event {
            case "connect":
                space.connect = { auth in
                    var arguments = prefix()
                    if let auth { arguments.append(auth) }
                    let verdict = try await handler(arguments, noAck)
                    return verdict?.first != SocketIOValue.bool(false)
                }
            case "disconnect":
                space.disconnect = { reason in
                    _ = try await handler(prefix() + [SocketIOValue.string(reason.rawValue)], noAck)
                }
            case HandlerRegistry.anyEvent:
                space.catchAll = handler
            default:
                space.events[event] = handler
            }
        }
    }

    // MARK: Events, by arity

    /// Handles `event` with a handler that takes no arguments. An ACK the client asks for is
    /// sent empty.
    ///
    /// Flask-SocketIO: `@socketio.on("event", namespace=…)`.
    public func on(_ event: String, namespace: String = "/", _ handler: @escaping @Sendable () async throws -> Void) {
        registerEvent(event, namespace) { _, _ in try await handler(); return [] }
    }

    /// Handles `event` with a handler that returns the acknowledgement value.
    public func on<R: SocketIOValueConvertible>(_ event: String, namespace: String = "/", _ handler: @escaping @Sendable () async throws -> R) {
        registerEvent(event, namespace) { _, _ in [try await handler().socketIOValue] }
    }

    /// Handles `event` with a handler that takes the first argument (`.null` when none came).
    ///
    /// ```swift
    /// socketio.on("message") { msg in
    ///     print(msg)
    ///     try send(msg, broadcast: true)
    /// }
    /// ```
    public func on(_ event: String, namespace: String = "/", _ handler: @escaping @Sendable (SocketIOValue) async throws -> Void) {
        registerEvent(event, namespace) { arguments, _ in try await handler(arguments.first ?? .null); return [] }
    }

    /// Handles `event` with a handler whose return value becomes the acknowledgement:
    /// `socketio.on("add") { data in (data["a"]?.intValue ?? 0) + 1 }`.
    ///
    /// python-socketio: a handler's return value is sent as the ACK payload.
    public func on<R: SocketIOValueConvertible>(_ event: String, namespace: String = "/", _ handler: @escaping @Sendable (SocketIOValue) async throws -> R) {
        registerEvent(event, namespace) { arguments, _ in [try await handler(arguments.first ?? .null).socketIOValue] }
    }

    /// Handles `event` with a handler that answers the acknowledgement itself, possibly with
    /// several values or later: `socketio.on("e") { data, ack in ack("ok", 42) }`.
    public func on(_ event: String, namespace: String = "/", _ handler: @escaping @Sendable (SocketIOValue, SocketIOAck) async throws -> Void) {
        registerEvent(event, namespace) { arguments, ack in try await handler(arguments.first ?? .null, ack); return nil }
    }

    /// Handles `event` with a handler that takes every argument (for events sent with several,
    /// `emit("move", x, y)`); its return value becomes the acknowledgement.
    ///
    /// Flask-SocketIO: a handler with several parameters, `def move(x, y)`.
    public func onArguments<R: SocketIOValueConvertible>(_ event: String, namespace: String = "/", _ handler: @escaping @Sendable ([SocketIOValue]) async throws -> R) {
        registerEvent(event, namespace) { arguments, _ in [try await handler(arguments).socketIOValue] }
    }

    /// Handles `event` with a handler that takes every argument and returns nothing.
    public func onArguments(_ event: String, namespace: String = "/", _ handler: @escaping @Sendable ([SocketIOValue]) async throws -> Void) {
        registerEvent(event, namespace) { arguments, _ in try await handler(arguments); return [] }
    }

    /// Handles `event` with a handler that takes every argument and answers the
    /// acknowledgement itself, with any number of values:
    /// `socketio.onArguments("echo") { args, ack in ack.send(args) }`. No ACK is sent unless it calls `ack`.
    ///
    /// Flask-SocketIO: `def echo(*args): return args` (a returned tuple acks with several values).
    public func onArguments(_ event: String, namespace: String = "/", _ handler: @escaping @Sendable ([SocketIOValue], SocketIOAck) async throws -> Void) {
        registerEvent(event, namespace) { arguments, ack in try await handler(arguments, ack); return nil }
    }

    // MARK: Connect and disconnect

    /// Handles connections to `namespace`. Throw ``ConnectionRefusedError`` to refuse.
    ///
    /// Flask-SocketIO: `@socketio.on("connect")` with `def connect():`.
    public func onConnect(namespace: String = "/", _ handler: @escaping @Sendable () async throws -> Void) {
        register(namespace) { $0.connect = { _ in try await handler(); return true } }
    }

    /// Handles connections with the client's `auth` payload (nil when it sent none). Throw
    /// ``ConnectionRefusedError`` to refuse.
    ///
    /// Flask-SocketIO: `@socketio.on("connect")` with `def connect(auth):`.
    public func onConnect(namespace: String = "/", _ handler: @escaping @Sendable (SocketIOValue?) async throws -> Void) {
        register(namespace) { $0.connect = { auth in try await handler(auth); return true } }
    }

    /// Handles connections with a verdict: return `false` to refuse with
    /// "Connection rejected by server".
    public func onConnect<R: ConnectionVerdict>(namespace: String = "/", _ handler: @escaping @Sendable (SocketIOValue?) async throws -> R) {
        register(namespace) { $0.connect = { auth in try await handler(auth).acceptsConnection } }
    }

    /// Handles connections with a verdict, ignoring `auth`.
    public func onConnect<R: ConnectionVerdict>(namespace: String = "/", _ handler: @escaping @Sendable () async throws -> R) {
        register(namespace) { $0.connect = { _ in try await handler().acceptsConnection } }
    }

    /// Handles disconnections from `namespace`.
    ///
    /// Flask-SocketIO: `@socketio.on("disconnect")` with `def disconnect():`.
    public func onDisconnect(namespace: String = "/", _ handler: @escaping @Sendable () async throws -> Void) {
        register(namespace) { $0.disconnect = { _ in try await handler() } }
    }

    /// Handles disconnections, with the reason (`client disconnect`, `server disconnect`,
    /// `ping timeout`, `transport close`, …).
    ///
    /// Flask-SocketIO: `def disconnect(reason):`.
    public func onDisconnect(namespace: String = "/", _ handler: @escaping @Sendable (DisconnectReason) async throws -> Void) {
        register(namespace) { $0.disconnect = handler }
    }

    // MARK: Errors

    /// Handles errors thrown by the handlers of `namespace`.
    ///
    /// Flask-SocketIO: `@socketio.on_error(namespace)`.
    public func onError(namespace: String = "/", _ handler: @escaping @Sendable (any Error) async throws -> Void) {
        register(namespace) { $0.error = { error in try await handler(error); return [] } }
    }

    /// Handles errors of `namespace`; the return value becomes the event's acknowledgement.
    public func onError<R: SocketIOValueConvertible>(namespace: String = "/", _ handler: @escaping @Sendable (any Error) async throws -> R) {
        register(namespace) { $0.error = { error in [try await handler(error).socketIOValue] } }
    }

    /// Handles errors of every namespace without its own error handler.
    ///
    /// Flask-SocketIO: `@socketio.on_error_default`.
    public func onErrorDefault(_ handler: @escaping @Sendable (any Error) async throws -> Void) {
        registry.withLock { $0.defaultError = { error in try await handler(error); return [] } }
    }

    /// Handles errors of every namespace without its own; the return value becomes the ACK.
    public func onErrorDefault<R: SocketIOValueConvertible>(_ handler: @escaping @Sendable (any Error) async throws -> R) {
        registry.withLock { $0.defaultError = { error in [try await handler(error).socketIOValue] } }
    }
}
