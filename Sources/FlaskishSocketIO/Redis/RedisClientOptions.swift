extension RedisClient {
    /// How a ``RedisClient`` connects, reconnects and bounds what waits for a connection.
    ///
    /// redis-py: the `socket_connect_timeout`, `retry` (`ExponentialBackoff`) and
    /// `retry_on_error` arguments of `Redis(...)`.
    public struct Options: Sendable, Hashable {
        /// The first pause after a failed connect or a lost connection: 100 ms.
        public var reconnectInitialDelay: Duration
        /// The longest pause between attempts (the pause doubles up to it): 2 s, so a cluster
        /// heals within about 2 s of Redis coming back.
        public var reconnectMaxDelay: Duration
        /// How many connects in a row may fail before the client gives up for good; nil (the
        /// default) never gives up. 1 makes Redis being down at start-up a hard error: commands
        /// and ``RedisClient/waitUntilConnected(timeout:)`` fail with ``RedisError/unavailable(_:)``.
        public var maxConnectAttempts: Int?
        /// How long a connect plus log-in may take before it counts as failed: 5 s.
        public var connectTimeout: Duration
        /// Commands that may wait for a connection (at start-up or while Redis is down): 10 000.
        /// Past it a command fails at once with ``RedisError/unavailable(_:)`` and is counted in
        /// the log line written when the connection comes back.
        public var maxQueuedCommands: Int
        /// Bytes that may wait in the socket's send queue while Redis reads slower than we
        /// write: 32 MiB. Past it a command fails at once, as above.
        public var maxOutboundBytes: Int
        /// How often an established connection sends `PING`; a connection that received
        /// nothing for a whole interval after one is closed and reopened. 10 s; nil turns it off.
        /// Without it, a Redis that vanished without closing the socket (a dead host, a network
        /// partition) would leave a subscriber waiting forever.
        public var healthCheckInterval: Duration?
        /// Bounds on what Redis may send back.
        public var decoderLimits: RESPDecoder.Limits

        /// The defaults above.
        public init(
            reconnectInitialDelay: Duration = .milliseconds(100),
            reconnectMaxDelay: Duration = .seconds(2),
            maxConnectAttempts: Int? = nil,
            connectTimeout: Duration = .seconds(5),
            maxQueuedCommands: Int = 10_000,
            maxOutboundBytes: Int = 32 << 20,
            healthCheckInterval: Duration? = .seconds(10),
            decoderLimits: RESPDecoder.Limits = RESPDecoder.Limits()
        ) {
            self.reconnectInitialDelay = reconnectInitialDelay
            self.reconnectMaxDelay = reconnectMaxDelay
            self.maxConnectAttempts = maxConnectAttempts
            self.connectTimeout = connectTimeout
            self.maxQueuedCommands = maxQueuedCommands
            self.maxOutboundBytes = maxOutboundBytes
            self.healthCheckInterval = healthCheckInterval
            self.decoderLimits = decoderLimits
        }
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so a positive duration never becomes 0.
    var roundedUpMilliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}
