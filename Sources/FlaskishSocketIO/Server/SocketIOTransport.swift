import Flaskish

/// What the Socket.IO server needs from one Engine.IO connection.
///
/// The Engine.IO server (polling or WebSocket) adapts its sockets to this; the Socket.IO
/// test client uses an in-process fake. Calls may come from any thread: an implementation
/// hands the data to the connection's event loop and returns.
///
/// python-socketio: what `Server` uses of `engineio.Server` (`send`, `disconnect`, `environ`).
public protocol SocketIOTransport: Sendable {
    /// The Engine.IO session id (distinct from every Socket.IO namespace sid).
    var sid: String { get }
    /// The HTTP request that opened the session; handlers see it as `request`.
    ///
    /// Flask-SocketIO: the WSGI `environ` kept for the connection.
    var request: Request { get }
    /// Where handlers run; nil means Swift's global concurrent executor. The engine returns
    /// its worker pool here, so blocking handlers never hold an event loop.
    var executor: (any TaskExecutor)? { get }
    /// Sends one Engine.IO text `message` (the Engine.IO `4` prefix is the transport's job).
    func send(text: String)
    /// Sends one Engine.IO binary `message`.
    func send(binary: [UInt8])
    /// Sends several messages back to back (a packet's text, then its attachments), with
    /// nothing sent from another thread between them.
    func send(_ messages: [SocketIOTransportMessage])
    /// Closes the Engine.IO session; the engine then reports `engineDisconnected`.
    func close()
}

extension SocketIOTransport {
    /// No preference: handlers run on Swift's global concurrent executor.
    public var executor: (any TaskExecutor)? { nil }

    /// Sends each message in turn. The Socket.IO server calls it under a per-client lock,
    /// so a transport without a batch operation of its own still keeps a packet's parts
    /// together against the server's other sends.
    public func send(_ messages: [SocketIOTransportMessage]) {
        for message in messages {
            switch message {
            case .text(let text): send(text: text)
            case .binary(let bytes): send(binary: bytes)
            }
        }
    }
}

/// One Engine.IO `message` packet's content, as the Engine.IO server hands it on.
public enum SocketIOTransportMessage: Sendable, Hashable {
    /// A text message.
    case text(String)
    /// A binary message (a Socket.IO attachment).
    case binary([UInt8])
}

/// A transport that can stop taking a client's messages while that client's handler queue
/// is full (``SocketIOLimits/maxQueuedPackets``): the Engine.IO socket stops reading the
/// WebSocket, or holds the POST. A transport without it (the in-process test transport) is
/// simply never paused.
package protocol SocketIOFlowControl: Sendable {
    /// Stop taking messages from the client.
    func pauseReceiving()
    /// Take messages again.
    func resumeReceiving()
}
