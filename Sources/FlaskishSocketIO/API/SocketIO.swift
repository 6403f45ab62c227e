import Flaskish
import Synchronization

/// Socket.IO for a Flaskish app: event handlers, rooms, broadcasts, acknowledgements.
///
/// ```swift
/// let app = Flask()
/// let socketio = SocketIO(app, corsAllowedOrigins: "*")
/// socketio.on("message") { msg in
///     print(msg)
///     try send(msg, broadcast: true)
/// }
/// socketio.run(app)
/// ```
///
/// Flask-SocketIO: `flask_socketio.SocketIO`.
public final class SocketIO: Sendable {
    /// The settings given at creation, read by the Engine.IO server.
    public struct Options: Sendable, Hashable {
        /// Which origins may connect. Flask-SocketIO: `cors_allowed_origins` (same origin by default).
        public var corsAllowedOrigins: AllowedOrigins
        /// Seconds between server pings. python-engineio: `ping_interval`, 25.
        public var pingInterval: Double
        /// Seconds to wait for a pong. python-engineio: `ping_timeout`, 20.
        public var pingTimeout: Double
        /// The largest Engine.IO message or polling payload accepted, in bytes.
        /// python-engineio: `max_http_buffer_size`, 1 000 000.
        public var maxHttpBufferSize: Int
        /// The URL path the server answers on, without slashes. Flask-SocketIO: `path`, `"socket.io"`.
        public var path: String
        /// Accepted for source compatibility; Flaskish has one mode (its event loops and worker pool).
        public var asyncMode: String?
        /// Seconds a new connection may take to send its first namespace CONNECT before it is
        /// closed. Node: `connectTimeout` (45 000 ms); Flask-SocketIO has none.
        public var connectTimeout: Double = SocketIO.defaultConnectTimeout
        /// Send the CONNECT reply before the connect handler runs; a refusal then becomes a
        /// DISCONNECT. Flask-SocketIO: `always_connect` (False).
        public var alwaysConnect = false
    }

    /// The settings.
    public let options: Options
    /// The protocol server (rooms, emits, the Engine.IO entry points).
    public let server: SocketIOServer
    let registry = Mutex(HandlerRegistry())
    /// The app holds this extension (`app.extensions["socketio"]`, its middleware), so the
    /// extension holds the app weakly: a strong reference back would keep both alive for ever.
    private let appBox = Mutex(WeakApp())
    /// The app is no hot object (retained a few times a request, never once per recipient),
    /// so the side table a weak reference gives it costs nothing measurable.
    private struct WeakApp: @unchecked Sendable {
        weak var value: Flask?
    }
    /// Stands in for the app until ``initApp(_:)``, so `request` works in handlers of an
    /// extension made without one instead of stopping the program.
    private let placeholderApp = Flask("socketio")

    /// The Flask-SocketIO defaults.
    public static let defaultPingInterval = 25.0
    /// The Flask-SocketIO default ping timeout, in seconds.
    public static let defaultPingTimeout = 20.0
    /// The Flask-SocketIO default buffer size: 1 MB.
    public static let defaultMaxHttpBufferSize = 1_000_000
    /// Node's default connect time-out, in seconds.
    public static let defaultConnectTimeout = 45.0

    /// The extension, attached to `app` when given (else call ``initApp(_:)`` later).
    ///
    /// `limits` bounds what one client may make the server hold, among them the packets
    /// waiting for its handlers (``SocketIOLimits/maxQueuedPackets``); `connectTimeout` is
    /// Node's.
    ///
    /// With `messageQueue` (a `redis://` or `unix://` URL) the rooms and emits are shared
    /// with every process, Flaskish or Flask-SocketIO, that uses the same queue and `channel`
    /// (see ``RedisAdapter``, docs/scaling.md). Without an app it is a write-only emitter: a
    /// program that is not a server can emit to the cluster's clients. An empty `messageQueue`
    /// means none, as in Flask-SocketIO. An invalid `messageQueue` URL stops the program with a
    /// message naming the problem; a program that takes the URL from its user checks it first
    /// with ``RedisURL`` to report it as a usage error (ChatDemo's `--message-queue` does).
    ///
    /// `connectionStateRecovery` turns on connection state recovery (off by default; see
    /// ``ConnectionStateRecovery``; Node: `new Server({ connectionStateRecovery })`).
    ///
    /// Flask-SocketIO: `SocketIO(app=None, cors_allowed_origins=…, ping_interval=…,
    /// message_queue=…, channel="flask-socketio", always_connect=…, …)`.
    public init(
        _ app: Flask? = nil,
        corsAllowedOrigins: AllowedOrigins = .sameOrigin,
        pingInterval: Double = SocketIO.defaultPingInterval,
        pingTimeout: Double = SocketIO.defaultPingTimeout,
        maxHttpBufferSize: Int = SocketIO.defaultMaxHttpBufferSize,
        path: String = "socket.io",
        asyncMode: String? = nil,
        adapter: (any Adapter)? = nil,
        messageQueue: String? = nil,
        channel: String = "flask-socketio",
        messageQueueOptions: RedisClient.Options = RedisClient.Options(),
        limits: SocketIOLimits = SocketIOLimits(),
        connectTimeout: Double = SocketIO.defaultConnectTimeout,
        alwaysConnect: Bool = false,
        connectionStateRecovery: ConnectionStateRecovery? = nil
    ) {
        let adapter = adapter ?? Self.makeAdapter(messageQueue: messageQueue, channel: channel, options: messageQueueOptions)
        let trimmed = path.split(separator: "/").joined(separator: "/")
        options = Options(
            corsAllowedOrigins: corsAllowedOrigins, pingInterval: pingInterval, pingTimeout: pingTimeout,
            maxHttpBufferSize: maxHttpBufferSize, path: trimmed.isEmpty ? "socket.io" : trimmed, asyncMode: asyncMode,
            connectTimeout: connectTimeout, alwaysConnect: alwaysConnect)
        server = SocketIOServer(
            adapter: adapter, limits: limits, logger: Logger(name: app?.name ?? "socketio"),
            connectTimeout: .milliseconds(Int(connectTimeout * 1000)), alwaysConnect: alwaysConnect,
            connectionStateRecovery: connectionStateRecovery)
        server.delegate = self
        (adapter as? any ClusterAdapter)?.attach(server)
        if let app { initApp(app) }
    }

    /// Attaches the extension to `app`: stored as `app.extensions["socketio"]`.
    ///
    /// Flask-SocketIO: `socketio.init_app(app)`.
    public func initApp(_ app: Flask) {
        appBox.withLock { $0.value = app }
        app.extensions["socketio"] = self
        // Made without an app, the extension was a write-only emitter; serving, it listens.
        (server.adapter as? any ClusterAdapter)?.startListening()
        installEngine(on: app)
        showInRoutes(app)
    }

    /// The app this extension is attached to, while that app exists (held weakly: the app
    /// owns its extensions, not the other way round).
    public var app: Flask? { appBox.withLock { $0.value } }

    /// Serves `app` (with Socket.IO) until SIGINT/SIGTERM, then shuts down gracefully.
    ///
    /// `configuration` sets the engine in code, as `app.run(configuration:)` does (nil: from
    /// `app.config`):
    ///
    /// ```swift
    /// var settings = Server.Configuration()
    /// settings.eventLoops = 2
    /// settings.maxOutboundBytes = 8 << 20
    /// settings.keepAliveTimeoutMilliseconds = 15_000
    /// socketio.run(app, port: 8000, configuration: settings)
    /// ```
    ///
    /// Flask-SocketIO: `socketio.run(app, host=None, port=None, debug=…, **kwargs)` (the
    /// keyword arguments go to the web server).
    public func run(_ app: Flask, host: String? = nil, port: Int? = nil, debug: Bool? = nil, configuration: Server.Configuration? = nil) {
        if self.app == nil { initApp(app) }
        app.run(host: host, port: port, debug: debug, configuration: configuration)
    }

    /// Starts `body` in a new task that carries no context (no `request`, no event): use the
    /// server-level ``emit(_:_:to:room:namespace:includeSelf:skipSid:callback:)`` inside it.
    ///
    /// Flask-SocketIO: `socketio.start_background_task(target)`.
    @discardableResult
    public func startBackgroundTask(_ body: @escaping @Sendable () async throws -> Void) -> Task<Void, any Error> {
        Task.detached { try await body() }
    }

    /// Suspends the current task for `seconds` without holding a thread.
    ///
    /// Flask-SocketIO: `socketio.sleep(seconds)`.
    public func sleep(_ seconds: Double) async {
        try? await Task.sleep(for: .seconds(seconds))
    }

    // MARK: Server-level emits (usable anywhere)

    /// Emits `event` with `arguments` to every client of `namespace`, or to the room (or sid) `to`.
    ///
    /// `includeSelf: false` skips the client whose event is being handled, when called from a
    /// handler. A `callback` receives each recipient's acknowledgement.
    ///
    /// Flask-SocketIO: `socketio.emit(event, *args, to=, namespace=, include_self=, skip_sid=, callback=)`.
    /// - Throws: ``SocketIOPacketError/invalidNamespace(_:)``.
    public func emit(
        _ event: String, _ arguments: any SocketIOValueConvertible..., to: String? = nil, room: String? = nil,
        namespace: String = "/", includeSelf: Bool = true, skipSid: String? = nil,
        callback: (@Sendable ([SocketIOValue]) async -> Void)? = nil
    ) throws {
        try emit(event, arguments: arguments.map(\.socketIOValue), to: to ?? room, namespace: namespace,
                 includeSelf: includeSelf, skipSid: skipSid, callback: callback)
    }

    /// Sends a `message` event (or `json` with `json: true`), as ``emit(_:_:to:room:namespace:includeSelf:skipSid:callback:)``.
    ///
    /// Flask-SocketIO: `socketio.send(data, json=False, to=, namespace=, …)`.
    public func send(
        _ message: any SocketIOValueConvertible, json: Bool = false, to: String? = nil, room: String? = nil,
        namespace: String = "/", includeSelf: Bool = true, skipSid: String? = nil,
        callback: (@Sendable ([SocketIOValue]) async -> Void)? = nil
    ) throws {
        try emit(json ? "json" : "message", arguments: [message.socketIOValue], to: to ?? room, namespace: namespace,
                 includeSelf: includeSelf, skipSid: skipSid, callback: callback)
    }

    /// Removes every client from `room`.
    ///
    /// Flask-SocketIO: `socketio.close_room(room, namespace=None)`.
    public func closeRoom(_ room: String, namespace: String = "/") {
        server.closeRoom(room, namespace: namespace)
    }

    /// ``emit(_:_:to:room:namespace:includeSelf:skipSid:callback:)`` with the arguments as an
    /// array, for a list built at run time: `socketio.emit("move", arguments: [x, y])` sends two
    /// arguments (passing the array to the variadic form would send one, the array).
    ///
    /// Flask-SocketIO: `socketio.emit(event, *args, …)`. Every other emit goes through here.
    /// - Throws: ``SocketIOPacketError/invalidNamespace(_:)``.
    public func emit(
        _ event: String, arguments: [SocketIOValue], to target: String? = nil, room: String? = nil,
        namespace: String = "/", includeSelf: Bool = true, skipSid: String? = nil,
        callback: (@Sendable ([SocketIOValue]) async -> Void)? = nil
    ) throws {
        let target = target ?? room
        let context = SocketIOEventContext.current
        var skip: Set<String> = []
        if let skipSid { skip.insert(skipSid) } else if !includeSelf, let sid = context?.sid { skip.insert(sid) }
        var wrapped = callback
        if let callback, let context, context.socketio === self {
            // As Flask-SocketIO: the callback runs in the context of the client that emitted.
            wrapped = { [self] values in
                await withEventContext(sid: context.sid, namespace: context.namespace, event: context.event,
                                       arguments: values, request: server.request(of: context.sid, namespace: context.namespace)) {
                    await callback(values)
                }
            }
        }
        try server.emit(event, arguments, namespace: namespace, to: target.map { [$0] }, skip: skip, callback: wrapped)
    }

    /// Runs `body` with the Socket.IO event context and a Flaskish app context built from the
    /// client's handshake request (so `request`, `g` and `currentApp` work), as Flask-SocketIO
    /// pushes a request context for every event.
    func withEventContext<T: Sendable>(
        sid: String, namespace: String, event: String, arguments: [SocketIOValue], request: Request?,
        _ body: () async throws -> T
    ) async rethrows -> T {
        let context = SocketIOEventContext(socketio: self, sid: sid, namespace: namespace, event: event, arguments: arguments)
        return try await SocketIOEventContext.$current.withValue(context) {
            guard let request else { return try await body() }
            return try await AppContext.$current.withValue(AppContext(app: app ?? placeholderApp, request: request)) { try await body() }
        }
    }
}

