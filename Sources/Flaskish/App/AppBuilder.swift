/// Everything registered on an app before it serves: the mutable half of Flask's
/// set-up/serve split. Frozen into a `FrozenApp` by the first request.
struct AppBuilder {
    var urlMap = URLMap()
    var handlers: [String: RouteHandler] = [:]
    var beforeRequest: [BeforeRequestHook] = []
    var afterRequest: [AfterRequestHook] = []
    var teardownRequest: [TeardownHook] = []
    var errorHandlersByCode: [Int: ErrorHandler] = [:]
    var errorHandlersByType: [TypedErrorHandler] = []
    var middleware: [Middleware] = []
    var registeredEndpoints: Set<String> = []

    mutating func addRoute(_ rule: Rule, handler: @escaping RouteHandler) {
        if registeredEndpoints.contains(rule.endpoint), handlers[rule.endpoint] != nil {
            preconditionFailure("View function mapping is overwriting an existing endpoint function: \(rule.endpoint)")
        }
        do {
            try urlMap.add(rule)
        } catch {
            preconditionFailure("Cannot add the rule '\(rule.rule)': \(error)")
        }
        handlers[rule.endpoint] = handler
        registeredEndpoints.insert(rule.endpoint)
    }
}

/// The app as it serves: immutable, `Sendable`, shared by every worker.
final class FrozenApp: Sendable {
    let urlMap: URLMap
    let handlers: [String: RouteHandler]
    let beforeRequest: [BeforeRequestHook]
    let afterRequest: [AfterRequestHook]
    let teardownRequest: [TeardownHook]
    let errorHandlersByCode: [Int: ErrorHandler]
    let errorHandlersByType: [TypedErrorHandler]
    let middleware: [Middleware]
    /// The middleware chain around the dispatcher, built once.
    let chain: MiddlewareNext

    init(_ builder: AppBuilder, app: Flask) {
        urlMap = builder.urlMap
        handlers = builder.handlers
        beforeRequest = builder.beforeRequest
        afterRequest = builder.afterRequest
        teardownRequest = builder.teardownRequest
        errorHandlersByCode = builder.errorHandlersByCode
        errorHandlersByType = builder.errorHandlersByType
        middleware = builder.middleware
        chain = app.makeChain(middleware: builder.middleware)
    }
}
