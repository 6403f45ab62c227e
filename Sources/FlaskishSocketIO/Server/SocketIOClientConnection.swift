import Flaskish
import Synchronization

/// The Socket.IO state of one Engine.IO connection: the packet decoder, the namespaces it
/// joined (each with its own sid), the acknowledgements it owes us, and the serial queue
/// its handlers run on.
///
/// python-socketio keeps these in `Server` dictionaries keyed by the Engine.IO sid
/// (`_binary_packet`, `environ`) and in the manager (`callbacks`).
final class SocketIOClientConnection: SocketIOPacketReceiver {
    /// A callback waiting for the client's ACK of an event we sent.
    typealias AckCallback = @Sendable ([SocketIOValue]) async -> Void

    private struct State {
        var decoder: SocketIOPacketDecoder
        /// Connected namespaces and their sids.
        var namespaces: [String: String] = [:]
        var pendingAcks: [Int: (namespace: String, callback: AckCallback)] = [:]
        var lastAckID = 0
        var isClosed = false
    }

    let transport: any SocketIOTransport
    /// The transport as this server's Engine.IO socket, kept typed so a broadcast reaches it
    /// without copying the existential for each recipient.
    private let engineSocket: EngineIOSocket?
    let queue: SerialTaskQueue
    private let state: Mutex<State>
    /// Held while one packet's text and attachments are sent, so two packets sent from
    /// different threads never interleave their parts.
    private let sendLock = Mutex(())

    init(transport: any SocketIOTransport, limits: SocketIOLimits) {
        self.transport = transport
        self.engineSocket = transport as? EngineIOSocket
        self.queue = SerialTaskQueue(executor: transport.executor)
        self.state = Mutex(State(decoder: SocketIOPacketDecoder(limits: limits)))
    }

    /// Sends an encoded packet, unless the connection is closed.
    func receive(_ packet: EncodedSocketIOPacket) {
        if state.withLock({ $0.isClosed }) { return }
        sendLock.withLock { _ in
            if packet.attachments.isEmpty {
                transport.send(text: packet.text)
            } else {
                transport.send([.text(packet.text)] + packet.attachments.map { .binary($0) })
            }
        }
    }

    /// The connection a broadcast may post a shared frame to directly: an open WebSocket
    /// transport, and this client not closed.
    var directConnection: Connection? {
        guard let engineSocket, !isClosed else { return nil }
        return engineSocket.openWebSocketConnection
    }

    /// Feeds one Engine.IO message to the decoder.
    /// - Returns: a complete packet, or nil while attachments are pending or after close.
    func decode(_ message: SocketIOTransportMessage) throws(SocketIOPacketError) -> SocketIOPacket? {
        try state.withLock { state throws(SocketIOPacketError) -> SocketIOPacket? in
            if state.isClosed { return nil }
            switch message {
            case .text(let text): return try state.decoder.decode(text: text)
            case .binary(let bytes): return try state.decoder.decode(binary: bytes)
            }
        }
    }

    var isClosed: Bool { state.withLock { $0.isClosed } }

    /// Marks the connection closed: nothing more is sent or decoded. Returns false when it
    /// was closed already. Pending acknowledgements are dropped, as python-socketio drops its
    /// callbacks on disconnect. The namespaces stay until ``takeNamespaces()``, so packets
    /// queued before the close (a DISCONNECT among them) are still handled in order.
    func close() -> Bool {
        state.withLock { state in
            if state.isClosed { return false }
            state.isClosed = true
            state.pendingAcks = [:]
            state.decoder.reset()
            return true
        }
    }

    /// The namespaces still connected, which are forgotten.
    func takeNamespaces() -> [String: String] {
        state.withLock { state in
            defer { state.namespaces = [:] }
            return state.namespaces
        }
    }

    /// The sid of `namespace` while connected.
    func sid(in namespace: String) -> String? { state.withLock { $0.namespaces[namespace] } }

    /// Records a connected namespace; false when the connection has closed meanwhile.
    func addNamespace(_ namespace: String, sid: String) -> Bool {
        state.withLock { state in
            if state.isClosed { return false }
            state.namespaces[namespace] = sid
            return true
        }
    }

    /// Forgets a namespace; returns its sid if it was connected.
    func removeNamespace(_ namespace: String) -> String? {
        state.withLock { $0.namespaces.removeValue(forKey: namespace) }
    }

    /// Registers a callback for an ACK and returns the id to send with the event.
    func registerAck(namespace: String, _ callback: @escaping AckCallback) -> Int? {
        state.withLock { state in
            if state.isClosed { return nil }
            state.lastAckID = state.lastAckID == Int.max ? 1 : state.lastAckID + 1
            state.pendingAcks[state.lastAckID] = (namespace, callback)
            return state.lastAckID
        }
    }

    /// Takes the callback waiting for ACK `id` in `namespace`, if any.
    func takeAck(id: Int, namespace: String) -> AckCallback? {
        state.withLock { state in
            guard let pending = state.pendingAcks[id], pending.namespace == namespace else { return nil }
            state.pendingAcks[id] = nil
            return pending.callback
        }
    }
}
