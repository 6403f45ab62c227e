import Synchronization

/// Sends requests to an app in-process, without a socket, and keeps cookies between them.
///
/// ```swift
/// let client = app.testClient()
/// let response = try await client.get("/hello?name=Ana")
/// #expect(response.status == .ok)
/// #expect(response.text == "Hello Ana")
/// ```
///
/// Flask: `app.test_client()` (Werkzeug's `FlaskClient`).
public final class FlaskClient: Sendable {
    /// The app under test.
    public let app: Flask
    private let jar = Mutex<[String: String]>([:])

    init(app: Flask) { self.app = app }

    /// Sends a request and returns the app's response. `HEAD` responses come without body,
    /// as the server would send them.
    ///
    /// Flask: `client.open(path, method=…, headers=…, data=…)`.
    public func open(_ path: String, method: HTTPMethod = .GET, headers: HTTPHeaders = [:], body: [UInt8] = []) async -> Response {
        var fields = headers
        if !fields.contains("Host") { fields.add(name: "Host", value: "localhost") }
        let cookies = jar.withLock { $0 }
        if !cookies.isEmpty, !fields.contains("Cookie") {
            fields.add(name: "Cookie", value: cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if !body.isEmpty, !fields.contains("Content-Length") { fields.add(name: "Content-Length", value: String(body.count)) }
        let request = Request(method: method, target: path, headers: fields, body: body)
        var response = await app.handle(request)
        rememberCookies(from: response)
        if method == .HEAD { response.body = .bytes([]) }
        return response
    }

    /// `GET path`. Flask: `client.get(path)`.
    public func get(_ path: String, headers: HTTPHeaders = [:]) async -> Response {
        await open(path, method: .GET, headers: headers)
    }

    /// `POST path` with a body. Flask: `client.post(path, data=…)`.
    public func post(_ path: String, body: [UInt8] = [], headers: HTTPHeaders = [:]) async -> Response {
        await open(path, method: .POST, headers: headers, body: body)
    }

    /// `POST path` with a JSON body. Flask: `client.post(path, json=…)`.
    public func post(_ path: String, json: JSONValue, headers: HTTPHeaders = [:]) async -> Response {
        var fields = headers
        fields["Content-Type"] = "application/json"
        return await open(path, method: .POST, headers: fields, body: json.serialized(options: .jsonify))
    }

    /// The cookies the client holds now, by name.
    public var cookies: [String: String] { jar.withLock { $0 } }

    private func rememberCookies(from response: Response) {
        for value in response.headers.values(for: "Set-Cookie") {
            guard let pair = value.split(separator: ";", maxSplits: 1).first,
                  let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals]).trimmingCharacters(in: " ")
            let cookieValue = String(pair[pair.index(after: equals)...])
            let expired = value.lowercased().contains("max-age=0") || value.contains("Expires=Thu, 01 Jan 1970")
            jar.withLock { jar in
                if expired { jar[name] = nil } else { jar[name] = cookieValue }
            }
        }
    }
}

extension Flask {
    /// A client that sends requests to this app in-process.
    ///
    /// Flask: `app.test_client()`.
    public func testClient() -> FlaskClient { FlaskClient(app: self) }
}
