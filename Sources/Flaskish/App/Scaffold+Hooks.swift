extension Scaffold {
    /// Registers a hook that runs before the handler of every request (on a blueprint: of
    /// every request to its routes, after the app's hooks); when it returns a value, that
    /// value is the response and the handler is skipped.
    ///
    /// Flask: `@app.before_request` / `@bp.before_request`.
    public func beforeRequest(_ hook: @escaping BeforeRequestHook) {
        addBeforeRequest(hook, appWide: false)
    }

    /// Registers a hook that may change or replace every response (on a blueprint: of its
    /// requests, before the app's hooks). Hooks run in reverse order of registration, as in
    /// Flask.
    ///
    /// Flask: `@app.after_request` / `@bp.after_request`.
    public func afterRequest(_ hook: @escaping AfterRequestHook) {
        addAfterRequest(hook, appWide: false)
    }

    /// Registers a hook that runs after every request (on a blueprint: its requests), even
    /// one that failed, with its error.
    ///
    /// Flask: `@app.teardown_request` / `@bp.teardown_request`.
    public func teardownRequest(_ hook: @escaping TeardownHook) {
        addTeardownRequest(hook, appWide: false)
    }

    /// Answers errors with `status` (`abort(404)`, an unmatched URL, an unhandled error for
    /// 500) with `handler`'s response. A blueprint's handler answers for its own requests and
    /// is tried before the app's.
    ///
    /// ```swift
    /// app.errorhandler(404) { error in Response("nothing here", status: 404) }
    /// ```
    /// Flask: `@app.errorhandler(404)` / `@bp.errorhandler(404)`.
    public func errorhandler<R: ResponseConvertible>(_ status: HTTPStatus, _ handler: @escaping @Sendable (HTTPException) async throws -> R) {
        addErrorHandler(status, handler, appWide: false)
    }

    /// Answers errors of type `E` (thrown by handlers or hooks) with `handler`'s response.
    /// `HTTPException.self` catches every HTTP error that has no handler for its code.
    ///
    /// Flask: `@app.errorhandler(MyError)` / `@bp.errorhandler(MyError)`.
    public func errorhandler<E: Error, R: ResponseConvertible>(_ type: E.Type, _ handler: @escaping @Sendable (E) async throws -> R) {
        addErrorHandler(type, handler, appWide: false)
    }

    func addBeforeRequest(_ hook: @escaping BeforeRequestHook, appWide: Bool) {
        recordScoped("before_request", appWide: appWide) { $0.beforeRequest[$1, default: []].append(hook) }
    }

    func addAfterRequest(_ hook: @escaping AfterRequestHook, appWide: Bool) {
        recordScoped("after_request", appWide: appWide) { $0.afterRequest[$1, default: []].append(hook) }
    }

    func addTeardownRequest(_ hook: @escaping TeardownHook, appWide: Bool) {
        recordScoped("teardown_request", appWide: appWide) { $0.teardownRequest[$1, default: []].append(hook) }
    }

    func addErrorHandler<R: ResponseConvertible>(
        _ status: HTTPStatus, _ handler: @escaping @Sendable (HTTPException) async throws -> R, appWide: Bool
    ) {
        recordScoped("errorhandler", appWide: appWide) { builder, scope in
            builder.errorHandlers[scope, default: ErrorHandlerTable()].byCode[status.code] = { error in
                let exception = error as? HTTPException ?? HTTPException(status)
                return try await handler(exception).makeResponse()
            }
        }
    }

    func addErrorHandler<E: Error, R: ResponseConvertible>(
        _ type: E.Type, _ handler: @escaping @Sendable (E) async throws -> R, appWide: Bool
    ) {
        let typed = TypedErrorHandler(
            matches: { $0 is E },
            handler: { error in
                guard let typedError = error as? E else { throw error }
                return try await handler(typedError).makeResponse()
            })
        recordScoped("errorhandler", appWide: appWide) { builder, scope in
            builder.errorHandlers[scope, default: ErrorHandlerTable()].byType.append(typed)
        }
    }
}
