import Foundation

/// The `SameSite` attribute of a cookie.
///
/// Flask: the `samesite="Strict" | "Lax" | "None"` argument of `set_cookie`.
public enum CookieSameSite: String, Sendable, CaseIterable {
    /// Sent on same-site requests only.
    ///
    /// Flask: `samesite="Strict"`.
    case strict = "Strict"
    /// Also sent on top-level navigations from other sites.
    ///
    /// Flask: `samesite="Lax"`.
    case lax = "Lax"
    /// Sent on every request; browsers require `secure` with it.
    ///
    /// Flask: `samesite="None"`.
    case none = "None"
}

extension Response {
    /// Adds a `Set-Cookie` header.
    ///
    /// ```swift
    /// var response = Response("Welcome")
    /// response.setCookie("theme", value: "dark", maxAge: 3600, httpOnly: true, sameSite: .lax)
    /// ```
    /// - Parameters:
    ///   - maxAge: seconds the cookie lives; `Expires` is then set to match, as Werkzeug does.
    ///   - expires: when the cookie expires; a session cookie when both this and `maxAge` are nil.
    ///   - path: the path prefix it is sent for; nil leaves `Path` out.
    ///   - domain: the domain it is sent to (a port and leading dots are removed).
    ///   - secure: send it over HTTPS only.
    ///   - httpOnly: hide it from JavaScript.
    ///   - sameSite: when it is sent on cross-site requests.
    ///   - partitioned: CHIPS partitioned storage (implies `secure`).
    ///
    /// Flask: `response.set_cookie(key, value, max_age, expires, path, domain, secure,
    /// httponly, samesite, partitioned)`.
    public mutating func setCookie(
        _ name: String, value: String = "", maxAge: Int? = nil, expires: Date? = nil, path: String? = "/",
        domain: String? = nil, secure: Bool = false, httpOnly: Bool = false, sameSite: CookieSameSite? = nil,
        partitioned: Bool = false
    ) {
        let now = Int(Date().timeIntervalSince1970)
        setCookie(name, value: value, maxAge: maxAge, expiresAt: expires.map { Int($0.timeIntervalSince1970.rounded(.down)) },
                  path: path, domain: domain, secure: secure, httpOnly: httpOnly, sameSite: sameSite,
                  partitioned: partitioned, now: now)
    }

    /// Adds a `Set-Cookie` that makes the client drop the cookie: an empty value,
    /// `Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0`. `path` and `domain` must match the
    /// ones the cookie was set with.
    ///
    /// Flask: `response.delete_cookie(key, path, domain, secure, httponly, samesite, partitioned)`.
    public mutating func deleteCookie(
        _ name: String, path: String? = "/", domain: String? = nil, secure: Bool = false, httpOnly: Bool = false,
        sameSite: CookieSameSite? = nil, partitioned: Bool = false
    ) {
        setCookie(name, value: "", maxAge: 0, expiresAt: 0, path: path, domain: domain, secure: secure,
                  httpOnly: httpOnly, sameSite: sameSite, partitioned: partitioned, now: nil)
    }

    /// The clock-free form: `expiresAt` in seconds since the epoch, `now` to derive
    /// `Expires` from `maxAge`.
    package mutating func setCookie(
        _ name: String, value: String, maxAge: Int?, expiresAt: Int?, path: String?, domain: String?,
        secure: Bool, httpOnly: Bool, sameSite: CookieSameSite?, partitioned: Bool, now: Int?
    ) {
        // The enum only holds values the codec accepts, so it cannot throw here.
        let header = (try? Cookies.setCookieValue(
            name: name, value: value, maxAge: maxAge, expires: expiresAt, path: path, domain: domain,
            secure: secure, httpOnly: httpOnly, sameSite: sameSite?.rawValue, partitioned: partitioned, now: now
        )) ?? ""
        headers.add(name: "Set-Cookie", value: header)
    }

    /// Adds `token` to the `Vary` header unless it is listed already.
    ///
    /// Flask: `response.vary.add("Cookie")`.
    public mutating func addVary(_ token: String) {
        guard !headers.containsToken(token, in: "Vary") else { return }
        if let existing = headers["Vary"], !existing.isEmpty {
            headers["Vary"] = "\(existing), \(token)"
        } else {
            headers["Vary"] = token
        }
    }
}
