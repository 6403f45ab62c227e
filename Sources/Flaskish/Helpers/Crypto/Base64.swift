// Base64 (RFC 4648 §4) with padding, decoded strictly: the length is a multiple of 4, `=`
// appears only as one or two final characters, no whitespace, and the bits a padded quantum
// drops must be zero, so every byte string has exactly one accepted encoding. Used for
// `Sec-WebSocket-Key` (RFC 6455 §4.1) and Engine.IO `b` packets.
//
// base64url (RFC 4648 §5) without padding: `-` and `_` replace `+` and `/`, and `=` is never
// written nor accepted, as itsdangerous writes Flask session cookies.

/// Base64 and base64url codecs.
///
/// Python: `base64.b64encode` / `b64decode(validate=True)`, and itsdangerous's
/// `base64_encode` / `base64_decode` for the URL-safe unpadded form.
package enum Base64 {
    @usableFromInline static let standardAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    @usableFromInline static let urlAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    @usableFromInline static let standardTable = makeTable(standardAlphabet)
    @usableFromInline static let urlTable = makeTable(urlAlphabet)
    /// Marks a byte outside the alphabet in a decoding table.
    @usableFromInline static let invalid: UInt8 = 0xFF

    private static func makeTable(_ alphabet: [UInt8]) -> [UInt8] {
        var table = [UInt8](repeating: invalid, count: 256)
        for (value, symbol) in alphabet.enumerated() { table[Int(symbol)] = UInt8(value) }
        return table
    }

    // MARK: Standard, padded

    /// `bytes` in standard, padded base64.
    package static func encode(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { encode($0, alphabet: standardAlphabet, padded: true) }
    }

    /// `bytes` in standard, padded base64.
    package static func encode(_ bytes: UnsafeRawBufferPointer) -> String {
        encode(bytes, alphabet: standardAlphabet, padded: true)
    }

    /// The bytes `text` encodes, or nil when it is not strict, canonical, padded base64.
    package static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var text = String(text)
        return text.withUTF8 { decode(UnsafeRawBufferPointer($0)) }
    }

    /// The bytes the ASCII `encoded` bytes spell, or nil when they are not strict, canonical,
    /// padded base64.
    package static func decode(_ encoded: UnsafeRawBufferPointer) -> [UInt8]? {
        guard encoded.count % 4 == 0 else { return nil }
        var length = encoded.count
        var padding = 0
        if length > 0, encoded[length - 1] == UInt8(ascii: "=") {
            padding = 1
            if encoded[length - 2] == UInt8(ascii: "=") { padding = 2 }
        }
        length -= padding
        return decode(encoded, count: length, table: standardTable)
    }

    // MARK: URL-safe, unpadded

    /// `bytes` in base64url without padding.
    ///
    /// itsdangerous: `base64_encode`.
    package static func encodeURLSafe(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { encode($0, alphabet: urlAlphabet, padded: false) }
    }

    /// The bytes `text` encodes, or nil when it is not canonical unpadded base64url.
    ///
    /// itsdangerous: `base64_decode`.
    package static func decodeURLSafe(_ text: some StringProtocol) -> [UInt8]? {
        var text = String(text)
        return text.withUTF8 { raw in
            guard raw.count % 4 != 1 else { return nil }
            return decode(UnsafeRawBufferPointer(raw), count: raw.count, table: urlTable)
        }
    }

    // MARK: Shared core

    private static func encode(_ bytes: UnsafeRawBufferPointer, alphabet: [UInt8], padded: Bool) -> String {
        let fullGroups = bytes.count / 3
        let rest = bytes.count % 3
        let outputCount = fullGroups * 4 + (rest == 0 ? 0 : (padded ? 4 : rest + 1))
        guard outputCount > 0 else { return "" }
        return alphabet.withUnsafeBufferPointer { a in
            String(unsafeUninitializedCapacity: outputCount) { out in
                var i = 0, o = 0
                for _ in 0..<fullGroups {
                    let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
                    out[o] = a[Int(n >> 18)]
                    out[o + 1] = a[Int((n >> 12) & 63)]
                    out[o + 2] = a[Int((n >> 6) & 63)]
                    out[o + 3] = a[Int(n & 63)]
                    i += 3
                    o += 4
                }
                if rest > 0 {
                    let n = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
                    out[o] = a[Int(n >> 18)]
                    out[o + 1] = a[Int((n >> 12) & 63)]
                    o += 2
                    if rest == 2 {
                        out[o] = a[Int((n >> 6) & 63)]
                        o += 1
                    } else if padded {
                        out[o] = UInt8(ascii: "=")
                        o += 1
                    }
                    if padded {
                        out[o] = UInt8(ascii: "=")
                        o += 1
                    }
                }
                return o
            }
        }
    }

    /// Decodes the first `count` symbols (padding already stripped). Rejects any byte
    /// outside the table, a lone trailing symbol, and non-zero bits the encoding drops.
    private static func decode(_ encoded: UnsafeRawBufferPointer, count: Int, table: [UInt8]) -> [UInt8]? {
        let rest = count % 4
        if rest == 1 { return nil }
        let outputCount = count / 4 * 3 + (rest == 0 ? 0 : rest - 1)
        return table.withUnsafeBufferPointer { t -> [UInt8]? in
            var valid = true
            let result = [UInt8](unsafeUninitializedCapacity: outputCount) { out, initialized in
                var i = 0, o = 0
                while i + 4 <= count {
                    let a = t[Int(encoded[i])], b = t[Int(encoded[i + 1])]
                    let c = t[Int(encoded[i + 2])], d = t[Int(encoded[i + 3])]
                    if (a | b | c | d) & 0xC0 != 0 { valid = false; break }
                    let n = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    out[o] = UInt8(truncatingIfNeeded: n >> 16)
                    out[o + 1] = UInt8(truncatingIfNeeded: n >> 8)
                    out[o + 2] = UInt8(truncatingIfNeeded: n)
                    i += 4
                    o += 3
                }
                if valid, rest > 0 {
                    let a = t[Int(encoded[i])], b = t[Int(encoded[i + 1])]
                    let c = rest == 3 ? t[Int(encoded[i + 2])] : 0
                    if (a | b | c) & 0xC0 != 0 {
                        valid = false
                    } else {
                        let n = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6
                        // Bits below the last whole byte must be zero (canonical encoding).
                        let dropped = rest == 2 ? n & 0xFFFF : n & 0xFF
                        if dropped != 0 { valid = false } else {
                            out[o] = UInt8(truncatingIfNeeded: n >> 16)
                            o += 1
                            if rest == 3 {
                                out[o] = UInt8(truncatingIfNeeded: n >> 8)
                                o += 1
                            }
                        }
                    }
                }
                initialized = valid ? o : 0
            }
            return valid ? result : nil
        }
    }
}
