/// A parsed request line and header block: everything about a request but its body.
///
/// Flask: the parts of `request` that come from the head: `request.method`, `request.path`,
/// `request.query_string`, `request.headers`, `request.environ["SERVER_PROTOCOL"]`.
public struct HTTPRequestHead: Sendable, Equatable {
    /// The method token, case-sensitive (`GET`, never `get`).
    public var method: HTTPMethod
    /// The raw request-target as sent, still percent-encoded: `/a%20b?x=1`.
    public var target: String
    /// `HTTP/1.0` or `HTTP/1.1`.
    public var version: HTTPVersion
    /// The header fields in arrival order, names as sent.
    public var headers: HTTPHeaders
    /// Whether the connection stays open after the response: HTTP/1.1 unless
    /// `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`.
    public var keepAlive: Bool

    /// A head from its parts. `keepAlive` defaults to what `version` and the `Connection`
    /// field say.
    public init(
        method: HTTPMethod, target: String, version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = HTTPHeaders(), keepAlive: Bool? = nil
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.keepAlive = keepAlive ?? Self.defaultKeepAlive(version: version, headers: headers)
    }

    /// The target before `?`, still percent-encoded. Slicing, not copying.
    ///
    /// Flask: `request.path` is this, percent-decoded.
    public var path: Substring {
        if let q = target.utf8.firstIndex(of: UInt8(ascii: "?")) { return target[..<q] }
        return target[...]
    }

    /// The raw text after the first `?`, or nil when there is no `?`.
    ///
    /// Flask: `request.query_string` (as text rather than bytes).
    public var query: String? {
        guard let q = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        return String(target[target.utf8.index(after: q)...])
    }

    /// RFC 9112 §9.3: persistence is the default from HTTP/1.1 on.
    static func defaultKeepAlive(version: HTTPVersion, headers: HTTPHeaders) -> Bool {
        if headers.containsToken("close", in: "Connection") { return false }
        if version.major == 1 && version.minor == 0 {
            return headers.containsToken("keep-alive", in: "Connection")
        }
        return true
    }
}
