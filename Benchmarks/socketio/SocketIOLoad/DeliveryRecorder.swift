/// Checks and times fan-out deliveries: every receiver must get every sequence number,
/// once, in order. All storage is allocated up front (one bit per receiver and message, one
/// 32-bit latency per expected delivery), so recording allocates nothing.
final class DeliveryRecorder {
    let receivers: Int
    let messages: Int
    private let wordsPerReceiver: Int
    private var seen: [UInt64]
    /// Latencies in microseconds, in arrival order.
    private(set) var latencies: [UInt32]
    /// The same per receiver group (the server port a receiver is on), when there are several:
    /// in a cluster run, group 0 shares the sender's process and the others are reached
    /// through the message queue.
    private var groupLatencies: [[UInt32]]

    private(set) var uniqueDeliveries = 0
    private(set) var duplicates = 0
    private(set) var outOfOrder = 0
    private(set) var malformed = 0
    /// The sender's copies of its own broadcasts (`send(..., broadcast=True)` includes it).
    private(set) var senderEchoes = 0
    private(set) var firstDeliveryAt: UInt64 = 0
    private(set) var lastDeliveryAt: UInt64 = 0

    /// The `42["message",` prefix every delivery starts with.
    private static let prefix: [UInt8] = Array(#"42["message","#.utf8)

    init(receivers: Int, messages: Int, groups: Int = 1) {
        self.receivers = receivers
        self.messages = messages
        wordsPerReceiver = (messages + 63) / 64
        seen = [UInt64](repeating: 0, count: receivers * wordsPerReceiver)
        latencies = []
        latencies.reserveCapacity(receivers * messages)
        groupLatencies = groups > 1 ? (0..<groups).map { _ in
            var group: [UInt32] = []
            group.reserveCapacity(receivers * messages / groups + messages)
            return group
        } : []
        groupSorted = [Bool](repeating: false, count: groupLatencies.count)
    }

    /// Records one EVENT packet read by `client` at `now` (monotonic ns).
    func record(_ client: LoadClient, _ packet: UnsafeRawBufferPointer, now: UInt64) {
        guard let (sequence, sentAt) = Self.parse(packet), sequence < messages, sentAt <= now else {
            malformed += 1
            return
        }
        if client.isSender {
            senderEchoes += 1
            return
        }
        let receiver = client.number
        guard receiver < receivers else { malformed += 1; return }
        let word = receiver * wordsPerReceiver + sequence >> 6
        let bit = UInt64(1) << UInt64(sequence & 63)
        if seen[word] & bit != 0 {
            duplicates += 1
            return
        }
        seen[word] |= bit
        if sequence < client.lastSequence { outOfOrder += 1 } else { client.lastSequence = sequence }
        uniqueDeliveries += 1
        if firstDeliveryAt == 0 { firstDeliveryAt = now }
        lastDeliveryAt = now
        let micros = UInt32(clamping: (now - sentAt) / 1_000)
        latencies.append(micros)
        if !groupLatencies.isEmpty && client.group < groupLatencies.count { groupLatencies[client.group].append(micros) }
    }

    /// The sequence number and send time from `42["message","<seq>:<ns>…"]` or
    /// `42["message",{"seq":<seq>,"t":<ns>…}]`: the first two runs of digits after the prefix.
    static func parse(_ packet: UnsafeRawBufferPointer) -> (sequence: Int, sentAt: UInt64)? {
        guard packet.count > prefix.count else { return nil }
        for index in 0..<prefix.count where packet[index] != prefix[index] { return nil }
        var index = prefix.count
        func nextNumber() -> UInt64? {
            while index < packet.count && !(0x30...0x39).contains(packet[index]) { index += 1 }
            guard index < packet.count else { return nil }
            var value: UInt64 = 0
            var digits = 0
            while index < packet.count, (0x30...0x39).contains(packet[index]), digits < 19 {
                value = value * 10 + UInt64(packet[index] - 0x30)
                index += 1
                digits += 1
            }
            return value
        }
        guard let sequence = nextNumber(), let sentAt = nextNumber(), sequence <= UInt64(Int.max) else { return nil }
        return (Int(sequence), sentAt)
    }

    /// Receivers × messages not delivered.
    var missing: Int { receivers * messages - uniqueDeliveries }

    /// The latency (ms) at `fraction` (0.5, 0.99, 1.0) over all deliveries; sorts once.
    func latencyMilliseconds(at fraction: Double) -> Double? {
        guard !latencies.isEmpty else { return nil }
        if !sorted { latencies.sort(); sorted = true }
        let rank = min(latencies.count - 1, max(0, Int((fraction * Double(latencies.count)).rounded(.up)) - 1))
        return Double(latencies[rank]) / 1_000
    }

    /// The latency (ms) at `fraction` over the deliveries to receiver group `group` (nil when
    /// deliveries were not grouped or the group got none).
    func latencyMilliseconds(at fraction: Double, group: Int) -> Double? {
        guard group < groupLatencies.count, !groupLatencies[group].isEmpty else { return nil }
        if !groupSorted[group] { groupLatencies[group].sort(); groupSorted[group] = true }
        let values = groupLatencies[group]
        let rank = min(values.count - 1, max(0, Int((fraction * Double(values.count)).rounded(.up)) - 1))
        return Double(values[rank]) / 1_000
    }

    /// Deliveries to receiver group `group` (0 when not grouped).
    func deliveries(group: Int) -> Int { group < groupLatencies.count ? groupLatencies[group].count : 0 }

    /// The mean latency in ms.
    var meanLatencyMilliseconds: Double? {
        guard !latencies.isEmpty else { return nil }
        var total: UInt64 = 0
        for value in latencies { total += UInt64(value) }
        return Double(total) / Double(latencies.count) / 1_000
    }

    private var sorted = false
    private var groupSorted: [Bool]
}
