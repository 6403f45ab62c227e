/// Turns an upgrade request into the response that hands its connection to a WebSocket.
package enum WebSocketUpgrade {
    /// The `101 Switching Protocols` answer to a valid upgrade request, whose connection
    /// becomes a WebSocket once the 101 is written; `opened` then runs on the connection's
    /// loop thread, before any message is read (set `onMessage` there, or start a task).
    /// An invalid request gets 400 or 426 (with `Sec-WebSocket-Version: 13`) and a plain
    /// text reason instead (RFC 6455 §4.2.1, §4.4).
    package static func response(
        for request: Request, configuration: WebSocketConfiguration = WebSocketConfiguration(),
        opened: @escaping @Sendable (WebSocket) -> Void
    ) -> Response {
        let headers: HTTPHeaders
        do {
            headers = try WebSocketHandshake.validate(method: request.method, headers: request.headers)
        } catch {
            return refusal(error)
        }
        var response = Response(status: .switchingProtocols, headers: headers, body: .bytes([]))
        response.upgrade = { connection in
            WebSocketConnectionHandler(request: request, configuration: configuration, connection: connection, opened: opened)
        }
        return response
    }

    /// The answer to a refused upgrade: its status, its extra headers and the reason as text.
    package static func refusal(_ failure: WebSocketHandshake.Failure) -> Response {
        Response(failure.reason + "\n", status: failure.status, headers: failure.headers,
                 contentType: "text/plain; charset=utf-8")
    }
}
