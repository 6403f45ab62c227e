/// Text operations on UTF-8 bytes with an ASCII fast path: one scan decides whether the text
/// is ASCII (eight bytes at a time), ASCII text is rewritten byte by byte into one new string,
/// anything else takes the code-point path that follows Python's Unicode rules.
extension TemplateText {
    /// True when no byte of `bytes` has its high bit set.
    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        var any: UInt64 = 0
        while i + 8 <= bytes.count {
            any |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        var tail: UInt8 = 0
        while i < bytes.count {
            tail |= base[i]
            i += 1
        }
        return any & 0x8080_8080_8080_8080 == 0 && tail < 0x80
    }

    /// True when `text` is all ASCII.
    static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isASCII($0) }
    }

    /// The number of code points (Python's `len()`): UTF-8 bytes that do not continue a sequence.
    static func scalarCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { scalarCount($0) }
    }

    /// The number of code points in UTF-8 `bytes`.
    static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var continuations = 0
        for byte in bytes where byte & 0xC0 == 0x80 { continuations += 1 }
        return bytes.count - continuations
    }

    /// `text` with each ASCII byte passed through `map`, or nil when the text is not all ASCII.
    /// Returns `text` itself (no copy) when `map` changes nothing.
    @inline(__always)
    static func mapASCII(_ text: String, _ map: (UInt8) -> UInt8) -> String? {
        var text = text
        let result: String?? = text.withUTF8 { bytes in
            guard isASCII(bytes) else { return .some(nil) }
            guard let first = bytes.firstIndex(where: { map($0) != $0 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                for i in 0..<first { out[i] = bytes[i] }
                for i in first..<bytes.count { out[i] = map(bytes[i]) }
                return bytes.count
            }
        }
        switch result {
        case .none: return text
        case .some(let mapped): return mapped
        }
    }

    /// Python's `str.lower()` of ASCII text, or nil for other text.
    @inline(__always)
    static func asciiLower(_ text: String) -> String? {
        mapASCII(text) { $0 &- 65 < 26 ? $0 | 0x20 : $0 }
    }

    /// Python's `str.upper()` of ASCII text, or nil for other text.
    @inline(__always)
    static func asciiUpper(_ text: String) -> String? {
        mapASCII(text) { $0 &- 97 < 26 ? $0 & 0xDF : $0 }
    }

    /// Python's `str.upper()`: Swift's full upper-case mapping, with an ASCII fast path.
    static func upper(_ s: String) -> String {
        asciiUpper(s) ?? s.uppercased()
    }

    /// True for the bytes that separate words for Jinja's `title`: ASCII whitespace as
    /// Python's `\s` has it (0x09–0x0D, 0x1C–0x20), and `-`, `(`, `<` (below 64), `[`, `{`.
    @inline(__always)
    private static func isTitleSeparator(_ byte: UInt8) -> Bool {
        let low: UInt64 = (0b11111 << 0x09) | (0b11111 << 0x1C) | (1 << 0x28) | (1 << 0x2D) | (1 << 0x3C)
        let high: UInt64 = (1 << (0x5B - 64)) | (1 << (0x7B - 64))
        return ((byte < 64 ? low : high) >> UInt64(byte & 63)) & 1 == 1
    }

    /// Jinja's `do_title`: the text split on runs of whitespace and `-({[<`, each piece's first
    /// character upper-cased and the rest lower-cased (so `o'brien` becomes `O'brien`, unlike
    /// `str.title()`), joined back.
    static func title(_ s: String) -> String {
        var s = s
        let ascii: String? = s.withUTF8 { bytes in
            guard isASCII(bytes) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var atStart = true
                for i in 0..<bytes.count {
                    let byte = bytes[i]
                    if isTitleSeparator(byte) {
                        out[i] = byte
                        atStart = true
                    } else {
                        out[i] = atStart ? (byte &- 97 < 26 ? byte & 0xDF : byte) : (byte &- 65 < 26 ? byte | 0x20 : byte)
                        atStart = false
                    }
                }
                return bytes.count
            }
        }
        if let ascii { return ascii }
        // Python lower-cases each piece's tail on its own, so a final sigma is judged inside it.
        var out = ""
        var tail = String.UnicodeScalarView()
        var inWord = false
        for c in s.unicodeScalars {
            if isPythonSpace(c) || c == "-" || c == "(" || c == "{" || c == "[" || c == "<" {
                if inWord {
                    out += lower(String(tail))
                    tail = String.UnicodeScalarView()
                    inWord = false
                }
                out.unicodeScalars.append(c)
            } else if inWord {
                tail.append(c)
            } else {
                out += c.properties.uppercaseMapping
                inWord = true
            }
        }
        if inWord { out += lower(String(tail)) }
        return out
    }

    /// The number of UTF-8 bytes that hold the first `n` code points of `bytes`.
    static func prefixByteCount(_ bytes: UnsafeBufferPointer<UInt8>, scalars n: Int) -> Int {
        var seen = 0
        for i in 0..<bytes.count where bytes[i] & 0xC0 != 0x80 {
            if seen == n { return i }
            seen += 1
        }
        return bytes.count
    }
}
