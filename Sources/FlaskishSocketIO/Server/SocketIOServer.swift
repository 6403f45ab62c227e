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
        adapter: any Adapter = InMemoryAdapter(), limits: SocketIOLimits = SocketIOLimits(), logger: Logger = Logger(name: "socketio"),
        connectionStateRecovery: ConnectionStateRecovery? = nil
    ) {
        self.adapter = adapter
        self.limits = limits
        self.logger = logger
        self.recovery = Self.recoveryStore(connectionStateRecovery, adapter: adapter, logger: logger)
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
    }

    /// An Engine.IO message arrived. Decoding happens here; handlers run on the client's queue.
    /// A packet the decoder refuses disconnects this client only.
    ///
    /// python-socketio: `_handle_eio_message`.
    package func engineMessage(_ transport: any SocketIOTransport, _ message: SocketIOTransportMessage) {
        guard let client = clients.withLock({ $0[transport.sid] }) else { return }
        let packet: SocketIOPacket?
        do {
            packet = try client.decode(message)
        } catch {
            logger.warning("Socket.IO client \(transport.sid) sent a bad packet, disconnecting: \(error)")
            teardown(client, reason: .parseError)
            transport.close()
            return
        }
        guard let packet else { return }
        switch packet.type {
        case .connect:
            client.queue.enqueue { [self] in await handleConnect(client, packet) }
        case .disconnect:
            client.queue.enqueue { [self] in await handleClientDisconnect(client, namespace: packet.namespace) }
        case .event, .binaryEvent:
            client.queue.enqueue { [self] in await handleEvent(client, packet) }
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
    private func teardown(_ client: SocketIOClientConnection, reason: DisconnectReason) {
        guard client.close() else { return }
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
        // Connected before the handler runs, so it can already join rooms and emit.
        sockets.withLock { $0[SocketKey(namespace: namespace, sid: sid)] = client }
        let pid = join(socket, restored: restored)
        if let refusal = await delegate.connect(socket, auth: packet.data) {
            _ = client.removeNamespace(namespace)
            forget(socket)
            send(to: client) { () throws(SocketIOPacketError) in try .connectError(namespace: namespace, message: refusal.message, data: refusal.data) }
        } else {
            send(to: client) { () throws(SocketIOPacketError) in try .connect(namespace: namespace, connectPayload(sid: sid, pid: pid)) }
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
