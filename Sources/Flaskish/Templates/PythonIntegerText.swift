/// The text of a Python `int(s, base)` argument taken apart: surrounding whitespace stripped,
/// the sign, a `0x`/`0o`/`0b` prefix (when `base` is 0 or that prefix's base), and the digits
/// with their single underscores removed. Nil when the shape is not one Python accepts; the
/// digits themselves are checked by whoever converts them (to `Int` or to ``BigInteger``).
struct PythonIntegerText {
    let negative: Bool
    let radix: Int
    let digits: String

    init?(_ text: String, base: Int) {
        var s = Substring(TemplateText.strip(text, nil, leading: true, trailing: true).lowercased())
        var negative = false
        if s.hasPrefix("-") || s.hasPrefix("+") { negative = s.hasPrefix("-"); s.removeFirst() }
        var radix = base
        for (prefix, r) in [("0x", 16), ("0o", 8), ("0b", 2)] where s.hasPrefix(prefix) && (base == r || base == 0) {
            s.removeFirst(2)
            radix = r
        }
        if radix == 0 { radix = 10 }
        guard !s.isEmpty, !s.hasPrefix("_"), !s.hasSuffix("_"), !s.contains("__"), (2...36).contains(radix) else { return nil }
        self.negative = negative
        self.radix = radix
        digits = s.filter { $0 != "_" }
    }
}
