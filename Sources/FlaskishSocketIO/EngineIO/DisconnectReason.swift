/// Why an Engine.IO (and so a Socket.IO) session ended, as given to `disconnect` handlers.
///
/// An open set (Socket.IO adds namespace-level reasons), hence a struct with static lets.
///
/// python-engineio: `Server.reason` (`SERVER_DISCONNECT`, `CLIENT_DISCONNECT`, …).
public struct DisconnectReason: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The reason as python-engineio spells it.
    public let rawValue: String

    /// Wraps a reason string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The server closed the session (`disconnect()`, shutdown).
    public static let serverDisconnect = DisconnectReason(rawValue: "server disconnect")
    /// The client sent a close packet.
    public static let clientDisconnect = DisconnectReason(rawValue: "client disconnect")
    /// No pong arrived within `pingTimeout` of a ping.
    public static let pingTimeout = DisconnectReason(rawValue: "ping timeout")
    /// The transport connection closed (WebSocket closed, poll request dropped).
    public static let transportClose = DisconnectReason(rawValue: "transport close")
    /// The transport broke the protocol (bad payload, concurrent poll, WebSocket error).
    public static let transportError = DisconnectReason(rawValue: "transport error")

    public var description: String { rawValue }
}
