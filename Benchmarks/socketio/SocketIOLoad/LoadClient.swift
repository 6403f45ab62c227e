/// One simulated Socket.IO client: its socket and how far its session has got.
///
/// A class, not a struct: the loop hands a client to its handlers while it also holds the
/// array of all clients, and reference semantics keep that free of exclusivity conflicts
/// and of copies of the buffers inside.
final class LoadClient {
    /// Where the client is in connect → WebSocket upgrade → Engine.IO open → Socket.IO connect.
    enum Phase: Equatable {
        /// Not started yet (the loop limits how many handshakes run at once).
        case pending
        /// `connect()` is in progress.
        case connecting
        /// The upgrade request is sent; waiting for `101 Switching Protocols`.
        case upgrading
        /// Waiting for the Engine.IO open packet `0{...}`.
        case awaitingOpen
        /// `40` is sent; waiting for the server's `40{"sid":...}`.
        case awaitingConnect
        /// Connected to the default namespace.
        case connected
        /// The socket is closed (see `closeReason`).
        case closed
    }

    /// The client's index in the loop (also its epoll datum).
    let number: Int
    /// True for the fan-out sender, whose own broadcasts come back to it and are not counted.
    let isSender: Bool
    /// The server port it connects to; `group` is that port's index in the generator's list
    /// (cluster runs spread receivers over several server processes).
    let port: Int
    let group: Int
    var fd: Int32 = -1
    var phase = Phase.pending
    var handshake: UpgradeHandshake?
    /// Bytes of an incomplete frame left over from the last read.
    var carry: [UInt8] = []
    /// Bytes the kernel would not take yet.
    var outbox: [UInt8] = []
    var watchingWrites = false
    var startedAt: UInt64 = 0
    var connectedAt: UInt64 = 0
    /// Engine.IO pings (`2`) answered.
    var pingsAnswered = 0
    /// The highest message sequence number seen, for the order check.
    var lastSequence = -1
    var closeReason: String?

    init(number: Int, isSender: Bool, port: Int, group: Int) {
        self.number = number
        self.isSender = isSender
        self.port = port
        self.group = group
    }

    /// True while the client is between `connect()` and the Socket.IO connect answer.
    var isHandshaking: Bool {
        switch phase {
        case .connecting, .upgrading, .awaitingOpen, .awaitingConnect: true
        default: false
        }
    }
}
