/// Everything registered on an app before it serves: the mutable half of Flask's
/// set-up/serve split. Frozen into a `FrozenApp` by the first request.
///
/// Hooks and error handlers are kept per scope, as Flask keys `before_request_funcs` and
/// `error_handler_spec`: `nil` for the app, a blueprint's name for that blueprint's requests.
struct AppBuilder {
    var urlMap = URLMap()
    var handlers: [String: RouteHandler] = [:]
    var beforeRequest: [String?: [BeforeRequestHook]] = [:]
    var afterRequest: [String?: [AfterRequestHook]] = [:]
    var teardownRequest: [String?: [TeardownHook]] = [:]
    var errorHandlers: [String?: ErrorHandlerTable] = [:]
    var middleware: [Middleware] = []
    var registeredEndpoints: Set<String> = []
    /// The blueprints registered, by the name they were registered under.
    ///
    /// Flask: `app.blueprints`.
    var blueprints: [String: Blueprint] = [:]
    /// The names in `blueprints`, in registration order (Flask's dict keeps insertion order,
    /// and its template loader searches blueprints in that order).
    var blueprintOrder: [String] = []
    /// Context processors by scope (nil: every request).
    ///
    /// Flask: `app.template_context_processors`.
    var contextProcessors: [String?: [ContextProcessor]] = [:]
    /// Filters, tests and globals waiting to be moved into `jinjaEnv`.
    var templateRegistrations = TemplateRegistrations()
    /// Whether routes added now answer `OPTIONS` themselves; set from the app's config before
    /// each set-up change, as Flask reads it when a rule is added.
    ///
    /// Flask: `PROVIDE_AUTOMATIC_OPTIONS`.
    var provideAutomaticOptions = true

    /// Compiles `ruleString` with the map's converters and adds it; a bad rule or a taken
    /// endpoint is a programming error and stops with Flask's message.
    mutating func addRoute(
        _ ruleString: String, endpoint: String, methods: [HTTPMethod]?, strictSlashes: Bool,
        handler: @escaping RouteHandler
    ) {
        let rule: Rule
        do {
            rule = try Rule(ruleString, endpoint: endpoint, methods: methods, strictSlashes: strictSlashes,
                            converters: urlMap.converters, provideAutomaticOptions: provideAutomaticOptions)
        } catch {
            preconditionFailure("Invalid URL rule '\(ruleString)': \(error)")
        }
        addRoute(rule, handler: handler)
    }

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
    /// `before_request` hooks in run order: the app's, then the blueprint's.
    let beforeRequest: ScopedChain<BeforeRequestHook>
    /// `after_request` hooks in run order: the blueprint's reversed, then the app's reversed.
    let afterRequest: ScopedChain<AfterRequestHook>
    /// `teardown_request` hooks in run order, as `afterRequest`.
    let teardownRequest: ScopedChain<TeardownHook>
    let errorHandlers: [String?: ErrorHandlerTable]
    let middleware: [Middleware]
    let blueprints: [String: Blueprint]
    let blueprintOrder: [String]
    /// Context processors in run order: the app's, then the blueprint's.
    let contextProcessors: ScopedChain<ContextProcessor>
    /// The middleware chain around the dispatcher, built once.
    let chain: MiddlewareNext

    init(_ builder: AppBuilder, app: Flask) {
        urlMap = builder.urlMap
        handlers = builder.handlers
        beforeRequest = ScopedChain(builder.beforeRequest, appFirst: true)
        afterRequest = ScopedChain(builder.afterRequest, appFirst: false)
        teardownRequest = ScopedChain(builder.teardownRequest, appFirst: false)
        errorHandlers = builder.errorHandlers
        middleware = builder.middleware
        blueprints = builder.blueprints
        blueprintOrder = builder.blueprintOrder
        contextProcessors = ScopedChain(builder.contextProcessors, appFirst: true)
        chain = app.makeChain(middleware: builder.middleware)
    }

    /// The handler for `error`: Flask's `_find_error_handler`. The blueprint's table, then the
    /// app's, by status code first (for HTTP errors), then by type.
    func errorHandler(for error: any Error, code: Int?, blueprint: String?) -> ErrorHandler? {
        let scopes: [String?] = blueprint == nil ? [nil] : [blueprint, nil]
        if let code {
            for scope in scopes {
                if let handler = errorHandlers[scope]?.byCode[code] { return handler }
            }
        }
        for scope in scopes {
            if let typed = errorHandlers[scope]?.byType.first(where: { $0.matches(error) }) { return typed.handler }
        }
        return nil
    }
}

/// Hooks of one kind, flattened per scope at freeze time so a request only looks one list up.
struct ScopedChain<Hook: Sendable>: Sendable {
    /// The app's hooks alone, in run order.
    let app: [Hook]
    /// For each blueprint with hooks of its own: its hooks and the app's, in run order.
    let blueprints: [String: [Hook]]

    /// `appFirst`: before-request hooks run app first, in registration order; after-request
    /// and teardown hooks run blueprint first, each list in reverse (Flask's order).
    init(_ scoped: [String?: [Hook]], appFirst: Bool) {
        let appHooks = scoped[nil] ?? []
        app = appFirst ? appHooks : appHooks.reversed()
        var byBlueprint: [String: [Hook]] = [:]
        for case let (name?, hooks) in scoped {
            byBlueprint[name] = appFirst ? appHooks + hooks : hooks.reversed() + appHooks.reversed()
        }
        blueprints = byBlueprint
    }

    /// The hooks a request of `blueprint` (nil: none) runs, in order.
    func hooks(for blueprint: String?) -> [Hook] {
        guard let blueprint, let hooks = blueprints[blueprint] else { return app }
        return hooks
    }
}
