import Flaskish

/// A client asking to connect to a namespace, as connection middleware sees it: the sid it
/// will get, the namespace, its `auth` payload and the HTTP request that opened its session.
///
/// Node: the `socket` given to `io.use((socket, next) => …)` (`socket.id`, `socket.nsp`,
/// `socket.handshake.auth`, `socket.handshake.headers`/`query`).
public struct SocketIOHandshake: Sendable {
    /// The sid the client gets in this namespace if it is let in.
    public let sid: String
    /// The namespace it asked for.
    public let namespace: String
    /// The `auth` payload of its CONNECT packet, nil when it sent none.
    ///
    /// Node: `socket.handshake.auth`; Flask-SocketIO: the connect handler's `auth` argument.
    public let auth: SocketIOValue?
    /// The HTTP request that opened the Engine.IO session (headers, query string, cookies).
    ///
    /// Node: `socket.request`; Flask-SocketIO: `request` in the connect handler.
    public let request: Request
}
