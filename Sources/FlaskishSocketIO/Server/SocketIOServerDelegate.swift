/// One client connected to one namespace: what python-socketio calls a `sid`.
package struct SocketIOSocket: Sendable {
    /// The namespace sid (random, distinct from the Engine.IO sid).
    package let sid: String
    /// The namespace, `/` by default.
    package let namespace: String
    /// The Engine.IO connection this socket rides on.
    let client: SocketIOClientConnection

    /// The Engine.IO connection's transport.
    package var transport: any SocketIOTransport { client.transport }
}

/// The application side of the protocol server: the handlers, reached through the API layer
/// (``SocketIO``), which binds the event context around each call.
///
/// python-socketio: `Server._trigger_event` and the handler registry of `BaseServer`.
package protocol SocketIOServerDelegate: AnyObject, Sendable {
    /// True when a client may connect to `namespace` (it has handlers).
    func handlesNamespace(_ namespace: String) -> Bool
    /// True when an event called `name` arriving on `namespace` would run anything (a
    /// handler, a catch-all, event middleware). Asked on the loop thread for every event;
    /// one that nothing handles is dropped after decoding, never queued.
    func handlesEvent(_ name: String, namespace: String) -> Bool
    /// Runs the connect handler; nil accepts, an error refuses with its message and data.
    func connect(_ socket: SocketIOSocket, auth: SocketIOValue?) async -> ConnectionRefusedError?
    /// Runs the event's handler. Returns the values to acknowledge with (`[]` for a handler
    /// that returned nothing), or nil to send no automatic ACK (no handler, or the handler
    /// took the ``SocketIOAck`` and answers itself).
    func event(_ socket: SocketIOSocket, name: String, arguments: [SocketIOValue], ack: SocketIOAck) async -> [SocketIOValue]?
    /// Runs the disconnect handler.
    func disconnect(_ socket: SocketIOSocket, reason: DisconnectReason) async
}
