import Flaskish
import Foundation
import Synchronization

/// A Redis client of Flaskish's own: RESP over a non-blocking socket on an event loop of the
/// Flaskish engine, with reconnection and back-off.
///
/// ```swift
/// let redis = try RedisClient(url: "redis://127.0.0.1:6379/0")
/// try await redis.set("greeting", "hello")
/// let value = try await redis.get("greeting")          // "hello"
/// redis.subscribe("news") { channel, payload in … }    // on the client's loop thread
/// redis.publish("news", "extra!")                      // in order, fire-and-forget
/// ```
///
/// Commands travel in the order they are issued (from one thread, or one task awaiting each),
/// and replies come back in that order. While Redis is unreachable commands wait (up to
/// ``Options/maxQueuedCommands``) and leave once it is back; those in flight when a
/// connection drops fail with ``RedisError/connectionLost(_:)``. Subscriptions use a second
/// connection, opened on the first ``subscribe(_:handler:)`` and re-subscribed after every
/// reconnect. Each client runs one event loop thread; ``close()`` stops it.
///
/// redis-py: `redis.Redis.from_url(url)` plus its `pubsub()`.
public final class RedisClient: Sendable {
    /// Where the client connects.
    public let url: RedisURL
    /// Reconnection and queue bounds.
    public let options: Options
    /// Where connection trouble is reported.
    public let logger: Logger

    private let loop: EventLoop
    private let commands: RedisLink
    private let subscriber: RedisLink
    private let closed = Mutex(false)

    /// A client for `url` (`redis://[[user]:password@]host[:port][/db]` or `unix:///path`).
    /// It starts connecting at once, in the background: use ``waitUntilConnected(timeout:)``
    /// to find out whether Redis is there.
    /// - Throws: ``RedisError/invalidURL(_:reason:)``, or ``RedisError/unavailable(_:)`` when
    ///   the event loop cannot be created (out of file descriptors).
    public convenience init(url: String, options: Options = Options(), logger: Logger = Logger(name: "redis")) throws(RedisError) {
        try self.init(url: try RedisURL(url), options: options, logger: logger)
    }

    /// A client for a parsed URL.
    public init(url: RedisURL, options: Options = Options(), logger: Logger = Logger(name: "redis")) throws(RedisError) {
        self.url = url
        self.options = options
        self.logger = logger
        do {
            loop = try EventLoop.makeStandalone()
        } catch {
            throw .unavailable("cannot start the Redis client's event loop: \(error)")
        }
        commands = RedisLink(url: url, options: options, loop: loop, logger: logger, role: .commands)
        subscriber = RedisLink(url: url, options: options, loop: loop, logger: logger, role: .subscriber)
        loop.execute { [commands] in commands.start() }
    }

    deinit { close() }

    /// Disconnects and stops the client's thread; commands still waiting fail with
    /// ``RedisError/unavailable(_:)``. Safe to call more than once, from any thread.
    public func close() {
        // Under the lock, so every job `post` accepted is in the mailbox before the ones
        // below: the loop runs them all (failing their commands) before it stops.
        let wasClosed = closed.withLock { value -> Bool in
            defer { value = true }
            if !value {
                self.loop.execute { [commands, subscriber] in
                    commands.finish()
                    subscriber.finish()
                }
            }
            return value
        }
        if wasClosed { return }
        let loop = self.loop
        if loop.inEventLoop {
            // Called from a subscription handler: the loop cannot wait for itself.
            Thread.detachNewThread { loop.stopStandalone() }
        } else {
            loop.stopStandalone()
        }
    }

    /// Runs `job` on the client's loop, or `refused` at once when the client is closed (a
    /// stopped loop would never run the job, and its caller would wait forever).
    private func post(_ job: @escaping @Sendable () -> Void, refused: () -> Void) {
        let accepted = closed.withLock { isClosed -> Bool in
            if !isClosed { loop.execute(job) }
            return !isClosed
        }
        if !accepted { refused() }
    }

    private static let closedError = RedisError.unavailable("the client was closed")

    /// Returns once the client is connected and logged in.
    /// - Throws: ``RedisError/timedOut(_:)`` with the last connection error after `timeout`,
    ///   or ``RedisError/unavailable(_:)`` when the client gave up or was closed.
    public func waitUntilConnected(timeout: Duration = .seconds(10)) async throws(RedisError) {
        let milliseconds = timeout.roundedUpMilliseconds
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Void, RedisError>, Never>) in
            post({ [commands] in
                commands.waitUntilReady(milliseconds: milliseconds) { continuation.resume(returning: $0) }
            }, refused: { continuation.resume(returning: .failure(Self.closedError)) })
        }
        try result.get()
    }

    /// Sends a command and returns Redis's reply.
    /// - Throws: ``RedisError/server(_:)`` for an error reply, or a connection error.
    @discardableResult
    public func send(_ arguments: [[UInt8]]) async throws(RedisError) -> RESPValue {
        let bytes = RESPEncoder.command(arguments)
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<RESPValue, RedisError>, Never>) in
            post({ [commands] in
                commands.submit(bytes) { continuation.resume(returning: $0) }
            }, refused: { continuation.resume(returning: .failure(Self.closedError)) })
        }
        let value = try result.get()
        if case .error(let message) = value { throw .server(message) }
        return value
    }

    /// Sends a command given as text arguments.
    @discardableResult
    public func send(_ arguments: String...) async throws(RedisError) -> RESPValue {
        try await send(arguments.map { Array($0.utf8) })
    }

    /// Sends a command without waiting for its reply; an error reply or a lost connection is
    /// logged, not reported. Commands sent this way keep their order with every other command
    /// of this client issued after them from the same thread.
    public func sendAndForget(_ arguments: [[UInt8]]) {
        let bytes = RESPEncoder.command(arguments)
        post({ [commands] in commands.submit(bytes, reply: nil) }, refused: {})
    }

    /// Subscribes to `channel`. `handler` receives each message's channel and payload on the
    /// client's loop thread, in the order Redis delivers them: it must return quickly and never
    /// block (hand longer work to a task).
    ///
    /// redis-py: `pubsub.subscribe(**{channel: handler})`.
    public func subscribe(_ channel: String, handler: @escaping @Sendable (_ channel: String, _ payload: [UInt8]) -> Void) {
        post({ [subscriber] in subscriber.subscribe(channel, handler: handler) }, refused: {})
    }

    /// Returns once Redis has confirmed the subscription to `channel` (messages published
    /// before that are not received). Tests and servers that announce readiness use it.
    /// - Throws: ``RedisError/timedOut(_:)`` or ``RedisError/unavailable(_:)``.
    public func waitUntilSubscribed(to channel: String, timeout: Duration = .seconds(10)) async throws(RedisError) {
        let milliseconds = timeout.roundedUpMilliseconds
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Void, RedisError>, Never>) in
            post({ [subscriber] in
                subscriber.waitUntilReady(channel: channel, milliseconds: milliseconds) { continuation.resume(returning: $0) }
            }, refused: { continuation.resume(returning: .failure(Self.closedError)) })
        }
        try result.get()
    }

    /// Stops receiving `channel`'s messages. redis-py: `pubsub.unsubscribe(channel)`.
    public func unsubscribe(_ channel: String) {
        post({ [subscriber] in subscriber.unsubscribe(channel) }, refused: {})
    }
}
