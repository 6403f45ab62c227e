// The handful of commands Flaskish itself needs (pub/sub for the Socket.IO message queue;
// strings, counters, lists and hashes for shared state such as the chat demo's history), as
// typed calls. Anything else goes through `send`.
extension RedisClient {
    /// `PING`: true when Redis answers PONG. redis-py: `ping()`.
    public func ping() async throws(RedisError) -> Bool {
        try await send("PING").string == "PONG"
    }

    /// `PUBLISH channel message`, fire-and-forget and in order with the client's other
    /// commands. redis-py: `publish(channel, message)`.
    public func publish(_ channel: String, _ message: [UInt8]) {
        sendAndForget([Array("PUBLISH".utf8), Array(channel.utf8), message])
    }

    /// `PUBLISH` of a text message.
    public func publish(_ channel: String, _ message: String) {
        publish(channel, Array(message.utf8))
    }

    /// `PUBLISH`, waiting for the number of subscribers that received the message.
    public func publishAndCount(_ channel: String, _ message: String) async throws(RedisError) -> Int {
        try await send("PUBLISH", channel, message).integer ?? 0
    }

    /// `GET key`: the value, or nil when the key does not exist. redis-py: `get(key)`.
    public func get(_ key: String) async throws(RedisError) -> String? {
        try await send("GET", key).string
    }

    /// `SET key value`. redis-py: `set(key, value)`.
    public func set(_ key: String, _ value: String) async throws(RedisError) {
        try await send("SET", key, value)
    }

    /// `DEL key…`: how many keys existed. redis-py: `delete(*keys)`.
    @discardableResult
    public func delete(_ keys: String...) async throws(RedisError) -> Int {
        try await send([Array("DEL".utf8)] + keys.map { Array($0.utf8) }).integer ?? 0
    }

    /// `INCR key`: the value after the increment. redis-py: `incr(key)`.
    @discardableResult
    public func incr(_ key: String) async throws(RedisError) -> Int {
        try await send("INCR", key).integer ?? 0
    }

    /// `DECR key`: the value after the decrement. redis-py: `decr(key)`.
    @discardableResult
    public func decr(_ key: String) async throws(RedisError) -> Int {
        try await send("DECR", key).integer ?? 0
    }

    /// `LPUSH key value`: the list's new length. redis-py: `lpush(key, value)`.
    @discardableResult
    public func lpush(_ key: String, _ value: String) async throws(RedisError) -> Int {
        try await send("LPUSH", key, value).integer ?? 0
    }

    /// `RPUSH key value`: the list's new length. redis-py: `rpush(key, value)`.
    @discardableResult
    public func rpush(_ key: String, _ value: String) async throws(RedisError) -> Int {
        try await send("RPUSH", key, value).integer ?? 0
    }

    /// `LTRIM key start stop`: keeps only that range. redis-py: `ltrim(key, start, stop)`.
    public func ltrim(_ key: String, _ start: Int, _ stop: Int) async throws(RedisError) {
        try await send("LTRIM", key, String(start), String(stop))
    }

    /// `LRANGE key start stop`, as text. redis-py: `lrange(key, start, stop)`.
    public func lrange(_ key: String, _ start: Int, _ stop: Int) async throws(RedisError) -> [String] {
        (try await send("LRANGE", key, String(start), String(stop)).elements ?? []).compactMap(\.string)
    }

    /// `HSET key field value`: 1 when the field is new. redis-py: `hset(key, field, value)`.
    @discardableResult
    public func hset(_ key: String, _ field: String, _ value: String) async throws(RedisError) -> Int {
        try await send("HSET", key, field, value).integer ?? 0
    }

    /// `HDEL key field`: 1 when the field existed. redis-py: `hdel(key, field)`.
    @discardableResult
    public func hdel(_ key: String, _ field: String) async throws(RedisError) -> Int {
        try await send("HDEL", key, field).integer ?? 0
    }

    /// `HGETALL key` as a dictionary. redis-py: `hgetall(key)`.
    public func hgetall(_ key: String) async throws(RedisError) -> [String: String] {
        let flat = try await send("HGETALL", key).elements ?? []
        var result: [String: String] = [:]
        var index = 0
        while index + 1 < flat.count {
            if let field = flat[index].string, let value = flat[index + 1].string { result[field] = value }
            index += 2
        }
        return result
    }
}
