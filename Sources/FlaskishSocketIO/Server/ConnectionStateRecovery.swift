/// Connection state recovery: a client whose connection drops and comes back within
/// ``maxDisconnectionDuration`` keeps its sid and rooms and gets every packet it missed, once,
/// in order.
///
/// Off unless given to ``SocketIO/init(_:corsAllowedOrigins:pingInterval:pingTimeout:maxHttpBufferSize:path:asyncMode:adapter:limits:connectionStateRecovery:)``:
///
/// ```swift
/// let socketio = SocketIO(app, connectionStateRecovery: .init(maxDisconnectionDuration: 120))
/// ```
///
/// While it is on, every event emitted without an acknowledgement callback is kept for the
/// window and carries one more argument, last: its offset (a string). Clients remember the
/// last offset they saw and send it back, with the private session id (`pid`) the CONNECT
/// reply gave them, when they reconnect.
///
/// Node: `new Server({ connectionStateRecovery: { maxDisconnectionDuration: 120_000 } })`.
/// Flask-SocketIO has no equivalent.
public struct ConnectionStateRecovery: Sendable, Hashable {
    /// How long, in seconds, a disconnected client's session and the packets emitted since
    /// are kept. Node: `maxDisconnectionDuration` (2 minutes, in milliseconds there).
    public var maxDisconnectionDuration: Double
    /// The most packets kept, all namespaces together. Past it the oldest are dropped, and a
    /// client that had not seen them gets a new session instead of a partial replay.
    public var maxPackets: Int
    /// The most disconnected sessions kept. Past it the oldest are dropped (their clients get
    /// new sessions).
    public var maxSessions: Int

    /// The default window: two minutes, as Node.
    public static let defaultMaxDisconnectionDuration = 120.0
    /// The default packet cap.
    public static let defaultMaxPackets = 10_000
    /// The default session cap.
    public static let defaultMaxSessions = 10_000

    /// Recovery within `maxDisconnectionDuration` seconds, keeping at most `maxPackets`
    /// packets and `maxSessions` disconnected sessions.
    public init(
        maxDisconnectionDuration: Double = ConnectionStateRecovery.defaultMaxDisconnectionDuration,
        maxPackets: Int = ConnectionStateRecovery.defaultMaxPackets,
        maxSessions: Int = ConnectionStateRecovery.defaultMaxSessions
    ) {
        self.maxDisconnectionDuration = maxDisconnectionDuration
        self.maxPackets = maxPackets
        self.maxSessions = maxSessions
    }
}

extension DisconnectReason {
    /// The reasons after which a session is kept for recovery: the connection was lost, not
    /// closed on purpose by either side. Node: `RECOVERABLE_DISCONNECT_REASONS`.
    static let recoverable: Set<DisconnectReason> = [.transportClose, .transportError, .pingTimeout]
}
