import Flaskish
import Synchronization

// The protocol server calls these for every connect, event and disconnect; each handler runs
// inside the event context (and the app context), and errors go to the error handlers, as
// Flask-SocketIO's `_handle_event` does.
extension SocketIO: SocketIOServerDelegate {
    package func handlesNamespace(_ namespace: String) -> Bool {
        registry.withLock { $0.namespaces[namespace] != nil || $0.namespaces[HandlerRegistry.anyNamespace] != nil }
    }

    /// True when an incoming `name` event in `namespace` would reach user code: its own
    /// handler, a catch-all (of the namespace or of `*`), a class-based fallback, or event
    /// middleware, which sees events that have no handler too. Events for which this is false
    /// are dropped right after decoding and never queued.
    package func handlesEvent(_ name: String, namespace: String) -> Bool {
        registry.withLock { registry in
            if registry.eventMiddleware.contains(where: { Self.matches($0.namespace, namespace) }) { return true }
            let catchable = !HandlerRegistry.reservedEvents.contains(name)
            for key in [namespace, HandlerRegistry.anyNamespace] {
                guard let space = registry.namespaces[key] else { continue }
                if space.events[name] != nil || space.fallback != nil { return true }
                if catchable && space.catchAll != nil { return true }
            }
            return false
        }
    }

    package func connect(_ socket: SocketIOSocket, auth: SocketIOValue?) async -> ConnectionRefusedError? {
        // Connection middleware (Node's `io.use`) runs first, and alone decides a refusal
        // before any connect handler sees the client.
        if let refusal = await runConnectionMiddleware(socket, auth: auth) { return refusal }
        let handler = registry.withLock {
            $0.namespaces[socket.namespace]?.connect ?? $0.namespaces[HandlerRegistry.anyNamespace]?.connect
        }
        guard let handler else { return nil }
        do {
            let accepted = try await run(socket, event: "connect", arguments: auth.map { [$0] } ?? []) {
                try await handler(auth)
            }
            return accepted ? nil : ConnectionRefusedError()
        } catch let refusal as ConnectionRefusedError {
            return refusal
        } catch {
            // Handled by an error handler: accepted, as Flask-SocketIO treats a connect handler
            // whose error handler returns; unhandled: refused, since the app never said yes.
            return await handleError(error, socket, event: "connect") == nil ? ConnectionRefusedError() : nil
        }
    }

    package func event(_ socket: SocketIOSocket, name: String, arguments: [SocketIOValue], ack: SocketIOAck) async -> [SocketIOValue]? {
        if let rejection = await runEventMiddleware(socket, name: name, arguments: arguments, ack: ack) {
            return rejection.answer
        }
        guard let handler = eventHandler(name, namespace: socket.namespace) else {
            server.logger.debug("Socket.IO event \"\(name)\" [\(socket.namespace)] has no handler")
            return nil
        }
        do {
            return try await run(socket, event: name, arguments: arguments) { try await handler(arguments, ack) }
        } catch {
            return await handleError(error, socket, event: name)
        }
    }

    /// The handler for `name` in `namespace`, its arguments adapted. python-socketio's order:
    /// the event's own handler, the namespace's catch-all (event name first), the `*`
    /// namespace's handler for the event (namespace first), its catch-all (event name and
    /// namespace first); then class-based handlers (``Namespace``) of the namespace, then of `*`.
    private func eventHandler(_ name: String, namespace: String) -> HandlerRegistry.EventHandler? {
        registry.withLock { registry -> HandlerRegistry.EventHandler? in
            let catchable = !HandlerRegistry.reservedEvents.contains(name)
            let space = registry.namespaces[namespace]
            let any = registry.namespaces[HandlerRegistry.anyNamespace]
            if let handler = space?.events[name] { return handler }
            if catchable, let handler = space?.catchAll {
                return { arguments, ack in try await handler([.string(name)] + arguments, ack) }
            }
            if let handler = any?.events[name] {
                return { arguments, ack in try await handler([.string(namespace)] + arguments, ack) }
            }
            if catchable, let handler = any?.catchAll {
                return { arguments, ack in try await handler([.string(name), .string(namespace)] + arguments, ack) }
            }
            guard let fallback = space?.fallback ?? any?.fallback else { return nil }
            return { arguments, ack in try await fallback(name, arguments, ack) }
        }
    }

    package func disconnect(_ socket: SocketIOSocket, reason: DisconnectReason) async {
        let handler = registry.withLock {
            $0.namespaces[socket.namespace]?.disconnect ?? $0.namespaces[HandlerRegistry.anyNamespace]?.disconnect
        }
        guard let handler else { return }
        do {
            try await run(socket, event: "disconnect", arguments: [.string(reason.rawValue)]) { try await handler(reason) }
        } catch {
            _ = await handleError(error, socket, event: "disconnect")
        }
    }

    func run<T: Sendable>(
        _ socket: SocketIOSocket, event: String, arguments: [SocketIOValue], _ body: () async throws -> T
    ) async throws -> T {
        try await withEventContext(sid: socket.sid, namespace: socket.namespace, event: event,
                                   arguments: arguments, request: socket.transport.request, body)
    }

    /// Gives `error` to the namespace's error handler, else the default one; their values
    /// become the ACK. Without either the error is logged and nil returned.
    func handleError(_ error: any Error, _ socket: SocketIOSocket, event: String) async -> [SocketIOValue]? {
        let handler = registry.withLock {
            $0.namespaces[socket.namespace]?.error ?? $0.namespaces[HandlerRegistry.anyNamespace]?.error ?? $0.defaultError
        }
        guard let handler else {
            server.logger.error("Exception in Socket.IO handler for \"\(event)\" [\(socket.namespace)]: \(error)")
            return nil
        }
        do {
            return try await run(socket, event: event, arguments: []) { try await handler(error) }
        } catch {
            server.logger.error("Exception in Socket.IO error handler [\(socket.namespace)]: \(error)")
            return nil
        }
    }
}
