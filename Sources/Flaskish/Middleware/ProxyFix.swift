/// Trusts the `X-Forwarded-*` headers a reverse proxy (nginx, a load balancer) adds, so
/// `request.remoteAddr`, `scheme`, `host`, `url`, `scriptRoot` and `urlFor(external: true)`
/// describe the client's request rather than the proxy's.
///
/// Each count is how many proxies in front of the app set that header; 0 ignores the header.
/// The value used is the one that many entries from the right of the comma-separated list
/// (the one the outermost trusted proxy saw); with fewer entries than that, the header is
/// ignored. Trust only what your proxies set: a client can send these headers too, and with
/// a count larger than the number of proxies, its value is believed.
///
/// ```swift
/// let app = Flask()
/// ProxyFix(app, xFor: 1, xProto: 1, xHost: 1, xPrefix: 1)   // one nginx in front
/// ```
///
/// | header | changes |
/// |---|---|
/// | `X-Forwarded-For` | `remoteAddr` |
/// | `X-Forwarded-Proto` | `scheme` (`https`) |
/// | `X-Forwarded-Host` | the `Host` header, so `host` and external URLs |
/// | `X-Forwarded-Port` | the port in `Host` (dropped when it is the scheme's default) |
/// | `X-Forwarded-Prefix` | `scriptRoot`: the path the app is mounted under, which `url` and `urlFor` put first |
///
/// Installed, it runs before every other middleware (CORS, Socket.IO), whatever the order
/// of installation, so they all see the corrected request.
///
/// Werkzeug: `werkzeug.middleware.proxy_fix.ProxyFix(app.wsgi_app, x_for=1, x_proto=1,
/// x_host=0, x_port=0, x_prefix=0)`.
public struct ProxyFix: Sendable {
    /// Proxies trusted to set `X-Forwarded-For`.
    public let xFor: Int
    /// Proxies trusted to set `X-Forwarded-Proto`.
    public let xProto: Int
    /// Proxies trusted to set `X-Forwarded-Host`.
    public let xHost: Int
    /// Proxies trusted to set `X-Forwarded-Port`.
    public let xPort: Int
    /// Proxies trusted to set `X-Forwarded-Prefix`.
    public let xPrefix: Int

    /// The fix, installed on `app` when one is given (Werkzeug's defaults: `xFor` and `xProto` 1).
    @discardableResult
    public init(_ app: Flask? = nil, xFor: Int = 1, xProto: Int = 1, xHost: Int = 0, xPort: Int = 0, xPrefix: Int = 0) {
        precondition([xFor, xProto, xHost, xPort, xPrefix].allSatisfy { $0 >= 0 }, "ProxyFix counts cannot be negative")
        self.xFor = xFor
        self.xProto = xProto
        self.xHost = xHost
        self.xPort = xPort
        self.xPrefix = xPrefix
        if let app { install(on: app) }
    }

    /// Puts the fix in front of every middleware of `app`.
    public func install(on app: Flask) {
        let fix = self
        app.setup("use") { builder in
            builder.middleware.insert({ request, next in try await next(fix.apply(to: request)) }, at: 0)
        }
    }

    /// `request` as the client made it, according to the trusted headers.
    public func apply(to request: Request) -> Request {
        var request = request
        let headers = request.headers
        if let address = Self.trustedValue(xFor, headers["X-Forwarded-For"]) {
            request.remoteAddr = address
        }
        if let proto = Self.trustedValue(xProto, headers["X-Forwarded-Proto"]) {
            request.scheme = proto.lowercased()
        }
        var host = headers["Host"]
        if let forwardedHost = Self.trustedValue(xHost, headers["X-Forwarded-Host"]) {
            host = forwardedHost
        }
        if let port = Self.trustedValue(xPort, headers["X-Forwarded-Port"]), let current = host {
            host = Self.hostWithoutPort(current) + ":" + port
        }
        if var host, host != headers["Host"] {
            // Werkzeug's `request.host` leaves out the scheme's default port.
            if (request.scheme == "http" && host.hasSuffix(":80")) || (request.scheme == "https" && host.hasSuffix(":443")) {
                host = Self.hostWithoutPort(host)
            }
            request.headers.replaceOrAdd(name: "Host", value: host)
        }
        if let prefix = Self.trustedValue(xPrefix, headers["X-Forwarded-Prefix"]) {
            request.scriptRoot = String(prefix.reversed().drop { $0 == "/" }.reversed())
        }
        return request
    }

    /// The entry `trusted` places from the right of a comma-separated header, or nil when
    /// not trusted or not that long.
    static func trustedValue(_ trusted: Int, _ header: String?) -> String? {
        guard trusted > 0, let header, !header.isEmpty else { return nil }
        let values = header.split(separator: ",", omittingEmptySubsequences: false).map { part in
            String(part.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
        }
        guard values.count >= trusted else { return nil }
        let value = values[values.count - trusted]
        return value.isEmpty ? nil : value
    }

    /// `example.com:8080` → `example.com`; `[::1]:8080` → `[::1]`; `[::1]` unchanged.
    static func hostWithoutPort(_ host: String) -> String {
        guard let colon = host.lastIndex(of: ":"), !host.hasSuffix("]") else { return host }
        if host.hasPrefix("["), !host[..<colon].hasSuffix("]") { return host }
        return String(host[..<colon])
    }
}
