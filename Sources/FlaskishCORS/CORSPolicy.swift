/// A complete, checked set of CORS options: flask-cors's defaults with `CORSOptions` laid over
/// them, patterns compiled and header values prepared. `CORSHeaders.compute` reads only this.
///
/// flask-cors: the dict `serialize_options` returns.
public struct CORSPolicy: Sendable {
    /// The origin patterns, a lone `*` already turned into `.*`.
    public var originPatterns: [String] { origins.map(\.source) }
    /// The `Access-Control-Allow-Methods` value, also the text a requested method is looked
    /// up in (flask-cors tests `method in "DELETE, GET, …"`, a substring test).
    public let methods: String
    /// The `Access-Control-Expose-Headers` value, nil when there is none to send.
    public let exposeHeaders: String?
    /// The `Access-Control-Max-Age` value, nil when there is none to send.
    public let maxAge: String?
    /// `supports_credentials`.
    public let supportsCredentials: Bool
    /// `send_wildcard`.
    public let sendWildcard: Bool
    /// `vary_header`.
    public let varyHeader: Bool
    /// `automatic_options` (read by `crossOrigin` only).
    public let automaticOptions: Bool
    /// `always_send`.
    public let alwaysSend: Bool
    /// `intercept_exceptions`.
    public let interceptExceptions: Bool
    /// `allow_private_network`.
    public let allowPrivateNetwork: Bool

    let origins: [CORSPattern]
    let allowHeaders: [CORSPattern]
    /// `.*` is one of the origins: any origin is allowed.
    let allowsAnyOrigin: Bool
    /// Some origin is a regex: the answer depends on the request (`Vary: Origin`).
    let hasRegexOrigin: Bool
    /// The origins that are not regexes, sorted: what `alwaysSend` answers a request without
    /// `Origin` with (flask-cors sends the first).
    let literalOrigins: [String]

    /// flask-cors's defaults (`DEFAULT_OPTIONS`).
    public static let defaults = CORSOptions(
        origins: "*", methods: .all, allowHeaders: "*", exposeHeaders: nil, supportsCredentials: false,
        maxAge: nil, sendWildcard: false, varyHeader: true, automaticOptions: true, alwaysSend: true,
        interceptExceptions: true, allowPrivateNetwork: false
    )

    /// The defaults with `options` laid over them.
    /// - Throws: `CORSConfigurationError` for a regex that does not compile, an unknown method,
    ///   or credentials with the `*` origin and `sendWildcard` (the `ValueError` of flask-cors).
    public init(_ options: CORSOptions) throws(CORSConfigurationError) {
        let merged = Self.defaults.overridden(by: options)
        var origins: [CORSPattern] = []
        for text in merged.origins?.items ?? [] {
            origins.append(try CORSPattern(text, caseSensitive: false, option: "origins"))
        }
        var allowHeaders: [CORSPattern] = []
        for text in merged.allowHeaders?.items ?? [] {
            allowHeaders.append(try CORSPattern(text, caseSensitive: false, option: "allow_headers"))
        }
        let methods = merged.methods ?? .all
        try methods.validate(option: "methods")

        self.origins = origins
        self.allowHeaders = allowHeaders
        self.methods = methods.headerValue
        exposeHeaders = merged.exposeHeaders.map(\.joined).flatMap { $0.isEmpty ? nil : $0 }
        maxAge = merged.maxAge?.headerValue
        supportsCredentials = merged.supportsCredentials ?? false
        sendWildcard = merged.sendWildcard ?? false
        varyHeader = merged.varyHeader ?? true
        automaticOptions = merged.automaticOptions ?? true
        alwaysSend = merged.alwaysSend ?? true
        interceptExceptions = merged.interceptExceptions ?? true
        allowPrivateNetwork = merged.allowPrivateNetwork ?? false
        allowsAnyOrigin = origins.contains { $0.source == ".*" }
        hasRegexOrigin = origins.contains(where: \.isRegex)
        literalOrigins = PythonText.sorted(origins.filter { !$0.isRegex }.map(\.source))

        if allowsAnyOrigin && supportsCredentials && sendWildcard {
            throw CORSConfigurationError(
                .credentialsWithWildcard, option: "supports_credentials",
                message: "credentials cannot be combined with the origin '*' and sendWildcard: browsers reject"
                    + " 'Access-Control-Allow-Origin: *' on credentialed requests. Drop sendWildcard (the request's"
                    + " origin is then echoed) or list the allowed origins.")
        }
    }
}
