import Flaskish

extension SocketIO {
    /// The adapter `SocketIO(…, messageQueue:)` uses: Redis for a queue URL, memory otherwise.
    /// An empty URL is no queue, as Flask-SocketIO's `if message_queue:` reads it (so an unset
    /// `MESSAGE_QUEUE=` in a deployment script means one process, not a crash).
    static func makeAdapter(messageQueue: String?, channel: String, options: RedisClient.Options) -> any Adapter {
        guard let messageQueue, !messageQueue.isEmpty else { return InMemoryAdapter() }
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
