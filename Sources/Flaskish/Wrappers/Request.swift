/// An incoming HTTP request, as a handler sees it.
///
/// Handlers receive it as their argument (`app.route("/") { req in … }`); inside a request it
/// is also reachable as the context-local `request`, as in Flask.
///
/// Flask: `flask.request` (Werkzeug's `Request`).
public struct Request: Sendable {
    /// The method, upper-case as sent.
    ///
    /// Flask: `request.method`.
    public let method: HTTPMethod
    /// The percent-decoded path, without the query string (`/user/a b`).
    ///
    /// Flask: `request.path`.
    public let path: String
    /// The raw query string, without `?` (empty when there is none).
    ///
    /// Flask: `request.query_string` (bytes there).
    public let queryString: String
    /// The request line's target exactly as sent (`/user/a%20b?x=1`).
    ///
    /// Werkzeug: `environ["REQUEST_URI"]` (`RAW_URI` under Gunicorn).
    public let rawTarget: String
    /// The protocol version of the request line.
    ///
    /// Werkzeug: `environ["SERVER_PROTOCOL"]`.
    public let version: HTTPVersion
    /// The header fields, case-insensitive. A field sent several times reads as its values
    /// joined with `,` (`headers["X"]`), as Werkzeug presents it; `headers.values(for:)`
    /// gives them one by one.
    ///
    /// Flask: `request.headers`.
    public let headers: HTTPHeaders
    /// The raw body.
    ///
    /// Flask: `request.data` / `request.get_data()`.
    public let data: [UInt8]
    /// The client's address.
    ///
    /// Flask: `request.remote_addr`.
    public let remoteAddr: String
    /// The query arguments.
    ///
    /// Flask: `request.args`.
    public let args: MultiDict
    /// The endpoint of the matched rule, once routing has run.
    ///
    /// Flask: `request.endpoint`.
    public internal(set) var endpoint: String?
    /// The values the matched rule's variables took, converted (`<int:id>` gives an `Int`).
    ///
    /// Flask: `request.view_args`.
    public internal(set) var viewArgs: ViewArgs = ViewArgs()
    /// The URL rule that matched, as written (`/user/<int:id>`).
    ///
    /// Flask: `request.url_rule`.
    public internal(set) var urlRule: String?
    /// The server's worker pool when the request came from a live server (nil from the test
    /// client): extensions run their handlers' tasks there rather than on Swift's small pool.
    package var workerPool: WorkerPool?
    /// The connection's end-of-stream signal when the request came from a live server (nil
    /// from the test client); see `onPeerClosed`.
    package var peerLink: PeerLink?
    /// Set by the engine when it refused the body unread (over `MAX_CONTENT_LENGTH`): the app
    /// answers the request with that status through its error handlers and hooks, and the
    /// connection closes after the response.
    package var refusedBody: HTTPParseError?

    /// Builds a request from its parts; used by the server and the test client.
    public init(
        method: HTTPMethod,
        target: String,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = [:],
        body: [UInt8] = [],
        remoteAddr: String = "127.0.0.1"
    ) {
        self.method = method
        self.rawTarget = target
        self.version = version
        self.headers = headers.presentingRepeatsJoined()
        self.data = body
        self.remoteAddr = remoteAddr
        let rawPath: Substring
        if let question = target.utf8.firstIndex(of: UInt8(ascii: "?")) {
            rawPath = target[..<question]
            queryString = String(target[target.index(after: question)...])
        } else {
            rawPath = Substring(target)
            queryString = ""
        }
        path = URLCoding.percentDecode(Self.stripAbsoluteForm(rawPath))
        args = queryString.isEmpty ? MultiDict() : MultiDict(URLCoding.parseQuery(queryString))
    }

    /// `http://host/path` request targets (absolute-form) route by their path.
    private static func stripAbsoluteForm(_ target: Substring) -> Substring {
        guard target.hasPrefix("http://") || target.hasPrefix("https://") else { return target }
        let afterScheme = target[target.index(target.firstIndex(of: ":")!, offsetBy: 3)...]
        guard let slash = afterScheme.firstIndex(of: "/") else { return "/" }
        return afterScheme[slash...]
    }

    /// The `Content-Type` header.
    ///
    /// Flask: `request.content_type`.
    public var contentType: String? { headers["Content-Type"] }

    /// The media type without parameters, lower-cased (`application/json`).
    ///
    /// Flask: `request.mimetype`.
    public var mimetype: String {
        guard let contentType else { return "" }
        return String(contentType.split(separator: ";", maxSplits: 1).first ?? "")
            .trimmingCharacters(in: " ").lowercased()
    }

    /// The declared body length, when there is one.
    ///
    /// Flask: `request.content_length`.
    public var contentLength: Int? { headers["Content-Length"].flatMap { Int($0) } }

    /// The body as UTF-8 text (invalid bytes replaced).
    ///
    /// Flask: `request.get_data(as_text=True)`.
    public var text: String { String(decoding: data, as: UTF8.self) }

    /// True for requests sent by `XMLHttpRequest`-style clients that set `X-Requested-With`.
    ///
    /// Werkzeug: the `request.is_xhr` of Werkzeug before 1.0.
    public var isXHR: Bool { headers["X-Requested-With"]?.lowercased() == "xmlhttprequest" }
}

/// The converted values of a matched rule's variables.
///
/// Flask: `request.view_args` (a dict of converted values).
public struct ViewArgs: Sendable, Equatable {
    /// The values by variable name.
    ///
    /// Flask: `request.view_args`.
    public private(set) var values: [String: RouteValue]

    /// An empty set of values.
    public init(_ values: [String: RouteValue] = [:]) { self.values = values }

    /// The value of `name` as text (an `int` as its digits), or nil.
    ///
    /// Flask: `str(request.view_args.get(name))`.
    public subscript(name: String) -> String? { values[name]?.description }

    /// The value of `name` as `T` (`Int`, `Double`, `String`, `UUID`, …).
    /// - Throws: `HTTPException` 500 naming the variable when it is absent or of another type,
    ///   since that is a bug in the route, not the client's fault.
    ///
    /// Flask: `request.view_args[name]` (already converted there).
    public func get<T>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let value = values[name] else {
            throw HTTPException(.internalServerError, description: "The rule has no variable named '\(name)'.")
        }
        if let typed = value.typedValue as? T { return typed }
        if T.self == String.self, let text = value.description as? T { return text }
        throw HTTPException(.internalServerError,
                            description: "The variable '\(name)' is \(Swift.type(of: value.typedValue)), not \(T.self).")
    }
}

extension RouteValue {
    /// The value as its Swift type (`Int`, `BigInteger`, `Double`, `String`, `UUID`).
    var typedValue: any Sendable {
        switch self {
        case .string(let value): value
        case .int(let value): value
        case .bigInt(let value): value
        case .double(let value): value
        case .uuid(let value): value
        }
    }
}
