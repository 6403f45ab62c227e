extension Flask {
    /// Registers a hook that runs before every request's handler; when it returns a value,
    /// that value is the response and the handler is skipped.
    ///
    /// Flask: `@app.before_request`.
    public func beforeRequest(_ hook: @escaping BeforeRequestHook) {
        setup("before_request") { $0.beforeRequest.append(hook) }
    }

    /// Registers a hook that may change or replace every response. Hooks run in reverse
    /// order of registration, as in Flask.
    ///
    /// Flask: `@app.after_request`.
    public func afterRequest(_ hook: @escaping AfterRequestHook) {
        setup("after_request") { $0.afterRequest.append(hook) }
    }

    /// Registers a hook that runs after every request, even one that failed, with its error.
    ///
    /// Flask: `@app.teardown_request`.
    public func teardownRequest(_ hook: @escaping TeardownHook) {
        setup("teardown_request") { $0.teardownRequest.append(hook) }
    }

    /// Answers errors with `status` (`abort(404)`, an unmatched URL, an unhandled error for
    /// 500) with `handler`'s response.
    ///
    /// ```swift
    /// app.errorhandler(404) { error in Response("nothing here", status: 404) }
    /// ```
    /// Flask: `@app.errorhandler(404)`.
    public func errorhandler<R: ResponseConvertible>(_ status: HTTPStatus, _ handler: @escaping @Sendable (HTTPException) async throws -> R) {
        setup("errorhandler") {
            $0.errorHandlersByCode[status.code] = { error in
                let exception = error as? HTTPException ?? HTTPException(status)
                return try await handler(exception).makeResponse()
            }
        }
    }

    /// Answers errors of type `E` (thrown by handlers or hooks) with `handler`'s response.
    ///
    /// Flask: `@app.errorhandler(MyError)`.
    public func errorhandler<E: Error, R: ResponseConvertible>(_ type: E.Type, _ handler: @escaping @Sendable (E) async throws -> R) {
        setup("errorhandler") {
            $0.errorHandlersByType.append(TypedErrorHandler(
                matches: { $0 is E },
                handler: { error in try await handler(error as! E).makeResponse() }
            ))
        }
    }

    /// Adds a middleware around the whole request: it sees the request before routing and
    /// the response after hooks and error handlers — 404, 405 and 500 included — and may
    /// answer by itself. The first added is the outermost, whatever the order of routes.
    ///
    /// ```swift
    /// app.use { request, next in
    ///     var response = try await next(request)
    ///     response.headers["X-Served-By"] = "flaskish"
    ///     return response
    /// }
    /// ```
    /// Flask: wrapping `app.wsgi_app` in WSGI middleware.
    public func use(_ middleware: @escaping Middleware) {
        setup("use") { $0.middleware.append(middleware) }
    }
}
