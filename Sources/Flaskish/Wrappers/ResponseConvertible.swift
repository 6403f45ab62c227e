import Foundation

/// A value a handler may return: Flaskish turns it into a `Response`.
///
/// `String` and `Substring` become `text/html` bodies, `[UInt8]` and `Data` raw bodies,
/// `JSONValue` a JSON response, and `Response` stays as it is. Conform an `Encodable` type
/// and it is sent as JSON with no code of its own:
///
/// ```swift
/// struct User: Encodable, ResponseConvertible { let name: String }
/// app.route("/me") { _ in User(name: "Ana") }   // {"name":"Ana"}
/// ```
///
/// Flask: `make_response`, which turns `str`, `bytes`, `dict`, `list` and `Response` values
/// returned by a view into a response.
public protocol ResponseConvertible: Sendable {
    /// The response this value stands for.
    func makeResponse() throws -> Response
}

extension Response: ResponseConvertible {
    /// A response is returned as it is.
    public func makeResponse() -> Response { self }
}

extension String: ResponseConvertible {
    /// A `text/html; charset=utf-8` response with status 200, as Flask makes from a returned `str`.
    public func makeResponse() -> Response { Response(self) }
}

extension Substring: ResponseConvertible {
    /// As `String`: an HTML response with status 200.
    public func makeResponse() -> Response { Response(String(self)) }
}

extension Array: ResponseConvertible where Element == UInt8 {
    /// The bytes as the body, status 200, as Flask makes from a returned `bytes`.
    public func makeResponse() -> Response { Response(bytes: self) }
}

extension Data: ResponseConvertible {
    /// As `[UInt8]`: the bytes as the body, as Flask makes from a returned `bytes`.
    public func makeResponse() -> Response { Response(bytes: [UInt8](self)) }
}

extension JSONValue: ResponseConvertible {
    /// `jsonify(value)`, as Flask makes from a returned `dict` or `list`.
    public func makeResponse() -> Response { jsonify(self) }
}

extension HTTPException: ResponseConvertible {}

extension ResponseConvertible where Self: Encodable {
    /// `Encodable` values are sent as JSON, as Flask sends a returned `dict`.
    public func makeResponse() throws -> Response { try jsonify(self) }
}

extension Response {
    /// The same response with another status: `return "Created".withStatus(201)`.
    ///
    /// Flask: the `(body, status)` tuple a view returns.
    public func withStatus(_ status: HTTPStatus) -> Response {
        var copy = self
        copy.status = status
        return copy
    }

    /// The same response with extra header fields added.
    ///
    /// Flask: the `(body, status, headers)` tuple a view returns.
    public func withHeaders(_ headers: HTTPHeaders) -> Response {
        var copy = self
        for field in headers { copy.headers.replaceOrAdd(name: field.name, value: field.value) }
        return copy
    }
}

extension ResponseConvertible {
    /// This value's response with another status: `return "Created".withStatus(201)`.
    ///
    /// Flask: the `(body, status)` tuple a view returns.
    public func withStatus(_ status: HTTPStatus) throws -> Response { try makeResponse().withStatus(status) }
}
