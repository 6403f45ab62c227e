import Flaskish
import Synchronization

/// The ``Adapter`` for several processes: rooms of local sockets kept here as in
/// ``InMemoryAdapter``, and every broadcast, room change, disconnect and remote ACK also
/// published on a Redis channel in python-socketio's format (``PubSubMessage``), so Flaskish
/// and Flask-SocketIO processes on one channel act as one Socket.IO server.
///
/// ```swift
/// let socketio = SocketIO(app, messageQueue: "redis://127.0.0.1:6379/0")  // what most apps write
/// let emitter = SocketIO(messageQueue: "redis://127.0.0.1:6379/0")         // write-only, no app
/// try emitter.emit("news", "from a cron job")
/// ```
///
/// An emit is delivered to this process's sockets at once and published for the others, which
/// ignore their own messages (by `host_id`), so no process delivers a broadcast twice.
/// Messages are published from the emitting thread in call order over one connection, and
/// each process handles the channel's messages one at a time in the order Redis gives them,
/// so one sender's emits arrive in order everywhere. While Redis is away, local delivery goes
/// on; what is published meanwhile waits (up to ``RedisClient/Options/maxQueuedCommands``)
/// and what other processes published is lost — both are logged.
///
/// python-socketio: `RedisManager` (over `PubSubManager`). Flask-SocketIO:
/// `SocketIO(app, message_queue="redis://…", channel="flask-socketio")`.
public final class RedisAdapter: ClusterAdapter {
    /// The channel every process of the cluster publishes on and listens to.
    public let channel: String
    /// The Redis connection (usable for other commands, e.g. shared state).
    public let client: RedisClient
    /// This process's id in the cluster (python-socketio: `host_id`, a random UUID in hex).
    public let hostID: String
    /// Where bad channel messages and lost ACKs are reported.
    let logger: Logger
    let local = InMemoryAdapter()
    private let serverBox = Mutex<WeakServer>(WeakServer())
    private let listening = Mutex(false)
    let remoteAcks = Mutex(RemoteAckTable())

    /// The server this adapter serves, once attached.
    var server: SocketIOServer? { serverBox.withLock { $0.value } }

    private struct WeakServer: @unchecked Sendable {
        weak var value: SocketIOServer?
    }

    /// The most ACK callbacks of remote emits kept waiting; past it the oldest is dropped (logged).
    public static let maxPendingRemoteAcks = 10_000

    /// An adapter publishing on `channel` of the Redis server at `url`. It connects in the
    /// background; see ``RedisClient/Options`` for what happens while Redis is unreachable.
    /// - Throws: ``RedisError/invalidURL(_:reason:)``.
    public init(
        url: String, channel: String = "socketio", options: RedisClient.Options = RedisClient.Options(),
        logger: Logger = Logger(name: "socketio.redis")
    ) throws(RedisError) {
        self.channel = channel
        self.logger = logger
        self.client = try RedisClient(url: url, options: options, logger: logger)
        self.hostID = Self.randomHostID()
    }

    private static func randomHostID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return String(byte >> 4, radix: 16) + String(byte & 15, radix: 16)
        }.joined()
    }

    // MARK: ClusterAdapter

    package func attach(_ server: SocketIOServer) {
        serverBox.withLock { $0.value = server }
    }

    /// Subscribes to the channel (once). python-socketio: `PubSubManager.initialize` without `write_only`.
    public func startListening() {
        let start = listening.withLock { value -> Bool in
            defer { value = true }
            return !value
        }
        guard start else { return }
        client.subscribe(channel) { [weak self] _, payload in self?.handle(payload) }
    }

    /// Returns once this process receives the channel's messages (after ``startListening()``).
    /// - Throws: ``RedisError/timedOut(_:)`` when Redis did not confirm in time.
    public func waitUntilListening(timeout: Duration = .seconds(10)) async throws(RedisError) {
        try await client.waitUntilSubscribed(to: channel, timeout: timeout)
    }

    /// Returns once everything this process published before the call has reached Redis:
    /// a write-only emitter calls it before it exits. (Publishing itself never waits.)
    /// - Throws: a ``RedisError`` when Redis cannot be reached.
    public func flush() async throws(RedisError) {
        _ = try await client.ping()
    }

    package func disconnectRemote(sid: String, namespace: String) {
        publish(.disconnect(sid: sid, namespace: namespace, hostID: hostID))
    }

    package func emitRemote(
        _ event: String, _ arguments: [SocketIOValue], namespace: String, sid: String,
        callback: @escaping @Sendable ([SocketIOValue]) async -> Void
    ) {
        let (id, dropped) = remoteAcks.withLock { $0.register(sid: sid, callback, limit: Self.maxPendingRemoteAcks) }
        if dropped { logger.warning("more than \(Self.maxPendingRemoteAcks) ACKs of remote emits pending; the oldest is forgotten") }
        let ack = PubSubMessage.RemoteAck(sid: sid, namespace: namespace, id: id)
        publish(.emit(event: event, arguments: arguments, namespace: namespace, rooms: [sid], skip: [], callback: ack, hostID: hostID))
    }

    // MARK: Adapter

    /// Connects the socket locally (``Adapter/connect(sid:namespace:receiver:)``); other processes learn of it only through emits.
    public func connect(sid: String, namespace: String, receiver: any SocketIOPacketReceiver) {
        local.connect(sid: sid, namespace: namespace, receiver: receiver)
    }

    /// Disconnects a local socket (``Adapter/disconnect(sid:namespace:)``).
    public func disconnect(sid: String, namespace: String) {
        local.disconnect(sid: sid, namespace: namespace)
        remoteAcks.withLock { $0.forget(sid: sid) }
    }

    /// True while `sid` is connected to `namespace` in this process (``Adapter/isConnected(sid:namespace:)``).
    public func isConnected(sid: String, namespace: String) -> Bool {
        local.isConnected(sid: sid, namespace: namespace)
    }

    /// Puts a local socket in `room` directly; asks the other processes for any other sid.
    public func enterRoom(sid: String, namespace: String, room: String) {
        if local.isConnected(sid: sid, namespace: namespace) {
            local.enterRoom(sid: sid, namespace: namespace, room: room)
        } else {
            publish(.enterRoom(sid: sid, room: room, namespace: namespace, hostID: hostID))
        }
    }

    /// Takes a local socket out of `room` directly; asks the other processes for any other sid.
    public func leaveRoom(sid: String, namespace: String, room: String) {
        if local.isConnected(sid: sid, namespace: namespace) {
            local.leaveRoom(sid: sid, namespace: namespace, room: room)
        } else {
            publish(.leaveRoom(sid: sid, room: room, namespace: namespace, hostID: hostID))
        }
    }

    /// Empties `room` here and in every other process.
    public func closeRoom(_ room: String, namespace: String) {
        local.closeRoom(room, namespace: namespace)
        publish(.closeRoom(room: room, namespace: namespace, hostID: hostID))
    }

    /// This process's rooms of `sid` (python-socketio, too, knows only its own).
    public func rooms(of sid: String, namespace: String) -> [String] {
        local.rooms(of: sid, namespace: namespace)
    }

    /// This process's participants (python-socketio, too, knows only its own).
    public func participants(namespace: String, in rooms: [String]?, skip: Set<String>) -> [String] {
        local.participants(namespace: namespace, in: rooms, skip: skip)
    }

    /// Delivers to this process's sockets, then publishes for the others.
    public func emit(_ packet: SocketIOPacket, namespace: String, to rooms: [String]?, skip: Set<String>) {
        local.emit(packet, namespace: namespace, to: rooms, skip: skip)
        guard let event = packet.eventName else { return }
        // Sids are random and unique to the process that holds them: an emit only to sockets
        // of this process (the common reply to the sender) has nobody to reach elsewhere.
        // An empty room list reaches nobody (python-socketio would fail on it).
        if let rooms, rooms.isEmpty || rooms.allSatisfy({ local.isConnected(sid: $0, namespace: namespace) }) { return }
        publish(.emit(event: event, arguments: packet.arguments, namespace: namespace, rooms: rooms,
                      skip: skip.sorted(), callback: nil, hostID: hostID))
    }

    func publish(_ message: PubSubMessage) {
        client.publish(channel, message.encoded())
    }
}
