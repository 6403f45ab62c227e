import Flaskish
import Foundation
import Synchronization
import Testing
@testable import FlaskishSocketIO

/// Two adapters on one channel of a real redis-server, as two processes would be (the
/// cross-process suite with real servers and clients is Tests/scaleout).
struct RedisAdapterTests {
    /// A socket's receiving end: collects encoded packets, lets the test wait for a count.
    final class Receiver: SocketIOPacketReceiver {
        let inbox = RedisClientTests.Inbox()
        func receive(_ packet: EncodedSocketIOPacket) { inbox.add(Array(packet.text.utf8)) }
    }

    static func pair(_ redis: RedisServerProcess, logger: Logger = Logger(name: "redis-adapter-test")) async throws -> (RedisAdapter, RedisAdapter) {
        let channel = "test-\(UUID().uuidString)"
        let a = try RedisAdapter(url: redis.url, channel: channel, logger: logger)
        let b = try RedisAdapter(url: redis.url, channel: channel, logger: logger)
        a.startListening()
        b.startListening()
        try await a.waitUntilListening()
        try await b.waitUntilListening()
        return (a, b)
    }

    @Test func emitsReachTheOtherProcessOnceAndInOrder() async throws {
        try await withRedisServer { redis in
            let (a, b) = try await Self.pair(redis)
            defer { a.client.close(); b.client.close() }
            let onA = Receiver(), onB = Receiver(), inRoomOnB = Receiver()
            a.connect(sid: "sa", namespace: "/", receiver: onA)
            b.connect(sid: "sb", namespace: "/", receiver: onB)
            b.connect(sid: "sr", namespace: "/", receiver: inRoomOnB)
            b.enterRoom(sid: "sr", namespace: "/", room: "room")
            for index in 0..<100 {
                a.emit(try .event("n", [.int(index)]), namespace: "/", to: nil, skip: [])
            }
            a.emit(try .event("r", ["only the room"]), namespace: "/", to: ["room"], skip: [])
            a.emit(try .event("last", []), namespace: "/", to: nil, skip: ["sb"])
            let expected = (0..<100).map { #"2["n",\#($0)]"# }
            #expect(await onB.inbox.first(100) == expected)
            #expect(await inRoomOnB.inbox.first(102) == expected + [#"2["r","only the room"]"#, #"2["last"]"#])
            // The emitter's own socket got each packet once, locally (not again from Redis).
            #expect(await onA.inbox.first(101) == expected + [#"2["last"]"#])
            b.emit(try .event("marker", []), namespace: "/", to: nil, skip: [])
            #expect(await onA.inbox.first(102).last == #"2["marker"]"#)
            #expect(await onB.inbox.first(101).last == #"2["marker"]"#)
        }
    }

    @Test func roomChangesAndClosingReachTheProcessHoldingTheSid() async throws {
        try await withRedisServer { redis in
            let (a, b) = try await Self.pair(redis)
            defer { a.client.close(); b.client.close() }
            let onB = Receiver()
            b.connect(sid: "sb", namespace: "/", receiver: onB)
            a.enterRoom(sid: "sb", namespace: "/", room: "vip")  // a sid A does not have
            a.emit(try .event("vip", []), namespace: "/", to: ["vip"], skip: [])
            #expect(await onB.inbox.first(1) == [#"2["vip"]"#])
            #expect(b.rooms(of: "sb", namespace: "/") == ["sb", "vip"])
            a.closeRoom("vip", namespace: "/")
            a.emit(try .event("after close", []), namespace: "/", to: ["vip"], skip: [])
            a.emit(try .event("marker", []), namespace: "/", to: nil, skip: [])
            #expect(await onB.inbox.first(2) == [#"2["vip"]"#, #"2["marker"]"#])
        }
    }

    @Test func badChannelMessagesAreLoggedAndIgnored() async throws {
        try await withRedisServer { redis in
            let logs = Mutex<[String]>([])
            let logger = Logger(name: "redis-adapter-test")
            logger.addHandler { _, line in logs.withLock { $0.append(line) } }
            let (a, b) = try await Self.pair(redis, logger: logger)
            defer { a.client.close(); b.client.close() }
            let onB = Receiver()
            b.connect(sid: "sb", namespace: "/", receiver: onB)
            _ = try await a.client.publishAndCount(b.channel, "{not json")
            _ = try await a.client.publishAndCount(b.channel, #"{"method": "emit", "event": 7}"#)
            a.emit(try .event("fine", []), namespace: "/", to: nil, skip: [])
            #expect(await onB.inbox.first(1) == [#"2["fine"]"#])
            #expect(logs.withLock { $0.filter { $0.contains("ignoring a bad message on Redis channel") }.count } >= 2)
        }
    }

    @Test func socketIOWithAMessageQueueListensAndAWriteOnlyOneDoesNot() async throws {
        try await withRedisServer { redis in
            let channel = "test-\(UUID().uuidString)"
            let server = SocketIO(Flask("cluster-member"), messageQueue: redis.url, channel: channel)
            let emitter = SocketIO(messageQueue: redis.url, channel: channel)
            defer { server.messageQueue?.client.close(); emitter.messageQueue?.client.close() }
            try await server.messageQueue!.waitUntilListening()
            try await emitter.messageQueue!.flush()
            let counts = try await server.messageQueue!.client.send("PUBSUB", "NUMSUB", channel)
            #expect(counts.elements?.last?.integer == 1)
            #expect(SocketIO().messageQueue == nil)
        }
    }

    /// Flask-SocketIO tests `if message_queue:`, so `MESSAGE_QUEUE=` passed on means one process.
    @Test func anEmptyMessageQueueIsNone() {
        #expect(SocketIO(Flask("alone"), messageQueue: "").messageQueue == nil)
        #expect(SocketIO(messageQueue: "").messageQueue == nil)
    }
}
