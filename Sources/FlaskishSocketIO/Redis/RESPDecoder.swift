/// Turns the bytes a Redis server sends into ``RESPValue``s, fed in whatever pieces the
/// socket delivers: the same values come out for any split of the same bytes.
///
/// ```swift
/// var decoder = RESPDecoder()
/// decoder.append(bytes)
/// while let value = try decoder.next() { handle(value) }
/// ```
///
/// A value is only consumed once all of it has arrived; until then ``next()`` returns nil and
/// the bytes wait. Bulk strings are checked for completeness by length before anything is
/// copied, so a large value arriving in many reads costs a header scan per read, not a copy.
/// RESP3 attributes (`|`) are read and dropped: they annotate the value that follows.
///
/// hiredis: `redisReader`; redis-py: `_RESP2Parser` / `_RESP3Parser`.
public struct RESPDecoder: Sendable {
    /// Bounds that keep a broken or hostile server from making the client allocate without limit.
    public struct Limits: Sendable, Hashable {
        /// The longest bulk string or line, in bytes. Redis's own `proto-max-bulk-len` is 512 MB;
        /// a pub/sub client has no use for that much: 64 MiB by default.
        public var maxStringLength: Int
        /// The most elements one aggregate may announce: 1 048 576 by default.
        public var maxElements: Int
        /// How deep aggregates may nest: 32 by default (Redis replies nest two or three deep).
        public var maxDepth: Int

        /// The defaults above.
        public init(maxStringLength: Int = 64 << 20, maxElements: Int = 1 << 20, maxDepth: Int = 32) {
            self.maxStringLength = maxStringLength
            self.maxElements = maxElements
            self.maxDepth = maxDepth
        }
    }

    /// The bounds this decoder enforces.
    public let limits: Limits
    private var buffer: [UInt8] = []
    private var start = 0

    /// An empty decoder.
    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Bytes received and not yet consumed by a complete value.
    public var bufferedByteCount: Int { buffer.count - start }

    /// Adds bytes received from the server.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 0, start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 4096, start > buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Adds bytes received from the server (straight from a read buffer).
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        append(bytes.bindMemory(to: UInt8.self))
    }

    /// The next complete value, or nil when more bytes are needed.
    /// - Throws: ``RESPError``; the stream is then out of step and must be dropped.
    public mutating func next() throws(RESPError) -> RESPValue? {
        while true {
            var index = start
            guard let value = try parse(&index, depth: 0) else { return nil }
            start = index
            if case .attribute = value { continue }
            if case .value(let result) = value { return result }
        }
    }

    /// What one parse step gives: a value, or an attribute to skip.
    private enum Parsed {
        case value(RESPValue)
        case attribute
    }

    private func parse(_ index: inout Int, depth: Int) throws(RESPError) -> Parsed? {
        guard index < buffer.count else { return nil }
        let type = buffer[index]
        var cursor = index + 1
        guard let line = try readLine(&cursor) else { return nil }
        let value: RESPValue
        switch type {
        case UInt8(ascii: "+"): value = .simpleString(text(line))
        case UInt8(ascii: "-"): value = .error(text(line))
        case UInt8(ascii: ":"): value = .integer(try number(line))
        case UInt8(ascii: "_"): value = .null
        case UInt8(ascii: "("): value = .bigNumber(text(line))
        case UInt8(ascii: "#"):
            switch text(line) {
            case "t": value = .boolean(true)
            case "f": value = .boolean(false)
            case let other: throw .invalidScalar(other)
            }
        case UInt8(ascii: ","):
            let literal = text(line)
            guard let double = Double(literal) else { throw .invalidScalar(literal) }
            value = .double(double)
        case UInt8(ascii: "$"), UInt8(ascii: "!"), UInt8(ascii: "="):
            let length = try number(line)
            if length < 0 {
                guard type == UInt8(ascii: "$"), length == -1 else { throw .invalidNumber(text(line)) }
                value = .null
                break
            }
            guard length <= limits.maxStringLength else { throw .tooLong(limit: limits.maxStringLength) }
            guard buffer.count - cursor >= length + 2 else { return nil }
            guard buffer[cursor + length] == 13, buffer[cursor + length + 1] == 10 else { throw .missingTerminator }
            let payload = Array(buffer[cursor..<cursor + length])
            cursor += length + 2
            switch type {
            case UInt8(ascii: "$"): value = .bulkString(payload)
            case UInt8(ascii: "!"): value = .error(String(decoding: payload, as: UTF8.self))
            default:
                // `txt:` then the text; a payload too short for the prefix is kept whole.
                if payload.count >= 4, payload[3] == UInt8(ascii: ":") {
                    value = .verbatim(format: String(decoding: payload[0..<3], as: UTF8.self), text: Array(payload[4...]))
                } else {
                    value = .verbatim(format: "", text: payload)
                }
            }
        case UInt8(ascii: "*"), UInt8(ascii: "~"), UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "|"):
            let count = try number(line)
            if count < 0 {
                guard type == UInt8(ascii: "*"), count == -1 else { throw .invalidNumber(text(line)) }
                value = .null
                break
            }
            guard depth < limits.maxDepth else { throw .tooDeep(limit: limits.maxDepth) }
            let isPaired = type == UInt8(ascii: "%") || type == UInt8(ascii: "|")
            guard count <= limits.maxElements / (isPaired ? 2 : 1) else { throw .tooManyElements(limit: limits.maxElements) }
            let total = isPaired ? count * 2 : count
            var elements: [RESPValue] = []
            // Never trust a count for allocation: each element takes at least 3 bytes.
            elements.reserveCapacity(min(total, (buffer.count - cursor) / 3))
            while elements.count < total {
                guard let element = try parse(&cursor, depth: depth + 1) else { return nil }
                if case .value(let inner) = element { elements.append(inner) }
            }
            switch type {
            case UInt8(ascii: "*"): value = .array(elements)
            case UInt8(ascii: "~"): value = .set(elements)
            case UInt8(ascii: ">"): value = .push(elements)
            case UInt8(ascii: "%"): value = .map(elements)
            default:
                index = cursor
                return .attribute
            }
        default:
            throw .unknownType(type)
        }
        index = cursor
        return .value(value)
    }

    /// The bytes up to the next CR LF (which `cursor` moves past), or nil when it has not arrived.
    private func readLine(_ cursor: inout Int) throws(RESPError) -> Range<Int>? {
        let lineStart = cursor
        var position = lineStart
        let end = buffer.count
        while position + 1 < end {
            if buffer[position] == 13, buffer[position + 1] == 10 {
                cursor = position + 2
                return lineStart..<position
            }
            position += 1
        }
        guard end - lineStart <= limits.maxStringLength else { throw .tooLong(limit: limits.maxStringLength) }
        return nil
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: buffer[range], as: UTF8.self)
    }

    /// A strict decimal: an optional `-`, then 1 to 19 digits, no `+`, no spaces.
    private func number(_ range: Range<Int>) throws(RESPError) -> Int {
        var position = range.lowerBound
        let negative = position < range.upperBound && buffer[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        guard position < range.upperBound, range.upperBound - position <= 18 else { throw .invalidNumber(text(range)) }
        var value = 0
        while position < range.upperBound {
            let digit = buffer[position] &- UInt8(ascii: "0")
            guard digit < 10 else { throw .invalidNumber(text(range)) }
            value = value * 10 + Int(digit)
            position += 1
        }
        return negative ? -value : value
    }
}
