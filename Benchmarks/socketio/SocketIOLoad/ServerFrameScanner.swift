// Reads frames a server sent (RFC 6455 §5.2: unmasked) where they lie in the receive
// buffer, without copying the payload out: the load generator looks at a few bytes of each
// message and moves on, so a parser that allocates a payload array per frame would make
// the generator, not the server, the bottleneck.

/// One server frame found in a buffer: where its payload starts and how long it is.
struct ServerFrame {
    /// FIN bit: false on all but the last frame of a fragmented message.
    var fin: Bool
    /// The opcode (1 text, 2 binary, 8 close, 9 ping, 10 pong, 0 continuation).
    var opcode: UInt8
    /// Bytes from the frame's first byte to its payload.
    var headerLength: Int
    /// Payload bytes.
    var payloadLength: Int
    /// Header plus payload: how far to advance past this frame.
    var totalLength: Int { headerLength + payloadLength }
}

/// Why a server's bytes are not a frame this generator accepts.
enum ServerFrameError: Error, CustomStringConvertible {
    case masked
    case reservedBits
    case tooLarge(Int)

    var description: String {
        switch self {
        case .masked: "the server sent a masked frame (RFC 6455 §5.1 forbids it)"
        case .reservedBits: "the server set RSV bits without a negotiated extension"
        case .tooLarge(let length): "the server sent a \(length)-byte frame, above the generator's limit"
        }
    }
}

enum ServerFrameScanner {
    /// The frame starting at `bytes[0]`, or nil when the buffer holds only part of it.
    static func scan(_ bytes: UnsafeRawBufferPointer, maxPayload: Int) throws(ServerFrameError) -> ServerFrame? {
        guard bytes.count >= 2 else { return nil }
        let first = bytes[0], second = bytes[1]
        if second & 0x80 != 0 { throw .masked }
        if first & 0x70 != 0 { throw .reservedBits }
        let code = Int(second & 0x7F)
        var headerLength = 2
        var length = code
        if code == 126 {
            guard bytes.count >= 4 else { return nil }
            headerLength = 4
            length = Int(bytes[2]) << 8 | Int(bytes[3])
        } else if code == 127 {
            guard bytes.count >= 10 else { return nil }
            headerLength = 10
            var wide: UInt64 = 0
            for index in 2..<10 { wide = wide << 8 | UInt64(bytes[index]) }
            if wide > UInt64(maxPayload) { throw .tooLarge(Int(clamping: wide)) }
            length = Int(wide)
        }
        if length > maxPayload { throw .tooLarge(length) }
        guard bytes.count >= headerLength + length else { return nil }
        return ServerFrame(fin: first & 0x80 != 0, opcode: first & 0x0F, headerLength: headerLength, payloadLength: length)
    }
}
