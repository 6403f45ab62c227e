import Flaskish
import Synchronization

/// What connection state recovery keeps: the packets emitted within the window (each with
/// its offset), the sessions of clients that lost their connection, and the private session
/// id of each connected socket.
///
/// One lock orders everything that matters: an emit takes an offset and hands the packet to
/// the adapter under it, and a recovering socket collects its missed packets and joins the
/// adapter under it. A packet is thus either replayed or delivered live, never both, never
/// neither, and every client sees the packets in offset order.
///
/// Node: `SessionAwareAdapter` (socket.io-adapter) holds the same three things; here they
/// sit beside the ``Adapter`` so any adapter gains recovery.
package final class RecoveryStore: Sendable {
    private struct Key: Hashable { var namespace: String; var sid: String }

    /// A packet kept for replay, with the audience its emit named.
    private struct Stored {
        var packet: SocketIOPacket
        var namespace: String
        var rooms: [String]?
        var skip: Set<String>
        var emittedAt: Double
    }

    /// A connected socket: its private id and the offset it is known to have seen everything
    /// up to (the last one issued when it joined; its restored offset when it recovered).
    private struct Live {
        var pid: String
        var joinedAfter: UInt64
        var recovered: Bool
    }

    /// A socket whose connection was lost, waiting for its client.
    private struct Session {
        var sid: String
        var namespace: String
        var rooms: [String]
        var joinedAfter: UInt64
        var disconnectedAt: Double
    }

    private struct State {
        /// Packets in offset order; the ones before `head` are dropped (compacted now and then).
        var packets: [Stored] = []
        var head = 0
        /// The offset of `packets[head]`; offsets below it are gone.
        var firstOffset: UInt64 = 1
        var sessions: [String: Session] = [:]
        var live: [Key: Live] = [:]

        var lastOffset: UInt64 { firstOffset + UInt64(packets.count - head) - 1 }
    }

    /// A session taken for a reconnecting client.
    struct Restored: Sendable {
        let sid: String
        let pid: String
        let rooms: [String]
        /// Packets with a greater offset are replayed.
        let after: UInt64
    }

    let configuration: ConnectionStateRecovery
    private let state = Mutex(State())
    private let logger: Logger
    /// Starts every offset this store issues (`<tag>.<n>`): random per store, so an offset
    /// from another process or an earlier run is never taken for one of ours.
    private let offsetPrefix = String(EngineIOSessionID.generate().prefix(8)) + "."
    /// Milliseconds added to the clock, so tests can pass the window without waiting for it.
    private let clockSkew = Atomic<Int>(0)

    /// A store for `configuration`.
    init(_ configuration: ConnectionStateRecovery, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        startSweeping()
    }

    /// Moves this store's clock forward (tests of the window's end).
    package func advanceClock(seconds: Double) {
        clockSkew.add(Int(seconds * 1000), ordering: .relaxed)
    }

    private func now() -> Double {
        Self.monotonicSeconds() + Double(clockSkew.load(ordering: .relaxed)) / 1000
    }

    /// Seconds on the continuous clock since the first call.
    @Sendable static func monotonicSeconds() -> Double {
        let (seconds, attoseconds) = (ContinuousClock.now - origin).components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    private static let origin = ContinuousClock.now

    // MARK: Emitting

    /// Emits through `adapter` with the next offset as the last argument, and keeps the packet.
    func emit(
        _ event: String, _ arguments: [SocketIOValue], namespace: String, to rooms: [String]?, skip: Set<String>,
        adapter: any Adapter
    ) throws(SocketIOPacketError) {
        let time = now()
        try state.withLock { state throws(SocketIOPacketError) in
            let offset = state.lastOffset + 1
            let packet = try SocketIOPacket.event(event, arguments + [.string(offsetPrefix + String(offset))], namespace: namespace)
            state.packets.append(Stored(packet: packet, namespace: namespace, rooms: rooms, skip: skip, emittedAt: time))
            dropExpiredPackets(&state, now: time)
            // Still under the lock: the next emit's offset cannot reach a client first.
            adapter.emit(packet, namespace: namespace, to: rooms, skip: skip)
        }
    }

    private func parseOffset(_ text: String) -> UInt64? {
        guard text.hasPrefix(offsetPrefix) else { return nil }
        return UInt64(text.dropFirst(offsetPrefix.count))
    }

    // MARK: Connecting

    /// The session a CONNECT's `auth` (`{"pid": …, "offset": …}`) names, taken out of the
    /// store, when it is still within the window, belongs to `namespace`, and every packet
    /// after its offset is still kept. Nil means a new session.
    func restore(auth: SocketIOValue?, namespace: String) -> Restored? {
        guard case .object(let fields)? = auth, case .string(let pid)? = fields["pid"] else { return nil }
        var offset: UInt64?
        switch fields["offset"] {
        case nil, .null?: offset = nil
        case .string(let text)?:
            // Another server's (or an earlier run's) offset means nothing here.
            guard let parsed = parseOffset(text) else { return nil }
            offset = parsed
        default: return nil
        }
        let time = now()
        return state.withLock { state -> Restored? in
            guard let session = state.sessions[pid], session.namespace == namespace else { return nil }
            state.sessions[pid] = nil
            guard time - session.disconnectedAt <= configuration.maxDisconnectionDuration else { return nil }
            // A client that saw no event yet sends no offset: it missed all since it joined.
            // Nothing before it joined was meant for it, whatever stale offset it sends.
            let after = max(offset ?? session.joinedAfter, session.joinedAfter)
            // Every packet after `after` must still be here, and `after` must have been issued.
            guard after + 1 >= state.firstOffset, after <= state.lastOffset else { return nil }
            return Restored(sid: session.sid, pid: pid, rooms: session.rooms, after: after)
        }
    }

    /// Joins the socket to the adapter. A restored one first gets the packets emitted after
    /// its offset that were meant for it (its sid or one of its rooms, not skipped), then
    /// rejoins its rooms; both under the lock, so no emit falls between.
    /// - Returns: the socket's private session id, for the CONNECT reply.
    func join(
        sid: String, namespace: String, receiver: any SocketIOPacketReceiver, restored: Restored?, adapter: any Adapter
    ) -> String {
        let pid = restored?.pid ?? EngineIOSessionID.generate()
        state.withLock { state in
            if let restored {
                // Dropped since `restore` only if the cap was passed in between: replay what is left.
                let missing = state.firstOffset > restored.after + 1
                if missing { logger.warning("Connection state recovery: packets for \(sid) dropped (maxPackets) while it reconnected") }
                let start = state.head + (missing ? 0 : Int(restored.after + 1 - state.firstOffset))
                let rooms = Set(restored.rooms)
                for stored in state.packets[min(start, state.packets.count)...] where stored.namespace == namespace {
                    guard !stored.skip.contains(sid) else { continue }
                    if let targets = stored.rooms, !targets.contains(where: rooms.contains) { continue }
                    receiver.receive(EncodedSocketIOPacket(stored.packet))
                }
            }
            adapter.connect(sid: sid, namespace: namespace, receiver: receiver)
            for room in restored?.rooms ?? [] where room != sid {
                adapter.enterRoom(sid: sid, namespace: namespace, room: room)
            }
            // A restored socket has seen everything up to its offset (what was just replayed
            // may still be on its way); a new one, everything up to now.
            let floor = restored?.after ?? state.lastOffset
            state.live[Key(namespace: namespace, sid: sid)] = Live(pid: pid, joinedAfter: floor, recovered: restored != nil)
        }
        return pid
    }

    /// The private session id of a connected socket.
    func pid(sid: String, namespace: String) -> String? {
        state.withLock { $0.live[Key(namespace: namespace, sid: sid)]?.pid }
    }

    /// True when the socket's connection was recovered. Node: `socket.recovered`.
    func isRecovered(sid: String, namespace: String) -> Bool {
        state.withLock { $0.live[Key(namespace: namespace, sid: sid)]?.recovered ?? false }
    }

    // MARK: Disconnecting

    /// Keeps the session of a socket whose connection was lost (`reason` recoverable), with
    /// its `rooms`; any other reason forgets it. Node: `Socket._onclose` → `persistSession`.
    func leave(sid: String, namespace: String, reason: DisconnectReason?, rooms: @autoclosure () -> [String]) {
        let keep = reason.map { DisconnectReason.recoverable.contains($0) } ?? false
        let rooms = keep ? rooms() : []
        let time = now()
        state.withLock { state in
            guard let live = state.live.removeValue(forKey: Key(namespace: namespace, sid: sid)), keep else { return }
            if state.sessions.count >= configuration.maxSessions,
               let oldest = state.sessions.min(by: { $0.value.disconnectedAt < $1.value.disconnectedAt }) {
                logger.warning("Connection state recovery holds \(configuration.maxSessions) sessions (maxSessions); dropped the oldest")
                state.sessions[oldest.key] = nil
            }
            state.sessions[live.pid] = Session(
                sid: sid, namespace: namespace, rooms: rooms, joinedAfter: live.joinedAfter, disconnectedAt: time)
        }
    }

    // MARK: Sweeping

    /// Drops the packets and sessions older than the window (and packets past the cap).
    func sweep() {
        let time = now()
        state.withLock { state in
            dropExpiredPackets(&state, now: time)
            state.sessions = state.sessions.filter { time - $0.value.disconnectedAt <= configuration.maxDisconnectionDuration }
        }
    }

    /// How many packets and sessions are kept (tests and logs).
    package var counts: (packets: Int, sessions: Int) {
        state.withLock { ($0.packets.count - $0.head, $0.sessions.count) }
    }

    private func dropExpiredPackets(_ state: inout State, now time: Double) {
        let window = configuration.maxDisconnectionDuration
        while state.head < state.packets.count,
              state.packets.count - state.head > configuration.maxPackets || time - state.packets[state.head].emittedAt > window {
            state.head += 1
            state.firstOffset += 1
        }
        // Copy out the kept part once the dropped part is the larger half: amortised O(1)
        // per packet, and the old buffer goes back (all of it when nothing is kept).
        if state.head == state.packets.count {
            if state.packets.capacity > 0 { state.packets = [] }
            state.head = 0
        } else if state.head > 64, state.head * 2 > state.packets.count {
            state.packets = Array(state.packets[state.head...])
            state.head = 0
        }
    }

    /// Sweeps every so often (Node: every minute) while the store lives, so memory goes back
    /// even when nothing is emitted or reconnects.
    private func startSweeping() {
        let interval = max(1.0, min(60.0, configuration.maxDisconnectionDuration / 2))
        Task.detached(priority: .background) { [weak self] in
            while true {
                try? await Task.sleep(for: .seconds(interval))
                guard let self else { return }
                self.sweep()
            }
        }
    }
}
