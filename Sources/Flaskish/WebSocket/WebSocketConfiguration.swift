/// The limits and timeouts of one WebSocket route.
///
/// Flask-Sock: the `SOCK_SERVER_OPTIONS` config (`max_message_size`, `ping_interval`).
public struct WebSocketConfiguration: Sendable, Hashable {
    /// The largest message (summed over its fragments) and the largest single frame
    /// accepted; more closes the connection with 1009. DESIGN.md's 1 MB by default.
    public var maxMessageSize = WebSocketMessageAssembler.defaultMaxMessageSize
    /// How long the peer has to answer our close frame (or, after we failed the
    /// connection, to close its side) before the TCP connection is closed anyway.
    public var closeTimeoutMilliseconds = 5_000
    /// Received messages waiting for `receive()` beyond which the engine stops reading
    /// from the socket until the handler catches up (the kernel then slows the peer down).
    public var maxQueuedInboundBytes = 1 << 20
    /// Outbound bytes queued on the socket above which `send` waits for the peer to read.
    /// The hard cut-off for a consumer that never reads is the server's
    /// `Server.Configuration.maxOutboundBytes`.
    public var sendHighWaterMark = 256 * 1024

    /// The defaults.
    public init() {}
}
