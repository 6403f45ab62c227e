import Flaskish

/// An event a client sent, as event middleware sees it before any handler does.
///
/// Node: the `packet` (`[name, ...args]`) given to `socket.use((packet, next) => …)`;
/// Flask-SocketIO: what `trigger_event(event, *args)` receives.
public struct SocketIOIncomingEvent: Sendable {
    /// The event name.
    public let name: String
    /// Its arguments, as received.
    public let arguments: [SocketIOValue]
    /// The sender's sid in ``namespace``.
    public let sid: String
    /// The namespace the event was sent to.
    public let namespace: String
    /// The client's acknowledgement request; middleware that rejects the event may answer it
    /// here (only the first answer is sent). ``SocketIOAck/isRequested`` tells whether the
    /// client asked for one.
    public let ack: SocketIOAck
    /// The HTTP request that opened the sender's Engine.IO session.
    public let request: Request
}
