/// Appending to a render's UTF-8 byte buffer: strings copied whole, HTML escaping on bytes,
/// integers without an intermediate `String`.
///
/// Escapes exactly as ``TemplateEscaping`` (MarkupSafe's `escape`): `& < > " '` become
/// `&amp; &lt; &gt; &#34; &#39;`.
enum TemplateByteOutput {
    /// Appends the UTF-8 of `text`.
    @inline(__always)
    static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// The five characters MarkupSafe escapes are all below 64: one shift and mask per byte.
    private static let specialMask: UInt64 =
        (1 << 34) | (1 << 38) | (1 << 39) | (1 << 60) | (1 << 62)

    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 64 && (specialMask >> UInt64(byte)) & 1 != 0
    }

    /// Appends `text` escaped; text without a special character is copied in one go.
    @inline(__always)
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendEscaped($0, to: &out) }
    }

    static func appendEscaped(_ source: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let count = source.count
        var i = 0
        while i < count && !isSpecial(source[i]) { i += 1 }
        if i == count {
            out.append(contentsOf: source)
            return
        }
        var runStart = 0
        while i < count {
            let byte = source[i]
            if isSpecial(byte) {
                if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<i])) }
                switch byte {
                case UInt8(ascii: "&"): appendStatic("&amp;", to: &out)
                case UInt8(ascii: "<"): appendStatic("&lt;", to: &out)
                case UInt8(ascii: ">"): appendStatic("&gt;", to: &out)
                case UInt8(ascii: "\""): appendStatic("&#34;", to: &out)
                default: appendStatic("&#39;", to: &out)
                }
                runStart = i + 1
            }
            i += 1
        }
        if runStart < count { out.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<count])) }
    }

    @inline(__always)
    private static func appendStatic(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Appends the decimal digits of `value` (Python's `str(int)`).
    static func append(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude != 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
        }
    }
}
