/// An ``Adapter`` that shares a Socket.IO server with other processes (through a message
/// queue): what the server asks of it beyond the local bookkeeping, for sockets that live
/// in another process.
///
/// python-socketio: the parts of `PubSubManager` that `Server` reaches (`can_disconnect`,
/// `emit` with a callback).
package protocol ClusterAdapter: Adapter {
    /// Lets the adapter act on the server for messages from other processes (disconnect a
    /// local socket, deliver an event that expects an ACK). Called once, by ``SocketIO``.
    func attach(_ server: SocketIOServer)
    /// Starts receiving other processes' messages (a write-only emitter never does).
    func startListening()
    /// Asks the other processes to disconnect `sid`, which is not connected here.
    func disconnectRemote(sid: String, namespace: String)
    /// Sends an event expecting an ACK to `sid`, which is not connected here; `callback` runs
    /// when the ACK comes back through the queue.
    func emitRemote(
        _ event: String, _ arguments: [SocketIOValue], namespace: String, sid: String,
        callback: @escaping @Sendable ([SocketIOValue]) async -> Void)
}
