import Flaskish

extension SocketIOServer {
    /// Sends an event to the sockets of `namespace` in any of `rooms` (all of them when nil),
    /// except those in `skip`.
    ///
    /// Without a callback the packet is encoded once and handed to every recipient. With one,
    /// each recipient gets its own ack id and `callback` runs once per acknowledgement.
    ///
    /// python-socketio: `Server.emit(event, data, to=, skip_sid=, namespace=, callback=)`.
    /// - Throws: ``SocketIOPacketError/invalidNamespace(_:)``.
    public func emit(
        _ event: String, _ arguments: [SocketIOValue], namespace: String = "/", to rooms: [String]? = nil,
        skip: Set<String> = [], callback: (@Sendable ([SocketIOValue]) async -> Void)? = nil
    ) throws(SocketIOPacketError) {
        // Connection state recovery keeps and numbers what it emits; off, this is the one check.
        if let recovery, callback == nil {
            return try recovery.emit(event, arguments, namespace: namespace, to: rooms, skip: skip, adapter: adapter)
        }
        let packet = try SocketIOPacket.event(event, arguments, namespace: namespace)
        guard let callback else {
            adapter.emit(packet, namespace: namespace, to: rooms, skip: skip)
            return
        }
        if let rooms, rooms.count == 1, client(of: rooms[0], namespace: namespace) == nil,
           let cluster = adapter as? any ClusterAdapter {
            // Not a socket of this process: another one may have it (MessageQueue/).
            cluster.emitRemote(event, arguments, namespace: namespace, sid: rooms[0], callback: callback)
        }
        try emitLocally(event, arguments, namespace: namespace, to: rooms, skip: skip, callback: callback)
    }

    /// Sends an event expecting ACKs to this process's sockets only: each gets its own ack id.
    package func emitLocally(
        _ event: String, _ arguments: [SocketIOValue], namespace: String, to rooms: [String]?,
        skip: Set<String>, callback: @escaping @Sendable ([SocketIOValue]) async -> Void
    ) throws(SocketIOPacketError) {
        for sid in adapter.participants(namespace: namespace, in: rooms, skip: skip) {
            guard let client = client(of: sid, namespace: namespace),
                  let id = client.registerAck(namespace: namespace, callback) else { continue }
            client.receive(EncodedSocketIOPacket(try SocketIOPacket.event(event, arguments, namespace: namespace, id: id)))
        }
    }

    /// Disconnects the socket `sid` from `namespace`: the client gets a DISCONNECT packet,
    /// then the disconnect handler runs (after any handler of that client still running)
    /// with ``DisconnectReason/serverDisconnect``.
    ///
    /// python-socketio: `Server.disconnect(sid, namespace=)`.
    public func disconnect(sid: String, namespace: String = "/") {
        guard let client = client(of: sid, namespace: namespace), client.sid(in: namespace) == sid else {
            (adapter as? any ClusterAdapter)?.disconnectRemote(sid: sid, namespace: namespace)
            return
        }
        if let packet = try? SocketIOPacket.disconnect(namespace: namespace) {
            client.receive(EncodedSocketIOPacket(packet))
        }
        _ = client.removeNamespace(namespace)
        let socket = SocketIOSocket(sid: sid, namespace: namespace, client: client)
        client.queue.enqueue { [self] in
            await delegate?.disconnect(socket, reason: .serverDisconnect)
            forgetSocket(socket)
        }
    }

    /// True while `sid` is connected to `namespace`.
    public func isConnected(sid: String, namespace: String = "/") -> Bool {
        adapter.isConnected(sid: sid, namespace: namespace)
    }

    /// Puts `sid` in `room`. python-socketio: `Server.enter_room`.
    public func enterRoom(sid: String, room: String, namespace: String = "/") {
        adapter.enterRoom(sid: sid, namespace: namespace, room: room)
    }

    /// Takes `sid` out of `room`. python-socketio: `Server.leave_room`.
    public func leaveRoom(sid: String, room: String, namespace: String = "/") {
        adapter.leaveRoom(sid: sid, namespace: namespace, room: room)
    }

    /// Empties `room`. python-socketio: `Server.close_room`.
    public func closeRoom(_ room: String, namespace: String = "/") {
        adapter.closeRoom(room, namespace: namespace)
    }

    /// The rooms `sid` is in, its own sid room included. python-socketio: `Server.rooms`.
    public func rooms(of sid: String, namespace: String = "/") -> [String] {
        adapter.rooms(of: sid, namespace: namespace)
    }

    /// The handshake request of the client behind `sid`. python-socketio: `Server.get_environ`.
    public func request(of sid: String, namespace: String = "/") -> Request? {
        client(of: sid, namespace: namespace)?.transport.request
    }
}

extension SocketIOServer {
    /// Returns once every handler queued for the Engine.IO session `engineSid` has run (tests
    /// use it to make the asynchronous server look synchronous, as Flask-SocketIO's test
    /// client turns `async_handlers` off).
    package func waitUntilIdle(engineSid: String) async {
        await client(engineSid: engineSid)?.queue.waitUntilIdle()
    }
}
