extension Flask {
    /// Registers a WebSocket route: a GET to `rule` carrying a valid upgrade becomes a
    /// WebSocket, and `handler` runs with it as a task on the worker pool, in the request's
    /// context (`request`, `g`). Returning closes the connection with 1000; throwing logs
    /// the error and closes with 1011. An invalid upgrade is answered 400, or 426 for an
    /// unsupported `Sec-WebSocket-Version`.
    ///
    /// ```swift
    /// app.websocket("/echo") { ws in
    ///     while let message = try await ws.receive() {
    ///         if case .text(let text) = message { try await ws.send(text) }
    ///     }
    /// }
    /// ```
    ///
    /// Flask-Sock: `@sock.route('/echo') def echo(ws): …`.
    public func websocket(
        _ rule: String, endpoint: String? = nil, configuration: WebSocketConfiguration = WebSocketConfiguration(),
        _ handler: @escaping @Sendable (WebSocket) async throws -> Void
    ) {
        addRoute(rule, methods: [.GET], endpoint: endpoint, strictSlashes: true, method: "websocket") { [logger] request in
            let context = AppContext.current
            return WebSocketUpgrade.response(for: request, configuration: configuration) { ws in
                let run: @Sendable () async -> Void = {
                    do {
                        try await handler(ws)
                        ws.close()
                    } catch {
                        if !(error is WebSocketClosedError) && !(error is CancellationError) {
                            logger.error("Exception in WebSocket handler for \(request.path): \(String(reflecting: error))")
                        }
                        ws.close(code: .internalError)
                    }
                }
                let body: @Sendable () async -> Void = {
                    if let context { await AppContext.$current.withValue(context) { await run() } } else { await run() }
                }
                if let pool = request.workerPool {
                    Task(executorPreference: pool) { await body() }
                } else {
                    Task { await body() }
                }
            }
        }
    }
}
