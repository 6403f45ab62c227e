/// Why bytes from a Redis server are not valid RESP. The connection that sent them cannot be
/// trusted to stay in step, so the client closes it and reconnects.
public enum RESPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The first byte of a value is none of RESP's type markers.
    case unknownType(UInt8)
    /// A length, count or integer line is not a decimal number.
    case invalidNumber(String)
    /// A bulk string is not followed by CR LF.
    case missingTerminator
    /// A bulk string or line is longer than the decoder's limit.
    case tooLong(limit: Int)
    /// An aggregate holds more elements than the decoder's limit.
    case tooManyElements(limit: Int)
    /// Aggregates are nested deeper than the decoder's limit.
    case tooDeep(limit: Int)
    /// A RESP3 boolean other than `t` or `f`, or a double that does not parse.
    case invalidScalar(String)

    /// A sentence for logs.
    public var description: String {
        switch self {
        case .unknownType(let byte): "unknown RESP type byte 0x\(String(byte, radix: 16))"
        case .invalidNumber(let text): "invalid RESP number \"\(text)\""
        case .missingTerminator: "RESP bulk string not followed by CR LF"
        case .tooLong(let limit): "RESP string longer than \(limit) bytes"
        case .tooManyElements(let limit): "RESP aggregate of more than \(limit) elements"
        case .tooDeep(let limit): "RESP aggregates nested deeper than \(limit)"
        case .invalidScalar(let text): "invalid RESP3 scalar \"\(text)\""
        }
    }
}
