import Flaskish

/// The CORS answer to one request, as a pure function of the policy and the request's method
/// and headers: no response, no context, no clock.
///
/// flask-cors: `get_cors_headers` and the helpers it calls (`get_cors_origins`,
/// `get_allow_headers`), whose rules are kept exactly:
/// - With an `Origin`: `*` when origins allow any and `sendWildcard`; else the request's origin
///   when it matches an origin pattern (case-insensitively); else no header at all.
/// - Without one (and `alwaysSend`): `*` when origins allow any (nothing with credentials);
///   else the first non-regex origin in sorted order.
/// - A preflight (`OPTIONS` with an `Access-Control-Request-Method` found in the methods text)
///   adds the allowed requested headers (sorted), max age and methods.
/// - `Vary: Origin` when the allowed origin is not `*` and depends on the request (several
///   origins, or a regex).
public enum CORSHeaders {
    /// The header fields to add, in flask-cors's order; empty when CORS does not apply.
    ///
    /// - Parameters:
    ///   - options: the resolved options of the matching resource or route.
    ///   - requestMethod: the request's method, upper-cased (Werkzeug's `request.method`).
    ///   - requestHeaders: the request's header fields.
    public static func compute(options: CORSPolicy, requestMethod: String, requestHeaders: HTTPHeaders) -> [(String, String)] {
        guard let origins = originsToSet(options, requestOrigin: requestHeaders[HeaderNames.origin]),
              let firstOrigin = origins.first else { return [] }
        var fields: [(String, String)] = []
        func put(_ name: String, _ value: String?) {
            // flask-cors drops every field whose value is falsy (None or empty).
            if let value, !value.isEmpty { fields.append((name, value)) }
        }
        put(HeaderNames.allowOrigin, firstOrigin)
        put(HeaderNames.exposeHeaders, options.exposeHeaders)
        if options.supportsCredentials { put(HeaderNames.allowCredentials, "true") }
        if requestHeaders[HeaderNames.requestPrivateNetwork] == "true" {
            put(HeaderNames.allowPrivateNetwork, options.allowPrivateNetwork ? "true" : "false")
        }
        if requestMethod == "OPTIONS" {
            let requested = PythonText.upper(requestHeaders[HeaderNames.requestMethod] ?? "")
            if !requested.isEmpty && PythonText.contains(options.methods, requested) {
                put(HeaderNames.allowHeaders, allowedHeaders(options, requested: requestHeaders[HeaderNames.requestHeaders]))
                put(HeaderNames.maxAge, options.maxAge)
                put(HeaderNames.allowMethods, options.methods)
            }
        }
        if options.varyHeader && firstOrigin != "*"
            && (options.origins.count > 1 || origins.count > 1 || options.hasRegexOrigin) {
            put(HeaderNames.vary, "Origin")
        }
        return fields
    }

    /// The `Access-Control-Allow-Origin` candidates, or nil when CORS does not apply.
    static func originsToSet(_ options: CORSPolicy, requestOrigin: String?) -> [String]? {
        if let requestOrigin, !requestOrigin.isEmpty {
            if options.allowsAnyOrigin && options.sendWildcard { return ["*"] }
            if options.origins.contains(where: { $0.matches(requestOrigin) }) { return [requestOrigin] }
            return nil
        }
        guard options.alwaysSend else { return nil }
        if options.allowsAnyOrigin {
            // `*` with credentials is forbidden by the Fetch standard: send nothing instead.
            return options.supportsCredentials ? nil : ["*"]
        }
        return options.literalOrigins
    }

    /// The requested headers the policy allows, trimmed, sorted by code point, joined.
    static func allowedHeaders(_ options: CORSPolicy, requested: String?) -> String? {
        guard let requested, !requested.isEmpty else { return nil }
        let names = requested.split(separator: ",", omittingEmptySubsequences: false).map { PythonText.strip($0) }
        let allowed = names.filter { name in options.allowHeaders.contains { $0.matches(name) } }
        return PythonText.sorted(allowed).joined(separator: ", ")
    }
}
