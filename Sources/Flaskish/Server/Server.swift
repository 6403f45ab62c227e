#if canImport(Glibc)
import Glibc
#endif
import CFlaskishSystem
import Foundation
import Synchronization

/// A running Flaskish server: its event loops, its listening socket and its worker pool.
///
/// Made by `Flask.serve(host:port:)` (tests, embedding) or `Flask.run(host:port:debug:)`
/// (blocks until SIGINT/SIGTERM). Flask: the Werkzeug development server `app.run()` starts.
public final class Server: @unchecked Sendable {
    /// The engine's settings; defaults as DESIGN.md, overridable through `app.config`.
    public struct Configuration: Sendable {
        /// Event loops; `nil` means one per CPU this process may run on.
        public var eventLoops: Int? = nil
        /// Threads for request handlers (Flask's threaded server).
        public var workerThreads: Int = 64
        /// The HTTP codec's limits.
        public var limits = HTTPLimits()
        /// Keep-alive idle time before an idle connection is closed.
        public var keepAliveTimeoutMilliseconds = 5_000
        /// Time a client has to send a complete request head (the head only: the body has
        /// `bodyReadTimeoutMilliseconds` per read).
        public var requestHeadTimeoutMilliseconds = 10_000
        /// Longest wait between two reads of a request body; past it the request gets 408
        /// and the connection closes. A slow upload that keeps arriving is never cut.
        ///
        /// nginx: `client_body_timeout`.
        public var bodyReadTimeoutMilliseconds = 30_000
        /// Longest time queued output may wait without the peer taking any of it; past it the
        /// connection is closed (a WebSocket gets a close frame first) and its files released.
        /// 0 turns it off.
        ///
        /// nginx: `send_timeout`.
        public var sendTimeoutMilliseconds = 60_000
        /// Outbound bytes queued for one connection beyond which a pushing producer (a
        /// broadcast, a pong, a close frame) cuts the connection, with the reason logged.
        public var maxOutboundBytes = 4 * 1024 * 1024
        /// Unsent output above which the engine stops reading a connection (and starts no
        /// further pipelined request) until the peer has taken it down to 64 KiB (or half
        /// this, when smaller): a peer that does not read cannot make the server queue more.
        /// A streamed response's producer also waits above it.
        public var outboundHighWaterMark = 256 * 1024
        /// Pipelined bytes held while a request is being answered before reading pauses.
        public var maxPipelinedBytes = 64 * 1024
        /// Connections held at once; `nil` for the open-file limit less a reserve of 64.
        public var maxConnections: Int? = nil
        /// Write a Werkzeug-style access log line per request.
        public var accessLog = true
        /// The `Server` response header.
        public var serverHeader = "Flaskish"
        /// The default settings.
        public init() {}
    }

    /// The port the server listens on (the one picked when asked for port 0).
    public let port: Int
    /// The host it was bound to.
    public let host: String
    let configuration: Configuration
    let loops: [EventLoop]
    let loopStates: [LoopLocalState]
    /// The threads handlers run on, shared with the extensions that run work for a connection.
    package let workerPool: WorkerPool
    private let listenerFD: Int32
    private let openConnections = Atomic<Int>(0)
    private let maxConnections: Int
    private let stopped = Mutex<Bool>(false)
    /// Where the server's log lines (access log, connection errors) are written.
    package let logSink: @Sendable (String) -> Void

    init(
        host: String,
        port: Int,
        configuration: Configuration,
        logSink: @escaping @Sendable (String) -> Void,
        makeHandler: @escaping (Connection, Server) -> any ConnectionHandler
    ) throws {
        let fileLimit = SystemCalls.raiseOpenFileLimit()
        let listener = try SystemCalls.makeListener(host: host, port: port)
        self.listenerFD = listener.fd
        self.port = listener.port
        self.host = host
        self.configuration = configuration
        self.logSink = logSink
        self.maxConnections = configuration.maxConnections ?? max(16, fileLimit - 64)
        let loopCount = max(1, configuration.eventLoops ?? Int(cflaskish_available_cpus()))
        self.loops = try (0..<loopCount).map { try EventLoop(index: $0, sendTimeoutMilliseconds: configuration.sendTimeoutMilliseconds) }
        self.loopStates = (0..<loopCount).map { _ in LoopLocalState(logFD: 2) }
        self.workerPool = WorkerPool(maximumThreads: configuration.workerThreads)
        for loop in loops {
            let perLoop = Listener(fd: listener.fd, port: listener.port, server: self) { [unowned self] connection in
                connection.connectionDidClose = { [unowned self] in self.connectionClosed() }
                return makeHandler(connection, self)
            }
            let state = loopStates[loop.index]
            loop.start()
            loop.execute {
                loop.addTurnEndAction { state.flushLog() }
                loop.addListener(perLoop)
            }
        }
    }

    /// The number of connections open now.
    public var connectionCount: Int { openConnections.load(ordering: .relaxed) }

    func admitConnection() -> Bool { openConnections.load(ordering: .relaxed) < maxConnections }
    func connectionOpened() { openConnections.add(1, ordering: .relaxed) }
    func connectionClosed() { openConnections.subtract(1, ordering: .relaxed) }

    func log(_ message: String) { logSink(message) }

    /// Stops the server gracefully: no new connections, in-flight requests finish (up to
    /// `timeout`), WebSockets are closed with 1001, then the loops and workers stop.
    public func stop(timeout: Duration = .seconds(10)) {
        let alreadyStopped = stopped.withLock { value -> Bool in
            defer { value = true }
            return value
        }
        if alreadyStopped { return }
        for loop in loops {
            loop.execute {
                loop.removeListeners()
                for connection in Array(loop.liveConnections) {
                    connection.handler?.shutdownRequested(on: connection)
                }
            }
        }
        let deadline = ContinuousClock.now + timeout
        while connectionCount > 0 && ContinuousClock.now < deadline { usleep(2000) }
        for loop in loops { loop.stopAndWait() }
        close(listenerFD)
        workerPool.shutdown()
    }

    /// True once `stop` has been called.
    public var isStopped: Bool { stopped.withLock { $0 } }
}

