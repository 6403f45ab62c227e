// Opening handshake, server side (RFC 6455 §4.2.1–§4.2.2):
//   GET <path> HTTP/1.1
//   Upgrade: websocket                      (token, ASCII case-insensitive)
//   Connection: keep-alive, Upgrade         (a list that contains the token "upgrade")
//   Sec-WebSocket-Key: <base64 of 16 bytes>
//   Sec-WebSocket-Version: 13               (otherwise 426 + "Sec-WebSocket-Version: 13", §4.4)
// answered by
//   HTTP/1.1 101 Switching Protocols
//   Upgrade: websocket
//   Connection: Upgrade
//   Sec-WebSocket-Accept: base64(SHA-1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))

/// Validates a WebSocket upgrade request and builds the 101 response headers.
package enum WebSocketHandshake {
    /// The GUID every server appends to the client's key (§1.3).
    package static let acceptGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
    /// The only protocol version spoken.
    package static let supportedVersion = "13"

    /// A refused upgrade: the HTTP response to send instead of 101.
    package struct Failure: Error, Equatable, Sendable {
        /// 400, or 426 for an unsupported `Sec-WebSocket-Version`.
        package var status: HTTPStatus
        /// Why, for the response body and the log.
        package var reason: String
        /// Extra response headers (426 carries `Sec-WebSocket-Version: 13`).
        package var headers: HTTPHeaders

        /// A refusal with `status`, `reason` and any extra `headers`.
        package init(status: HTTPStatus, reason: String, headers: HTTPHeaders = HTTPHeaders()) {
            self.status = status
            self.reason = reason
            self.headers = headers
        }
    }

    /// True when the request asks for a WebSocket upgrade at all, so a router can hand it to
    /// `validate` rather than to a plain HTTP handler.
    package static func isUpgradeRequest(_ headers: HTTPHeaders) -> Bool {
        headers.containsToken("websocket", in: "Upgrade")
    }

    /// `Sec-WebSocket-Accept` for a client's `Sec-WebSocket-Key` (§4.2.2 step 5.4).
    package static func acceptValue(forKey key: String) -> String {
        Base64.encode(SHA1.hash(key + acceptGUID))
    }

    /// Checks an upgrade request; returns the headers of the 101 response.
    ///
    /// - Throws: `Failure` with 400 (and the broken rule as reason) or 426.
    package static func validate(method: HTTPMethod, headers: HTTPHeaders) throws(Failure) -> HTTPHeaders {
        guard method == .GET else {
            throw Failure(status: .badRequest, reason: "WebSocket upgrade requires GET, not \(method)")
        }
        guard headers.containsToken("websocket", in: "Upgrade") else {
            throw Failure(status: .badRequest, reason: "Upgrade header must be \"websocket\"")
        }
        guard headers.containsToken("upgrade", in: "Connection") else {
            throw Failure(status: .badRequest, reason: "Connection header must contain \"upgrade\"")
        }
        let versions = headers.values(for: "Sec-WebSocket-Version")
        guard versions.count == 1, versions[0].trimmingASCIISpaces() == supportedVersion else {
            var extra = HTTPHeaders()
            extra.add(name: "Sec-WebSocket-Version", value: supportedVersion)
            throw Failure(status: .upgradeRequired, reason: "Sec-WebSocket-Version must be 13", headers: extra)
        }
        let keys = headers.values(for: "Sec-WebSocket-Key")
        guard keys.count == 1 else {
            throw Failure(status: .badRequest, reason: "exactly one Sec-WebSocket-Key header is required")
        }
        let key = keys[0].trimmingASCIISpaces()
        guard Base64.decode(key)?.count == 16 else {
            throw Failure(status: .badRequest, reason: "Sec-WebSocket-Key must be base64 of 16 bytes")
        }
        var response = HTTPHeaders()
        response.add(name: "Upgrade", value: "websocket")
        response.add(name: "Connection", value: "Upgrade")
        response.add(name: "Sec-WebSocket-Accept", value: acceptValue(forKey: key))
        return response
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    fileprivate func trimmingASCIISpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
