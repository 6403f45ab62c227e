import Flaskish

/// Enables CORS on every route of an app or a blueprint (or on the paths `resources` names),
/// with flask-cors 6's options, defaults and precedence: resource-level options, then these
/// arguments, then `app.config["CORS_*"]` (an app only: blueprints have no config), then the
/// defaults.
///
/// ```swift
/// let app = Flask()
/// try CORS(app)                                                  // every origin, every path
/// try CORS(app, origins: ["https://app.example.com"], supportsCredentials: true)
/// try CORS(app, resources: ["/api/.*": CORSOptions(origins: "https://app.example.com")])
/// try CORS(adminBlueprint, origins: "https://admin.example.com")  // that blueprint's routes
/// ```
///
/// Invalid options (a regex that does not compile, an unknown method, credentials with a
/// wildcard that would be sent) throw here rather than on the first request. On an app,
/// headers are added to every response it makes — errors, 404, 405, `errorhandler` answers
/// and automatic `OPTIONS` answers included — unless a `crossOrigin` route answered already or
/// the response carries `Access-Control-Allow-Origin` of its own. On a blueprint, to the
/// responses of requests routed to it, its errors included (not to 404 or 405, which match no
/// route), as flask-cors's `after_request` on a blueprint does.
///
/// - Parameter scaffold: a `Flask` app or a `Blueprint`.
/// - Returns: the extension; on an app, its `CORSInstallation` is stored as
///   `app.extensions["cors"]`.
/// Flask: `CORS(app, **kwargs)` / `CORS(blueprint, **kwargs)` from flask-cors.
@discardableResult
public func CORS(
    _ scaffold: any Scaffold, resources: CORSResources? = nil, origins: CORSList? = nil, methods: CORSMethods? = nil,
    allowHeaders: CORSList? = nil, exposeHeaders: CORSList? = nil, supportsCredentials: Bool? = nil,
    maxAge: CORSMaxAge? = nil, sendWildcard: Bool? = nil, varyHeader: Bool? = nil, automaticOptions: Bool? = nil,
    alwaysSend: Bool? = nil, interceptExceptions: Bool? = nil, allowPrivateNetwork: Bool? = nil
) throws(CORSConfigurationError) -> CORSExtension {
    let options = CORSOptions(
        origins: origins, methods: methods, allowHeaders: allowHeaders, exposeHeaders: exposeHeaders,
        supportsCredentials: supportsCredentials, maxAge: maxAge, sendWildcard: sendWildcard, varyHeader: varyHeader,
        automaticOptions: automaticOptions, alwaysSend: alwaysSend, interceptExceptions: interceptExceptions,
        allowPrivateNetwork: allowPrivateNetwork)
    let cors = CORSExtension(resources: resources, options: options)
    try cors.initApp(scaffold)
    return cors
}

/// The CORS extension: options kept for `initApp`, so one configuration can serve several apps.
///
/// ```swift
/// let cors = CORSExtension(options: CORSOptions(origins: "https://app.example.com"))
/// try cors.initApp(app)
/// ```
///
/// Flask: flask-cors's `CORS` class (`CORS(**kwargs)` then `init_app(app)`).
public final class CORSExtension: Sendable {
    /// The resources given to the initializer.
    public let resources: CORSResources?
    /// The options given to the initializer.
    public let options: CORSOptions

    /// An extension not yet attached to an app.
    public init(resources: CORSResources? = nil, options: CORSOptions = CORSOptions()) {
        self.resources = resources
        self.options = options
    }

    /// Attaches CORS to an app or a blueprint; `resources` and `options` given here override
    /// the initializer's.
    ///
    /// On an app it registers an `afterRequest` hook (where flask-cors registers its
    /// `after_request`, so the order with the app's own hooks is Flask's) and a middleware for
    /// the one response the hook cannot see: the 500 made when an `afterRequest` hook itself
    /// fails. flask-cors covers that 500 when `interceptExceptions` (it wraps
    /// `handle_exception`), or when its hook had already run (Flask reruns the hooks on that
    /// 500); so does the middleware. On a blueprint it registers only the hook, with no config
    /// level, as flask-cors does (a blueprint has neither `config` nor `handle_exception`).
    ///
    /// Flask: `cors.init_app(app, **kwargs)` / `cors.init_app(blueprint, **kwargs)`.
    /// - Throws: `CORSConfigurationError` for an option that cannot work.
    public func initApp(_ scaffold: any Scaffold, resources: CORSResources? = nil, options: CORSOptions = CORSOptions())
        throws(CORSConfigurationError)
    {
        let app = scaffold as? Flask
        var configOptions = CORSOptions()
        var configResources: CORSResources?
        if let app {
            configOptions = try CORSOptions(config: app.config)
            configResources = try CORSResources(config: app.config)
        }
        let installation = try CORSInstallation(
            configOptions: configOptions, configResources: configResources,
            options: self.options.overridden(by: options), resources: resources ?? self.resources)
        scaffold.afterRequest(installation.afterRequestHook)
        if let app {
            app.extensions["cors"] = installation
            app.use(installation.middleware)
        }
    }
}
