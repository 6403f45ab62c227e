extension FlaskClient {
    /// Opens the session the client's cookies carry, lets `body` read or change it, and stores
    /// the resulting cookie, so a test can set up a logged-in user without a login request.
    ///
    /// ```swift
    /// try client.sessionTransaction { session in session["user"] = "ana" }
    /// let response = await client.get("/profile")
    /// ```
    /// - Parameter path: the request path the session is opened for (its cookie path matters).
    /// - Throws: `SessionUnavailableError` when the app has no `SECRET_KEY`, and what `body` throws.
    ///
    /// Flask: `with client.session_transaction() as sess: …`.
    public func sessionTransaction<T>(path: String = "/", _ body: (Session) throws -> T) throws -> T {
        var headers: HTTPHeaders = ["Host": Self.defaultHost]
        if let cookie = cookieHeader(for: path) { headers.add(name: "Cookie", value: cookie) }
        let interface = SessionInterface(app: app)
        let session = interface.open(Request(method: .GET, target: path, headers: headers))
        guard session.isAvailable else { throw SessionUnavailableError.noSecretKey }
        let result = try body(session)
        var response = Response()
        try interface.save(session, to: &response)
        rememberCookies(from: response, requestPath: Self.pathOnly(path))
        return result
    }
}
