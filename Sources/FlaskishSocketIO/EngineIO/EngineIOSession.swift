// Session rules, Engine.IO v4 ("Transports", "Protocol › Heartbeat", "Protocol › Upgrade"):
//
//   heartbeat  every pingInterval the server sends "2"; the client answers "3" within
//              pingTimeout, or the session ends with "ping timeout"
//   polling    one GET at a time takes the buffered packets (a second concurrent GET is
//              answered 400 and ends the session); a POST carries a payload, answered "ok"
//   upgrade    a WebSocket opens with the sid; client "2probe" → server "3probe", and "6"
//              releases the pending GET; client "5" → the WebSocket becomes the transport
//              and the packets held meanwhile are flushed on it
//   close      either side sends "1"; a server-side close also answers the pending GET with it
//
// Pure: no sockets, no clock. Every method takes `now` and returns the actions the engine
// must carry out, in order. An action that answers "the current request" (`rejectRequest`,
// `acknowledgePost`) always comes first.

/// One Engine.IO session as a state machine: heartbeat, polling, upgrade and close.
///
/// python-engineio: `engineio.socket.Socket` (`poll`, `receive`, `handle_get_request`,
/// `handle_post_request`, `schedule_ping`, `_websocket_handler`, `close`).
package struct EngineIOSession: Sendable {
    /// The engine's monotonic time.
    package typealias Instant = ContinuousClock.Instant

    /// The two transports of Engine.IO v4.
    package enum Transport: String, Hashable, Sendable {
        /// HTTP long-polling: GET to receive, POST to send.
        case polling
        /// One WebSocket frame per packet.
        case websocket
    }

    /// The body of a successful POST answer (spec: "the string `ok`").
    package static let postAcknowledgementBody = "ok"

    /// Timing and size settings, with python-engineio's defaults.
    package struct Configuration: Hashable, Sendable {
        /// Between the server's pings. python-engineio: `ping_interval=25`.
        package var pingInterval: Duration = .seconds(25)
        /// For the pong to arrive. python-engineio: `ping_timeout=20`.
        package var pingTimeout: Duration = .seconds(20)
        /// The largest payload or message in bytes. python-engineio: `max_http_buffer_size`.
        package var maxPayload = EngineIOPayload.Limits.defaultMaxPayloadBytes
        /// For a started upgrade to finish before the WebSocket is dropped (engine.io: 10 s).
        package var upgradeTimeout: Duration = .seconds(10)
        /// Whether polling sessions are offered `["websocket"]`. python-engineio: `allow_upgrades`.
        package var allowUpgrades = true

        /// The defaults.
        package init() {}

        /// The limits a POST body is decoded with.
        package var payloadLimits: EngineIOPayload.Limits {
            EngineIOPayload.Limits(maxPayloadBytes: maxPayload)
        }
    }

    /// What the engine must do.
    package enum Action: Hashable, Sendable {
        /// Hand a message to the application (Socket.IO decodes it).
        case deliver(EngineIOPacket.Payload)
        /// Write these packets, one frame each, on the transport (always the WebSocket:
        /// polling packets leave through `completePoll`).
        case send([EngineIOPacket], Transport)
        /// Answer the waiting GET: 200, `text/plain; charset=UTF-8`, this body.
        case completePoll(String)
        /// Answer the current POST: 200, `text/plain`, `ok`.
        case acknowledgePost
        /// Answer the current request with this error (`status`, JSON `body`).
        case rejectRequest(EngineIOError)
        /// Close the WebSocket of an upgrade that failed; the session goes on polling.
        case closeWebSocket
        /// Call `timerFired(now:)` at this instant, replacing any earlier request.
        case scheduleTimer(at: Instant)
        /// The session is over: forget the sid, close its transports after writing what was
        /// sent, and tell the application why.
        case close(DisconnectReason)
    }

    enum UpgradeState: Hashable, Sendable {
        case none
        case awaitingProbe
        case awaitingUpgrade
    }

    /// The session id.
    package let sid: String
    /// The settings.
    package let configuration: Configuration
    /// The transport packets currently travel on.
    package internal(set) var transport: Transport
    /// True once the session has ended.
    package internal(set) var isClosed = false

    var upgrade = UpgradeState.none
    var outbox: [EngineIOPacket] = []
    var pollPending = false
    var nextPingAt: Instant?
    var pongDeadline: Instant?
    var upgradeDeadline: Instant?
    var scheduledTimer: Instant?

    /// A session opened by a handshake on `transport`. Call `open(now:)` next.
    package init(sid: String, transport: Transport, configuration: Configuration = Configuration()) {
        self.sid = sid
        self.transport = transport
        self.configuration = configuration
    }

    /// The handshake data this session sends.
    package var handshake: EngineIOHandshake {
        EngineIOHandshake(sid: sid, transport: transport, configuration: configuration)
    }

    /// True while an upgrade to WebSocket is under way.
    package var isUpgrading: Bool { upgrade != .none }

    /// Sends the open packet (as the answer to the handshake GET on polling) and starts the
    /// heartbeat.
    package mutating func open(now: Instant) -> [Action] {
        var actions: [Action] = []
        nextPingAt = now + configuration.pingInterval
        if transport == .polling { pollPending = true }
        enqueue([handshake.openPacket], into: &actions)
        reschedule(into: &actions)
        return actions
    }

    /// Sends packets from the application (python-engineio: `Socket.send`). Ignored once closed.
    package mutating func send(_ packets: [EngineIOPacket], now: Instant) -> [Action] {
        guard !isClosed else { return [] }
        var actions: [Action] = []
        enqueue(packets, into: &actions)
        return actions
    }

    /// Ends the session from the server side with a close packet.
    ///
    /// python-engineio: `Server.disconnect(sid)`.
    package mutating func close(now: Instant) -> [Action] {
        guard !isClosed else { return [] }
        var actions: [Action] = []
        end(.serverDisconnect, sendingClosePacket: true, into: &actions)
        return actions
    }

    /// Runs whatever deadline has passed: the ping timeout, the upgrade timeout, the next ping.
    package mutating func timerFired(now: Instant) -> [Action] {
        guard !isClosed else { return [] }
        var actions: [Action] = []
        if let deadline = pongDeadline, now >= deadline {
            end(.pingTimeout, sendingClosePacket: true, into: &actions)
            return actions
        }
        if let deadline = upgradeDeadline, now >= deadline {
            abandonUpgrade(closingWebSocket: true, into: &actions)
        }
        if let pingAt = nextPingAt, now >= pingAt {
            nextPingAt = nil
            // Anchored to when the ping was due, not to when the timer got round to it: a
            // late timer must not give the client more than pingTimeout (Node does the same).
            pongDeadline = pingAt + configuration.pingTimeout
            enqueue([.ping], into: &actions)
            if let deadline = pongDeadline, now >= deadline {
                end(.pingTimeout, sendingClosePacket: true, into: &actions)
                return actions
            }
        }
        reschedule(into: &actions)
        return actions
    }

    // MARK: Shared steps

    /// Ends the session with "ping timeout" when its pong deadline has passed. Every request
    /// and WebSocket message checks it first, so the deadline holds even when the timer that
    /// also enforces it runs late: a poll arriving after it is refused, as Node refuses it.
    mutating func expireIfPongOverdue(now: Instant, into actions: inout [Action]) -> Bool {
        guard !isClosed, let deadline = pongDeadline, now >= deadline else { return false }
        end(.pingTimeout, sendingClosePacket: true, into: &actions)
        return true
    }

    /// Reacts to one packet from the client on the current transport.
    mutating func receive(_ packet: EngineIOPacket, now: Instant, into actions: inout [Action]) {
        switch packet.kind {
        case .pong:
            pongDeadline = nil
            nextPingAt = now + configuration.pingInterval
        case .message:
            actions.append(.deliver(packet.payload))
        case .close:
            end(.clientDisconnect, sendingClosePacket: false, into: &actions)
        case .noop:
            break
        case .open, .ping, .upgrade:
            // v4 pings go server → client only ("invalid heartbeat direction" in engine.io).
            end(.transportError, sendingClosePacket: true, into: &actions)
        }
    }

    /// Writes packets now (WebSocket), or buffers them for the next GET (polling). While an
    /// upgrade is past its probe, polling packets wait for the WebSocket.
    mutating func enqueue(_ packets: [EngineIOPacket], into actions: inout [Action]) {
        if transport == .websocket {
            actions.append(.send(packets, .websocket))
            return
        }
        outbox += packets
        if pollPending, upgrade != .awaitingUpgrade { flushPoll(into: &actions) }
    }

    /// Answers the pending GET with everything buffered.
    mutating func flushPoll(into actions: inout [Action]) {
        actions.append(.completePoll(EngineIOPayload.encode(outbox)))
        outbox.removeAll()
        pollPending = false
    }

    /// Drops an upgrade in progress; packets held for it go back to polling.
    mutating func abandonUpgrade(closingWebSocket: Bool, into actions: inout [Action]) {
        upgrade = .none
        upgradeDeadline = nil
        if closingWebSocket { actions.append(.closeWebSocket) }
        if pollPending, !outbox.isEmpty { flushPoll(into: &actions) }
    }

    /// Ends the session. A pending GET is released with a close packet (server side) or a
    /// noop (the client closed, as the reference server does).
    mutating func end(_ reason: DisconnectReason, sendingClosePacket: Bool, into actions: inout [Action]) {
        isClosed = true
        nextPingAt = nil
        pongDeadline = nil
        upgradeDeadline = nil
        if transport == .websocket {
            if sendingClosePacket { actions.append(.send([.close], .websocket)) }
        } else if pollPending {
            outbox = [sendingClosePacket ? .close : .noop]
            flushPoll(into: &actions)
        }
        outbox.removeAll()
        actions.append(.close(reason))
    }

    /// Asks for the timer when the earliest deadline changed.
    mutating func reschedule(into actions: inout [Action]) {
        guard !isClosed else { return }
        let earliest = [nextPingAt, pongDeadline, upgradeDeadline].compactMap { $0 }.min()
        guard let earliest, earliest != scheduledTimer else { return }
        scheduledTimer = earliest
        actions.append(.scheduleTimer(at: earliest))
    }
}
