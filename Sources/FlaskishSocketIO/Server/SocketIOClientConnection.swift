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
        /// Bytes of the packet being decoded so far (its text and the attachments received).
        var decodingBytes = 0
        /// Connected namespaces and their sids.
        var namespaces: [String: String] = [:]
        var pendingAcks: [Int: (namespace: String, callback: AckCallback)] = [:]
        var lastAckID = 0
        var isClosed = false
        /// While a connect handler runs: what was sent to the client meanwhile, which leaves
        /// after the CONNECT reply (nil when not holding).
        var held: [EncodedSocketIOPacket]?
        /// True once a CONNECT packet arrived (the connect time-out stops caring).
        var receivedConnect = false
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
        self.queue = SerialTaskQueue(
            executor: transport.executor,
            limits: SerialTaskQueue.Limits(packets: limits.maxQueuedPackets, bytes: limits.maxQueuedBytes))
        self.state = Mutex(State(decoder: SocketIOPacketDecoder(limits: limits)))
        if let flow = transport as? any SocketIOFlowControl {
            queue.onPressure = { full in
                if full { flow.pauseReceiving() } else { flow.resumeReceiving() }
            }
        }
    }

    /// Sends an encoded packet, unless the connection is closed; while a connect handler
    /// runs, the packet waits for the CONNECT reply.
    func receive(_ packet: EncodedSocketIOPacket) {
        sendLock.withLock { _ in
            let send = state.withLock { state -> Bool in
                if state.isClosed { return false }
                if state.held != nil {
                    state.held!.append(packet)
                    return false
                }
                return true
            }
            if send { transmit(packet) }
        }
    }

    /// Sendlock held.
    private func transmit(_ packet: EncodedSocketIOPacket) {
        if packet.attachments.isEmpty {
            transport.send(text: packet.text)
        } else {
            transport.send([.text(packet.text)] + packet.attachments.map { .binary($0) })
        }
    }

    /// Holds what is sent to the client from now until ``finishConnect(reply:refused:)``:
    /// the protocol wants the namespace's CONNECT reply first, and the reply depends on the
    /// connect handler, which may emit.
    func holdUntilConnected() {
        state.withLock { if $0.held == nil { $0.held = [] } }
    }

    /// Sends `reply` (CONNECT or CONNECT_ERROR), then what was held meanwhile, in order.
    /// With `refused`, what was held for that namespace is dropped: a refused client hears
    /// nothing its handler emitted.
    func finishConnect(reply: EncodedSocketIOPacket, refused namespace: String? = nil) {
        sendLock.withLock { _ in
            // Still holding while the held packets are handed on, so a broadcast that looks
            // now goes through `receive` (and waits for this lock) instead of posting its
            // shared frame ahead of them.
            let held = state.withLock { state -> [EncodedSocketIOPacket]? in
                if state.isClosed { return nil }
                defer { state.held = state.held.map { _ in [] } }
                return state.held ?? []
            }
            guard let held else { return }
            transmit(reply)
            for packet in held where namespace == nil || Self.namespace(ofEncoded: packet.text) != namespace {
                transmit(packet)
            }
            state.withLock { $0.held = nil }
        }
    }

    /// The namespace an encoded packet's text names (`/` when it names none).
    static func namespace(ofEncoded text: String) -> String {
        var utf8 = Substring(text).utf8.dropFirst()
        if let type = text.utf8.first, type == UInt8(ascii: "5") || type == UInt8(ascii: "6"),
           let dash = utf8.firstIndex(of: UInt8(ascii: "-")) {
            utf8 = utf8[utf8.index(after: dash)...]
        }
        guard utf8.first == UInt8(ascii: "/") else { return "/" }
        let end = utf8.firstIndex(of: UInt8(ascii: ",")) ?? utf8.endIndex
        return String(Substring(utf8[..<end]))
    }

    /// The connection a broadcast may post a shared frame to directly: an open WebSocket
    /// transport, this client not closed and not holding packets for a CONNECT reply.
    var directConnection: Connection? {
        guard let engineSocket, state.withLock({ !$0.isClosed && $0.held == nil }) else { return nil }
        return engineSocket.openWebSocketConnection
    }

    /// Feeds one Engine.IO message to the decoder.
    /// - Returns: a complete packet and its size in bytes (text and attachments), or nil
    ///   while attachments are pending or after close.
    func decode(_ message: SocketIOTransportMessage) throws(SocketIOPacketError) -> (packet: SocketIOPacket, bytes: Int)? {
        try state.withLock { state throws(SocketIOPacketError) -> (packet: SocketIOPacket, bytes: Int)? in
            if state.isClosed { return nil }
            let packet: SocketIOPacket?
            switch message {
            case .text(let text):
                state.decodingBytes += text.utf8.count
                packet = try state.decoder.decode(text: text)
            case .binary(let bytes):
                state.decodingBytes += bytes.count
                packet = try state.decoder.decode(binary: bytes)
            }
            guard let packet else { return nil }
            defer { state.decodingBytes = 0 }
            if packet.type == .connect { state.receivedConnect = true }
            return (packet, state.decodingBytes)
        }
    }

    /// True once the client sent a CONNECT for any namespace.
    var hasReceivedConnect: Bool { state.withLock { $0.receivedConnect } }

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
            state.held = nil
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
