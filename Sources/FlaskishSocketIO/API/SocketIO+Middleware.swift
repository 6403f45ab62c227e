import Flaskish
import Synchronization

// Socket.IO middleware: code that runs before the handlers, for every connection attempt
// (Node's `io.use`) or every incoming event (Node's `socket.use`), for one namespace or all.
extension SocketIO {
    /// Runs `middleware` for every client connecting to `namespace` (`*`, the default: every
    /// namespace), before the connect handler. Throw ``ConnectionRefusedError`` to refuse: the
    /// client gets a CONNECT_ERROR with its message and data, and neither later middleware nor
    /// the connect handler runs. Any other error refuses too, with
    /// ``ConnectionRefusedError/defaultMessage`` (the error itself is logged, not sent).
    ///
    /// Middleware runs in registration order, inside the client's context (`request`,
    /// `request.sid` work). Registering one does not open a namespace: clients still need a
    /// handler there (or in `*`) to connect.
    ///
    /// ```swift
    /// socketio.use { client in
    ///     guard client.auth?["token"]?.stringValue == "secret" else {
    ///         throw ConnectionRefusedError("unauthorized", ["code": 401])
    ///     }
    /// }
    /// ```
    ///
    /// Node: `io.use((socket, next) => next(err))` / `io.of(nsp).use(…)`, with `err.data`;
    /// Flask-SocketIO has none (apps check in every connect handler).
    public func use(namespace: String = "*", _ middleware: @escaping @Sendable (SocketIOHandshake) async throws -> Void) {
        registry.withLock { $0.connectionMiddleware.append((namespace, middleware)) }
    }

    /// Runs `middleware` for every event a client sends to `namespace` (`*`, the default: every
    /// namespace), before its handler, whether or not one exists.
    ///
    /// Returning lets the event through. Throwing drops it (no handler runs):
    /// - ``EventRejectedError`` answers the client's acknowledgement, if it asked for one, with
    ///   `{"message": …, "data": …}`; error handlers are not called.
    /// - Any other error goes to the namespace's ``onError(namespace:_:)`` (else
    ///   ``onErrorDefault(_:)``) as a handler's error would; its return value answers the
    ///   acknowledgement. Without an error handler the error is logged and no ACK is sent.
    /// Middleware can also answer with `event.ack(…)` itself before throwing; the first answer wins.
    ///
    /// ```swift
    /// socketio.useEvents { event in
    ///     guard isAllowed(event.sid, event.name) else { throw EventRejectedError("forbidden") }
    /// }
    /// ```
    ///
    /// Node: `socket.use(([event, ...args], next) => …)` (Node emits `error` on the server-side
    /// socket and never answers the ack); Flask-SocketIO: overriding `trigger_event`.
    public func useEvents(namespace: String = "*", _ middleware: @escaping @Sendable (SocketIOIncomingEvent) async throws -> Void) {
        registry.withLock { $0.eventMiddleware.append((namespace, middleware)) }
    }

    /// Runs the connection middleware of `socket`'s namespace; returns the refusal, if any.
    func runConnectionMiddleware(_ socket: SocketIOSocket, auth: SocketIOValue?) async -> ConnectionRefusedError? {
        let chain = registry.withLock { registry in
            registry.connectionMiddleware.filter { Self.matches($0.namespace, socket.namespace) }.map(\.run)
        }
        guard !chain.isEmpty else { return nil }
        let handshake = SocketIOHandshake(sid: socket.sid, namespace: socket.namespace, auth: auth, request: socket.transport.request)
        for middleware in chain {
            do {
                try await run(socket, event: "connect", arguments: auth.map { [$0] } ?? []) { try await middleware(handshake) }
            } catch let refusal as ConnectionRefusedError {
                return refusal
            } catch {
                server.logger.error("Exception in Socket.IO connection middleware [\(socket.namespace)], refusing: \(error)")
                return ConnectionRefusedError()
            }
        }
        return nil
    }

    /// An event that middleware dropped, and what to acknowledge it with (nil: no ACK).
    struct EventRejection {
        var answer: [SocketIOValue]?
    }

    /// Runs the event middleware of `socket`'s namespace; returns the rejection, if any.
    func runEventMiddleware(
        _ socket: SocketIOSocket, name: String, arguments: [SocketIOValue], ack: SocketIOAck
    ) async -> EventRejection? {
        let chain = registry.withLock { registry in
            registry.eventMiddleware.filter { Self.matches($0.namespace, socket.namespace) }.map(\.run)
        }
        guard !chain.isEmpty else { return nil }
        let event = SocketIOIncomingEvent(
            name: name, arguments: arguments, sid: socket.sid, namespace: socket.namespace, ack: ack,
            request: socket.transport.request)
        for middleware in chain {
            do {
                try await run(socket, event: event.name, arguments: event.arguments) { try await middleware(event) }
            } catch let rejection as EventRejectedError {
                server.logger.debug("Socket.IO event \"\(event.name)\" [\(socket.namespace)] rejected: \(rejection.message)")
                return EventRejection(answer: [rejection.payload])
            } catch {
                return EventRejection(answer: await handleError(error, socket, event: event.name))
            }
        }
        return nil
    }

    static func matches(_ pattern: String, _ namespace: String) -> Bool {
        pattern == HandlerRegistry.anyNamespace || pattern == namespace
    }
}
