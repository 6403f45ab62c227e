/// SHA-1 (RFC 3174, FIPS 180-4 §6.1). Only for protocols that mandate it, such as the
/// WebSocket `Sec-WebSocket-Accept` key (RFC 6455 §4.2.2); never for new security uses.
///
/// Python: `hashlib.sha1`.
package struct SHA1: HashFunction {
    /// 64-byte compression blocks.
    package static let blockByteCount = 64
    /// The digest length in bytes.
    package static let digestByteCount = 20

    @usableFromInline var h0: UInt32 = 0x6745_2301
    @usableFromInline var h1: UInt32 = 0xEFCD_AB89
    @usableFromInline var h2: UInt32 = 0x98BA_DCFE
    @usableFromInline var h3: UInt32 = 0x1032_5476
    @usableFromInline var h4: UInt32 = 0xC3D2_E1F0
    @usableFromInline var buffer = MerkleDamgardBuffer()

    /// A hasher that has seen no input.
    package init() {}

    /// Feeds more message bytes.
    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var state = (h0, h1, h2, h3, h4)
        buffer.absorb(bytes) { Self.compress(&state, $0) }
        (h0, h1, h2, h3, h4) = state
    }

    /// The 20-byte digest of everything fed so far.
    package func finalize() -> [UInt8] {
        var state = (h0, h1, h2, h3, h4)
        buffer.pad { Self.compress(&state, $0) }
        var out = [UInt8]()
        out.reserveCapacity(20)
        for word in [state.0, state.1, state.2, state.3, state.4] {
            out.append(UInt8(truncatingIfNeeded: word >> 24))
            out.append(UInt8(truncatingIfNeeded: word >> 16))
            out.append(UInt8(truncatingIfNeeded: word >> 8))
            out.append(UInt8(truncatingIfNeeded: word))
        }
        return out
    }

    /// One 64-byte block (FIPS 180-4 §6.1.2), with the 80-word schedule on the stack.
    @usableFromInline
    static func compress(
        _ state: inout (UInt32, UInt32, UInt32, UInt32, UInt32), _ block: UnsafeRawPointer
    ) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { w in
            for t in 0..<16 {
                w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self))
            }
            for t in 16..<80 {
                let x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]
                w[t] = (x << 1) | (x >> 31)
            }
            var a = state.0, b = state.1, c = state.2, d = state.3, e = state.4
            // Four rounds of 20 steps, each with its own function and constant (§4.1.1, §4.2.1).
            for t in 0..<20 {
                let temp = ((a << 5) | (a >> 27)) &+ ((b & c) | (~b & d)) &+ e &+ 0x5A82_7999 &+ w[t]
                e = d; d = c; c = (b << 30) | (b >> 2); b = a; a = temp
            }
            for t in 20..<40 {
                let temp = ((a << 5) | (a >> 27)) &+ (b ^ c ^ d) &+ e &+ 0x6ED9_EBA1 &+ w[t]
                e = d; d = c; c = (b << 30) | (b >> 2); b = a; a = temp
            }
            for t in 40..<60 {
                let temp = ((a << 5) | (a >> 27)) &+ ((b & c) | (b & d) | (c & d)) &+ e &+ 0x8F1B_BCDC &+ w[t]
                e = d; d = c; c = (b << 30) | (b >> 2); b = a; a = temp
            }
            for t in 60..<80 {
                let temp = ((a << 5) | (a >> 27)) &+ (b ^ c ^ d) &+ e &+ 0xCA62_C1D6 &+ w[t]
                e = d; d = c; c = (b << 30) | (b >> 2); b = a; a = temp
            }
            state.0 &+= a
            state.1 &+= b
            state.2 &+= c
            state.3 &+= d
            state.4 &+= e
        }
    }
}
