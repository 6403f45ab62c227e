/// Why a WebSocket connection must be failed, and the close code to fail it with
/// (RFC 6455 §7.1.7, §7.4.1).
package enum WebSocketProtocolError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A client frame without the MASK bit (§5.1), or a masked server frame seen by a client.
    case maskingMismatch(expectedMasked: Bool)
    /// RSV1–3 set while no extension was negotiated (§5.2).
    case reservedBitsSet
    /// Opcode 0x3–0x7 or 0xB–0xF (§5.2).
    case reservedOpcode(UInt8)
    /// A close, ping or pong frame with more than 125 payload bytes (§5.5).
    case controlFrameTooLong(Int)
    /// A close, ping or pong frame without FIN (§5.5).
    case fragmentedControlFrame
    /// A 64-bit payload length with its most significant bit set (§5.2).
    case invalidPayloadLength
    /// A frame whose declared length exceeds the configured limit: 1009.
    case frameTooLarge(length: UInt64, limit: Int)
    /// A message whose fragments add up to more than the configured limit: 1009.
    case messageTooLarge(limit: Int)
    /// A continuation frame with no message in progress (§5.4).
    case unexpectedContinuation
    /// A new text or binary frame while a fragmented message is still open (§5.4).
    case expectedContinuation
    /// Text (or a close reason) that is not valid UTF-8: 1007 (§8.1).
    case invalidUTF8
    /// A close frame with a one-byte payload (§5.5.1).
    case invalidClosePayload
    /// A close code that must not appear on the wire (§7.4).
    case invalidCloseCode(UInt16)

    /// The code to send in the close frame that fails the connection.
    package var closeCode: WebSocketCloseCode {
        switch self {
        case .frameTooLarge, .messageTooLarge: return .messageTooBig
        case .invalidUTF8: return .invalidPayload
        default: return .protocolError
        }
    }

    /// What the peer did wrong, for logs and the close reason.
    package var description: String {
        switch self {
        case .maskingMismatch(let expectedMasked):
            return expectedMasked ? "client frame is not masked" : "server frame is masked"
        case .reservedBitsSet: return "reserved bits set without a negotiated extension"
        case .reservedOpcode(let op): return "reserved opcode 0x\(String(op, radix: 16))"
        case .controlFrameTooLong(let n): return "control frame payload of \(n) bytes (limit 125)"
        case .fragmentedControlFrame: return "fragmented control frame"
        case .invalidPayloadLength: return "64-bit payload length with the most significant bit set"
        case .frameTooLarge(let length, let limit): return "frame of \(length) bytes exceeds the limit of \(limit)"
        case .messageTooLarge(let limit): return "message exceeds the limit of \(limit) bytes"
        case .unexpectedContinuation: return "continuation frame without a message in progress"
        case .expectedContinuation: return "new data frame inside a fragmented message"
        case .invalidUTF8: return "text is not valid UTF-8"
        case .invalidClosePayload: return "close frame payload of one byte"
        case .invalidCloseCode(let code): return "close code \(code) is not allowed on the wire"
        }
    }
}
