/// Appending to a render's UTF-8 byte buffer: strings copied whole, HTML escaping on bytes,
/// integers without an intermediate `String`.
///
/// Escaping is ``TemplateEscaping``'s (MarkupSafe's `escape`), on bytes.
enum TemplateByteOutput {
    /// Appends the UTF-8 of `text`.
    @inline(__always)
    static func append(_ text: String, to out: inout some TemplateByteSink) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Appends `text` escaped; text without a special character is copied in one go.
    @inline(__always)
    static func appendEscaped(_ text: String, to out: inout some TemplateByteSink) {
        TemplateEscaping.appendEscaped(text, to: &out)
    }

    /// Appends UTF-8 `source` escaped (``TemplateEscaping`` scans eight bytes at a time).
    @inline(__always)
    static func appendEscaped(_ source: UnsafeBufferPointer<UInt8>, to out: inout some TemplateByteSink) {
        TemplateEscaping.appendEscaped(utf8: source, to: &out)
    }

    /// Appends the decimal digits of `value` (Python's `str(int)`).
    static func append(_ value: Int, to out: inout some TemplateByteSink) {
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for a sign and 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude != 0
            if value < 0 {
                count += 1
                buffer[24 - count] = UInt8(ascii: "-")
            }
            let bytes = buffer.bindMemory(to: UInt8.self)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(24 - count)...]))
        }
    }
}
