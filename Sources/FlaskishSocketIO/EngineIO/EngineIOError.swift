import Flaskish

// Error answers to Engine.IO HTTP requests, as the reference server writes them:
//   HTTP 400 (403 for code 4), Content-Type: application/json
//   {"code":<n>,"message":"<text>"}
// with n/text: 0 "Transport unknown", 1 "Session ID unknown", 2 "Bad handshake method",
// 3 "Bad request", 4 "Forbidden", 5 "Unsupported protocol version" (engine.io `Server.errors`
// and `Server.errorMessages`). python-engineio answers the same cases with 400 and a JSON
// string; the spec only requires the 400 (and the reference client reads only the status).

/// An Engine.IO request error: its code, message and HTTP status.
package struct EngineIOError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The numeric code of the reference server.
    package let code: Int
    /// The message sent in the body.
    package let message: String

    /// An error with a code and message.
    package init(code: Int, message: String) {
        self.code = code
        self.message = message
    }

    /// 0: the `transport` query parameter is missing or not `polling`/`websocket`.
    package static let unknownTransport = EngineIOError(code: 0, message: "Transport unknown")
    /// 1: the `sid` is not (or no longer) a session.
    package static let unknownSessionID = EngineIOError(code: 1, message: "Session ID unknown")
    /// 2: a handshake (no `sid`) that is not a GET.
    package static let badHandshakeMethod = EngineIOError(code: 2, message: "Bad handshake method")
    /// 3: anything else malformed (payload, concurrent poll, transport mismatch).
    package static let badRequest = EngineIOError(code: 3, message: "Bad request")
    /// 4: refused by the application (origin check, `connect` handler). Answered with 403.
    package static let forbidden = EngineIOError(code: 4, message: "Forbidden")
    /// 5: `EIO` is not 4.
    package static let unsupportedProtocolVersion = EngineIOError(code: 5, message: "Unsupported protocol version")

    /// The same code with another message (the reference server lets `allowRequest` name
    /// the reason, e.g. "https://evil.example is not an accepted origin").
    package func with(message: String) -> EngineIOError {
        EngineIOError(code: code, message: message)
    }

    /// 403 for `forbidden`, 400 for everything else.
    package var status: HTTPStatus { code == 4 ? .forbidden : .badRequest }

    /// The `Content-Type` of `body`.
    package static let contentType = "application/json"

    /// `{"code":0,"message":"Transport unknown"}`
    package var body: String {
        "{\"code\":\(code),\"message\":\(JSONText.quoted(message))}"
    }

    package var description: String { "\(code) \(message)" }
}
