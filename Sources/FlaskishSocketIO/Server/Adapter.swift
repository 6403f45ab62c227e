/// Holds which sockets are connected to which namespace and rooms, and delivers packets to
/// them. The server calls it for every connect, disconnect, room change and emit.
///
/// ``InMemoryAdapter`` serves one process. An adapter backed by a message queue (Redis) can
/// publish ``emit(_:namespace:to:skip:)`` to other processes too, which is why emits go
/// through here rather than straight to the clients.
///
/// Every socket is in a room named after its own sid, so `to: [sid]` reaches one client.
///
/// python-socketio: `BaseManager` / `Manager` (and `PubSubManager` for queues).
public protocol Adapter: Sendable {
    /// Adds the socket `sid` to `namespace` and to its own room; packets for it go to `receiver`.
    ///
    /// python-socketio: `Manager.connect`.
    func connect(sid: String, namespace: String, receiver: any SocketIOPacketReceiver)
    /// Removes the socket from `namespace` and from all its rooms.
    ///
    /// python-socketio: `Manager.disconnect`.
    func disconnect(sid: String, namespace: String)
    /// True while `sid` is connected to `namespace`.
    func isConnected(sid: String, namespace: String) -> Bool
    /// Puts the socket in `room` (created on first use).
    ///
    /// python-socketio: `Manager.enter_room`.
    func enterRoom(sid: String, namespace: String, room: String)
    /// Takes the socket out of `room` (an empty room disappears).
    ///
    /// python-socketio: `Manager.leave_room`.
    func leaveRoom(sid: String, namespace: String, room: String)
    /// Takes every socket out of `room`.
    ///
    /// python-socketio: `Manager.close_room`.
    func closeRoom(_ room: String, namespace: String)
    /// The rooms the socket is in, its own sid room included, sorted.
    ///
    /// python-socketio: `Manager.get_rooms`.
    func rooms(of sid: String, namespace: String) -> [String]
    /// The sids in any of `rooms` (all of the namespace when nil), less `skip`, sorted.
    ///
    /// python-socketio: `Manager.get_participants`.
    func participants(namespace: String, in rooms: [String]?, skip: Set<String>) -> [String]
    /// Delivers `packet` to every socket in any of `rooms` (all of the namespace when nil),
    /// except the sids in `skip`; each recipient gets it once even when in several rooms.
    /// The packet is encoded once for all of them.
    ///
    /// python-socketio: `Manager.emit`.
    func emit(_ packet: SocketIOPacket, namespace: String, to rooms: [String]?, skip: Set<String>)
}
