import Synchronization

/// Answers the client's acknowledgement request for one event; call it like a function:
/// `socketio.on("e") { data, ack in ack("done", 42) }`.
///
/// Only the first call sends; later calls, and calls for an event that asked for no
/// acknowledgement, do nothing.
///
/// python-socketio: the handler's return value, sent as the ACK payload.
public final class SocketIOAck: Sendable {
    /// The id of the EVENT, or nil when the client asked for no acknowledgement.
    public let id: Int?
    let namespace: String
    private let client: SocketIOClientConnection?
    private let sent = Atomic<Bool>(false)

    init(id: Int?, namespace: String, client: SocketIOClientConnection?) {
        self.id = id
        self.namespace = namespace
        self.client = client
    }

    /// True when the client asked for an acknowledgement.
    public var isRequested: Bool { id != nil }

    /// True once the acknowledgement has been sent.
    public var isSent: Bool { sent.load(ordering: .acquiring) }

    /// Sends the ACK with `values` as its arguments (binary ones make it a BINARY_ACK).
    public func callAsFunction(_ values: any SocketIOValueConvertible...) {
        send(values.map(\.socketIOValue))
    }

    /// Sends the ACK with `values`, unless one was sent already.
    public func send(_ values: [SocketIOValue]) {
        guard let id, let client else { return }
        guard sent.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        guard let packet = try? SocketIOPacket.ack(values, id: id, namespace: namespace) else { return }
        client.receive(EncodedSocketIOPacket(packet))
    }
}
