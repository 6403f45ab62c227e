/// CORS settings, each optional: a value set here replaces the one from a weaker level
/// (resource-level > `CORS(app, …)` arguments > `app.config["CORS_*"]` > flask-cors's
/// defaults). Used for `resources` entries and `crossOrigin(_:)`.
///
/// ```swift
/// try CORS(app, resources: [
///     "/api/.*": CORSOptions(origins: ["https://app.example.com"], supportsCredentials: true),
///     "/public/.*": CORSOptions(origins: "*", sendWildcard: true),
/// ])
/// ```
///
/// flask-cors: the keyword arguments of `CORS(…)` / `@cross_origin(…)`, or a resource's dict.
public struct CORSOptions: Sendable, Hashable {
    /// Allowed origins: `"*"` (default), exact strings compared case-insensitively, or regexes
    /// (any string holding `* \ ? $ ^ [ ] ( )`, matched from the start, case-insensitively).
    /// flask-cors: `origins`.
    public var origins: CORSList?
    /// Methods a preflight may ask for; default `CORSMethods.all`. flask-cors: `methods`.
    public var methods: CORSMethods?
    /// Request headers a preflight may ask for (strings or regexes); default `"*"`.
    /// flask-cors: `allow_headers`.
    public var allowHeaders: CORSList?
    /// Response headers scripts may read: `Access-Control-Expose-Headers`; default none.
    /// flask-cors: `expose_headers`.
    public var exposeHeaders: CORSList?
    /// Sends `Access-Control-Allow-Credentials: true`; default false.
    /// flask-cors: `supports_credentials`.
    public var supportsCredentials: Bool?
    /// `Access-Control-Max-Age` on preflight answers; default none. flask-cors: `max_age`.
    public var maxAge: CORSMaxAge?
    /// With origins `"*"`, answers `Access-Control-Allow-Origin: *` instead of echoing the
    /// request's origin; default false. flask-cors: `send_wildcard`.
    public var sendWildcard: Bool?
    /// Adds `Vary: Origin` when the allowed origin depends on the request; default true.
    /// flask-cors: `vary_header`.
    public var varyHeader: Bool?
    /// `crossOrigin` answers `OPTIONS` itself (Flask's default answer plus CORS headers);
    /// default true. Ignored by `CORS(app)`. flask-cors: `automatic_options`.
    public var automaticOptions: Bool?
    /// Sends the headers even when the request has no `Origin`; default true.
    /// flask-cors: `always_send`.
    public var alwaysSend: Bool?
    /// Also adds headers to responses made after an `afterRequest` hook failed; default true.
    /// Read from the app-level options only. flask-cors: `intercept_exceptions`.
    public var interceptExceptions: Bool?
    /// Answers `Access-Control-Request-Private-Network: true` with
    /// `Access-Control-Allow-Private-Network: true` (else `false`); default false.
    /// flask-cors: `allow_private_network`.
    public var allowPrivateNetwork: Bool?

    /// Options; every one left nil falls through to the next level.
    public init(
        origins: CORSList? = nil, methods: CORSMethods? = nil, allowHeaders: CORSList? = nil,
        exposeHeaders: CORSList? = nil, supportsCredentials: Bool? = nil, maxAge: CORSMaxAge? = nil,
        sendWildcard: Bool? = nil, varyHeader: Bool? = nil, automaticOptions: Bool? = nil,
        alwaysSend: Bool? = nil, interceptExceptions: Bool? = nil, allowPrivateNetwork: Bool? = nil
    ) {
        self.origins = origins
        self.methods = methods
        self.allowHeaders = allowHeaders
        self.exposeHeaders = exposeHeaders
        self.supportsCredentials = supportsCredentials
        self.maxAge = maxAge
        self.sendWildcard = sendWildcard
        self.varyHeader = varyHeader
        self.automaticOptions = automaticOptions
        self.alwaysSend = alwaysSend
        self.interceptExceptions = interceptExceptions
        self.allowPrivateNetwork = allowPrivateNetwork
    }

    /// These options with every option `stronger` sets put in their place (flask-cors's
    /// `dict.update` in `get_cors_options`).
    public func overridden(by stronger: CORSOptions) -> CORSOptions {
        CORSOptions(
            origins: stronger.origins ?? origins,
            methods: stronger.methods ?? methods,
            allowHeaders: stronger.allowHeaders ?? allowHeaders,
            exposeHeaders: stronger.exposeHeaders ?? exposeHeaders,
            supportsCredentials: stronger.supportsCredentials ?? supportsCredentials,
            maxAge: stronger.maxAge ?? maxAge,
            sendWildcard: stronger.sendWildcard ?? sendWildcard,
            varyHeader: stronger.varyHeader ?? varyHeader,
            automaticOptions: stronger.automaticOptions ?? automaticOptions,
            alwaysSend: stronger.alwaysSend ?? alwaysSend,
            interceptExceptions: stronger.interceptExceptions ?? interceptExceptions,
            allowPrivateNetwork: stronger.allowPrivateNetwork ?? allowPrivateNetwork
        )
    }
}
