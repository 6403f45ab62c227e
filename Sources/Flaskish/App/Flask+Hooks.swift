extension Flask {
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
