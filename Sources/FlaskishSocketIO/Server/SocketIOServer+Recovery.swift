import Flaskish

/// The protocol server's side of connection state recovery: small hooks on the connect,
/// disconnect and emit paths, each a no-op (one nil check) while recovery is off.
extension SocketIOServer {
    /// The store for `configuration`, nil when recovery is off.
    static func recoveryStore(_ configuration: ConnectionStateRecovery?, adapter: any Adapter, logger: Logger) -> RecoveryStore? {
        guard let configuration else { return nil }
        if !(adapter is InMemoryAdapter) {
            // Packets are kept where they are emitted: what other processes publish through
            // a shared adapter reaches this one's clients live but is not kept for replay.
            logger.warning("Connection state recovery replays only the events this process emits; with \(type(of: adapter)) a client that reconnects may miss events other processes emitted meanwhile")
        }
        return RecoveryStore(configuration, logger: logger)
    }

    /// Adds a connecting socket to the adapter; with recovery on, a restored socket first gets
    /// what it missed and rejoins its rooms.
    /// - Returns: the private session id for the CONNECT reply, nil when recovery is off.
    func join(_ socket: SocketIOSocket, restored: RecoveryStore.Restored?) -> String? {
        guard let recovery else {
            adapter.connect(sid: socket.sid, namespace: socket.namespace, receiver: socket.client)
            return nil
        }
        return recovery.join(
            sid: socket.sid, namespace: socket.namespace, receiver: socket.client, restored: restored, adapter: adapter)
    }

    /// The CONNECT reply's payload: `{"sid": …}`, plus `"pid"` with recovery on (Node's shape).
    func connectPayload(sid: String, pid: String?) -> [String: JSONValue] {
        guard let pid else { return ["sid": .string(sid)] }
        return ["sid": .string(sid), "pid": .string(pid)]
    }

    /// Keeps a socket whose connection was lost for its client to recover, with its rooms.
    func keepForRecovery(_ socket: SocketIOSocket, reason: DisconnectReason) {
        recovery?.leave(sid: socket.sid, namespace: socket.namespace, reason: reason,
                        rooms: adapter.rooms(of: socket.sid, namespace: socket.namespace))
    }

    /// True when `sid`'s connection to `namespace` was recovered: same sid and rooms as
    /// before the drop, and the packets it missed were replayed. Always false with recovery off.
    ///
    /// Node: `socket.recovered`.
    public func isRecovered(sid: String, namespace: String = "/") -> Bool {
        recovery?.isRecovered(sid: sid, namespace: namespace) ?? false
    }

    /// True when connection state recovery is on.
    public var recoversConnections: Bool { recovery != nil }
}
