/// HTML escaping exactly as MarkupSafe's `escape`: `& < > " '` become
/// `&amp; &lt; &gt; &#34; &#39;`; everything else is copied.
enum TemplateEscaping {
    /// Appends `text` to `out`, escaped. Scans UTF-8 bytes and copies unescaped runs whole.
    @inline(__always)
    static func appendEscaped(_ text: String, to out: inout String) {
        let utf8 = text.utf8
        var firstSpecial: String.Index?
        for i in utf8.indices where isSpecial(utf8[i]) {
            firstSpecial = i
            break
        }
        guard var i = firstSpecial else {
            out += text
            return
        }
        var runStart = utf8.startIndex
        while i < utf8.endIndex {
            let byte = utf8[i]
            if isSpecial(byte) {
                if runStart < i { out += Substring(utf8[runStart..<i]) }
                switch byte {
                case UInt8(ascii: "&"): out += "&amp;"
                case UInt8(ascii: "<"): out += "&lt;"
                case UInt8(ascii: ">"): out += "&gt;"
                case UInt8(ascii: "\""): out += "&#34;"
                default: out += "&#39;"
                }
                runStart = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        if runStart < utf8.endIndex { out += Substring(utf8[runStart...]) }
    }

    @inline(__always)
    private static func isSpecial(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "\"")
            || b == UInt8(ascii: "'")
    }

    /// `escape(text)` as a new string.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        appendEscaped(text, to: &out)
        return out
    }

    /// MarkupSafe's `escape(value)`: Markup stays as is, anything else is `str()`-ed and escaped.
    static func escapeValue(_ value: TemplateValue) -> TemplateValue {
        if case .markup = value { return value }
        return .markup(escape(value.pythonString))
    }
}
