/// ACK callbacks of events sent to sockets in other processes, by target sid and ack id,
/// bounded: a process that never answers cannot make the table grow forever.
///
/// python-socketio: `BaseManager.callbacks` (`_generate_ack_id`, `trigger_callback`).
struct RemoteAckTable {
    typealias Callback = @Sendable ([SocketIOValue]) async -> Void

    private var callbacks: [String: [Int: Callback]] = [:]
    /// Registration order, for dropping the oldest at the limit.
    private var order: [(sid: String, id: Int)] = []
    private var orderHead = 0
    private var lastID = 0
    private(set) var count = 0

    /// Stores `callback`; returns its id and whether the oldest entry was dropped for room.
    mutating func register(sid: String, _ callback: @escaping Callback, limit: Int) -> (id: Int, droppedOldest: Bool) {
        lastID = lastID == Int.max ? 1 : lastID + 1
        var dropped = false
        while count >= limit, orderHead < order.count {
            let oldest = order[orderHead]
            orderHead += 1
            if callbacks[oldest.sid]?.removeValue(forKey: oldest.id) != nil {
                count -= 1
                dropped = true
            }
        }
        if orderHead > 1024, orderHead > order.count / 2 {
            order.removeFirst(orderHead)
            orderHead = 0
        }
        callbacks[sid, default: [:]][lastID] = callback
        order.append((sid, lastID))
        count += 1
        return (lastID, dropped)
    }

    /// Takes the callback for (`sid`, `id`), if still there.
    mutating func take(sid: String, id: Int) -> Callback? {
        guard let callback = callbacks[sid]?.removeValue(forKey: id) else { return nil }
        if callbacks[sid]?.isEmpty == true { callbacks[sid] = nil }
        count -= 1
        return callback
    }

    /// Drops the callbacks of a socket that disconnected here.
    mutating func forget(sid: String) {
        guard let removed = callbacks.removeValue(forKey: sid) else { return }
        count -= removed.count
    }
}
