// The WebSocket transport and the upgrade to it (Engine.IO v4 "Transports › WebSocket",
// "Protocol › Upgrade"): each packet is its own frame; a second WebSocket for a session is
// refused; the probe exchange must finish within `upgradeTimeout`.

extension EngineIOSession {
    /// A WebSocket upgrade request carries this session's sid. Answered with
    /// `rejectRequest` (send the error instead of 101) or nothing (complete the handshake,
    /// then pass the WebSocket's messages to `handleWebSocketMessage`).
    package mutating func handleWebSocketUpgradeRequest(now: Instant) -> [Action] {
        guard !isClosed else { return [.rejectRequest(.unknownSessionID)] }
        var expired: [Action] = [.rejectRequest(.unknownSessionID)]
        if expireIfPongOverdue(now: now, into: &expired) { return expired }
        guard transport == .polling, upgrade == .none, configuration.allowUpgrades else {
            return [.rejectRequest(.badRequest)]
        }
        upgrade = .awaitingProbe
        upgradeDeadline = now + configuration.upgradeTimeout
        var actions: [Action] = []
        reschedule(into: &actions)
        return actions
    }

    /// One text or binary WebSocket message arrived for this session.
    package mutating func handleWebSocketMessage(_ frame: EngineIOPacket.WebSocketFrame, now: Instant) -> [Action] {
        guard !isClosed else { return [] }
        var actions: [Action] = []
        if expireIfPongOverdue(now: now, into: &actions) { return actions }
        let packet: EngineIOPacket
        do throws(EngineIOPacket.DecodingError) {
            packet = try EngineIOPacket(decoding: frame)
        } catch {
            if transport == .websocket {
                end(.transportError, sendingClosePacket: true, into: &actions)
            } else {
                abandonUpgrade(closingWebSocket: true, into: &actions)
            }
            return actions
        }
        if transport == .websocket {
            if Self.size(of: packet) > configuration.maxPayload {
                end(.transportError, sendingClosePacket: true, into: &actions)
            } else {
                receive(packet, now: now, into: &actions)
            }
        } else {
            advanceUpgrade(with: packet, into: &actions)
        }
        reschedule(into: &actions)
        return actions
    }

    /// The WebSocket closed (close frame or EOF), or failed (`error`: a protocol error or
    /// I/O error). During an upgrade only the upgrade is lost; after it, the session.
    package mutating func handleWebSocketClosed(error: Bool = false, now: Instant) -> [Action] {
        guard !isClosed else { return [] }
        var actions: [Action] = []
        if transport == .websocket {
            end(error ? .transportError : .transportClose, sendingClosePacket: false, into: &actions)
        } else if upgrade != .none {
            abandonUpgrade(closingWebSocket: false, into: &actions)
            reschedule(into: &actions)
        }
        return actions
    }

    private mutating func advanceUpgrade(with packet: EngineIOPacket, into actions: inout [Action]) {
        switch upgrade {
        case .awaitingProbe where packet.kind == .ping && packet.text == "probe":
            actions.append(.send([EngineIOPacket(.pong, "probe")], .websocket))
            upgrade = .awaitingUpgrade
            if pollPending {
                // Release the waiting GET so the client can pause polling.
                actions.append(.completePoll(EngineIOPacket.noop.pollingText))
                pollPending = false
            }
        case .awaitingUpgrade where packet.kind == .upgrade:
            transport = .websocket
            upgrade = .none
            upgradeDeadline = nil
            if !outbox.isEmpty {
                actions.append(.send(outbox, .websocket))
                outbox.removeAll()
            }
        default:
            abandonUpgrade(closingWebSocket: true, into: &actions)
        }
    }

    private static func size(of packet: EngineIOPacket) -> Int {
        switch packet.payload {
        case .text(let text): return text.utf8.count
        case .binary(let bytes): return bytes.count
        }
    }
}
