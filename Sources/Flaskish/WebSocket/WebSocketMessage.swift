/// What the application sees of a WebSocket connection once frames are reassembled: whole
/// data messages and the control frames that interleave them. `WebSocket.receive()` only
/// ever returns `.text` and `.binary`; the engine answers pings and runs the close handshake.
///
/// Flask-Sock: the `str` or `bytes` that `ws.receive()` returns.
public enum WebSocketMessage: Hashable, Sendable {
    /// A complete text message, validated as UTF-8.
    case text(String)
    /// A complete binary message.
    case binary([UInt8])
    /// A ping; the connection answers with a pong carrying the same bytes (§5.5.2).
    case ping([UInt8])
    /// A pong.
    case pong([UInt8])
    /// The peer's close frame: `code` is nil when the payload was empty (reported as 1005).
    case close(code: WebSocketCloseCode?, reason: String)
}
