import Foundation

/// Writing to the session of an app without a `SECRET_KEY`, or a session setting that cannot
/// be used. Unhandled, it ends the request with a 500 and is logged with its message.
///
/// Flask: the `RuntimeError` a `NullSession` raises on write.
public struct SessionUnavailableError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What is wrong and how to fix it.
    ///
    /// Flask: the `RuntimeError`'s message.
    public let description: String
    /// The same message, for logs.
    public var debugDescription: String { "SessionUnavailableError: \(description)" }

    /// Flask's message for a missing secret key.
    public static let noSecretKey = SessionUnavailableError(description:
        "The session is unavailable because no secret key was set. Set the secret_key on the application to something unique and secret.")
}

/// Loads and saves sessions in signed cookies, with the app's `SESSION_*` settings.
///
/// Flask: `SecureCookieSessionInterface` (`open_session` / `save_session`).
package struct SessionInterface: Sendable {
    let config: Config
    let logger: Logger

    /// The interface for `app`'s settings.
    package init(app: Flask) { self.init(config: app.config, logger: app.logger) }

    /// An interface reading `config` and warning through `logger`.
    package init(config: Config, logger: Logger) {
        self.config = config
        self.logger = logger
    }

    /// Werkzeug's default `max_cookie_size`: browsers may drop longer `Set-Cookie` values.
    package static let defaultMaxCookieSize = 4093

    /// Flask: `SESSION_COOKIE_NAME`, `session`.
    var cookieName: String { config.get("SESSION_COOKIE_NAME", as: String.self) ?? "session" }
    /// Flask: `SESSION_COOKIE_PATH`, else `APPLICATION_ROOT`.
    var cookiePath: String {
        config.get("SESSION_COOKIE_PATH", as: String.self) ?? config.get("APPLICATION_ROOT", as: String.self) ?? "/"
    }
    /// Flask: `PERMANENT_SESSION_LIFETIME`, 31 days, in seconds.
    var lifetime: Int { config.get("PERMANENT_SESSION_LIFETIME", as: Int.self) ?? 31 * 24 * 3600 }

    /// The codec for `SECRET_KEY` and `SECRET_KEY_FALLBACKS`, or nil without a key.
    var codec: SessionCookieCodec? {
        guard let key = Self.keyBytes(config["SECRET_KEY"]), !key.isEmpty else { return nil }
        var fallbacks: [[UInt8]] = []
        if let list = config["SECRET_KEY_FALLBACKS"] as? [any Sendable] {
            fallbacks = list.compactMap(Self.keyBytes)
        }
        return SessionCookieCodec(secretKey: key, fallbacks: fallbacks)
    }

    private static func keyBytes(_ value: (any Sendable)?) -> [UInt8]? {
        switch value {
        case let text as String: Array(text.utf8)
        case let bytes as [UInt8]: bytes
        case let data as Data: [UInt8](data)
        default: nil
        }
    }

    /// The session for `request`: its cookie's values when the signature and age check out,
    /// else an empty new session (an unavailable one without `SECRET_KEY`).
    ///
    /// Flask: `SecureCookieSessionInterface.open_session`.
    package func open(_ request: Request, now: Int = Self.now()) -> Session {
        guard let codec else { return Session(isAvailable: false) }
        guard let cookie = request.cookies[cookieName], !cookie.isEmpty,
              let values = try? codec.decode(cookie, now: now, maxAge: lifetime)
        else { return Session() }
        return Session(values, isNew: false)
    }

    /// Adds the session's `Set-Cookie` (or its deletion) and `Vary: Cookie` to `response`.
    /// - Throws: `SessionUnavailableError` when a modified session cannot be saved.
    ///
    /// Flask: `SecureCookieSessionInterface.save_session`.
    package func save(_ session: Session, to response: inout Response, now: Int = Self.now()) throws {
        let (values, modified, accessed) = session.snapshot
        guard session.isAvailable else {
            if modified { throw SessionUnavailableError.noSecretKey }
            return
        }
        let domain = config.get("SESSION_COOKIE_DOMAIN", as: String.self)
        let secure = config.get("SESSION_COOKIE_SECURE", as: Bool.self) ?? false
        let httpOnly = config.get("SESSION_COOKIE_HTTPONLY", as: Bool.self) ?? true
        let partitioned = config.get("SESSION_COOKIE_PARTITIONED", as: Bool.self) ?? false
        let sameSite = try sameSite()

        if accessed { response.addVary("Cookie") }
        if values.isEmpty {
            // An emptied session deletes the cookie; one that was always empty sets none.
            if modified {
                response.deleteCookie(cookieName, path: cookiePath, domain: domain, secure: secure, httpOnly: httpOnly,
                                      sameSite: sameSite, partitioned: partitioned)
                response.addVary("Cookie")
            }
            return
        }
        let refresh = config.get("SESSION_REFRESH_EACH_REQUEST", as: Bool.self) ?? true
        guard modified || (session.permanent && refresh) else { return }
        guard let codec else { throw SessionUnavailableError.noSecretKey }
        let expires = session.permanent ? now + lifetime : nil
        let value = codec.encode(values, now: now)
        response.setCookie(cookieName, value: value, maxAge: nil, expiresAt: expires,
                           path: cookiePath, domain: domain, secure: secure, httpOnly: httpOnly, sameSite: sameSite,
                           partitioned: partitioned, now: nil)
        warnIfTooLarge(response.headers.values(for: "Set-Cookie").last ?? "", valueSize: value.utf8.count)
        response.addVary("Cookie")
    }

    /// Werkzeug warns, and still sends the cookie, when its `Set-Cookie` value is longer than
    /// `MAX_COOKIE_SIZE` (0 turns the check off); the warning gives the same figures as
    /// Werkzeug's: the value's size, the attributes' extra bytes, the total and the limit.
    ///
    /// Werkzeug: the size warning of `dump_cookie(max_size=…)`.
    private func warnIfTooLarge(_ header: String, valueSize: Int) {
        let limit = config.get("MAX_COOKIE_SIZE", as: Int.self) ?? Self.defaultMaxCookieSize
        let size = header.utf8.count
        guard limit > 0, size > limit else { return }
        logger.warning("The '\(cookieName)' cookie is too large: its value is \(valueSize) bytes and the header adds \(size - valueSize) more, \(size) bytes in all, past the \(limit)-byte limit (MAX_COOKIE_SIZE). Browsers may silently ignore it; store less in the session.")
    }

    /// Flask: `SESSION_COOKIE_SAMESITE`, `None` by default.
    private func sameSite() throws -> CookieSameSite? {
        guard let text = config.get("SESSION_COOKIE_SAMESITE", as: String.self) else { return nil }
        guard let value = CookieSameSite.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
            throw SessionUnavailableError(description: "SESSION_COOKIE_SAMESITE must be 'Strict', 'Lax' or 'None', not '\(text)'.")
        }
        return value
    }

    /// Seconds since the epoch.
    package static func now() -> Int { Int(Date().timeIntervalSince1970) }
}

extension Flask {
    /// Saves the request's session into its response, after the `afterRequest` hooks.
    ///
    /// A session no code touched is loaded here only when a permanent one may need its cookie
    /// refreshed, as Flask (which always opens the session) refreshes it on every request.
    ///
    /// Flask: the `save_session` step of `process_response`.
    func saveSession(_ context: AppContext, into response: Response) throws -> Response {
        var opened = context.withState { $0.session }
        // Most requests neither touch the session nor carry a cookie: they leave here without
        // reading a setting.
        guard opened != nil || context.request.headers.contains("Cookie") else { return response }
        let interface = SessionInterface(app: self)
        if opened == nil, context.request.cookies[interface.cookieName] != nil,
           config.get("SESSION_REFRESH_EACH_REQUEST", as: Bool.self) ?? true {
            opened = context.session
        }
        guard let session = opened else { return response }
        var response = response
        try interface.save(session, to: &response)
        return response
    }
}
