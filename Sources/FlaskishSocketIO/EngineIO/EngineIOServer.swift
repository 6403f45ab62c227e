import Flaskish
import Synchronization

/// An Engine.IO v4 server installed on a Flaskish app: long-polling, WebSocket, the upgrade
/// between them, heartbeats and the origin check. The Socket.IO layer is built on it.
///
/// ```swift
/// let engine = EngineIOServer(app: app)
/// engine.onMessage { socket, message in socket.send(message) }   // echo
/// ```
///
/// It plugs in through public API only: one `app.use` middleware answers the requests to
/// `options.path` (`/socket.io/`), and WebSocket requests there are upgraded with the core's
/// WebSocket support. Handlers run on the worker pool, in order per socket.
///
/// python-engineio: `engineio.Server` with `engineio.WSGIApp`.
public final class EngineIOServer: Sendable {
    /// The settings, fixed at creation.
    public let options: EngineIOServerOptions

    /// The registered handlers.
    struct Handlers: Sendable {
        var onConnect: (@Sendable (EngineIOSocket) async -> Void)?
        var onMessage: (@Sendable (EngineIOSocket, EngineIOMessage) async -> Void)?
        var onDisconnect: (@Sendable (EngineIOSocket, DisconnectReason) async -> Void)?
    }

    /// A framework layer that takes messages synchronously, in arrival order, on the thread
    /// that received them (the WebSocket's loop, or the POST's task), instead of the public
    /// handlers. Socket.IO decodes there and runs its own bounded handler queue; it pauses
    /// the socket (``EngineIOSocket/pauseReceiving()``) when that queue is full. None of
    /// these may block or run user code.
    package struct Receiver: Sendable {
        /// A session opened; called before any of its messages.
        package var opened: @Sendable (EngineIOSocket) -> Void
        /// A message arrived.
        package var message: @Sendable (EngineIOSocket, EngineIOMessage) -> Void
        /// The session ended; called once, after its last message.
        package var closed: @Sendable (EngineIOSocket, DisconnectReason) -> Void

        /// A receiver made of these three calls.
        package init(
            opened: @escaping @Sendable (EngineIOSocket) -> Void,
            message: @escaping @Sendable (EngineIOSocket, EngineIOMessage) -> Void,
            closed: @escaping @Sendable (EngineIOSocket, DisconnectReason) -> Void
        ) {
            self.opened = opened
            self.message = message
            self.closed = closed
        }
    }

    private let handlerTable = Mutex<Handlers>(Handlers())
    private let receiverBox = Mutex<Receiver?>(nil)
    private let sockets = Mutex<[String: EngineIOSocket]>([:])
    /// Polling sessions that closed while no GET was waiting, with the instant until which
    /// their next GET still gets its answer: the close packet when the server closed
    /// (python-engineio's `close()` waits for that GET too), a noop when the client did (its
    /// GET may already be on the way; Node answers it so as well).
    private let undeliveredCloses = Mutex<[String: (until: ContinuousClock.Instant, answer: EngineIOPacket)]>([:])
    private let logger: Logger

    /// A server answering Engine.IO requests to `options.path` on `app`. Create it while the
    /// app is being set up (before it serves), as with any middleware.
    public init(app: Flask, options: EngineIOServerOptions = EngineIOServerOptions()) {
        self.options = options
        self.logger = app.logger
        let path = options.path.hasSuffix("/") ? String(options.path.dropLast()) : options.path
        app.use { [self] request, next in
            guard request.path == path || request.path == path + "/" else { return try await next(request) }
            return await self.handle(request)
        }
    }

    // MARK: Handlers

    /// Runs `handler` when a session opens (after its handshake).
    ///
    /// python-engineio: `@eio.on('connect')`.
    public func onConnect(_ handler: @escaping @Sendable (EngineIOSocket) async -> Void) {
        handlerTable.withLock { $0.onConnect = handler }
    }

    /// Runs `handler` for each message a client sends, in order per socket.
    ///
    /// python-engineio: `@eio.on('message')`.
    public func onMessage(_ handler: @escaping @Sendable (EngineIOSocket, EngineIOMessage) async -> Void) {
        handlerTable.withLock { $0.onMessage = handler }
    }

    /// Runs `handler` once when a session ends, with the reason.
    ///
    /// python-engineio: `@eio.on('disconnect')` (whose `reason` argument this is).
    public func onDisconnect(_ handler: @escaping @Sendable (EngineIOSocket, DisconnectReason) async -> Void) {
        handlerTable.withLock { $0.onDisconnect = handler }
    }

    var handlers: Handlers { handlerTable.withLock { $0 } }

    /// Replaces the public handlers with a synchronous receiver (set before serving).
    package func setReceiver(_ receiver: Receiver) {
        receiverBox.withLock { $0 = receiver }
    }

    var receiver: Receiver? { receiverBox.withLock { $0 } }

    // MARK: Sessions

    /// The open session with `sid`, if any.
    ///
    /// python-engineio: `server._get_socket(sid)`.
    public func socket(sid: String) -> EngineIOSocket? { sockets.withLock { $0[sid] } }

    /// Every open session.
    public var allSockets: [EngineIOSocket] { sockets.withLock { Array($0.values) } }

    /// Closes every session (each gets its close packet and `onDisconnect` runs with
    /// `serverDisconnect`); call it before `Server.stop()` so held polls are answered at once.
    ///
    /// python-engineio: `server.disconnect()` without a sid.
    public func disconnectAll() {
        for socket in allSockets { socket.close() }
    }

    /// Registers a new session and tells the application before anything it will receive.
    func register(_ socket: EngineIOSocket) {
        sockets.withLock { $0[socket.sid] = socket }
        if let receiver {
            receiver.opened(socket)
            return
        }
        let handlers = self.handlers
        socket.delivery.enqueue { await handlers.onConnect?(socket) }
    }

    /// Drops a closed session from the table (called with the session's lock held; the
    /// table's lock is never held while a session's is taken).
    func forget(_ socket: EngineIOSocket) {
        sockets.withLock { table in
            if table[socket.sid] === socket { table[socket.sid] = nil }
        }
    }

    /// Keeps the answer owed to the next GET of a closed polling session, for one ping
    /// interval plus time-out (the longest a live client waits between polls).
    func rememberUndeliveredClose(sid: String, answer: EngineIOPacket) {
        let now = ContinuousClock.now
        let until = now + options.pingInterval + options.pingTimeout
        undeliveredCloses.withLock { table in
            table = table.filter { $0.value.until > now }
            table[sid] = (until, answer)
        }
    }

    /// The answer (once) owed to a GET of the closed session `sid`, if any.
    func takeUndeliveredClose(sid: String) -> EngineIOPacket? {
        undeliveredCloses.withLock { table in
            guard let owed = table.removeValue(forKey: sid), owed.until > .now else { return nil }
            return owed.answer
        }
    }

    func log(_ message: String) { logger.info(message) }
}
