/// A WebSocket frame opcode (RFC 6455 §5.2, §11.8): the low four bits of a frame's first byte.
///
/// An open set on the wire (extensions may define the reserved values), hence a struct.
package struct WebSocketOpcode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The four-bit value.
    package let rawValue: UInt8

    /// Wraps a four-bit opcode value.
    package init(rawValue: UInt8) { self.rawValue = rawValue & 0x0F }

    /// `0x0`: continues a fragmented message.
    package static let continuation = WebSocketOpcode(rawValue: 0x0)
    /// `0x1`: a UTF-8 text message (or its first fragment).
    package static let text = WebSocketOpcode(rawValue: 0x1)
    /// `0x2`: a binary message (or its first fragment).
    package static let binary = WebSocketOpcode(rawValue: 0x2)
    /// `0x8`: starts or answers the closing handshake.
    package static let close = WebSocketOpcode(rawValue: 0x8)
    /// `0x9`: asks the peer for a pong.
    package static let ping = WebSocketOpcode(rawValue: 0x9)
    /// `0xA`: answers a ping (or is an unsolicited heartbeat).
    package static let pong = WebSocketOpcode(rawValue: 0xA)

    /// Close, ping and pong (0x8–0xF): at most 125 payload bytes, never fragmented (§5.5).
    package var isControl: Bool { rawValue & 0x08 != 0 }

    /// True for the six opcodes RFC 6455 defines; the rest are reserved and fail the
    /// connection with 1002 when no extension claims them.
    package var isDefined: Bool {
        switch rawValue {
        case 0x0, 0x1, 0x2, 0x8, 0x9, 0xA: return true
        default: return false
        }
    }

    /// The opcode's name as RFC 6455 §5.2 gives it (`text`, `close`), or its number.
    package var description: String {
        switch rawValue {
        case 0x0: return "continuation"
        case 0x1: return "text"
        case 0x2: return "binary"
        case 0x8: return "close"
        case 0x9: return "ping"
        case 0xA: return "pong"
        default: return "reserved(0x\(String(rawValue, radix: 16, uppercase: true)))"
        }
    }
}
