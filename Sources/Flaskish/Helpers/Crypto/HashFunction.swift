/// A Merkle–Damgård hash (SHA-1, SHA-256) fed incrementally: `update` any number of times,
/// then `finalize` once.
///
/// Python: `hashlib.sha1()` / `hashlib.sha256()` objects (`update`, `digest`).
package protocol HashFunction: Sendable {
    /// Bytes per compression block (64 for SHA-1 and SHA-256); HMAC pads keys to this.
    static var blockByteCount: Int { get }
    /// Bytes in the digest.
    static var digestByteCount: Int { get }
    /// A hasher that has seen no input.
    init()
    /// Feeds more message bytes.
    mutating func update(_ bytes: UnsafeRawBufferPointer)
    /// The digest of everything fed so far. The hasher itself is left unchanged, so more
    /// input may follow (as `hashlib`'s `digest()` allows).
    func finalize() -> [UInt8]
}

extension HashFunction {
    /// Feeds more message bytes.
    @inlinable
    package mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Feeds the UTF-8 bytes of `string`.
    @inlinable
    package mutating func update(_ string: String) {
        var string = string
        string.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// The digest of `bytes` in one call.
    ///
    /// Python: `hashlib.sha256(data).digest()`.
    @inlinable
    package static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = Self()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of the UTF-8 bytes of `string` in one call.
    @inlinable
    package static func hash(_ string: String) -> [UInt8] {
        var hasher = Self()
        hasher.update(string)
        return hasher.finalize()
    }
}

/// The shared padding and block buffering of SHA-1 and SHA-256, which differ only in
/// their compression function.
@usableFromInline
struct MerkleDamgardBuffer: Sendable {
    /// 64 bytes of pending input, kept inline (no heap allocation per hasher).
    @usableFromInline var block: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
        (0, 0, 0, 0, 0, 0, 0, 0)
    /// How many bytes of `block` are filled.
    @usableFromInline var filled = 0
    /// Total message length in bytes.
    @usableFromInline var totalLength: UInt64 = 0

    @usableFromInline init() {}

    /// Feeds `bytes`, calling `compress` for every full 64-byte block: straight from the
    /// input when it is aligned with block boundaries, through `block` otherwise.
    @inlinable
    mutating func absorb(_ bytes: UnsafeRawBufferPointer, compress: (UnsafeRawPointer) -> Void) {
        guard var base = bytes.baseAddress, !bytes.isEmpty else { return }
        var remaining = bytes.count
        totalLength &+= UInt64(remaining)
        if filled > 0 {
            let take = min(64 - filled, remaining)
            withUnsafeMutableBytes(of: &block) { storage in
                storage.baseAddress!.advanced(by: filled).copyMemory(from: base, byteCount: take)
            }
            filled += take
            base += take
            remaining -= take
            if filled < 64 { return }
            withUnsafeBytes(of: &block) { compress($0.baseAddress!) }
            filled = 0
        }
        while remaining >= 64 {
            compress(base)
            base += 64
            remaining -= 64
        }
        if remaining > 0 {
            withUnsafeMutableBytes(of: &block) { storage in
                storage.baseAddress!.copyMemory(from: base, byteCount: remaining)
            }
            filled = remaining
        }
    }

    /// Appends the 0x80 marker, zeros and the 64-bit big-endian bit length (FIPS 180-4 §5.1.1),
    /// compressing the last one or two blocks.
    @inlinable
    func pad(compress: (UnsafeRawPointer) -> Void) {
        var copy = self
        let bitLength = totalLength &* 8
        withUnsafeMutableBytes(of: &copy.block) { storage in
            let p = storage.baseAddress!
            p.storeBytes(of: 0x80, toByteOffset: filled, as: UInt8.self)
            var index = filled + 1
            if index > 56 {
                (p + index).initializeMemory(as: UInt8.self, repeating: 0, count: 64 - index)
                compress(UnsafeRawPointer(p))
                index = 0
            }
            (p + index).initializeMemory(as: UInt8.self, repeating: 0, count: 56 - index)
            p.storeBytes(of: bitLength.bigEndian, toByteOffset: 56, as: UInt64.self)
            compress(UnsafeRawPointer(p))
        }
    }
}
