/// HTML escaping exactly as MarkupSafe's `escape`: `& < > " '` become
/// `&amp; &lt; &gt; &#34; &#39;`; everything else is copied.
///
/// All five characters are ASCII, so escaping works on UTF-8 bytes: a multi-byte sequence
/// never contains one of them. Text is scanned eight bytes at a time; text with nothing to
/// escape (most text) is appended whole, otherwise only the escaped bytes are rewritten and
/// the runs between them are copied in one piece each.
enum TemplateEscaping {
    /// Appends `text` to `out`, escaped. Scans UTF-8 bytes and copies unescaped text whole.
    @inline(__always)
    static func appendEscaped(_ text: String, to out: inout String) {
        var text = text
        let escaped: String? = text.withUTF8 { bytes in
            let first = firstSpecial(bytes, from: 0)
            return first == bytes.count ? nil : escapedString(bytes, firstSpecial: first)
        }
        out += escaped ?? text
    }

    /// Appends the UTF-8 bytes of `text`, escaped, to a byte buffer.
    ///
    /// The variant for renderers that write into one growing `[UInt8]` instead of a `String`:
    /// same output as ``appendEscaped(_:to:)-(String,String)``, no intermediate string.
    @inline(__always)
    static func appendEscaped(_ text: String, to out: inout some TemplateByteSink) {
        var text = text
        text.withUTF8 { appendEscaped(utf8: $0, to: &out) }
    }

    /// Appends UTF-8 `bytes`, escaped, to a byte buffer (for text already held as bytes,
    /// such as a renderer's own buffers). `bytes` must not alias `out`'s storage.
    static func appendEscaped(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout some TemplateByteSink) {
        let first = firstSpecial(bytes, from: 0)
        guard first < bytes.count else {
            out.append(contentsOf: bytes)
            return
        }
        out.appendEscaped(bytes, firstSpecial: first)
    }

    /// Appends `bytes`, whose first special byte is at `first`, escaped: the runs between
    /// specials copied whole, an entity for each special.
    static func appendEscapedRuns(_ bytes: UnsafeBufferPointer<UInt8>, firstSpecial first: Int, to out: inout some TemplateByteSink) {
        var run = 0
        var i = first
        while i < bytes.count {
            if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i])) }
            entity(bytes[i]).withUTF8Buffer { out.append(contentsOf: $0) }
            run = i + 1
            i = firstSpecial(bytes, from: run)
        }
        if run < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...])) }
    }

    /// `escape(text)` as a new string (the text itself when nothing needs escaping).
    static func escape(_ text: String) -> String {
        var text = text
        let escaped: String? = text.withUTF8 { bytes in
            let first = firstSpecial(bytes, from: 0)
            return first == bytes.count ? nil : escapedString(bytes, firstSpecial: first)
        }
        return escaped ?? text
    }

    /// True when `text` holds none of the five characters (escaping would return it unchanged).
    static func isEscapeFree(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { firstSpecial($0, from: 0) == $0.count }
    }

    /// MarkupSafe's `escape(value)`: Markup stays as is, anything else is `str()`-ed and escaped.
    static func escapeValue(_ value: TemplateValue) -> TemplateValue {
        if case .markup = value { return value }
        return .markup(escape(value.pythonString))
    }

    // MARK: - Bytes

    /// MarkupSafe's entity for special `byte`.
    @inline(__always)
    private static func entity(_ byte: UInt8) -> StaticString {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&#34;"
        default: "&#39;"
        }
    }

    /// Bytes an entity adds over the character it replaces.
    @inline(__always)
    private static func extraLength(_ byte: UInt8) -> Int {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") ? 3 : 4
    }

    @inline(__always)
    static func isSpecial(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "\"")
            || b == UInt8(ascii: "'")
    }

    /// A mask whose lowest set bit is the high bit of the first byte of `word` (in memory
    /// order, little-endian) that is `& < > " '`; zero when there is none.
    ///
    /// `& '` are 0x26 0x27 (equal once bit 0 is cleared), `< >` are 0x3C 0x3E (equal once bit
    /// 1 is cleared), `"` is 0x22; each comparison becomes a zero byte found by the classic
    /// has-zero-byte test. That test may also flag bytes above a zero byte (a borrow), never
    /// below the first one: the lowest flag of each comparison is exact, and so is the lowest
    /// of the three together.
    @inline(__always)
    private static func specialMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let ampOrQuote = (word & 0xFEFE_FEFE_FEFE_FEFE) ^ 0x2626_2626_2626_2626
        let angle = (word & 0xFDFD_FDFD_FDFD_FDFD) ^ 0x3C3C_3C3C_3C3C_3C3C
        let double = word ^ 0x2222_2222_2222_2222
        func zero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        return zero(ampOrQuote) | zero(angle) | zero(double)
    }

    /// The index of the first byte at or after `start` that needs escaping, or `bytes.count`.
    /// Eight bytes at a time; the position within a word comes from its mask's lowest bit, so
    /// text dense in specials costs one word per special, not a byte loop.
    @inline(__always)
    static func firstSpecial(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var i = start
        while i + 8 <= count {
            let mask = specialMask(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            if mask != 0 { return i + mask.trailingZeroBitCount >> 3 }
            i += 8
        }
        guard i < count else { return count }
        // The last few bytes: the word ending at the end, shifted so that the bytes before `i`
        // (perhaps specials already handled) drop out; the zero bytes shifted in are not
        // special and sit above the real ones.
        if count >= 8 {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
            let mask = specialMask(word >> UInt64((i - (count - 8)) * 8))
            return mask == 0 ? count : i + mask.trailingZeroBitCount >> 3
        }
        while i < count {
            if isSpecial(base[i]) { return i }
            i += 1
        }
        return count
    }

    /// The escaped form of `bytes`, whose first special byte is at `first`, built in one allocation.
    private static func escapedString(_ bytes: UnsafeBufferPointer<UInt8>, firstSpecial first: Int) -> String {
        var length = bytes.count
        for i in first..<bytes.count where isSpecial(bytes[i]) { length += extraLength(bytes[i]) }
        return String(unsafeUninitializedCapacity: length) { out in
            guard let target = out.baseAddress else { return 0 }
            return writeEscaped(bytes, firstSpecial: first, to: target)
        }
    }

    /// Writes `bytes`, whose first special byte is at `first`, escaped at `target`, which has
    /// room for the escaped length (at most `bytes.count + 4 * (bytes.count - first)`); returns
    /// the length written.
    static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, firstSpecial first: Int, to target: UnsafeMutablePointer<UInt8>) -> Int {
        guard let source = bytes.baseAddress else { return 0 }
        var written = 0
        var run = 0
        var i = first
        while i < bytes.count {
            let count = i - run
            if count > 0 { (target + written).update(from: source + run, count: count) }
            written += count
            written += writeEntity(bytes[i], to: target + written)
            run = i + 1
            i = firstSpecial(bytes, from: run)
        }
        let count = bytes.count - run
        if count > 0 { (target + written).update(from: source + run, count: count) }
        return written + count
    }

    /// Writes the entity for special `byte` at `target`; returns its length.
    @inline(__always)
    static func writeEntity(_ byte: UInt8, to target: UnsafeMutablePointer<UInt8>) -> Int {
        target[0] = UInt8(ascii: "&")
        switch byte {
        case UInt8(ascii: "&"):
            target[1] = UInt8(ascii: "a"); target[2] = UInt8(ascii: "m"); target[3] = UInt8(ascii: "p"); target[4] = UInt8(ascii: ";")
            return 5
        case UInt8(ascii: "<"):
            target[1] = UInt8(ascii: "l"); target[2] = UInt8(ascii: "t"); target[3] = UInt8(ascii: ";")
            return 4
        case UInt8(ascii: ">"):
            target[1] = UInt8(ascii: "g"); target[2] = UInt8(ascii: "t"); target[3] = UInt8(ascii: ";")
            return 4
        default:
            target[1] = UInt8(ascii: "#"); target[2] = UInt8(ascii: "3")
            target[3] = byte == UInt8(ascii: "\"") ? UInt8(ascii: "4") : UInt8(ascii: "9"); target[4] = UInt8(ascii: ";")
            return 5
        }
    }
}
