extension Request {
    /// The cookies the client sent, in order; a name may repeat (`cookies["session"]` is the first).
    ///
    /// Flask: `request.cookies` (Werkzeug's `parse_cookie` of the `Cookie` header).
    public var cookies: MultiDict {
        var cookies = MultiDict()
        for header in headers.values(for: "Cookie") {
            for (name, value) in Cookies.parse(header) { cookies.add(name, value) }
        }
        return cookies
    }

    /// The `User-Agent` header, empty when absent.
    ///
    /// Flask: `request.user_agent.string`.
    public var userAgent: String { headers["User-Agent"] ?? "" }

    /// The addresses the request passed through: the `X-Forwarded-For` list when a proxy set
    /// one, else the client's address alone. Trust it only behind a proxy you control.
    ///
    /// Flask: `request.access_route`.
    public var accessRoute: [String] {
        let forwarded = headers.values(for: "X-Forwarded-For")
            .flatMap { $0.split(separator: ",") }
            .map { String($0.trimmingASCIIWhitespace()) }
            .filter { !$0.isEmpty }
        return forwarded.isEmpty ? [remoteAddr] : forwarded
    }
}
