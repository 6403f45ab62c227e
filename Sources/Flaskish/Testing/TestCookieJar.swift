/// A cookie the test client holds.
///
/// Flask: Werkzeug's `werkzeug.test.Cookie` (`client.get_cookie(key)`).
public struct TestCookie: Sendable, Equatable {
    /// The cookie's name.
    ///
    /// Werkzeug: `Cookie.key`.
    public var name: String
    /// The value exactly as the server sent it (still quoted when it was).
    ///
    /// Werkzeug: `Cookie.value`.
    public var value: String
    /// The path prefix it is sent for.
    ///
    /// Werkzeug: `Cookie.path`.
    public var path: String
    /// The domain it was set for, without a leading dot; nil for the host that set it.
    ///
    /// Werkzeug: `Cookie.domain`.
    public var domain: String?
    /// When it expires, in seconds since the epoch; nil for a browser-session cookie.
    ///
    /// Werkzeug: `Cookie.expires` (a datetime there).
    public var expires: Int?
    /// The `Secure` flag.
    public var secure: Bool = false
    /// The `HttpOnly` flag.
    public var httpOnly: Bool = false
    /// The `SameSite` value, as sent.
    public var sameSite: String?

    /// The value with Werkzeug's cookie quoting undone.
    ///
    /// Werkzeug: `Cookie.decoded_value`.
    public var decodedValue: String { Cookies.parse("x=\(value)").first?.1 ?? value }

    /// True when a request for `path` on `host` would carry this cookie (RFC 6265 §5.1.3–5.1.4).
    func matches(host: String, path requestPath: String) -> Bool {
        if let domain, host != domain, !host.hasSuffix("." + domain) { return false }
        if requestPath == path { return true }
        guard requestPath.hasPrefix(path) else { return false }
        return path.hasSuffix("/") || requestPath.dropFirst(path.count).first == "/"
    }
}

/// The cookies a test client keeps between requests: set by `Set-Cookie`, dropped by
/// `Max-Age=0` or a past `Expires`, sent back by path.
///
/// Flask: the cookie jar of Werkzeug's `Client`.
struct TestCookieJar: Sendable {
    private(set) var cookies: [TestCookie] = []

    /// The `Cookie` header for a request, longest paths first (RFC 6265 §5.4), or nil.
    func header(host: String, path: String, now: Int) -> String? {
        let sent = cookies.enumerated()
            .filter { $0.element.matches(host: host, path: path) && !Self.isExpired($0.element, now: now) }
            .sorted { ($0.element.path.count, -$0.offset) > ($1.element.path.count, -$1.offset) }
            .map { "\($0.element.name)=\($0.element.value)" }
        return sent.isEmpty ? nil : sent.joined(separator: "; ")
    }

    /// Applies one `Set-Cookie` value received for a request to `requestPath`.
    mutating func receive(_ setCookie: String, requestPath: String, now: Int) {
        let attributes = setCookie.split(separator: ";", omittingEmptySubsequences: false)
        guard let pair = attributes.first, let equals = pair.firstIndex(of: "=") else { return }
        let name = String(pair[..<equals].trimmingASCIIWhitespace())
        guard !name.isEmpty else { return }
        var cookie = TestCookie(name: name, value: String(pair[pair.index(after: equals)...].trimmingASCIIWhitespace()),
                                path: Self.defaultPath(requestPath))
        var maxAge: Int?
        for attribute in attributes.dropFirst() {
            let parts = attribute.split(separator: "=", maxSplits: 1)
            guard let key = parts.first?.trimmingASCIIWhitespace().lowercased() else { continue }
            let value = parts.count > 1 ? String(parts[1].trimmingASCIIWhitespace()) : ""
            switch key {
            case "path" where value.hasPrefix("/"): cookie.path = value
            case "domain" where !value.isEmpty: cookie.domain = String(value.drop { $0 == "." }).lowercased()
            case "max-age": maxAge = Int(value)
            case "expires": cookie.expires = HTTPDate.parse(value)
            case "secure": cookie.secure = true
            case "httponly": cookie.httpOnly = true
            case "samesite": cookie.sameSite = value
            default: break
            }
        }
        if let maxAge { cookie.expires = now + maxAge }  // Max-Age wins over Expires (RFC 6265 §5.3)
        if Self.isExpired(cookie, now: now) {
            cookies.removeAll { $0.name == cookie.name && $0.path == cookie.path && $0.domain == cookie.domain }
        } else {
            set(cookie)
        }
    }

    /// Stores a cookie; one replacing another keeps its place (its creation time, RFC 6265 §5.3).
    mutating func set(_ cookie: TestCookie) {
        if let index = cookies.firstIndex(where: { $0.name == cookie.name && $0.path == cookie.path && $0.domain == cookie.domain }) {
            cookies[index] = cookie
        } else {
            cookies.append(cookie)
        }
    }

    /// Removes every cookie called `name` with `path` (any path when nil).
    mutating func remove(_ name: String, path: String?) {
        cookies.removeAll { $0.name == name && (path == nil || $0.path == path) }
    }

    static func isExpired(_ cookie: TestCookie, now: Int) -> Bool {
        guard let expires = cookie.expires else { return false }
        return expires <= now
    }

    /// RFC 6265 §5.1.4: the request path up to, not including, its last `/` (or `/`).
    static func defaultPath(_ requestPath: String) -> String {
        let path = requestPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard path.hasPrefix("/"), let lastSlash = path.lastIndex(of: "/"), lastSlash != path.startIndex else { return "/" }
        return String(path[..<lastSlash])
    }
}
