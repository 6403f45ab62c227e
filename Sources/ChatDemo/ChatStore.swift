// The chat's shared state: who joined and the last messages. In memory for one process;
// in Redis when the process is one of a cluster (--message-queue), so that every process
// counts the same people and replays the same history. docs/python/chat_store.py is its twin
// and uses the same keys and JSON, so Swift and Python processes can share one Redis.
//
// Generic over the message type so the tutorial's steps, which each define their own
// ChatMessage, compile against this file unchanged.

import Flaskish
import FlaskishSocketIO
import Foundation
import Synchronization

/// Nicknames and history of the chat, local or shared through Redis.
///
/// Redis layout (the same from docs/python/chat_store.py):
/// - `chat:history`: a list of JSON objects `{"id","nick","text","time"}` (keys sorted, no
///   spaces), oldest first; RPUSH then LTRIM keep the last `historySize`.
/// - `chat:nicknames`: a hash sid → nickname of every joined client of every process; its
///   length is the online count.
///
/// Each process also keeps its own clients' nicknames in memory: a sid only ever talks to the
/// process that holds its connection, so `nickname(of:)` needs no round trip. On a clean
/// shutdown ``close()`` removes this process's sids from the hash. A process that crashes
/// cannot: its nicknames stay counted as online until someone deletes them (see
/// docs/scaling.md, "ChatDemo as a cluster").
final class ChatStore<Message: Codable & Sendable>: Sendable {
    /// The Redis keys, shared with docs/python/chat_store.py.
    static var historyKey: String { "chat:history" }
    static var nicknamesKey: String { "chat:nicknames" }

    private struct Local {
        var nicknames: [String: String] = [:]  // sid -> nickname, this process's clients
        var history: [Message] = []            // used without Redis only
    }

    private let redis: RedisClient?
    private let historySize: Int
    private let local = Mutex(Local())

    /// In memory when `messageQueue` is nil or empty (as for `SocketIO`), else in the Redis
    /// server at that URL.
    init(messageQueue: String?, historySize: Int) {
        self.historySize = historySize
        guard let messageQueue, !messageQueue.isEmpty else {
            redis = nil
            return
        }
        do {
            redis = try RedisClient(url: messageQueue, logger: Logger(name: "chat-store"))
        } catch {
            // SocketIO(messageQueue:) stops on the same URL already; this is the same rule.
            fatalError("ChatStore: \(error)")
        }
    }

    /// Records `nick` for `sid`: the number of clients online (everywhere) and the history.
    func join(sid: String, nick: String) async throws -> (online: Int, history: [Message]) {
        let past = local.withLock { state in
            state.nicknames[sid] = nick
            return state.history
        }
        guard let redis else { return (local.withLock { $0.nicknames.count }, past) }
        try await redis.hset(Self.nicknamesKey, sid, nick)
        return (try await onlineCount(redis), try await history(redis))
    }

    /// The nickname `sid` joined with on this process, or nil.
    func nickname(of sid: String) -> String? {
        local.withLock { $0.nicknames[sid] }
    }

    /// Adds `message` to the history, dropping the oldest past `historySize`.
    func append(_ message: Message) async throws {
        guard let redis else {
            local.withLock { state in
                state.history.append(message)
                state.history.removeFirst(max(0, state.history.count - historySize))
            }
            return
        }
        try await redis.rpush(Self.historyKey, try Self.json(message))
        try await redis.ltrim(Self.historyKey, -historySize, -1)
    }

    /// Forgets `sid`: its nickname (nil if it never joined) and the clients still online.
    func leave(sid: String) async throws -> (nick: String?, online: Int) {
        let (nick, count) = local.withLock { state in
            (state.nicknames.removeValue(forKey: sid), state.nicknames.count)
        }
        guard let redis else { return (nick, count) }
        if nick != nil { try await redis.hdel(Self.nicknamesKey, sid) }
        return (nick, try await onlineCount(redis))
    }

    /// Takes this process's clients out of the shared online count (a clean shutdown), waiting
    /// at most `timeout` for Redis. Nothing to do in memory.
    func close(timeout: Duration = .seconds(5)) {
        guard let redis else { return }
        let sids = local.withLock { state in
            defer { state.nicknames.removeAll() }
            return Array(state.nicknames.keys)
        }
        guard !sids.isEmpty else { return }
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            let arguments = [Array("HDEL".utf8), Array(Self.nicknamesKey.utf8)] + sids.map { Array($0.utf8) }
            _ = try? await redis.send(arguments)
            done.signal()
        }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        if done.wait(timeout: .now() + seconds) == .timedOut {
            FileHandle.standardError.write(Data("ChatStore: Redis did not answer; \(sids.count) nicknames stay online\n".utf8))
        }
        redis.close()
    }

    private func onlineCount(_ redis: RedisClient) async throws -> Int {
        try await redis.send("HLEN", Self.nicknamesKey).integer ?? 0
    }

    /// The shared history; an entry that is not a message (written by something else) is skipped.
    private func history(_ redis: RedisClient) async throws -> [Message] {
        try await redis.lrange(Self.historyKey, 0, -1).compactMap { entry in
            try? JSONDecoder().decode(Message.self, from: Data(entry.utf8))
        }
    }

    /// `message` as compact JSON with sorted keys and unescaped slashes: what Python's
    /// `json.dumps(…, sort_keys=True, separators=(",", ":"), ensure_ascii=False)` writes.
    private static func json(_ message: Message) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(message), as: UTF8.self)
    }
}
