/// One value of the Redis serialization protocol: what a command is sent as and what Redis
/// answers with. RESP2 has the first five kinds; the rest are RESP3's (`HELLO 3`).
///
/// redis-py hands these back as `bytes`, `int`, `list`, `ResponseError`…; hiredis as a
/// `redisReply` tagged with its `REDIS_REPLY_*` type.
public enum RESPValue: Sendable, Hashable {
    /// `+OK`: a short status text.
    case simpleString(String)
    /// `-ERR …` (and RESP3's bulk error `!`): the command failed; Redis carries on.
    case error(String)
    /// `:42`
    case integer(Int)
    /// `$3\r\nfoo`: bytes, binary-safe.
    case bulkString([UInt8])
    /// RESP2's null bulk string and null array (`$-1`, `*-1`), RESP3's `_`.
    case null
    /// `*2…`: an ordered list of values.
    case array([RESPValue])
    /// RESP3 `,3.14`.
    case double(Double)
    /// RESP3 `#t` / `#f`.
    case boolean(Bool)
    /// RESP3 `(12345678901234567890`, kept as its decimal text.
    case bigNumber(String)
    /// RESP3 `=` verbatim string: a three-letter format (`txt`, `mkd`) and the text.
    case verbatim(format: String, text: [UInt8])
    /// RESP3 `%`: keys and values alternating (`[k1, v1, k2, v2]`), in the order sent.
    case map([RESPValue])
    /// RESP3 `~`: an unordered collection, as sent.
    case set([RESPValue])
    /// RESP3 `>`: out-of-band data (a pub/sub message) rather than a command's reply.
    case push([RESPValue])
}

extension RESPValue {
    /// The text of a simple string, bulk string or verbatim string (bytes as UTF-8).
    public var string: String? {
        switch self {
        case .simpleString(let text): text
        case .bulkString(let bytes): String(decoding: bytes, as: UTF8.self)
        case .verbatim(_, let text): String(decoding: text, as: UTF8.self)
        default: nil
        }
    }

    /// The bytes of a bulk or verbatim string, or a simple string's UTF-8.
    public var bytes: [UInt8]? {
        switch self {
        case .bulkString(let bytes): bytes
        case .verbatim(_, let text): text
        case .simpleString(let text): Array(text.utf8)
        default: nil
        }
    }

    /// An integer reply, or a string holding a decimal integer (what `GET` of a counter gives).
    public var integer: Int? {
        switch self {
        case .integer(let value): value
        case .bulkString, .simpleString: string.flatMap { Int($0) }
        default: nil
        }
    }

    /// The elements of an array, set or push (a map's keys and values alternating).
    public var elements: [RESPValue]? {
        switch self {
        case .array(let values), .set(let values), .push(let values), .map(let values): values
        default: nil
        }
    }

    /// True for ``null``.
    public var isNull: Bool { self == .null }
}
