/// Writes RESP: commands as the array of bulk strings Redis expects, and any ``RESPValue``
/// (tests use it to build server replies).
///
/// hiredis: `redisFormatCommandArgv`; redis-py: `Encoder` / `PythonRespSerializer.pack`.
public enum RESPEncoder {
    /// A command and its arguments, binary-safe: `["SET", "k", "v"]` →
    /// `*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n`.
    public static func command(_ arguments: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16 + arguments.reduce(0) { $0 + $1.count + 16 })
        appendHeader(UInt8(ascii: "*"), arguments.count, to: &out)
        for argument in arguments {
            appendHeader(UInt8(ascii: "$"), argument.count, to: &out)
            out.append(contentsOf: argument)
            out.append(contentsOf: [13, 10])
        }
        return out
    }

    /// A command given as text arguments (each sent as its UTF-8).
    public static func command(_ arguments: [String]) -> [UInt8] {
        command(arguments.map { Array($0.utf8) })
    }

    /// The wire form of `value`. Simple strings and errors must not contain CR or LF.
    public static func encode(_ value: RESPValue) -> [UInt8] {
        var out: [UInt8] = []
        encode(value, into: &out)
        return out
    }

    private static func encode(_ value: RESPValue, into out: inout [UInt8]) {
        func line(_ type: Character, _ text: String) {
            out.append(type.asciiValue!)
            out.append(contentsOf: text.utf8)
            out.append(contentsOf: [13, 10])
        }
        func aggregate(_ type: Character, _ count: Int, _ elements: [RESPValue]) {
            appendHeader(type.asciiValue!, count, to: &out)
            for element in elements { encode(element, into: &out) }
        }
        switch value {
        case .simpleString(let text): line("+", text)
        case .error(let text): line("-", text)
        case .integer(let number): line(":", String(number))
        case .null: line("_", "")
        case .bigNumber(let text): line("(", text)
        case .boolean(let flag): line("#", flag ? "t" : "f")
        case .double(let number):
            line(",", number.isNaN ? "nan" : number.isInfinite ? (number < 0 ? "-inf" : "inf") : String(number))
        case .bulkString(let bytes):
            appendHeader(UInt8(ascii: "$"), bytes.count, to: &out)
            out.append(contentsOf: bytes)
            out.append(contentsOf: [13, 10])
        case .verbatim(let format, let text):
            let payload = Array((format + ":").utf8) + text
            appendHeader(UInt8(ascii: "="), payload.count, to: &out)
            out.append(contentsOf: payload)
            out.append(contentsOf: [13, 10])
        case .array(let elements): aggregate("*", elements.count, elements)
        case .set(let elements): aggregate("~", elements.count, elements)
        case .push(let elements): aggregate(">", elements.count, elements)
        case .map(let elements): aggregate("%", elements.count / 2, elements)
        }
    }

    private static func appendHeader(_ type: UInt8, _ count: Int, to out: inout [UInt8]) {
        out.append(type)
        out.append(contentsOf: String(count).utf8)
        out.append(contentsOf: [13, 10])
    }
}
