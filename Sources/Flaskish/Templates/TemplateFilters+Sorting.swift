/// Sorting as Python's `sorted()` does it (stable, `reverse` keeping equal items in their
/// order), for `sort`, `dictsort`, `groupby` and `tojson`'s sorted keys; and the case folding
/// of their `case_sensitive=False` default.
///
/// Keys that are all integers, or all strings made of code points below U+0300, are sorted
/// as packed numbers (``SortKeys``); anything else through `TemplateOperators.order`. Both
/// give the same order: UTF-8 byte order is code-point order (Python's `str` order), and a
/// string of code points below U+0300 is in NFC with no combining mark, so it equals another
/// (Swift's canonical `==`, which the general path uses) exactly when their bytes are equal.
extension TemplateFilters {
    /// A stable sort with Python ordering.
    static func sorted(_ items: [TemplateValue], key: (TemplateValue) throws -> TemplateValue, reverse: Bool) throws -> [TemplateValue] {
        let keys = try items.map(key)
        return try sortedOrder(keys, reverse: reverse).map { items[$0] }
    }

    /// The positions of `keys` in sorted order (ties by position), or the error Python's
    /// comparison raises.
    static func sortedOrder(_ keys: [TemplateValue], reverse: Bool) throws -> [Int] {
        if let packed = SortKeys(keys, caseFolded: false) { return packed.order(reverse: reverse) }
        return try generalOrder(keys, reverse: reverse)
    }

    /// The order `TemplateOperators.order` gives, which may raise; the comparisons run as
    /// they always have, so that a failing sort reports the same pair of types.
    static func generalOrder(_ keys: [TemplateValue], reverse: Bool) throws -> [Int] {
        var keyed = keys.enumerated().map { (key: $0.element, index: $0.offset) }
        var failure: (any Error)?
        keyed.sort { a, b in
            do {
                // Jinja sorts on one-item key lists, which compare equal Undefineds without ordering them.
                let c = a.key.isUndefined && b.key.isUndefined ? 0 : try TemplateOperators.order(a.key, b.key)
                if c != 0 { return reverse ? c > 0 : c < 0 }
            } catch {
                failure = error
            }
            return a.index < b.index
        }
        if let failure { throw failure }
        return keyed.map(\.index)
    }

    /// Byte-wise order of the UTF-8 of `a` and `b`: Python's code-point order of `str`.
    static func utf8Order(_ a: String, _ b: String) -> Int {
        let ordered = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in compareBytes(x, y) }
        }
        if let ordered, let ordered { return ordered }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : (a.utf8.elementsEqual(b.utf8) ? 0 : 1)
    }

    private static func compareBytes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(x.count, y.count)
        var i = 0
        while i < n {
            if x[i] != y[i] { return x[i] < y[i] ? -1 : 1 }
            i += 1
        }
        return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
    }

    /// The key `case_sensitive=False` sorts and groups by: a string lower-cased, Markup too
    /// (Jinja's `ignore_case` lowers any `str`, and `Markup.lower()` stays Markup), anything
    /// else as it is.
    @inline(__always)
    static func caseFolded(_ value: TemplateValue) -> TemplateValue {
        switch value {
        case .string(let s): .string(lowercased(s))
        case .markup(let s): .markup(lowercased(s))
        default: value
        }
    }

    /// `s.lowercased()`, without Unicode's tables when `s` holds only Latin-1 letters.
    static func lowercased(_ s: String) -> String {
        TemplateText.asciiLower(s) ?? latin1Lower(s) ?? s.lowercased()
    }

    /// The lower case of text whose code points are all below U+0100, or nil for other text.
    /// In that range only U+00C0–U+00DE (but U+00D7, the multiplication sign) have a lower
    /// case of their own, 0x20 further on; so Swift's `lowercased()` of such text is this.
    static func latin1Lower(_ s: String) -> String? {
        var s = s
        return s.withUTF8 { bytes -> String? in
            for byte in bytes where byte > 0xC3 { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var i = 0
                while i < bytes.count {
                    let byte = bytes[i]
                    if byte < 0x80 {
                        out[i] = byte &- 65 < 26 ? byte | 0x20 : byte
                        i += 1
                    } else {
                        // A lead byte 0xC2 or 0xC3, then its one continuation byte.
                        let next = bytes[i + 1]
                        out[i] = byte
                        out[i + 1] = byte == 0xC3 && next >= 0x80 && next <= 0x9E && next != 0x97 ? next + 0x20 : next
                        i += 2
                    }
                }
                return bytes.count
            }
        }
    }
}
