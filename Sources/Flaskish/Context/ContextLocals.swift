/// The request being handled by the current task.
///
/// Handlers also receive it as their argument, which is the better habit in Swift; this
/// accessor is for code that is far from the handler (helpers, templates), as in Flask.
/// Reading it outside a request is a programming error and stops the program with Flask's
/// message; use `Request.current` to check first.
///
/// Flask: `flask.request`.
public var request: Request {
    guard let context = AppContext.current else { outsideContext("request") }
    return context.request
}

/// The application handling the current request.
///
/// Flask: `flask.current_app`.
public var currentApp: Flask {
    guard let context = AppContext.current else { outsideContext("application") }
    return context.app
}

/// A namespace for data that lives as long as the current request.
///
/// Flask: `flask.g`.
public var g: RequestGlobals {
    guard let context = AppContext.current else { outsideContext("application") }
    return RequestGlobals(context: context)
}

extension Request {
    /// The request being handled by the current task, or nil outside a request.
    ///
    /// Flask: `flask.request if flask.has_request_context() else None`.
    public static var current: Request? { AppContext.current?.request }
}

/// True inside a request's handler, hooks or templates.
///
/// Flask: `flask.has_request_context()`.
public func hasRequestContext() -> Bool { AppContext.current != nil }

/// Registers `body` to run on this request's response after the handler, before the
/// `afterRequest` hooks.
///
/// Flask: `flask.after_this_request`.
public func afterThisRequest(_ body: @escaping @Sendable (Response) async throws -> Response) {
    guard let context = AppContext.current else { outsideContext("request") }
    context.withState { $0.afterThisRequest.append(body) }
}

/// Wraps `body` so it runs inside the current request's context later, from a task or
/// thread that would not inherit it (a detached task, a queue).
///
/// Flask: `flask.copy_current_request_context`.
public func copyCurrentRequestContext<T: Sendable>(
    _ body: @escaping @Sendable () async throws -> T
) -> @Sendable () async throws -> T {
    guard let context = AppContext.current else { outsideContext("request") }
    return { try await AppContext.$current.withValue(context) { try await body() } }
}

func outsideContext(_ kind: String) -> Never {
    let message = kind == "request"
        ? "Working outside of request context.\n\nThis typically means that you attempted to use functionality that needed an active HTTP request. Use the `req` argument your handler receives, or check `Request.current`."
        : "Working outside of application context.\n\nThis typically means that you attempted to use functionality that needed the current application. Pass the `Flask` value explicitly outside a request."
    preconditionFailure(message)
}
