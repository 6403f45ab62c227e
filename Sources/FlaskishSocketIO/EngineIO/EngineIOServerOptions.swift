/// The settings of an `EngineIOServer`, with python-engineio's defaults.
///
/// python-engineio: the keyword arguments of `engineio.Server(...)`.
public struct EngineIOServerOptions: Sendable, Hashable {
    /// The URL path the server answers (python-engineio: `engineio_path`, `socket.io`).
    /// Requests to exactly this path, with or without its trailing slash, are Engine.IO
    /// requests; deeper paths (`/socket.io/socket.io.js`) go on to the app.
    public var path = "/socket.io/"
    /// Between the server's pings (python-engineio: `ping_interval=25`).
    public var pingInterval: Duration = .seconds(25)
    /// For the client's pong to arrive (python-engineio: `ping_timeout=20`).
    public var pingTimeout: Duration = .seconds(20)
    /// The largest polling payload and WebSocket message, in bytes; a larger POST is
    /// answered 400 (code 3) and a larger WebSocket message closes with 1009, ending the
    /// session either way (python-engineio: `max_http_buffer_size=1000000`).
    public var maxHttpBufferSize = 1_000_000
    /// Packets held for a polling client that is not polling, beyond which the session ends
    /// with "transport error" (a slow consumer): what a broadcast may pile up for one client
    /// is bounded even before its ping time-out.
    public var maxQueuedPackets = 10_000
    /// Messages of one session waiting for (or in) `onMessage` handlers, at which the
    /// server stops taking more from that client until half have been handled: a WebSocket
    /// is no longer read, a POST's answer waits. Nothing is dropped. Socket.IO applies its
    /// own bound (`SocketIOLimits.maxQueuedPackets`) instead. No python-engineio equivalent
    /// (its queue is unbounded).
    public var maxPendingMessages = 128
    /// For a started upgrade to finish before its WebSocket is dropped.
    public var upgradeTimeout: Duration = .seconds(10)
    /// Whether polling sessions may upgrade to WebSocket (python-engineio: `allow_upgrades`).
    public var allowUpgrades = true
    /// Which `Origin`s may connect (polling and WebSocket alike): same origin only by
    /// default (Flask-SocketIO: `cors_allowed_origins`).
    public var corsAllowedOrigins: AllowedOrigins = .sameOrigin

    /// The defaults.
    public init() {}

    /// The per-session settings handed to the session state machine.
    var sessionConfiguration: EngineIOSession.Configuration {
        var configuration = EngineIOSession.Configuration()
        configuration.pingInterval = pingInterval
        configuration.pingTimeout = pingTimeout
        configuration.maxPayload = maxHttpBufferSize
        configuration.upgradeTimeout = upgradeTimeout
        configuration.allowUpgrades = allowUpgrades
        return configuration
    }
}

/// The origins allowed to open Engine.IO sessions, checked against the `Origin` header so
/// that another site's page cannot ride a user's cookies into a session (cross-site
/// WebSocket hijacking). Requests without `Origin` (non-browser clients) are let through.
///
/// ```swift
/// options.corsAllowedOrigins = "*"                                  // any origin
/// options.corsAllowedOrigins = ["https://example.com"]              // a list
/// ```
/// Flask-SocketIO: `cors_allowed_origins` (None = same origin, `'*'`, or a list).
public enum AllowedOrigins: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    /// Only pages served by this host: the `Origin`'s host and port must equal `Host`.
    case sameOrigin
    /// Any origin.
    case any
    /// Exactly these origins (`scheme://host[:port]`).
    case list([String])

    /// `"*"` is `.any`; any other string is a one-origin list.
    public init(stringLiteral value: String) {
        self = value == "*" ? .any : .list([value])
    }

    /// A list of origins.
    public init(arrayLiteral elements: String...) {
        self = .list(elements)
    }

    /// True when a request from `origin` to `host` may proceed.
    func allows(origin: String, host: String?) -> Bool {
        switch self {
        case .any:
            return true
        case .list(let origins):
            return origins.contains { $0.lowercased() == origin.lowercased() }
        case .sameOrigin:
            guard let host else { return false }
            return Self.hostPart(of: origin)?.lowercased() == host.lowercased()
        }
    }

    /// `host[:port]` of `scheme://host[:port][/…]`.
    static func hostPart(of origin: String) -> Substring? {
        let utf8 = Array(origin.utf8)
        guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")), utf8.count > colon + 2,
              utf8[colon + 1] == UInt8(ascii: "/"), utf8[colon + 2] == UInt8(ascii: "/") else { return nil }
        let rest = origin.utf8.dropFirst(colon + 3)
        let end = rest.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
        return Substring(origin[rest.startIndex..<end])
    }
}
