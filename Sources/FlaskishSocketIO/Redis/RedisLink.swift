import Flaskish

/// One logical connection to Redis that survives the server going away: it connects, logs
/// in, carries commands in order, and when the socket drops it fails what was in flight,
/// keeps what was waiting (up to a bound) and reconnects with back-off.
///
/// Everything here runs on the client's event loop thread; ``RedisClient`` posts to it.
/// A `.subscriber` link carries SUBSCRIBE traffic only and re-subscribes after each
/// reconnect (Redis forgets a connection's subscriptions when it goes).
final class RedisLink: ConnectionHandler, @unchecked Sendable {
    /// What a reply is handed to, on the loop thread; nil for fire-and-forget commands.
    typealias Reply = (Result<RESPValue, RedisError>) -> Void

    enum Role: String {
        case commands
        case subscriber
    }

    enum State {
        /// Not started yet, or waiting for the back-off timer.
        case idle
        /// Socket opened; log-in replies pending.
        case connecting
        /// Logged in: commands go straight out.
        case ready
        /// Closed by the user, or gave up after too many failed attempts.
        case finished(String)
    }

    struct Pending {
        var reply: Reply?
        /// Handshake commands are the link's own; their replies drive the state.
        var isHandshake = false
    }

    let url: RedisURL
    let options: RedisClient.Options
    let loop: EventLoop
    let logger: Logger
    let role: Role

    var state: State = .idle
    var connection: Connection?
    var decoder: RESPDecoder
    /// Sent, waiting for replies, in order.
    var inFlight: [Pending] = []
    var inFlightHead = 0
    /// Waiting for a connection, in order.
    private var queued: [(bytes: [UInt8], reply: Reply?)] = []
    private var failedAttempts = 0
    private var lastError = "not connected yet"
    private var reconnectTimer: UInt64?
    /// Who waits for the log-in (channel nil) or for a channel's subscription to be confirmed.
    private var readyWaiters: [Int: (channel: String?, done: (Result<Void, RedisError>) -> Void)] = [:]
    private var nextWaiterID = 0
    /// Outage bookkeeping for the log line written when the link comes back.
    private var downSince: ContinuousClock.Instant?
    private var refusedWhileDown = 0
    private var wasEverReady = false

    /// A health-check PING is out and nothing has arrived since.
    var awaitingPong = false
    private var healthTimer: UInt64?

    // Subscriber role.
    var channels: [String: @Sendable (String, [UInt8]) -> Void] = [:]
    /// Channels Redis confirmed on the current connection.
    var confirmed: Set<String> = []

    init(url: RedisURL, options: RedisClient.Options, loop: EventLoop, logger: Logger, role: Role) {
        self.url = url
        self.options = options
        self.loop = loop
        self.logger = logger
        self.role = role
        self.decoder = RESPDecoder(limits: options.decoderLimits)
    }

    var name: String { "Redis \(role.rawValue) connection to \(url)" }

    var isReady: Bool { if case .ready = state { true } else { false } }

    // MARK: Requests (loop thread)

    /// Starts connecting if idle and not waiting for a back-off timer.
    func start() {
        guard case .idle = state, reconnectTimer == nil else { return }
        openConnection()
    }

    /// Sends a command now if logged in, else queues it for the next connection.
    func submit(_ bytes: [UInt8], reply: Reply?) {
        switch state {
        case .finished(let reason):
            reply?(.failure(.unavailable(reason)))
        case .ready:
            guard let connection, connection.queuedBytes <= options.maxOutboundBytes else {
                refuse(reply, because: "more than \(options.maxOutboundBytes) bytes wait for Redis to read them")
                return
            }
            inFlight.append(Pending(reply: reply))
            // At the end of the loop's turn, with every other command posted meanwhile: a
            // burst of publishes leaves in one `writev`, not one `send` each.
            connection.writeSoon(bytes)
        case .idle, .connecting:
            guard queued.count < options.maxQueuedCommands else {
                refuse(reply, because: "\(options.maxQueuedCommands) commands already wait for a connection (\(lastError))")
                return
            }
            queued.append((bytes, reply))
            start()
        }
    }

    private func refuse(_ reply: Reply?, because reason: String) {
        refusedWhileDown += 1
        if refusedWhileDown == 1 { logger.warning("\(name): dropping commands: \(reason)") }
        reply?(.failure(.unavailable(reason)))
    }

    /// Calls `done` once the link is logged in, or with an error after `milliseconds`.
    /// With a `channel`, waits instead until Redis confirmed the subscription to it.
    func waitUntilReady(channel: String? = nil, milliseconds: Int, _ done: @escaping (Result<Void, RedisError>) -> Void) {
        if let channel, confirmed.contains(channel) { return done(.success(())) }
        switch state {
        case .ready where channel == nil: done(.success(()))
        case .finished(let reason): done(.failure(.unavailable(reason)))
        case .idle, .connecting, .ready:
            let id = nextWaiterID
            nextWaiterID += 1
            readyWaiters[id] = (channel, done)
            start()
            loop.scheduleTimer(afterMilliseconds: milliseconds) { [self] in
                readyWaiters.removeValue(forKey: id)?.done(.failure(.timedOut(lastError)))
            }
        }
    }

    /// Subscribes to `channel`; `handler` gets each message's channel and payload on the loop thread.
    func subscribe(_ channel: String, handler: @escaping @Sendable (String, [UInt8]) -> Void) {
        let isNew = channels.updateValue(handler, forKey: channel) == nil
        if isNew, isReady, let connection { connection.write(RESPEncoder.command(["SUBSCRIBE", channel])) }
        start()
    }

    /// Unsubscribes from `channel`.
    func unsubscribe(_ channel: String) {
        guard channels.removeValue(forKey: channel) != nil else { return }
        if isReady, let connection { connection.write(RESPEncoder.command(["UNSUBSCRIBE", channel])) }
    }

    /// Closes for good: queued and in-flight commands fail.
    func finish() {
        if case .finished = state { return }
        state = .finished("the client was closed")
        if let reconnectTimer { loop.cancelTimer(reconnectTimer) }
        reconnectTimer = nil
        if let healthTimer { loop.cancelTimer(healthTimer) }
        healthTimer = nil
        let connection = self.connection
        self.connection = nil
        connection?.close(reason: nil)
        failAll(.unavailable("the client was closed"))
    }

    // MARK: Connecting

    private func openConnection() {
        reconnectTimer = nil
        decoder = RESPDecoder(limits: options.decoderLimits)
        state = .connecting
        do {
            let connection = try loop.connect(to: url.address) { _ in self }
            self.connection = connection
            connection.setDeadline(afterMilliseconds: options.connectTimeout.roundedUpMilliseconds)
            writeHandshake(on: connection)
        } catch {
            connectionFailed("\(error)")
        }
    }

    private func writeHandshake(on connection: Connection) {
        var bytes: [UInt8] = []
        if let password = url.password {
            bytes += RESPEncoder.command(url.username.map { ["AUTH", $0, password] } ?? ["AUTH", password])
            inFlight.append(Pending(isHandshake: true))
        }
        if role == .commands, url.database != 0 {
            bytes += RESPEncoder.command(["SELECT", String(url.database)])
            inFlight.append(Pending(isHandshake: true))
        }
        // The PING's answer says the log-in above went through: the link is ready after it.
        bytes += RESPEncoder.command(["PING"])
        inFlight.append(Pending(isHandshake: true))
        connection.write(bytes)
    }

    func becameReady() {
        state = .ready
        connection?.setDeadline(afterMilliseconds: 0)
        let retries = failedAttempts
        failedAttempts = 0
        if let downSince {
            let tenths = (ContinuousClock.now - downSince).roundedUpMilliseconds / 100
            var line = "\(name) restored after \(tenths / 10).\(tenths % 10) s (\(retries) failed attempts)"
            if !queued.isEmpty { line += "; \(queued.count) commands that waited are sent now" }
            if refusedWhileDown > 0 { line += "; \(refusedWhileDown) commands were refused meanwhile" }
            if role == .subscriber, !channels.isEmpty {
                line += "; messages published on \(channels.keys.sorted()) meanwhile were not received (Redis pub/sub keeps no history)"
            }
            logger.warning(line)
        } else if wasEverReady == false {
            logger.info("\(name) established")
        }
        downSince = nil
        refusedWhileDown = 0
        wasEverReady = true
        guard let connection else { return }
        if role == .subscriber, !channels.isEmpty {
            connection.write(RESPEncoder.command(["SUBSCRIBE"] + channels.keys.sorted()))
        }
        let waiting = queued
        queued.removeAll()
        var bytes: [UInt8] = []
        for (command, reply) in waiting {
            inFlight.append(Pending(reply: reply))
            bytes += command
        }
        if !bytes.isEmpty { connection.write(bytes) }
        resolveWaiters { $0 == nil }
        awaitingPong = false
        scheduleHealthCheck(on: connection)
    }

    /// Every interval: if nothing arrived since the last PING, the connection is dead; else
    /// send another. Redis answers PING on a subscribed connection too.
    private func scheduleHealthCheck(on connection: Connection) {
        guard let interval = options.healthCheckInterval?.roundedUpMilliseconds, interval > 0 else { return }
        healthTimer = loop.scheduleTimer(afterMilliseconds: interval) { [self] in
            healthTimer = nil
            guard connection === self.connection, isReady else { return }
            if awaitingPong {
                connection.close(reason: "no answer to PING within \(interval) ms")
                return
            }
            awaitingPong = true
            if role == .commands { inFlight.append(Pending(reply: { _ in })) }
            connection.write(RESPEncoder.command(["PING"]))
            scheduleHealthCheck(on: connection)
        }
    }

    func resolveWaiters(where matches: (String?) -> Bool) {
        let due = readyWaiters.filter { matches($0.value.channel) }.sorted { $0.key < $1.key }
        for (id, waiter) in due {
            readyWaiters[id] = nil
            waiter.done(.success(()))
        }
    }

    /// The connection failed or dropped: fail what was in flight and try again later.
    func connectionFailed(_ reason: String) {
        connection = nil
        lastError = reason
        confirmed.removeAll()
        if let healthTimer { loop.cancelTimer(healthTimer) }
        healthTimer = nil
        if case .finished = state { return }
        let wasReady = isReady
        state = .idle
        let lost = inFlight[inFlightHead...].filter { !$0.isHandshake }
        inFlight.removeAll()
        inFlightHead = 0
        for pending in lost { pending.reply?(.failure(.connectionLost(reason))) }
        if downSince == nil { downSince = .now }
        failedAttempts += wasReady ? 0 : 1
        if let limit = options.maxConnectAttempts, failedAttempts >= limit {
            let final = "\(name) failed \(failedAttempts) times in a row, giving up: \(reason)"
            logger.error(final)
            state = .finished(final)
            failAll(.unavailable(final))
            return
        }
        let delay = backoffMilliseconds()
        if wasReady {
            logger.error("\(name) lost: \(reason); \(lost.count) commands in flight failed; reconnecting in \(delay) ms")
        } else if failedAttempts == 1 || failedAttempts.isMultiple(of: 10) {
            // Every tenth retry is enough to show the outage goes on without flooding the log.
            logger.error("\(name) failed (attempt \(failedAttempts)): \(reason); retrying in \(delay) ms")
        }
        reconnectTimer = loop.scheduleTimer(afterMilliseconds: delay) { [self] in
            guard case .idle = state else { return }
            openConnection()
        }
    }

    private func backoffMilliseconds() -> Int {
        let initial = max(1, options.reconnectInitialDelay.roundedUpMilliseconds)
        let ceiling = max(initial, options.reconnectMaxDelay.roundedUpMilliseconds)
        let doublings = min(max(0, failedAttempts - 1), 20)
        return min(ceiling, initial << doublings)
    }

    private func failAll(_ error: RedisError) {
        let pending = inFlight[inFlightHead...].compactMap(\.reply)
        inFlight.removeAll()
        inFlightHead = 0
        let waiting = queued.compactMap(\.reply)
        queued.removeAll()
        for reply in pending + waiting { reply(.failure(error)) }
        let waiters = readyWaiters
        readyWaiters.removeAll()
        for (_, waiter) in waiters { waiter.done(.failure(error)) }
    }
}
