/// What can go wrong talking to Redis.
public enum RedisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The URL could not be parsed; `reason` says what is wrong.
    case invalidURL(String, reason: String)
    /// Redis answered the command with an error reply (`ERR …`, `WRONGTYPE …`, `NOAUTH …`).
    case server(String)
    /// The connection dropped after the command was sent and before its reply came: Redis may
    /// or may not have carried it out.
    case connectionLost(String)
    /// No connection, and the command could not wait for one: the client is closed, gave up
    /// reconnecting, or already holds ``RedisClient/Options/maxQueuedCommands`` commands.
    case unavailable(String)
    /// ``RedisClient/waitUntilConnected(timeout:)`` ran out of time; the last connection error.
    case timedOut(String)

    /// A sentence for logs and error messages.
    public var description: String {
        switch self {
        case .invalidURL(let url, let reason): "invalid Redis URL \"\(url)\": \(reason)"
        case .server(let message): "Redis error: \(message)"
        case .connectionLost(let reason): "Redis connection lost before the reply: \(reason)"
        case .unavailable(let reason): "Redis unavailable: \(reason)"
        case .timedOut(let reason): "timed out waiting for Redis: \(reason)"
        }
    }
}
