import Flaskish
import Foundation
import Synchronization
import Testing
@testable import FlaskishSocketIO

/// The Redis client against a real redis-server started by each test on a free port.
struct RedisClientTests {
    /// Collects subscription messages and lets a test wait for a count of them.
    final class Inbox: Sendable {
        private let state = Mutex<(messages: [String], waiters: [(Int, CheckedContinuation<[String], Never>)])>(([], []))

        func add(_ payload: [UInt8]) {
            let ready = state.withLock { state -> [(CheckedContinuation<[String], Never>, [String])] in
                state.messages.append(String(decoding: payload, as: UTF8.self))
                let count = state.messages.count
                let due = state.waiters.filter { $0.0 <= count }
                state.waiters.removeAll { $0.0 <= count }
                return due.map { ($0.1, state.messages) }
            }
            for (continuation, messages) in ready { continuation.resume(returning: messages) }
        }

        /// The first `count` messages, once they have arrived (or what came within the time-out).
        func first(_ count: Int, timeout: Duration = .seconds(30)) async -> [String] {
            let all = await withCheckedContinuation { continuation in
                let now = state.withLock { state -> [String]? in
                    if state.messages.count >= count { return state.messages }
                    state.waiters.append((count, continuation))
                    return nil
                }
                if let now { continuation.resume(returning: now) }
                Task {
                    try? await Task.sleep(for: timeout)
                    let late = state.withLock { state -> [(CheckedContinuation<[String], Never>)] in
                        let due = state.waiters.filter { $0.0 == count }.map(\.1)
                        state.waiters.removeAll { $0.0 == count }
                        return due
                    }
                    let messages = state.withLock { $0.messages }
                    for continuation in late { continuation.resume(returning: messages) }
                }
            }
            return Array(all.prefix(count))
        }
    }

    @Test func commandsRoundTrip() async throws {
        try await withRedisServer { redis in
            let client = try RedisClient(url: redis.url)
            defer { client.close() }
            try await client.waitUntilConnected()
            #expect(try await client.ping())
            try await client.set("greeting", "héllo\r\nworld")
            #expect(try await client.get("greeting") == "héllo\r\nworld")
            #expect(try await client.get("missing") == nil)
            #expect(try await client.incr("n") == 1)
            #expect(try await client.incr("n") == 2)
            #expect(try await client.decr("n") == 1)
            for index in 0..<5 { try await client.lpush("list", "item\(index)") }
            try await client.ltrim("list", 0, 2)
            #expect(try await client.lrange("list", 0, -1) == ["item4", "item3", "item2"])
            #expect(try await client.hset("h", "a", "1") == 1)
            #expect(try await client.hset("h", "b", "2") == 1)
            #expect(try await client.hdel("h", "a") == 1)
            #expect(try await client.hgetall("h") == ["b": "2"])
            #expect(try await client.delete("greeting", "n", "nothing") == 2)
            await #expect(throws: RedisError.server("ERR unknown command 'NOSUCHCOMMAND', with args beginning with: ")) {
                try await client.send("NOSUCHCOMMAND")
            }
            // An error reply does not break the connection.
            #expect(try await client.ping())
        }
    }

    @Test func manyConcurrentCommandsEachGetTheirOwnReply() async throws {
        try await withRedisServer { redis in
            let client = try RedisClient(url: redis.url)
            defer { client.close() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        try await client.set("k\(index)", "v\(index)")
                        #expect(try await client.get("k\(index)") == "v\(index)")
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test func publishedMessagesArriveInOrder() async throws {
        try await withRedisServer { redis in
            let publisher = try RedisClient(url: redis.url)
            let subscriber = try RedisClient(url: redis.url)
            defer { publisher.close(); subscriber.close() }
            let inbox = Inbox()
            subscriber.subscribe("news") { channel, payload in
                if channel == "news" { inbox.add(payload) }
            }
            try await subscriber.waitUntilSubscribed(to: "news")
            for index in 0..<500 { publisher.publish("news", "m\(index)") }
            #expect(await inbox.first(500) == (0..<500).map { "m\($0)" })
            // The subscriber's connection still serves commands on its other connection.
            #expect(try await subscriber.ping())
        }
    }

    @Test func passwordAndDatabaseComeFromTheURL() async throws {
        try await withRedisServer(password: "s3cret") { redis in
            let db2 = try RedisClient(url: "redis://:s3cret@127.0.0.1:\(redis.port)/2")
            let db0 = try RedisClient(url: "redis://:s3cret@127.0.0.1:\(redis.port)")
            defer { db2.close(); db0.close() }
            try await db2.set("where", "two")
            #expect(try await db2.get("where") == "two")
            #expect(try await db0.get("where") == nil)
            #expect(try await db0.send("SELECT", "2").string == "OK")
            #expect(try await db0.get("where") == "two")
        }
    }

    @Test func aWrongPasswordIsReportedAndRetried() async throws {
        try await withRedisServer(password: "right") { redis in
            let logs = Mutex<[String]>([])
            let logger = Logger(name: "redis-test")
            logger.addHandler { _, line in logs.withLock { $0.append(line) } }
            var options = RedisClient.Options()
            options.maxConnectAttempts = 2
            options.reconnectInitialDelay = .milliseconds(10)
            let client = try RedisClient(url: "redis://:wrong@127.0.0.1:\(redis.port)", options: options, logger: logger)
            defer { client.close() }
            await #expect(throws: RedisError.self) { try await client.waitUntilConnected(timeout: .seconds(30)) }
            #expect(logs.withLock { $0.contains { $0.contains("refused the log-in") && $0.contains("WRONGPASS") } })
        }
    }

    @Test func unixSocketURL() async throws {
        try await withRedisServer { redis in
            let client = try RedisClient(url: "unix://\(redis.socketPath)?db=1")
            defer { client.close() }
            try await client.set("via", "unix")
            #expect(try await client.get("via") == "unix")
        }
    }

    @Test func redisDownAtStartUpFailsWhenAttemptsAreLimited() async throws {
        let port = try RedisServerProcess.freePort()
        var options = RedisClient.Options()
        options.maxConnectAttempts = 1
        let client = try RedisClient(url: "redis://127.0.0.1:\(port)", options: options)
        defer { client.close() }
        do {
            try await client.waitUntilConnected()
            Issue.record("connected to a port nobody listens on")
        } catch {
            guard case .unavailable(let reason) = error else { Issue.record("unexpected \(error)"); return }
            #expect(reason.contains("giving up") && reason.contains("refused"))
        }
        await #expect(throws: RedisError.self) { try await client.ping() }
    }

    @Test func redisDownAtStartUpIsRetriedUntilItComes() async throws {
        let redis = try RedisServerProcess.start()
        defer { redis.destroy() }
        redis.stop()
        let client = try RedisClient(url: redis.url, options: .init(reconnectInitialDelay: .milliseconds(20), reconnectMaxDelay: .milliseconds(200)))
        defer { client.close() }
        await #expect(throws: RedisError.self) { try await client.waitUntilConnected(timeout: .milliseconds(300)) }
        // A command issued while Redis is down waits for it.
        async let answer = client.incr("waited")
        try redis.restart()
        #expect(try await answer == 1)
    }

    @Test func aRedisRestartIsSurvivedAndSubscriptionsComeBack() async throws {
        try await withRedisServer { redis in
            let logs = Mutex<[String]>([])
            let logger = Logger(name: "redis-test")
            logger.addHandler { _, line in logs.withLock { $0.append(line) } }
            let options = RedisClient.Options(reconnectInitialDelay: .milliseconds(20), reconnectMaxDelay: .milliseconds(200))
            let publisher = try RedisClient(url: redis.url, options: options, logger: logger)
            let subscriber = try RedisClient(url: redis.url, options: options, logger: logger)
            defer { publisher.close(); subscriber.close() }
            let inbox = Inbox()
            subscriber.subscribe("ch") { _, payload in inbox.add(payload) }
            try await subscriber.waitUntilSubscribed(to: "ch")
            publisher.publish("ch", "before")
            #expect(await inbox.first(1) == ["before"])

            redis.stop()
            // Commands fail or wait; nothing crashes.
            await #expect(throws: RedisError.self) { try await publisher.waitUntilConnected(timeout: .milliseconds(200)) }
            try redis.restart()
            try await publisher.waitUntilConnected()
            try await subscriber.waitUntilSubscribed(to: "ch")
            publisher.publish("ch", "after")
            #expect(await inbox.first(2) == ["before", "after"])
            #expect(logs.withLock { $0.contains { $0.contains("lost") } })
            #expect(logs.withLock { $0.contains { $0.contains("restored after") && $0.contains("were not received") } })
        }
    }

    @Test func aRedisThatStopsAnsweringIsDetectedByTheHealthCheck() async throws {
        try await withRedisServer { redis in
            let logs = Mutex<[String]>([])
            let logger = Logger(name: "redis-test")
            logger.addHandler { _, line in logs.withLock { $0.append(line) } }
            let options = RedisClient.Options(reconnectInitialDelay: .milliseconds(20), reconnectMaxDelay: .milliseconds(200),
                                              connectTimeout: .seconds(1), healthCheckInterval: .milliseconds(100))
            let subscriber = try RedisClient(url: redis.url, options: options, logger: logger)
            let publisher = try RedisClient(url: redis.url)
            defer { subscriber.close(); publisher.close() }
            let inbox = Inbox()
            subscriber.subscribe("ch") { _, payload in inbox.add(payload) }
            try await subscriber.waitUntilSubscribed(to: "ch")
            redis.pause()
            // The socket stays open; only the unanswered PING shows Redis is gone.
            let lost = Inbox()
            logger.addHandler { _, line in if line.contains("no answer to PING") { lost.add(Array(line.utf8)) } }
            _ = await lost.first(1)
            redis.resume()
            try await subscriber.waitUntilSubscribed(to: "ch")
            publisher.publish("ch", "back")
            #expect(await inbox.first(1) == ["back"])
            #expect(logs.withLock { $0.contains { $0.contains("no answer to PING within 100 ms") } })
        }
    }

    @Test func closeFailsWaitingCommands() async throws {
        let port = try RedisServerProcess.freePort()
        let client = try RedisClient(url: "redis://127.0.0.1:\(port)", options: .init(reconnectInitialDelay: .seconds(60)))
        // Queued (Redis is not there) or refused (already closed): either way it fails, never hangs.
        let waiting = Task { try await client.ping() }
        client.close()
        await #expect(throws: RedisError.self) { try await waiting.value }
    }
}
