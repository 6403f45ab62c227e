/// HMAC (RFC 2104) over any `HashFunction`; `HMAC<SHA256>` signs session cookies as
/// itsdangerous does.
///
/// Python: `hmac.new(key, msg, hashlib.sha256)`.
package struct HMAC<H: HashFunction>: Sendable {
    @usableFromInline var inner: H
    @usableFromInline var outer: H

    /// Prepares the inner and outer hashers for `key`. Keys longer than a block are hashed
    /// first, shorter ones zero-padded (RFC 2104 §2).
    package init(key: [UInt8]) {
        var block = key.count > H.blockByteCount ? H.hash(key) : key
        block.append(contentsOf: repeatElement(0, count: H.blockByteCount - block.count))
        inner = H()
        outer = H()
        inner.update(block.map { $0 ^ 0x36 })
        outer.update(block.map { $0 ^ 0x5C })
    }

    /// Feeds more message bytes.
    package mutating func update(_ bytes: UnsafeRawBufferPointer) { inner.update(bytes) }

    /// Feeds more message bytes.
    package mutating func update(_ bytes: [UInt8]) { inner.update(bytes) }

    /// Feeds the UTF-8 bytes of `string`.
    package mutating func update(_ string: String) { inner.update(string) }

    /// The authentication code of everything fed so far.
    package func finalize() -> [UInt8] {
        var result = outer
        result.update(inner.finalize())
        return result.finalize()
    }

    /// The authentication code of `message` under `key` in one call.
    ///
    /// Python: `hmac.digest(key, msg, "sha256")`.
    package static func authenticationCode(for message: [UInt8], key: [UInt8]) -> [UInt8] {
        var mac = HMAC(key: key)
        mac.update(message)
        return mac.finalize()
    }
}
