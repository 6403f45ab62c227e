/// A route's handler once wrapped: request in, response out.
typealias RouteHandler = @Sendable (Request) async throws -> Response

/// A `beforeRequest` hook: a response ends the request early.
///
/// Flask: a `before_request` function returning non-None.
public typealias BeforeRequestHook = @Sendable (Request) async throws -> (any ResponseConvertible)?

/// An `afterRequest` hook: takes the response and returns the one to send.
///
/// Flask: an `after_request` function.
public typealias AfterRequestHook = @Sendable (Response) async throws -> Response

/// A `teardownRequest` hook: runs after every request, with the error that ended it, if any.
///
/// Flask: a `teardown_request` function.
public typealias TeardownHook = @Sendable ((any Error)?) -> Void

/// What an error handler receives and answers.
typealias ErrorHandler = @Sendable (any Error) async throws -> Response

/// The rest of the chain, as a middleware sees it.
///
/// Flask: the wrapped `wsgi_app` a WSGI middleware calls.
public typealias MiddlewareNext = @Sendable (Request) async throws -> Response

/// A middleware: sees every request before routing and every response after error handling
/// (404, 405 and 500 included), and may answer by itself.
///
/// Flask: WSGI middleware wrapping `app.wsgi_app`.
public typealias Middleware = @Sendable (Request, MiddlewareNext) async throws -> Response

/// An error handler registered for an error type.
struct TypedErrorHandler: Sendable {
    let matches: @Sendable (any Error) -> Bool
    let handler: ErrorHandler
}
