/// One WebSocket frame with its payload already unmasked (RFC 6455 §5.2).
///
/// The RSV bits are not kept: Flaskish negotiates no extension, so a frame that sets them is
/// refused by the parser.
package struct WebSocketFrame: Hashable, Sendable {
    /// True on the last frame of a message (always true for control frames).
    package var fin: Bool
    /// What the payload is.
    package var opcode: WebSocketOpcode
    /// The application data, unmasked.
    package var payload: [UInt8]

    /// A frame. `fin` defaults to true: an unfragmented message.
    package init(fin: Bool = true, opcode: WebSocketOpcode, payload: [UInt8] = []) {
        self.fin = fin
        self.opcode = opcode
        self.payload = payload
    }
}

/// The XOR masking of §5.3, shared by the parser (unmask) and the client serializer (mask).
package enum WebSocketMasking {
    /// XORs `bytes` in place with the 4-byte `key` (big-endian: its first byte masks the
    /// payload's first byte), starting at payload offset `phase`. Works a machine word at a
    /// time; the result depends only on each byte's payload offset, so chunks may be masked
    /// separately as long as `phase` follows them.
    package static func apply(key: UInt32, to bytes: UnsafeMutableRawBufferPointer, phase: Int) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        // The four key bytes rotated so that index 0 lines up with `bytes[0]`.
        let rotation = UInt32(truncatingIfNeeded: (phase & 3) * 8)
        let rotated = rotation == 0 ? key : (key << rotation) | (key >> (32 - rotation))
        // In memory order: rotated key bytes repeated twice, so loads and stores line up.
        let word = UInt64(rotated.bigEndian) | UInt64(rotated.bigEndian) << 32
        let wordMask = word
        let count = bytes.count
        var i = 0
        while i + 8 <= count {
            let value = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            base.storeBytes(of: value ^ wordMask, toByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < count {
            let shift = UInt32(24 - 8 * (i & 3))
            let m = UInt8(truncatingIfNeeded: rotated >> shift)
            base.storeBytes(of: base.load(fromByteOffset: i, as: UInt8.self) ^ m, toByteOffset: i, as: UInt8.self)
            i += 1
        }
    }
}
