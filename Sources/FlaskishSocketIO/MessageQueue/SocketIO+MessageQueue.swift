import Flaskish

extension SocketIO {
    /// The adapter `SocketIO(…, messageQueue:)` uses: Redis for a queue URL, memory otherwise.
    static func makeAdapter(messageQueue: String?, channel: String, options: RedisClient.Options) -> any Adapter {
        guard let messageQueue else { return InMemoryAdapter() }
        do {
            return try RedisAdapter(url: messageQueue, channel: channel, options: options)
        } catch {
            // Flask-SocketIO raises at start-up for an unusable URL; a cluster member that
            // silently ran alone would be worse than not starting.
            fatalError("SocketIO(messageQueue:): \(error)")
        }
    }

    /// The message queue adapter when the extension was made with `messageQueue:`.
    public var messageQueue: RedisAdapter? { server.adapter as? RedisAdapter }
}
