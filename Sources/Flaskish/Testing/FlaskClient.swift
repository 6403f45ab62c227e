import Foundation
import Synchronization

/// Sends requests to an app in-process, without a socket, and keeps cookies between them.
///
/// ```swift
/// let client = app.testClient()
/// let response = await client.get("/hello?name=Ana")
/// #expect(response.status == .ok)
/// #expect(response.text == "Hello Ana")
/// ```
///
/// Flask: `app.test_client()` (Flask's `FlaskClient`, a Werkzeug `Client`).
public final class FlaskClient: Sendable {
    /// The app under test.
    ///
    /// Flask: `client.application`.
    public let app: Flask
    private let jar = Mutex(TestCookieJar())

    /// The host requests are sent to (their `Host` header) unless a request sets one.
    ///
    /// Flask: the test client's default `SERVER_NAME`, `localhost`.
    public static let defaultHost = "localhost"

    init(app: Flask) { self.app = app }

    /// Sends a request and returns the app's response. `HEAD` responses come without body,
    /// as the server would send them.
    ///
    /// - Parameter followRedirects: follow 3xx responses and return the last one (see `follow`).
    ///
    /// Flask: `client.open(path, method=…, headers=…, data=…, follow_redirects=…)`.
    public func open(_ path: String, method: HTTPMethod = .GET, headers: HTTPHeaders = [:], body: [UInt8] = [],
                     followRedirects: Bool = false) async -> Response {
        if followRedirects { return await follow(path, method: method, headers: headers, body: body).response }
        return await send(path, method: method, headers: headers, body: body)
    }

    /// Sends a request and follows the redirects it gets, as a browser does: 307 and 308 repeat
    /// the method and body, the other codes turn into `GET` (a `HEAD` stays `HEAD`). A
    /// redirect to another host, or past `maxRedirects`, is returned as it is.
    ///
    /// Flask: `client.open(…, follow_redirects=True)` with `response.history`.
    public func follow(_ path: String, method: HTTPMethod = .GET, headers: HTTPHeaders = [:], body: [UInt8] = [],
                       maxRedirects: Int = 30) async -> RedirectChain {
        var chain = RedirectChain(response: Response(), history: [], paths: [])
        var (path, method, headers, body) = (path, method, headers, body)
        while true {
            let response = await send(path, method: method, headers: headers, body: body)
            chain.paths.append(path)
            chain.response = response
            guard Self.redirectCodes.contains(response.statusCode), chain.history.count < maxRedirects,
                  let location = response.location,
                  let next = Self.resolve(location, from: path, host: headers["Host"] ?? Self.defaultHost)
            else { return chain }
            chain.history.append(response)
            path = next
            if response.statusCode != 307 && response.statusCode != 308 {
                if method != .HEAD { method = .GET }
                body = []
                headers.remove("Content-Type")
                headers.remove("Content-Length")
            }
        }
    }

    /// `GET path`. Flask: `client.get(path)`.
    public func get(_ path: String, headers: HTTPHeaders = [:], followRedirects: Bool = false) async -> Response {
        await open(path, method: .GET, headers: headers, followRedirects: followRedirects)
    }

    /// `POST path` with a body. Flask: `client.post(path, data=…)`.
    public func post(_ path: String, body: [UInt8] = [], headers: HTTPHeaders = [:],
                     followRedirects: Bool = false) async -> Response {
        await open(path, method: .POST, headers: headers, body: body, followRedirects: followRedirects)
    }

    /// `POST path` with a JSON body. Flask: `client.post(path, json=…)`.
    public func post(_ path: String, json: JSONValue, headers: HTTPHeaders = [:],
                     followRedirects: Bool = false) async -> Response {
        var fields = headers
        fields["Content-Type"] = "application/json"
        return await open(path, method: .POST, headers: fields, body: json.serialized(options: .jsonify),
                          followRedirects: followRedirects)
    }

    /// `POST path` with an `application/x-www-form-urlencoded` body.
    ///
    /// Flask: `client.post(path, data={"name": "Ana"})`.
    public func post(_ path: String, form: [(String, String)], headers: HTTPHeaders = [:],
                     followRedirects: Bool = false) async -> Response {
        var fields = headers
        fields["Content-Type"] = "application/x-www-form-urlencoded"
        let encoded = form.map {
            URLCoding.percentEncode($0.0, safe: .unreserved, spaceAsPlus: true) + "="
                + URLCoding.percentEncode($0.1, safe: .unreserved, spaceAsPlus: true)
        }.joined(separator: "&")
        return await open(path, method: .POST, headers: fields, body: Array(encoded.utf8), followRedirects: followRedirects)
    }

    /// `POST path` with a `multipart/form-data` body of fields and files.
    ///
    /// Flask: `client.post(path, data={"field": "x", "file": (io.BytesIO(b"…"), "a.txt")})`.
    public func post(_ path: String, multipart: MultipartBody, headers: HTTPHeaders = [:],
                     followRedirects: Bool = false) async -> Response {
        var fields = headers
        fields["Content-Type"] = multipart.contentType
        return await open(path, method: .POST, headers: fields, body: multipart.encoded(), followRedirects: followRedirects)
    }

    /// The cookies the client holds now, by name (their values as sent by the server).
    ///
    /// Flask: the client's cookie jar (`client.get_cookie(key).value` for each).
    public var cookies: [String: String] {
        jar.withLock { Dictionary($0.cookies.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last }) }
    }

    /// The cookie called `name` for `path`, if the client holds one.
    ///
    /// Flask: `client.get_cookie(key, domain="localhost", path="/")`.
    public func getCookie(_ name: String, path: String = "/") -> TestCookie? {
        jar.withLock { $0.cookies.first { $0.name == name && $0.path == path } }
    }

    /// Stores a cookie as if the server had set it.
    ///
    /// Flask: `client.set_cookie(key, value, path="/", domain=None)`.
    public func setCookie(_ name: String, value: String, path: String = "/", domain: String? = nil) {
        jar.withLock { $0.set(TestCookie(name: name, value: value, path: path, domain: domain)) }
    }

    /// Forgets the cookie called `name` (at `path`, or at every path when nil).
    ///
    /// Flask: `client.delete_cookie(key, path="/")`.
    public func deleteCookie(_ name: String, path: String? = "/") {
        jar.withLock { $0.remove(name, path: path) }
    }

    /// One request, with the jar's cookies, and the response's cookies stored.
    private func send(_ path: String, method: HTTPMethod, headers: HTTPHeaders, body: [UInt8]) async -> Response {
        var fields = headers
        if !fields.contains("Host") { fields.add(name: "Host", value: Self.defaultHost) }
        let host = Self.hostName(fields["Host"] ?? Self.defaultHost)
        let now = SessionInterface.now()
        if !fields.contains("Cookie"), let cookie = jar.withLock({ $0.header(host: host, path: Self.pathOnly(path), now: now) }) {
            fields.add(name: "Cookie", value: cookie)
        }
        if !body.isEmpty, !fields.contains("Content-Length") { fields.add(name: "Content-Length", value: String(body.count)) }
        let request = Request(method: method, target: path, headers: fields, body: body)
        var response = await app.handle(request)
        rememberCookies(from: response, requestPath: Self.pathOnly(path))
        if method == .HEAD {
            response.body = .bytes([])
        } else {
            response.body = .bytes(await readBody(of: response))
        }
        return response
    }

    /// The whole body of `response`: its bytes, the file region it names, or every chunk its
    /// stream writes, so `data`, `text` and `json` work on every response. A stream or file
    /// that fails part-way gives what it produced before the failure; the error is logged, as
    /// the server logs it before it cuts the connection.
    ///
    /// Flask: the test client consumes the response iterable (`response.data` after
    /// `send_file` or a generator view).
    func readBody(of response: Response) async -> [UInt8] {
        let collected = ByteCollector()
        let writer = ResponseWriter { chunk in collected.bytes.withLock { $0.append(contentsOf: chunk) } }
        do {
            switch response.body {
            case .bytes(let bytes): return bytes
            case .file(let path, let offset, let length):
                try await FileStreamer.stream(path: path, offset: offset, length: length, into: writer)
            case .stream(let produce):
                try await produce(writer)
            }
        } catch {
            app.logger.error("Error while the test client read a response body: \(error)")
        }
        return collected.bytes.withLock { $0 }
    }

    /// Where the chunks of a streamed body gather (a class: the writer's closure escapes).
    private final class ByteCollector: Sendable {
        let bytes = Mutex<[UInt8]>([])
    }

    func rememberCookies(from response: Response, requestPath: String) {
        let now = SessionInterface.now()
        jar.withLock { jar in
            for value in response.headers.values(for: "Set-Cookie") { jar.receive(value, requestPath: requestPath, now: now) }
        }
    }

    /// The `Cookie` header the client would send for `path` now.
    func cookieHeader(for path: String) -> String? {
        let now = SessionInterface.now()
        return jar.withLock { $0.header(host: Self.defaultHost, path: Self.pathOnly(path), now: now) }
    }

    static let redirectCodes: Set<Int> = [301, 302, 303, 305, 307, 308]

    /// The path and query to request for `location`, or nil for another host.
    static func resolve(_ location: String, from current: String, host: String) -> String? {
        var target = Substring(location)
        if let hash = target.firstIndex(of: "#") { target = target[..<hash] }
        if let scheme = target.range(of: "://") {
            target = target[scheme.upperBound...]
        } else if target.hasPrefix("//") {
            target = target.dropFirst(2)
        } else if target.hasPrefix("/") {
            return String(target)
        } else {
            let base = pathOnly(current)
            let directory = base[...(base.lastIndex(of: "/") ?? base.startIndex)]
            return String(directory) + target
        }
        let slash = target.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? target.endIndex
        guard hostName(String(target[..<slash])) == hostName(host) else { return nil }
        let rest = target[slash...]
        return rest.hasPrefix("/") ? String(rest) : "/" + rest
    }

    /// The path of a request target, without the query; `http://host/a?b` gives `/a`.
    static func pathOnly(_ target: String) -> String {
        var path = Substring(target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        if let scheme = path.range(of: "://") {
            let authority = path[scheme.upperBound...]
            path = authority.firstIndex(of: "/").map { authority[$0...] } ?? "/"
        }
        return String(path)
    }

    static func hostName(_ host: String) -> String {
        String(host.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "").lowercased()
    }
}

/// The last response of a followed request and the redirects that led to it.
///
/// Flask: the test client's response with `follow_redirects=True` (`response.history`,
/// `response.request.path`).
public struct RedirectChain: Sendable {
    /// The final response.
    public var response: Response
    /// The redirect responses, oldest first. Werkzeug: `response.history`.
    public var history: [Response]
    /// Every path requested, the first one included; the last is the final request's.
    ///
    /// Flask: `response.request.path` is the last one.
    public var paths: [String]
}

extension Flask {
    /// A client that sends requests to this app in-process.
    ///
    /// Flask: `app.test_client()`.
    public func testClient() -> FlaskClient { FlaskClient(app: self) }
}
