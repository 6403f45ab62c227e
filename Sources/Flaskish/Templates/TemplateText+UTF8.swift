/// Text operations on UTF-8 bytes with an ASCII fast path: one scan decides whether the text
/// is ASCII (eight bytes at a time), ASCII text is rewritten byte by byte into one new string,
/// anything else takes the code-point path that follows Python's Unicode rules.
extension TemplateText {
    /// Python's `str == str`: the same code points. Swift's `==` compares canonical
    /// equivalence, so `"e\u{301}" == "\u{e9}"` there, and not in Python (nor in Jinja's
    /// `==`, `unique`, `groupby` or dict keys). Unequal to Swift is unequal to Python; only
    /// strings Swift calls equal have their bytes compared.
    @inline(__always)
    static func sameCodePoints(_ a: String, _ b: String) -> Bool {
        guard a == b else { return false }
        return a.utf8.count == b.utf8.count && TemplateFilters.utf8Order(a, b) == 0
    }

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
        mapASCII(text) { asciiLower($0) }
    }

    /// Python's `str.upper()` of ASCII text, or nil for other text.
    @inline(__always)
    static func asciiUpper(_ text: String) -> String? {
        mapASCII(text) { asciiUpper($0) }
    }

    /// Python's `str.upper()`: Swift's full upper-case mapping, with an ASCII fast path.
    static func upper(_ s: String) -> String {
        asciiUpper(s) ?? mapCase(s, upper: true)
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
                        out[i] = atStart ? asciiUpper(byte) : asciiLower(byte)
                        atStart = false
                    }
                }
                return bytes.count
            }
        }
        if let ascii { return ascii }
        // Python lower-cases each piece's tail on its own, so a final sigma is judged inside it.
        if containsCapitalSigma(s) { return titleByPieces(s) }
        return caseMapped(s, .title)
    }

    /// `title` piece by piece, each tail lower-cased as a whole (for text with a capital sigma).
    private static func titleByPieces(_ s: String) -> String {
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

    /// True when the text holds U+03A3 (Σ, bytes CE A3), whose lower case depends on context.
    static func containsCapitalSigma(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { bytes in
            guard bytes.count > 1 else { return false }
            for i in 0..<(bytes.count - 1) where bytes[i] == 0xCE && bytes[i + 1] == 0xA3 { return true }
            return false
        }
    }

    /// Python's `str.lower()` / `str.upper()` of text with no context rule to apply (no capital
    /// sigma): each code point through its full Unicode mapping, which is also what Swift's
    /// `lowercased()` / `uppercased()` do.
    static func mapCase(_ s: String, upper: Bool) -> String {
        caseMapped(s, upper ? .upper : .lower)
    }

    enum CaseMode { case lower, upper, title }

    /// Case-maps UTF-8 text code point by code point (`title`: Jinja's `do_title` for text
    /// without a capital sigma). ASCII and Latin-1 (most accented Western text) are mapped on
    /// their bytes; other code points are decoded and go through Unicode's full mappings.
    static func caseMapped(_ s: String, _ mode: CaseMode) -> String {
        var s = s
        return s.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 8)
            var atStart = true
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte < 0x80 {
                    switch mode {
                    case .lower: out.append(asciiLower(byte))
                    case .upper: out.append(asciiUpper(byte))
                    case .title:
                        if isTitleSeparator(byte) {
                            out.append(byte)
                            atStart = true
                        } else {
                            out.append(atStart ? asciiUpper(byte) : asciiLower(byte))
                            atStart = false
                        }
                    }
                    i += 1
                    continue
                }
                // Swift strings hold valid UTF-8: the lead byte gives the length.
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                let upper: Bool
                switch mode {
                case .lower: upper = false
                case .upper: upper = true
                case .title:
                    if value == 0x85 || value == 0xA0 || (value >= 0x100 && isPythonSpace(Unicode.Scalar(value) ?? " ")) {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]))
                        atStart = true
                        i += length
                        continue
                    }
                    upper = atStart
                    atStart = false
                }
                if value < 0x100 {
                    appendLatin1(value, upper: upper, to: &out)
                } else if let scalar = Unicode.Scalar(value) {
                    out.append(contentsOf: (upper ? scalar.properties.uppercaseMapping : scalar.properties.lowercaseMapping).utf8)
                }
                i += length
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Appends the case mapping of Latin-1 code point `value` (0x80–0xFF) as UTF-8: lower case
    /// changes only À–Þ (but ×), by 0x20; upper case changes à–þ (but ÷) by 0x20 and maps ÿ, µ,
    /// ß out of the block (Ÿ, Μ, SS).
    @inline(__always)
    private static func appendLatin1(_ value: UInt32, upper: Bool, to out: inout [UInt8]) {
        var mapped = value
        if upper {
            switch value {
            case 0xE0...0xFE where value != 0xF7: mapped = value - 0x20
            case 0xFF: out.append(0xC5); out.append(0xB8); return  // U+0178
            case 0xB5: out.append(0xCE); out.append(0x9C); return  // U+039C
            case 0xDF: out.append(UInt8(ascii: "S")); out.append(UInt8(ascii: "S")); return
            default: break
            }
        } else if value >= 0xC0 && value <= 0xDE && value != 0xD7 {
            mapped = value + 0x20
        }
        out.append(UInt8(0xC0 | mapped >> 6))
        out.append(UInt8(0x80 | mapped & 0x3F))
    }

    /// Appends `lower`, `upper` or Jinja's `title` of ASCII `text` straight into a render's
    /// output (HTML-escaped when `escaping`), the same bytes ``lower(_:)``, ``upper(_:)`` and
    /// ``title(_:)`` give; false (and nothing written) when the text is not ASCII, or is long
    /// and needs escaping: the caller then maps and escapes a string as usual.
    static func appendCaseMappedASCII(_ text: String, _ mode: CaseMode, escaping: Bool, to out: inout TemplateOutputBuffer) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard isASCII(bytes) else { return false }
            let first = escaping ? TemplateEscaping.firstSpecial(bytes, from: 0) : bytes.count
            if first < bytes.count {
                // Case mapping changes letters only, never one of the five characters to escape.
                guard bytes.count <= 4096 else { return false }
                out.appendInPlace(maximum: bytes.count + 4 * (bytes.count - first)) { target in
                    var written = 0
                    var atStart = true
                    for i in 0..<bytes.count {
                        let byte = bytes[i]
                        if TemplateEscaping.isSpecial(byte) {
                            written += TemplateEscaping.writeEntity(byte, to: target + written)
                            if mode == .title { atStart = isTitleSeparator(byte) }
                            continue
                        }
                        switch mode {
                        case .lower: target[written] = asciiLower(byte)
                        case .upper: target[written] = asciiUpper(byte)
                        case .title:
                            if isTitleSeparator(byte) {
                                target[written] = byte
                                atStart = true
                            } else {
                                target[written] = atStart ? asciiUpper(byte) : asciiLower(byte)
                                atStart = false
                            }
                        }
                        written += 1
                    }
                    return written
                }
                return true
            }
            out.appendInPlace(maximum: bytes.count) { target in
                switch mode {
                case .lower: for i in 0..<bytes.count { target[i] = asciiLower(bytes[i]) }
                case .upper: for i in 0..<bytes.count { target[i] = asciiUpper(bytes[i]) }
                case .title:
                    var atStart = true
                    for i in 0..<bytes.count {
                        let byte = bytes[i]
                        if isTitleSeparator(byte) {
                            target[i] = byte
                            atStart = true
                        } else {
                            target[i] = atStart ? asciiUpper(byte) : asciiLower(byte)
                            atStart = false
                        }
                    }
                }
                return bytes.count
            }
            return true
        }
    }

    @inline(__always)
    private static func asciiUpper(_ byte: UInt8) -> UInt8 { byte &- 97 < 26 ? byte & 0xDF : byte }

    @inline(__always)
    private static func asciiLower(_ byte: UInt8) -> UInt8 { byte &- 65 < 26 ? byte | 0x20 : byte }

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
