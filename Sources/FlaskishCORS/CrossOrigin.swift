import Flaskish
import Synchronization

/// Wraps one route's handler so its responses carry CORS headers, with options of its own.
///
/// ```swift
/// app.route("/x", methods: ["GET", "OPTIONS"], try crossOrigin(origins: ["http://a.com"]) { req in
///     "only a.com may read this"
/// })
/// ```
///
/// The options fall back to `app.config["CORS_*"]` and then the defaults (not to `CORS(app, …)`
/// arguments, as in flask-cors), read on every request as flask-cors does. With
/// `automaticOptions` (the default) the wrapper answers `OPTIONS` itself — Flask's empty 200
/// with `Allow`, plus the preflight headers — without calling `handler`.
///
/// **List `OPTIONS` in the route's methods** (or use `route(_:methods:crossOrigin:_:)`, which
/// adds it): flask-cors's decorator adds it to the view's required methods, but a Flaskish
/// route without `OPTIONS` is answered by Flaskish's automatic `OPTIONS` before the wrapper
/// runs, and that answer gets headers only from `CORS(app)`, if installed.
///
/// When `CORS(app)` is installed too, it leaves this route's responses alone (flask-cors's
/// `FLASK_CORS_EVALUATED`), unless `handler` throws: the error response is the app's.
///
/// Flask: `@cross_origin(**kwargs)` from flask-cors.
/// - Throws: `CORSConfigurationError` for an option that cannot work (checked here, against
///   the defaults; a bad `CORS_*` config value makes the route's requests fail with 500).
public func crossOrigin<R: ResponseConvertible>(
    origins: CORSList? = nil, methods: CORSMethods? = nil, allowHeaders: CORSList? = nil,
    exposeHeaders: CORSList? = nil, supportsCredentials: Bool? = nil, maxAge: CORSMaxAge? = nil,
    sendWildcard: Bool? = nil, varyHeader: Bool? = nil, automaticOptions: Bool? = nil, alwaysSend: Bool? = nil,
    allowPrivateNetwork: Bool? = nil,
    _ handler: @escaping @Sendable (Request) async throws -> R
) throws(CORSConfigurationError) -> @Sendable (Request) async throws -> Response {
    try crossOrigin(CORSOptions(
        origins: origins, methods: methods, allowHeaders: allowHeaders, exposeHeaders: exposeHeaders,
        supportsCredentials: supportsCredentials, maxAge: maxAge, sendWildcard: sendWildcard, varyHeader: varyHeader,
        automaticOptions: automaticOptions, alwaysSend: alwaysSend, allowPrivateNetwork: allowPrivateNetwork), handler)
}

/// `crossOrigin(origins:…)` with the options as one value.
///
/// Flask: `@cross_origin(**options)`.
public func crossOrigin<R: ResponseConvertible>(
    _ options: CORSOptions, _ handler: @escaping @Sendable (Request) async throws -> R
) throws(CORSConfigurationError) -> @Sendable (Request) async throws -> Response {
    _ = try CORSPolicy(options)
    let policies = RoutePolicyCache(options: options)
    return { request in
        let app = currentApp
        let policy = try policies.policy(for: app)
        var response: Response
        if policy.automaticOptions && PythonText.upper(request.method.rawValue) == "OPTIONS" {
            // Flask's `make_default_options_response`: empty, with the URL's methods in `Allow`.
            let allowed = app.urlMap.allowedMethods(path: request.path).map(\.rawValue).joined(separator: ", ")
            response = Response("", headers: ["Allow": allowed])
        } else {
            response = try await handler(request).makeResponse()
        }
        let fields = CORSHeaders.compute(
            options: policy, requestMethod: PythonText.upper(request.method.rawValue), requestHeaders: request.headers)
        for (name, value) in fields { response.headers.add(name: name, value: value) }
        CORSEvaluation.markCurrentRequest()
        return response
    }
}

extension Scaffold {
    /// Registers a route (on an app or a blueprint) whose handler is wrapped by `crossOrigin(options)`, adding `OPTIONS`
    /// to `methods` (default `GET`) when `automaticOptions` is not false — what flask-cors's
    /// decorator does to a Flask view.
    ///
    /// ```swift
    /// try app.route("/x", crossOrigin: CORSOptions(origins: "http://a.com")) { req in "hi" }
    /// ```
    ///
    /// Flask: `@app.route(rule)` / `@bp.route(rule)` over `@cross_origin(**options)`.
    /// - Throws: `CORSConfigurationError` for an option that cannot work.
    public func route<R: ResponseConvertible>(
        _ rule: String, methods: [HTTPMethod]? = nil, endpoint: String? = nil, strictSlashes: Bool = true,
        crossOrigin options: CORSOptions, _ handler: @escaping @Sendable (Request) async throws -> R
    ) throws(CORSConfigurationError) {
        var methods = methods ?? [.GET]
        if options.automaticOptions ?? true, !methods.contains(where: { PythonText.upper($0.rawValue) == "OPTIONS" }) {
            methods.append(.OPTIONS)
        }
        let wrapped = try FlaskishCORS.crossOrigin(options, handler)
        route(rule, methods: methods, endpoint: endpoint, strictSlashes: strictSlashes, wrapped)
    }
}

/// A `crossOrigin` route's options resolved against its app's config. flask-cors merges
/// them on every request, so a `CORS_*` change made later still applies; the merge is cheap,
/// and the compiled policy is reused while the config's CORS options stay the same.
final class RoutePolicyCache: Sendable {
    private let options: CORSOptions
    private let cached = Mutex<(config: CORSOptions, policy: CORSPolicy)?>(nil)

    init(options: CORSOptions) { self.options = options }

    /// The defaults, then `app.config["CORS_*"]`, then the route's options.
    func policy(for app: Flask) throws(CORSConfigurationError) -> CORSPolicy {
        let config = try CORSOptions(config: app.config)
        if let entry = cached.withLock({ $0 }), entry.config == config { return entry.policy }
        let policy = try CORSPolicy(config.overridden(by: options))
        cached.withLock { $0 = (config, policy) }
        return policy
    }
}
