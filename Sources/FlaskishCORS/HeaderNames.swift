/// The CORS header names (Fetch standard §3.2), spelled as flask-cors sends them.
enum HeaderNames {
    static let allowOrigin = "Access-Control-Allow-Origin"
    static let allowMethods = "Access-Control-Allow-Methods"
    static let allowHeaders = "Access-Control-Allow-Headers"
    static let exposeHeaders = "Access-Control-Expose-Headers"
    static let allowCredentials = "Access-Control-Allow-Credentials"
    static let maxAge = "Access-Control-Max-Age"
    static let allowPrivateNetwork = "Access-Control-Allow-Private-Network"
    static let requestMethod = "Access-Control-Request-Method"
    static let requestHeaders = "Access-Control-Request-Headers"
    static let requestPrivateNetwork = "Access-Control-Request-Private-Network"
    static let origin = "Origin"
    static let vary = "Vary"
}
