import Dispatch
import Flaskish
import Synchronization

/// The Socket.IO v5 protocol server: turns Engine.IO connections and messages into namespace
/// connections, events and acknowledgements, and carries out emits through its ``Adapter``.
///
/// The Engine.IO server drives it through three calls: ``engineConnected(_:)``,
/// ``engineMessage(_:_:)`` and ``engineDisconnected(_:reason:)``. They return at once; handlers
/// run later, one client's in arrival order, different clients' in parallel.
///
/// python-socketio: `socketio.Server` (the `_handle_*` methods and `emit`).
public final class SocketIOServer: Sendable {
    /// Rooms and fan-out.
    public let adapter: any Adapter
    /// Bounds on each client's packets.
    public let limits: SocketIOLimits
    /// Where protocol trouble is reported.
    let logger: Logger
    /// Connection state recovery's store; nil (the default) when it is off.
    package let recovery: RecoveryStore?
    /// How long a new Engine.IO session may go without sending a CONNECT for any namespace
    /// before it is closed. Node: `connectTimeout` (45 s).
    public let connectTimeout: Duration
    /// Whether the CONNECT reply goes out before the connect handler runs (a refusal then
    /// becomes a DISCONNECT). Flask-SocketIO / python-socketio: `always_connect`.
    public let alwaysConnect: Bool

    private struct SocketKey: Hashable { var namespace: String; var sid: String }
    private let clients = Mutex<[String: SocketIOClientConnection]>([:])
    private let sockets = Mutex<[SocketKey: SocketIOClientConnection]>([:])
    private let delegateBox = Mutex<WeakDelegate>(WeakDelegate())

    private struct WeakDelegate: @unchecked Sendable {
        weak var value: (any SocketIOServerDelegate)?
    }

    /// A server delivering through `adapter`, recovering lost connections when
    /// `connectionStateRecovery` is given.
    public init(
        adapter: any Adapter = InMemoryAdapter(), limits: SocketIOLimits = SocketIOLimits(),
        logger: Logger = Logger(name: "socketio"), connectTimeout: Duration = .seconds(45), alwaysConnect: Bool = false,
        connectionStateRecovery: ConnectionStateRecovery? = nil
    ) {
        self.adapter = adapter
        self.limits = limits
        self.logger = logger
        self.recovery = Self.recoveryStore(connectionStateRecovery, adapter: adapter, logger: logger)
        self.connectTimeout = connectTimeout
        self.alwaysConnect = alwaysConnect
    }

    /// The handlers; held weakly (the API's ``SocketIO`` owns this server).
    package var delegate: (any SocketIOServerDelegate)? {
        get { delegateBox.withLock { $0.value } }
        set { delegateBox.withLock { $0.value = newValue } }
    }

    // MARK: Engine.IO entry points

    /// A new Engine.IO session opened. python-socketio: `_handle_eio_connect`.
    package func engineConnected(_ transport: any SocketIOTransport) {
        let client = SocketIOClientConnection(transport: transport, limits: limits)
        clients.withLock { $0[transport.sid] = client }
        scheduleConnectTimeout(for: client)
    }

    /// Closes the session if no CONNECT has arrived after ``connectTimeout``, as Node does
    /// (`Client` constructor): an Engine.IO session that answers pings but never joins a
    /// namespace would otherwise hold its resources for ever.
    private func scheduleConnectTimeout(for client: SocketIOClientConnection) {
        let (seconds, attoseconds) = connectTimeout.components
        let nanoseconds = max(0, Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
        // By sid, not by a reference: no weak reference (a side table would slow every retain
        // of these hot objects, see architecture.md), and no strong one keeping a closed
        // client alive until the timer fires.
        let sid = client.transport.sid
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [self] in
            guard let client = self.client(engineSid: sid), !client.isClosed, !client.hasReceivedConnect else { return }
            logger.info("Socket.IO client \(sid) sent no CONNECT within connectTimeout; closing it")
            client.transport.close()
        }
    }

    /// An Engine.IO message arrived. Decoding happens here; handlers run on the client's queue.
    /// A packet the decoder refuses disconnects this client only.
    ///
    /// python-socketio: `_handle_eio_message`.
    package func engineMessage(_ transport: any SocketIOTransport, _ message: SocketIOTransportMessage) {
        guard let client = clients.withLock({ $0[transport.sid] }) else { return }
        let decoded: (packet: SocketIOPacket, bytes: Int)?
        do {
            decoded = try client.decode(message)
        } catch {
            logger.warning("Socket.IO client \(transport.sid) sent a bad packet, disconnecting: \(error)")
            teardown(client, reason: .parseError)
            transport.close()
            return
        }
        guard let (packet, bytes) = decoded else { return }
        switch packet.type {
        case .connect:
            client.queue.enqueuePacket(bytes: bytes, discardable: false) { [self] in await handleConnect(client, packet) }
        case .disconnect:
            client.queue.enqueuePacket(bytes: bytes, discardable: false) { [self] in await handleClientDisconnect(client, namespace: packet.namespace) }
        case .event, .binaryEvent:
            // An event nothing would handle costs its decoding only: no job, no queue space.
            guard let name = packet.eventName, delegate?.handlesEvent(name, namespace: packet.namespace) ?? false else {
                logger.debug("Socket.IO event \"\(packet.eventName ?? "")\" [\(packet.namespace)] has no handler")
                return
            }
            client.queue.enqueuePacket(bytes: bytes, discardable: true) { [self] in await handleEvent(client, packet) }
        case .ack, .binaryAck:
            // Not queued: a handler may be waiting for this very ACK.
            guard let id = packet.id, let callback = client.takeAck(id: id, namespace: packet.namespace) else { return }
            let arguments = packet.arguments
            Task(executorPreference: transport.executor) { await callback(arguments) }
        case .connectError:
            logger.warning("Socket.IO client \(transport.sid) sent CONNECT_ERROR, disconnecting")
            teardown(client, reason: .parseError)
            transport.close()
        }
    }

    /// The Engine.IO session ended: every namespace of the client disconnects with `reason`.
    ///
    /// python-socketio: `_handle_eio_disconnect`.
    package func engineDisconnected(_ transport: any SocketIOTransport, reason: DisconnectReason) {
        guard let client = clients.withLock({ $0[transport.sid] }) else { return }
        teardown(client, reason: reason)
    }

    /// Closes the client once: its namespaces' disconnect handlers run on its queue (after
    /// any handler still running), then it is forgotten.
    ///
    /// Events still waiting for a handler are dropped unless the client closed on purpose
    /// (`clientDisconnect`: what it sent before its close is handled, as it expects): a
    /// client whose transport died or timed out, or that the server closed, would get no
    /// answer, and running its backlog would only spend the server's time on a dead socket.
    /// python-socketio and Node start every received event at once, so theirs all run.
    private func teardown(_ client: SocketIOClientConnection, reason: DisconnectReason) {
        guard client.close() else { return }
        if reason != .clientDisconnect {
            let dropped = client.queue.discardWaitingPackets()
            if dropped > 0 {
                logger.info("Socket.IO client \(client.transport.sid) left (\(reason.rawValue)) with \(dropped) events not yet handled; dropped them")
            }
        }
        client.queue.enqueue { [self] in
            // Read here, after the jobs queued before the close: a DISCONNECT the client sent
            // just before closing keeps its own reason.
            for (namespace, sid) in client.takeNamespaces().sorted(by: { $0.key < $1.key }) {
                // A connection its handler refused meanwhile was never connected.
                guard self.client(of: sid, namespace: namespace) === client else { continue }
                let socket = SocketIOSocket(sid: sid, namespace: namespace, client: client)
                await delegate?.disconnect(socket, reason: reason)
                keepForRecovery(socket, reason: reason)
                forget(socket)
            }
            clients.withLock { if $0[client.transport.sid] === client { $0[client.transport.sid] = nil } }
        }
    }

    // MARK: Packet handling

    private func handleConnect(_ client: SocketIOClientConnection, _ packet: SocketIOPacket) async {
        let namespace = packet.namespace
        if let sid = client.sid(in: namespace) {
            // A repeated CONNECT: answer as before rather than make a second socket.
            let pid = recovery?.pid(sid: sid, namespace: namespace)
            send(to: client) { () throws(SocketIOPacketError) in try .connect(namespace: namespace, connectPayload(sid: sid, pid: pid)) }
            return
        }
        guard let delegate, delegate.handlesNamespace(namespace) else {
            send(to: client) { () throws(SocketIOPacketError) in try .connectError(namespace: namespace, message: "Invalid namespace") }
            return
        }
        // Connection state recovery: a known pid gets its old sid back (nil when off).
        let restored = recovery?.restore(auth: packet.data, namespace: namespace)
        let sid = restored?.sid ?? EngineIOSessionID.generate()
        let socket = SocketIOSocket(sid: sid, namespace: namespace, client: client)
        guard client.addNamespace(namespace, sid: sid) else { return }
        if !alwaysConnect { client.holdUntilConnected() }
        // Connected before the handler runs, so it can already join rooms and emit; what
        // it sends waits for the CONNECT reply (CONNECT first, as the protocol has it).
        sockets.withLock { $0[SocketKey(namespace: namespace, sid: sid)] = client }
        let pid = join(socket, restored: restored)
        if alwaysConnect {
            send(to: client) { () throws(SocketIOPacketError) in try .connect(namespace: namespace, connectPayload(sid: sid, pid: pid)) }
        }
        let refusal = await delegate.connect(socket, auth: packet.data)
        if refusal != nil {
            _ = client.removeNamespace(namespace)
            forget(socket)
        }
        switch (refusal, alwaysConnect) {
        case (nil, false):
            finishConnect(client, refused: nil) { () throws(SocketIOPacketError) in try .connect(namespace: namespace, connectPayload(sid: sid, pid: pid)) }
        case (let refusal?, false):
            finishConnect(client, refused: namespace) { () throws(SocketIOPacketError) in
                try .connectError(namespace: namespace, message: refusal.message, data: refusal.data)
            }
        case (nil, true):
            break
        case (_?, true):
            // Already told it was connected: python-socketio's `always_connect` then sends
            // a DISCONNECT for the namespace.
            send(to: client) { () throws(SocketIOPacketError) in try .disconnect(namespace: namespace) }
        }
    }

    private func finishConnect(
        _ client: SocketIOClientConnection, refused namespace: String?, _ make: () throws(SocketIOPacketError) -> SocketIOPacket
    ) {
        do {
            client.finishConnect(reply: EncodedSocketIOPacket(try make()), refused: namespace)
        } catch {
            // Only a namespace the decoder accepted gets here, so this is a bug: end the
            // session rather than hold its packets for ever.
            logger.error("Socket.IO could not build a CONNECT reply, closing the session: \(error)")
            client.transport.close()
        }
    }

    private func handleClientDisconnect(_ client: SocketIOClientConnection, namespace: String) async {
        guard let sid = client.removeNamespace(namespace) else { return }
        let socket = SocketIOSocket(sid: sid, namespace: namespace, client: client)
        await delegate?.disconnect(socket, reason: .clientDisconnect)
        forget(socket)
    }

    private func handleEvent(_ client: SocketIOClientConnection, _ packet: SocketIOPacket) async {
        guard let sid = client.sid(in: packet.namespace), let name = packet.eventName else {
            logger.warning("Socket.IO client \(client.transport.sid) sent an event to \(packet.namespace), which it has not connected to")
            return
        }
        let socket = SocketIOSocket(sid: sid, namespace: packet.namespace, client: client)
        let ack = SocketIOAck(id: packet.id, namespace: packet.namespace, client: client)
        if let values = await delegate?.event(socket, name: name, arguments: packet.arguments, ack: ack) {
            ack.send(values)
        }
    }

    /// The connection carrying socket `sid` of `namespace`.
    func client(of sid: String, namespace: String) -> SocketIOClientConnection? {
        sockets.withLock { $0[SocketKey(namespace: namespace, sid: sid)] }
    }

    /// The connection of the Engine.IO session `engineSid`.
    func client(engineSid: String) -> SocketIOClientConnection? {
        clients.withLock { $0[engineSid] }
    }

    /// Removes a socket that has disconnected from the index and the adapter.
    func forgetSocket(_ socket: SocketIOSocket) { forget(socket) }

    private func forget(_ socket: SocketIOSocket) {
        sockets.withLock { sockets in
            let key = SocketKey(namespace: socket.namespace, sid: socket.sid)
            if sockets[key] === socket.client { sockets[key] = nil }
        }
        adapter.disconnect(sid: socket.sid, namespace: socket.namespace)
        recovery?.leave(sid: socket.sid, namespace: socket.namespace, reason: nil, rooms: [])
    }

    private func send(to client: SocketIOClientConnection, _ make: () throws(SocketIOPacketError) -> SocketIOPacket) {
        do {
            client.receive(EncodedSocketIOPacket(try make()))
        } catch {
            logger.error("Socket.IO could not build a packet: \(error)")
        }
    }
}
