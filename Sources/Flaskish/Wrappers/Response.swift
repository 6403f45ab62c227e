/// An HTTP response: status, headers and a body.
///
/// Handlers usually return a `String`, `JSONValue` or `Encodable` value and let Flaskish
/// make the `Response`; build one yourself to set the status, headers or cookies.
///
/// ```swift
/// app.route("/made") { _ in
///     var response = Response("Created", status: .created)
///     response.headers["X-Id"] = "7"
///     return response
/// }
/// ```
///
/// Flask: `flask.Response` / `make_response(body, status, headers)`.
public struct Response: Sendable {
    /// The status; 200 unless set.
    ///
    /// Flask: `response.status_code`.
    public var status: HTTPStatus
    /// The header fields. `Content-Length`, `Date` and `Server` are added when sent.
    ///
    /// Flask: `response.headers`.
    public var headers: HTTPHeaders
    /// The body: bytes, a stream of chunks, or a region of a file.
    ///
    /// Werkzeug: `response.response`, the body iterable.
    public var body: ResponseBody
    /// Set by a protocol upgrade (WebSocket): after this `101` response is written, the
    /// connection is handed to the handler this makes.
    package var upgrade: (@Sendable (Connection) -> any ConnectionHandler)?

    /// The default `Content-Type` of text responses, as Flask's `Response.default_mimetype`.
    public static let defaultContentType = "text/html; charset=utf-8"

    /// A response with a text body.
    ///
    /// - Parameters:
    ///   - text: the body, sent as UTF-8.
    ///   - status: the status code (200).
    ///   - headers: extra header fields.
    ///   - contentType: the `Content-Type`; `text/html; charset=utf-8` as in Flask.
    public init(_ text: String = "", status: HTTPStatus = .ok, headers: HTTPHeaders = [:], contentType: String = Response.defaultContentType) {
        self.init(bytes: Array(text.utf8), status: status, headers: headers, contentType: contentType)
    }

    /// A response with a byte body.
    ///
    /// Flask: `Response(b"…", status=…, headers=…, content_type=…)`.
    public init(bytes: [UInt8], status: HTTPStatus = .ok, headers: HTTPHeaders = [:], contentType: String? = Response.defaultContentType) {
        self.status = status
        self.headers = headers
        if let contentType, !self.headers.contains("Content-Type") {
            self.headers.add(name: "Content-Type", value: contentType)
        }
        self.body = .bytes(bytes)
    }

    /// A response with any body.
    ///
    /// Flask: `Response(response=…, status=…, headers=…)`.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], body: ResponseBody) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A streamed response: `produce` writes chunks as they are ready; they are sent with
    /// chunked transfer-coding, and `write` waits while the client is slower than the producer.
    ///
    /// Flask: returning a generator (`stream_with_context`).
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], contentType: String = Response.defaultContentType,
                stream produce: @escaping @Sendable (ResponseWriter) async throws -> Void) {
        self.status = status
        self.headers = headers
        if !self.headers.contains("Content-Type") { self.headers.add(name: "Content-Type", value: contentType) }
        self.body = .stream(produce)
    }

    /// The body's bytes; empty for a stream or file body.
    ///
    /// Flask: `response.data` / `response.get_data()`.
    public var data: [UInt8] {
        get { if case .bytes(let bytes) = body { bytes } else { [] } }
        set { body = .bytes(newValue) }
    }

    /// The body as UTF-8 text (invalid bytes replaced).
    ///
    /// Flask: `response.get_data(as_text=True)` / `response.text`.
    public var text: String { String(decoding: data, as: UTF8.self) }

    /// The `Content-Type` header.
    ///
    /// Flask: `response.content_type`.
    public var contentType: String? {
        get { headers["Content-Type"] }
        set { headers["Content-Type"] = newValue }
    }

    /// The media type without parameters (`text/html`).
    ///
    /// Flask: `response.mimetype`.
    public var mimetype: String? {
        contentType.map { String($0.split(separator: ";", maxSplits: 1)[0]).trimmingCharacters(in: " ") }
    }

    /// The value of `Location`, for redirects.
    ///
    /// Werkzeug: `response.location`.
    public var location: String? { headers["Location"] }
}

/// What a response carries.
///
/// Werkzeug: what `response.response` can be: bytes, a generator, a `wsgi.file_wrapper`.
public enum ResponseBody: Sendable {
    /// A complete body, sent with `Content-Length`.
    case bytes([UInt8])
    /// A body produced piece by piece, sent chunked (or until close for HTTP/1.0).
    ///
    /// Flask: a generator returned from a view.
    case stream(@Sendable (ResponseWriter) async throws -> Void)
    /// A region of a file, streamed from disk in pieces.
    ///
    /// Flask: what `send_file` hands to the server's `wsgi.file_wrapper`.
    case file(path: String, offset: Int, length: Int)
}

/// The sink a streamed response writes its chunks into.
///
/// Flask: the generator's `yield`.
public struct ResponseWriter: Sendable {
    let sink: @Sendable ([UInt8]) async throws -> Void

    /// A writer that hands every chunk to `sink`.
    package init(sink: @escaping @Sendable ([UInt8]) async throws -> Void) { self.sink = sink }

    /// Sends one chunk; waits while too much is already queued for a slow client.
    /// - Throws: `CancellationError` when the client has gone away.
    ///
    /// Flask: `yield chunk` in a streaming view.
    public func write(_ bytes: [UInt8]) async throws {
        guard !bytes.isEmpty else { return }
        try await sink(bytes)
    }

    /// Sends a chunk of text as UTF-8.
    ///
    /// Flask: `yield "text"` in a streaming view.
    public func write(_ text: String) async throws { try await write(Array(text.utf8)) }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
