import Flaskish

// What arrives from Redis: replies matched to commands in order, pub/sub notifications, and
// the connection's end. Loop thread only, like the rest of `RedisLink`.
extension RedisLink {
    func received(_ bytes: UnsafeRawBufferPointer, on connection: Connection) {
        guard connection === self.connection else { return }
        awaitingPong = false  // anything at all shows the server is alive
        decoder.append(bytes)
        do {
            while let value = try decoder.next() {
                handle(value)
                guard connection === self.connection else { return }
            }
        } catch {
            connection.close(reason: "Redis sent bad data: \(error)")
        }
    }

    private func handle(_ value: RESPValue) {
        if role == .subscriber, let kind = Self.pubSubKind(value) {
            handlePubSub(kind, value.elements ?? [])
            return
        }
        guard inFlightHead < inFlight.count else {
            if case .push = value { return }  // RESP3 out-of-band data nobody asked for
            // A health-check PING on a subscriber connection that has no channel left.
            if role == .subscriber, value == .simpleString("PONG") { return }
            connection?.close(reason: "Redis sent a reply to no command: \(value)")
            return
        }
        let pending = inFlight[inFlightHead]
        inFlightHead += 1
        if inFlightHead == inFlight.count {
            inFlight.removeAll(keepingCapacity: true)
            inFlightHead = 0
        } else if inFlightHead > 1024, inFlightHead > inFlight.count / 2 {
            inFlight.removeFirst(inFlightHead)
            inFlightHead = 0
        }
        if pending.isHandshake {
            if case .error(let message) = value {
                // A wrong password or database: retrying will not help soon, but Redis may be
                // reconfigured, so back off as for any failure.
                connection?.close(reason: "Redis refused the log-in: \(message)")
                return
            }
            if inFlightHead == inFlight.count || !inFlight[inFlightHead...].contains(where: \.isHandshake) {
                becameReady()
            }
            return
        }
        if let reply = pending.reply {
            reply(.success(value))
        } else if case .error(let message) = value {
            logger.warning("\(name): a command failed: \(message)")
        }
    }

    /// `message`, `subscribe`, … when `value` is a pub/sub notification (RESP2 array or RESP3 push).
    private static func pubSubKind(_ value: RESPValue) -> String? {
        switch value {
        case .array(let elements), .push(let elements):
            guard let first = elements.first?.string else { return nil }
            switch first {
            case "message", "subscribe", "unsubscribe", "pong": return first
            default: return nil
            }
        default:
            return nil
        }
    }

    private func handlePubSub(_ kind: String, _ elements: [RESPValue]) {
        if kind == "subscribe" || kind == "unsubscribe", elements.count >= 2, let channel = elements[1].string {
            if kind == "subscribe" {
                confirmed.insert(channel)
                resolveWaiters { $0 == channel }
            } else {
                confirmed.remove(channel)
            }
            return
        }
        guard kind == "message", elements.count == 3, let channel = elements[1].string,
              let payload = elements[2].bytes, let handler = channels[channel] else { return }
        handler(channel, payload)
    }

    func receivedEndOfInput(on connection: Connection) {
        connection.close(reason: "Redis closed the connection")
    }

    func deadlineReached(on connection: Connection) {
        connection.close(reason: "no answer from Redis within \(options.connectTimeout)")
    }

    func shutdownRequested(on connection: Connection) {
        connection.close(reason: nil)
    }

    func connectionClosed(_ connection: Connection, reason: String?) {
        guard connection === self.connection else { return }
        connectionFailed(reason ?? "connection closed")
    }
}
