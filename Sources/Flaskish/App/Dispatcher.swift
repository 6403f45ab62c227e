extension Flask {
    /// Handles one request from start to finish and always returns a response.
    ///
    /// Order: middleware (outermost first) → context bound → URL matching → `beforeRequest`
    /// hooks → handler → error handlers → `afterThisRequest` and `afterRequest` (reverse) →
    /// `teardownRequest`. Errors become responses inside the middleware chain, so every
    /// middleware sees a `Response`, including 404, 405 and 500.
    ///
    /// Flask: `app.wsgi_app` / `full_dispatch_request`.
    package func handle(_ request: Request) async -> Response {
        let app = frozen
        do {
            return try await app.chain(request)
        } catch {
            // A middleware itself failed: nothing inside can answer any more.
            logUnhandled(error, request: request)
            return internalServerErrorPage(for: error)
        }
    }

    /// Builds the middleware chain around the core dispatcher (done once, at freeze time).
    func makeChain(middleware: [Middleware]) -> MiddlewareNext {
        let core: MiddlewareNext = { [unowned self] request in await self.dispatchInContext(request, self.frozen) }
        return middleware.reversed().reduce(core) { next, middleware in
            { request in try await middleware(request, next) }
        }
    }

    private func dispatchInContext(_ request: Request, _ app: FrozenApp) async -> Response {
        let context = AppContext(app: self, request: request)
        return await AppContext.$current.withValue(context) {
            var response: Response
            var unhandled: (any Error)?
            do {
                response = try await dispatch(context, app)
            } catch {
                (response, unhandled) = await handleError(error, app, request: context.request)
            }
            do {
                response = try await finalize(response, context, app)
            } catch {
                unhandled = error
                (response, _) = await handleError(error, app, request: context.request)
            }
            for hook in app.teardownRequest.hooks(for: context.request.blueprint) { hook(unhandled) }
            return response
        }
    }

    private func dispatch(_ context: AppContext, _ app: FrozenApp) async throws -> Response {
        var request = context.request
        if let untrusted = untrustedHostError(request) {
            try await runBeforeHooksForError(request, app)
            throw untrusted
        }
        switch app.urlMap.match(path: request.path, method: request.method) {
        case .matched(let rule, let arguments):
            request.endpoint = rule.endpoint
            request.urlRule = rule.rule
            request.viewArgs = ViewArgs(arguments)
            context.request = request
            // Flask runs `before_request` first: a hook can answer even the automatic OPTIONS.
            for hook in app.beforeRequest.hooks(for: request.blueprint) {
                if let early = try await hook(request) { return try early.makeResponse() }
            }
            if request.method == .OPTIONS && rule.provideAutomaticOptions {
                return defaultOptionsResponse(path: request.path, app)
            }
            // The engine refused the body before reading it (MAX_CONTENT_LENGTH): the view
            // cannot run, so the 413 Werkzeug raises when a view reads such a body is raised
            // here, where error handlers, `afterRequest` and extensions still see it.
            if let refusal = request.refusedBody { throw HTTPException(refusal.status) }
            guard let handler = app.handlers[rule.endpoint] else { throw HTTPException(.notFound) }
            return try await handler(request)
        case .notFound:
            try await runBeforeHooksForError(request, app)
            throw HTTPException(.notFound)
        case .methodNotAllowed(let allowed):
            try await runBeforeHooksForError(request, app)
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            throw HTTPException(.methodNotAllowed, headers: ["Allow": allow])
        case .redirect(let location):
            // Flask raises the strict-slashes redirect after `before_request`, as other routing errors.
            try await runBeforeHooksForError(request, app)
            let query = request.queryString.isEmpty ? "" : "?\(request.queryString)"
            let target = location.hasPrefix("/") ? "\(request.scheme)://\(request.host)\(location)\(query)" : location + query
            throw HTTPException(response: redirect(target, code: .permanentRedirect))
        }
    }

    /// Flask runs `before_request` hooks even when routing failed (the routing error is
    /// raised after them), so a hook can answer for unknown URLs too.
    private func runBeforeHooksForError(_ request: Request, _ app: FrozenApp) async throws {
        for hook in app.beforeRequest.app {
            if let early = try await hook(request) { throw HTTPException(response: try early.makeResponse()) }
        }
    }

    /// Flask's automatic `OPTIONS` answer: an empty 200 with `Allow`.
    private func defaultOptionsResponse(path: String, _ app: FrozenApp) -> Response {
        let allow = app.urlMap.allowedMethods(path: path).map(\.rawValue).joined(separator: ", ")
        return Response("", headers: ["Allow": allow])
    }

    private func finalize(_ response: Response, _ context: AppContext, _ app: FrozenApp) async throws -> Response {
        var response = response
        let callbacks = context.withState { $0.afterThisRequest }
        for callback in callbacks { response = try await callback(response) }
        for hook in app.afterRequest.hooks(for: context.request.blueprint) { response = try await hook(response) }
        return try saveSession(context, into: response)
    }

    /// Finds the handler for an error: by status for HTTP errors, else by type, else 500.
    /// Returns the response and, for errors no handler claimed, the error (for teardown).
    private func handleError(_ error: any Error, _ app: FrozenApp, request: Request) async -> (Response, (any Error)?) {
        let blueprint = request.blueprint
        if let exception = error as? HTTPException, exception.abortedWithoutWerkzeugClass {
            return await handleError(AbortLookupError(code: exception.status.code), app, request: request)
        }
        if let exception = error as? HTTPException {
            if exception.response == nil,
               let handler = app.errorHandler(for: exception, code: exception.status.code, blueprint: blueprint) {
                do { return (try await handler(exception), nil) } catch let nested {
                    logUnhandled(nested, request: request)
                    return (internalServerErrorPage(for: nested), nested)
                }
            }
            // Flask: a trapped HTTP error a handler did not claim is an unhandled error.
            if isTrapped(exception) { return await unhandledError(exception, app, request: request) }
            return (exception.makeResponse(), nil)
        }
        if let handler = app.errorHandler(for: error, code: nil, blueprint: blueprint) {
            do { return (try await handler(error), nil) } catch let nested {
                return await handleError(nested, app, request: request)
            }
        }
        return await unhandledError(error, app, request: request)
    }

    /// An error nothing handled: logged, then a 500 (through a 500 handler when there is one).
    private func unhandledError(_ error: any Error, _ app: FrozenApp, request: Request) async -> (Response, (any Error)?) {
        let blueprint = request.blueprint
        logUnhandled(error, request: request)
        var serverError = HTTPException(.internalServerError)
        serverError.originalError = error
        if let handler = app.errorHandler(for: serverError, code: 500, blueprint: blueprint) {
            if let response = try? await handler(serverError) { return (response, error) }
        }
        return (internalServerErrorPage(for: error), error)
    }

    /// Whether an `abort`-style HTTP error skips the HTTP error path: every one with
    /// `TRAP_HTTP_EXCEPTIONS`, 400s with `TRAP_BAD_REQUEST_ERRORS`. For debugging: the error
    /// then shows up as an unhandled one (logged, a 500 with the trace in debug mode).
    ///
    /// Flask: `app.trap_http_exception(e)`.
    private func isTrapped(_ exception: HTTPException) -> Bool {
        guard exception.response == nil else { return false }
        if config.get("TRAP_HTTP_EXCEPTIONS", as: Bool.self) == true { return true }
        return exception.status == .badRequest && config.get("TRAP_BAD_REQUEST_ERRORS", as: Bool.self) == true
    }

    private func internalServerErrorPage(for error: any Error) -> Response {
        guard debug else { return HTTPException(.internalServerError).makeResponse() }
        // Debug mode shows what failed, as Werkzeug's debugger page does (without its console).
        let text = "Internal Server Error\n\n\(String(reflecting: error))\n"
        return Response(text, status: .internalServerError, contentType: "text/plain; charset=utf-8")
    }

    private func logUnhandled(_ error: any Error, request: Request) {
        logger.error("Exception on \(request.path) [\(request.method.rawValue)]: \(String(reflecting: error))")
    }
}
