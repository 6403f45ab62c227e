import Flaskish
import Synchronization

// The protocol server calls these for every connect, event and disconnect; each handler runs
// inside the event context (and the app context), and errors go to the error handlers, as
// Flask-SocketIO's `_handle_event` does.
extension SocketIO: SocketIOServerDelegate {
    package func handlesNamespace(_ namespace: String) -> Bool {
        registry.withLock { $0.namespaces[namespace] != nil }
    }

    package func handlesEvent(_ name: String, namespace: String) -> Bool {
        registry.withLock { registry in
            guard let space = registry.namespaces[namespace] else { return false }
            return space.events[name] != nil || space.fallback != nil
        }
    }

    package func connect(_ socket: SocketIOSocket, auth: SocketIOValue?) async -> ConnectionRefusedError? {
        guard let handler = registry.withLock({ $0.namespaces[socket.namespace]?.connect }) else { return nil }
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
        let handler = registry.withLock { registry -> HandlerRegistry.EventHandler? in
            guard let space = registry.namespaces[socket.namespace] else { return nil }
            if let handler = space.events[name] { return handler }
            guard let fallback = space.fallback else { return nil }
            return { arguments, ack in try await fallback(name, arguments, ack) }
        }
        guard let handler else {
            server.logger.debug("Socket.IO event \"\(name)\" [\(socket.namespace)] has no handler")
            return nil
        }
        do {
            return try await run(socket, event: name, arguments: arguments) { try await handler(arguments, ack) }
        } catch {
            return await handleError(error, socket, event: name)
        }
    }

    package func disconnect(_ socket: SocketIOSocket, reason: DisconnectReason) async {
        guard let handler = registry.withLock({ $0.namespaces[socket.namespace]?.disconnect }) else { return }
        do {
            try await run(socket, event: "disconnect", arguments: [.string(reason.rawValue)]) { try await handler(reason) }
        } catch {
            _ = await handleError(error, socket, event: "disconnect")
        }
    }

    private func run<T: Sendable>(
        _ socket: SocketIOSocket, event: String, arguments: [SocketIOValue], _ body: () async throws -> T
    ) async throws -> T {
        try await withEventContext(sid: socket.sid, namespace: socket.namespace, event: event,
                                   arguments: arguments, request: socket.transport.request, body)
    }

    /// Gives `error` to the namespace's error handler, else the default one; their values
    /// become the ACK. Without either the error is logged and nil returned.
    private func handleError(_ error: any Error, _ socket: SocketIOSocket, event: String) async -> [SocketIOValue]? {
        let handler = registry.withLock { $0.namespaces[socket.namespace]?.error ?? $0.defaultError }
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
