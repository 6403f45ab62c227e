import Flaskish
import Synchronization

// What a process does with its cluster's messages. Runs on the Redis client's loop thread,
// one message at a time in channel order; nothing here blocks (deliveries are posted to the
// connections' loops, handlers queued on their clients).
extension RedisAdapter {
    /// Handles one message from the channel; a bad one is logged and ignored.
    func handle(_ payload: [UInt8]) {
        let message: PubSubMessage
        do {
            message = try PubSubMessage(decoding: payload)
        } catch {
            let preview = String(decoding: payload.prefix(120), as: UTF8.self)
            logger.warning("ignoring a bad message on Redis channel \(channel): \(error): \(preview)")
            return
        }
        if case .callback(let sid, _, let id, let arguments, let host) = message {
            guard host == hostID else { return }
            guard let callback = remoteAcks.withLock({ $0.take(sid: sid, id: id) }) else {
                logger.warning("an ACK for \(sid) (id \(id)) came back through Redis, but nobody waits for it")
                return
            }
            Task { await callback(arguments) }
            return
        }
        guard message.hostID != hostID else { return }  // our own, delivered locally already
        let server = self.server
        switch message {
        case .emit(let event, let arguments, let namespace, let rooms, let skip, let callback, let host):
            if let callback, let server {
                // The emitter waits for an ACK: each recipient here gets its own ack id, and
                // the answer goes back on the channel to the emitting process.
                do {
                    try server.emitLocally(event, arguments, namespace: namespace, to: rooms, skip: Set(skip)) { [self] values in
                        publish(.callback(sid: callback.sid, namespace: callback.namespace, id: callback.id, arguments: values, hostID: host))
                    }
                } catch {
                    logger.warning("ignoring an emit from Redis channel \(channel): \(error)")
                }
                return
            }
            do {
                let packet = try SocketIOPacket.event(event, arguments, namespace: namespace)
                local.emit(packet, namespace: namespace, to: rooms, skip: Set(skip))
            } catch {
                logger.warning("ignoring an emit from Redis channel \(channel): \(error)")
            }
        case .disconnect(let sid, let namespace, _):
            guard local.isConnected(sid: sid, namespace: namespace) else { return }
            server?.disconnect(sid: sid, namespace: namespace)
        case .enterRoom(let sid, let room, let namespace, _):
            if local.isConnected(sid: sid, namespace: namespace) { local.enterRoom(sid: sid, namespace: namespace, room: room) }
        case .leaveRoom(let sid, let room, let namespace, _):
            if local.isConnected(sid: sid, namespace: namespace) { local.leaveRoom(sid: sid, namespace: namespace, room: room) }
        case .closeRoom(let room, let namespace, _):
            local.closeRoom(room, namespace: namespace)
        case .callback:
            break
        }
    }
}
