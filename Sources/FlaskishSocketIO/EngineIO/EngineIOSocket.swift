import Dispatch
import Flaskish
import Synchronization

/// One Engine.IO session on the server: send to the client, close it, read how it came.
///
/// The session's state machine (`EngineIOSession`) sits behind a lock; every request, timer
/// and WebSocket message runs it and carries out the actions it returns while still holding
/// the lock, so the packets leave in the order the session decided. None of those actions
/// block: WebSocket frames are posted to the connection's loop, a waiting poll is resumed,
/// handler calls are queued on the socket's `SerialDelivery`.
///
/// python-engineio: `engineio.socket.Socket` (and the `sid` the server's methods take).
public final class EngineIOSocket: Sendable {
    /// The session id.
    public let sid: String
    /// The request that opened the session (headers, query arguments, client address).
    ///
    /// python-engineio: the WSGI `environ` given to `connect`.
    public let request: Request

    let delivery: SerialDelivery
    let state: Mutex<State>
    /// Whether the application asked to stop receiving (its queue is full), and the POSTs
    /// waiting for it to drain. See EngineIOSocket+FlowControl.swift.
    let flow = Mutex<Flow>(Flow())
    private let server: EngineIOServer
    /// What timers and WebSocket callbacks hold instead of the socket. A weak reference
    /// would give the socket a side table, and every broadcast retains the socket once per
    /// recipient: side-table reference counting cost a tenth of a fan-out's CPU. The relay
    /// holds the socket strongly until the session closes.
    let relay = Relay()

    final class Relay: Sendable {
        private let target = Mutex<EngineIOSocket?>(nil)
        func attach(_ socket: EngineIOSocket) { target.withLock { $0 = socket } }
        func detach() { target.withLock { $0 = nil } }
        var socket: EngineIOSocket? { target.withLock { $0 } }
    }

    struct State {
        var session: EngineIOSession
        /// The GET held open until the session has packets for it.
        var pollWaiter: CheckedContinuation<Response, Never>?
        /// Counts the GETs held so far: the number of the one in `pollWaiter`, so a client
        /// hang-up reported late cannot release a later poll.
        var heldPolls: UInt64 = 0
        /// The WebSocket transport, or the probe of an upgrade under way.
        var webSocket: WebSocket?
        /// The instant the session asked to be woken at (stale wake-ups are ignored).
        var timerAt: EngineIOSession.Instant?
        /// Test hooks waiting for a GET to be held (see `onPollPending`).
        var pollPendingHooks: [@Sendable () -> Void] = []
    }

    /// What the session hands the application, in the order the session produced it.
    enum Inbound {
        case message(EngineIOMessage)
        case closed(DisconnectReason)
    }

    /// What a request is waiting for while its actions run.
    struct Pending {
        var continuation: CheckedContinuation<Response, Never>
        var isPoll: Bool
    }

    init(sid: String, transport: EngineIOSession.Transport, request: Request, server: EngineIOServer) {
        self.sid = sid
        self.request = request
        self.server = server
        self.delivery = SerialDelivery(pool: request.workerPool, maxPendingJobs: server.options.maxPendingMessages)
        self.state = Mutex(State(session: EngineIOSession(sid: sid, transport: transport, configuration: server.options.sessionConfiguration)))
        relay.attach(self)
        delivery.onPressure = { [relay] full in
            guard let socket = relay.socket else { return }
            if full { socket.pauseReceiving() } else { socket.resumeReceiving() }
        }
    }

    // MARK: Public API

    /// Sends a text message.
    ///
    /// python-engineio: `server.send(sid, data)` with a `str`.
    public func send(text: String) { send(EngineIOPacket.message(text)) }

    /// Sends a binary message.
    ///
    /// python-engineio: `server.send(sid, data)` with `bytes`.
    public func send(binary: [UInt8]) { send(EngineIOPacket.binary(binary)) }

    /// Sends either kind of message.
    public func send(_ message: EngineIOMessage) {
        switch message {
        case .text(let text): send(text: text)
        case .binary(let bytes): send(binary: bytes)
        }
    }

    /// Ends the session with a close packet; `onDisconnect` runs with `serverDisconnect`.
    ///
    /// python-engineio: `server.disconnect(sid)`.
    public func close() {
        run { $0.close(now: .now) }
    }

    /// The transport packets travel on now: `"polling"` or `"websocket"`.
    ///
    /// python-engineio: `server.transport(sid)`.
    public var transport: String { state.withLock { $0.session.transport.rawValue } }

    /// True once the session has ended.
    public var isClosed: Bool { state.withLock { $0.session.isClosed } }

    /// Sends a message encoded once for many sockets. On the WebSocket transport the
    /// shared frame is posted as is (the session would only pass the packet through);
    /// otherwise the packet takes the normal path.
    package func send(prepared: EngineIOPreparedMessage) {
        let sentDirectly = state.withLock { state -> Bool in
            guard state.session.transport == .websocket, !state.session.isClosed, let webSocket = state.webSocket else { return false }
            webSocket.sendNow(frame: prepared.webSocketFrame)
            return true
        }
        if !sentDirectly { send(prepared.packet) }
    }

    /// Sends several messages in one step of the session, so they leave back to back.
    public func send(_ messages: [EngineIOMessage]) {
        let packets = messages.map { message -> EngineIOPacket in
            switch message {
            case .text(let text): .message(text)
            case .binary(let bytes): .binary(bytes)
            }
        }
        guard !packets.isEmpty else { return }
        send(packets)
    }

    /// The connection of the WebSocket that carries this session's packets right now, or nil
    /// while it polls, is upgrading or has closed. A broadcast posts a shared frame straight
    /// to it.
    package var openWebSocketConnection: Connection? {
        state.withLock { state in
            state.session.transport == .websocket && !state.session.isClosed ? state.webSocket?.connection : nil
        }
    }

    /// The WebSocket attached to the session (transport or probe), for tests.
    var attachedWebSocket: WebSocket? { state.withLock { $0.webSocket } }

    /// True while a GET is held open for this session.
    var hasPendingPoll: Bool { state.withLock { $0.pollWaiter != nil } }

    /// Test hook: `body` runs once a GET is held open for this session, at once when one
    /// already is, so a test acts on a pending poll on an event rather than by polling.
    /// It runs under the socket's lock: it may only signal (a semaphore, a continuation).
    func onPollPending(_ body: @escaping @Sendable () -> Void) {
        let now = state.withLock { state -> Bool in
            if state.pollWaiter != nil { return true }
            state.pollPendingHooks.append(body)
            return false
        }
        if now { body() }
    }

    private func send(_ packet: EngineIOPacket) { send([packet]) }

    private func send(_ packets: [EngineIOPacket]) {
        let limit = server.options.maxQueuedPackets
        run { session in
            guard session.transport == .polling, session.outbox.count >= limit, !session.isClosed else {
                return session.send(packets, now: .now)
            }
            server.log("Engine.IO: session \(sid) has \(session.outbox.count) packets waiting for a poll (maxQueuedPackets \(limit)); closing it")
            var actions: [EngineIOSession.Action] = []
            session.end(.transportError, sendingClosePacket: true, into: &actions)
            return actions
        }
    }

    // MARK: Engine side

    /// Runs one step of the session and carries out its actions; `pending` is the request
    /// being answered, if any. What the step hands the application is passed on after the
    /// session's lock is released (the application may call back into the session).
    func run(pending: Pending? = nil, _ step: (inout EngineIOSession) -> [EngineIOSession.Action]) {
        dispatch(runStep(pending: pending, step))
    }

    private func runStep(pending: Pending?, _ step: (inout EngineIOSession) -> [EngineIOSession.Action]) -> [Inbound] {
        state.withLock { state in
            var inbound: [Inbound] = []
            perform(step(&state.session), state: &state, pending: pending, inbound: &inbound)
            return inbound
        }
    }

    /// Runs a request's step and waits for the response (a poll may wait for data).
    ///
    /// With `holdingAnswer` (a POST), the messages the body carried are handed to the
    /// application one by one, waiting whenever it has asked to stop receiving, and the
    /// answer leaves only then: the client sends one POST at a time, so a held answer is
    /// back-pressure on it (TCP, then HTTP) and nothing is dropped or reordered.
    ///
    /// A poll held open is released, and the session ends as a transport close, when the
    /// client of `request` hangs up (a closed tab must not leave its GET, or its loop, waiting).
    func respond(
        isPoll: Bool, request: Request? = nil, holdingAnswer: Bool = false,
        _ step: @escaping (inout EngineIOSession) -> [EngineIOSession.Action]
    ) async -> Response {
        var held: [Inbound] = []
        let response = await withCheckedContinuation { (continuation: CheckedContinuation<Response, Never>) in
            let (inbound, heldPoll) = state.withLock { state -> ([Inbound], UInt64?) in
                let before = state.heldPolls
                var inbound: [Inbound] = []
                perform(step(&state.session), state: &state,
                        pending: Pending(continuation: continuation, isPoll: isPoll), inbound: &inbound)
                return (inbound, state.heldPolls != before ? state.heldPolls : nil)
            }
            if holdingAnswer { held = inbound } else { dispatch(inbound) }
            // Registered outside the lock: the action runs at once when the client is gone.
            if let heldPoll, let request { request.onPeerClosed { [relay] in relay.socket?.abortPoll(heldPoll) } }
        }
        if !held.isEmpty { await feed(held) }
        return response
    }

    /// The client of held poll number `poll` hung up: answer it (nobody reads the answer) and
    /// end the session.
    private func abortPoll(_ poll: UInt64) {
        let inbound = state.withLock { state -> [Inbound] in
            // A later poll held means the client is still here; otherwise this poll's client
            // hung up before its answer was written, whether or not data has answered it since.
            guard state.heldPolls == poll else { return [] }
            let waiter = state.pollWaiter
            state.pollWaiter = nil
            var inbound: [Inbound] = []
            perform(state.session.handlePollAborted(now: .now, answered: waiter == nil), state: &state, pending: nil, inbound: &inbound)
            waiter?.resume(returning: EngineIOServer.pollResponse(EngineIOPacket.noop.pollingText))
            return inbound
        }
        dispatch(inbound)
    }

    /// Hands the session's output to the application: a synchronous receiver (Socket.IO,
    /// which decodes at once and queues handlers itself), or the public handlers on the
    /// socket's serial queue.
    func dispatch(_ inbound: [Inbound]) {
        guard !inbound.isEmpty else { return }
        if let receiver = server.receiver {
            for item in inbound {
                switch item {
                case .message(let message): receiver.message(self, message)
                case .closed(let reason): receiver.closed(self, reason)
                }
            }
            return
        }
        let server = self.server
        for item in inbound {
            switch item {
            case .message(let message):
                delivery.enqueue(counted: true) { [self] in await server.handlers.onMessage?(self, message) }
            case .closed(let reason):
                delivery.enqueue { [self] in await server.handlers.onDisconnect?(self, reason) }
            }
        }
    }

    /// `dispatch` for a POST's messages, waiting before each while receiving is paused.
    private func feed(_ inbound: [Inbound]) async {
        for item in inbound {
            if case .message = item { await waitWhileReceivingPaused() }
            dispatch([item])
        }
    }

    func perform(_ actions: [EngineIOSession.Action], state: inout State, pending: Pending?, inbound: inout [Inbound]) {
        var pending = pending
        for action in actions {
            switch action {
            case .deliver(let payload):
                inbound.append(.message(EngineIOMessage(payload)))
            case .send(let packets, _):
                guard let webSocket = state.webSocket else { break }
                // One job for the step's packets: a Socket.IO packet and its attachments
                // reach the loop together, so nothing from another thread lands between them.
                webSocket.sendNow(frames: packets.map(\.webSocketFrame.serverBytes))
            case .completePoll(let body):
                let response = EngineIOServer.pollResponse(body)
                if let waiter = state.pollWaiter {
                    state.pollWaiter = nil
                    waiter.resume(returning: response)
                } else if let current = pending, current.isPoll {
                    pending = nil
                    current.continuation.resume(returning: response)
                }
            case .acknowledgePost:
                pending?.continuation.resume(returning: EngineIOServer.pollResponse(EngineIOSession.postAcknowledgementBody))
                pending = nil
            case .rejectRequest(let error):
                pending?.continuation.resume(returning: EngineIOServer.errorResponse(error))
                pending = nil
            case .closeWebSocket:
                state.webSocket?.close()
                state.webSocket = nil
            case .scheduleTimer(let instant):
                state.timerAt = instant
                scheduleWakeUp(at: instant)
            case .close(let reason):
                if reason == .serverDisconnect || reason == .clientDisconnect, state.session.transport == .polling,
                   !actions.contains(where: { if case .completePoll = $0 { true } else { false } }) {
                    // No GET was waiting: the next one (perhaps already on its way) gets what
                    // a held one would have had — the close packet, or a noop when the client
                    // closed — rather than 400 "Session ID unknown".
                    server.rememberUndeliveredClose(sid: sid, answer: reason == .clientDisconnect ? .noop : .close)
                }
                state.timerAt = nil
                state.webSocket?.close()
                state.webSocket = nil
                relay.detach()
                server.forget(self)
                inbound.append(.closed(reason))
            }
        }
        if let pending {
            if pending.isPoll, state.pollWaiter == nil, !state.session.isClosed {
                state.pollWaiter = pending.continuation
                state.heldPolls &+= 1
                for hook in state.pollPendingHooks { hook() }
                state.pollPendingHooks.removeAll()
            } else {
                // Every request step answers its request; this only guards against a hang.
                pending.continuation.resume(returning: EngineIOServer.errorResponse(.badRequest))
            }
        }
    }

    // MARK: Timers

    /// Wakes the session at `instant` on Dispatch's timer (one shared facility for every
    /// session, whatever loop or thread its requests arrive on).
    private func scheduleWakeUp(at instant: EngineIOSession.Instant) {
        let delay = max(.zero, instant - .now)
        let nanoseconds = Int(delay.components.seconds) * 1_000_000_000 + Int(delay.components.attoseconds / 1_000_000_000)
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [relay] in
            relay.socket?.wakeUp(for: instant)
        }
    }

    private func wakeUp(for instant: EngineIOSession.Instant) {
        let inbound = state.withLock { state -> [Inbound] in
            guard state.timerAt == instant else { return [] }
            let now = EngineIOSession.Instant.now
            if now < instant {
                // Dispatch's clock and ours may differ by a hair: try again rather than
                // let the session believe its timer ran.
                scheduleWakeUp(at: instant)
                return []
            }
            state.timerAt = nil
            var inbound: [Inbound] = []
            perform(state.session.timerFired(now: now), state: &state, pending: nil, inbound: &inbound)
            return inbound
        }
        dispatch(inbound)
    }
}
