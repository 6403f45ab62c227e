/// Sort keys that are all integers, or all strings of code points below U+0300, packed into
/// numbers that compare as the keys do (``TemplateFilters/sortedOrder(_:reverse:)``): the
/// sort then compares plain integers, with no `TemplateValue` to take apart and no error
/// possible.
///
/// A string packs as its first sixteen UTF-8 bytes (zero-padded, big-endian) and its length
/// capped at 17. Two strings that differ in those bytes are ordered by them; when those are
/// equal and one string has at most sixteen bytes, it is the other's beginning, so the length
/// orders them; two longer ones with the same sixteen bytes are ordered by their whole text
/// afterwards. UTF-8 byte order is code-point order, Python's `str` order.
struct SortKeys {
    private var keys: [PackedSortKey]
    /// The text of each key longer than sixteen bytes, by position ("" for the others); nil
    /// when no key is that long.
    private var longTexts: [String]?

    /// Packs `values`, lower-casing strings as ``TemplateFilters/caseFolded(_:)`` does when
    /// `caseFolded`; nil when they are not all of one kind that packs.
    init?(_ values: [TemplateValue], caseFolded: Bool) {
        keys = []
        guard let first = values.first else { return }
        keys.reserveCapacity(values.count)
        switch first {
        case .int:
            for (index, value) in values.enumerated() {
                guard case .int(let i) = value else { return nil }
                // The sign bit flipped: signed order as unsigned order.
                keys.append(PackedSortKey(high: UInt64(bitPattern: Int64(i)) ^ (1 << 63), low: 0, length: 0, index: index))
            }
        case .string, .markup:
            for (index, value) in values.enumerated() {
                guard let content = value.stringContent, let key = PackedSortKey(content, index: index, caseFolded: caseFolded) else {
                    return nil
                }
                keys.append(key)
                if key.length > 16 {
                    if longTexts == nil { longTexts = [String](repeating: "", count: values.count) }
                    longTexts?[index] = caseFolded ? TemplateFilters.lowercased(content) : content
                }
            }
        default:
            return nil
        }
    }

    /// The positions in sorted order, equal keys by position (Python's stable sort, also
    /// with `reverse`).
    func order(reverse: Bool) -> [Int] {
        if keys.count <= 16 {
            // Insertion sort of the positions: a dict's few items (`dictsort`) sort without
            // the set-up of the general algorithm.
            var order = Array(keys.indices)
            for i in order.indices.dropFirst() {
                let moving = order[i]
                var j = i
                while j > 0 && before(moving, order[j - 1], reverse: reverse) {
                    order[j] = order[j - 1]
                    j -= 1
                }
                order[j] = moving
            }
            return order
        }
        var sorted = reverse ? keys.map(\.complement) : keys
        sorted.sort()
        var order = sorted.map(\.index)
        if let longTexts { Self.orderLongTies(&order, sorted, longTexts, reverse: reverse) }
        return order
    }

    /// Whether the key at position `a` sorts before the one at `b`.
    @inline(__always)
    private func before(_ a: Int, _ b: Int, reverse: Bool) -> Bool {
        var c = keys[a].compareText(keys[b])
        if c == 0, let longTexts, keys[a].length > 16 { c = TemplateFilters.utf8Order(longTexts[a], longTexts[b]) }
        return c != 0 ? (reverse ? c > 0 : c < 0) : a < b
    }

    /// Re-sorts each run of strings longer than sixteen bytes that share their first sixteen
    /// by their whole text (the packed keys left such a run in position order).
    private static func orderLongTies(_ order: inout [Int], _ sorted: [PackedSortKey], _ texts: [String], reverse: Bool) {
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count && sorted[end].sameText(sorted[start]) { end += 1 }
            if end - start > 1 && sorted[start].isLong(reverse: reverse) {
                order[start..<end].sort { a, b in
                    let c = TemplateFilters.utf8Order(texts[a], texts[b])
                    return c != 0 ? (reverse ? c > 0 : c < 0) : a < b
                }
            }
            start = end
        }
    }

    /// Whether the keys at positions `i` and `j` are equal (Python's `==` for such keys).
    func same(_ i: Int, _ j: Int) -> Bool {
        guard keys[i].sameText(keys[j]) else { return false }
        guard let longTexts, keys[i].length > 16 else { return true }
        return TemplateFilters.utf8Order(longTexts[i], longTexts[j]) == 0
    }
}

/// One packed key and its position; compares by the key, then the position.
struct PackedSortKey: Comparable {
    var high: UInt64
    var low: UInt64
    var length: UInt64
    var index: Int

    init(high: UInt64, low: UInt64, length: UInt64, index: Int) {
        self.high = high
        self.low = low
        self.length = length
        self.index = index
    }

    /// The key of `string`, lower-cased first when `caseFolded`; nil when the text has a code
    /// point from U+0300 on (a UTF-8 byte of 0xCC or more).
    init?(_ string: String, index: Int, caseFolded: Bool) {
        // ASCII text is lower-cased byte by byte while it is packed; other text first.
        if caseFolded, let key = Self.packed(string, index: index, foldingASCII: true) {
            self = key
        } else if let key = Self.packed(caseFolded ? TemplateFilters.lowercased(string) : string, index: index, foldingASCII: false) {
            self = key
        } else {
            return nil
        }
    }

    /// `foldingASCII`: ASCII text only (else nil), its capitals packed as small letters.
    private static func packed(_ string: String, index: Int, foldingASCII: Bool) -> PackedSortKey? {
        var text = string
        return text.withUTF8 { bytes in
            var high: UInt64 = 0
            var low: UInt64 = 0
            let limit: UInt8 = foldingASCII ? 0x80 : 0xCC
            for i in 0..<bytes.count {
                var byte = bytes[i]
                if byte >= limit { return nil }
                if foldingASCII && byte &- 65 < 26 { byte |= 0x20 }
                if i < 8 {
                    high |= UInt64(byte) << (56 - 8 * UInt64(i))
                } else if i < 16 {
                    low |= UInt64(byte) << (56 - 8 * UInt64(i - 8))
                }
            }
            return PackedSortKey(high: high, low: low, length: UInt64(min(bytes.count, 17)), index: index)
        }
    }

    /// The key that sorts in the opposite order, at the same position (for `reverse`).
    var complement: PackedSortKey { PackedSortKey(high: ~high, low: ~low, length: ~length, index: index) }

    func sameText(_ other: PackedSortKey) -> Bool { high == other.high && low == other.low && length == other.length }

    /// The order of the packed text alone (negative, zero, positive).
    @inline(__always)
    func compareText(_ other: PackedSortKey) -> Int {
        if high != other.high { return high < other.high ? -1 : 1 }
        if low != other.low { return low < other.low ? -1 : 1 }
        return length < other.length ? -1 : (length == other.length ? 0 : 1)
    }

    /// Longer than sixteen bytes (for a complemented key when `reverse`).
    func isLong(reverse: Bool) -> Bool { (reverse ? ~length : length) > 16 }

    static func < (a: PackedSortKey, b: PackedSortKey) -> Bool {
        if a.high != b.high { return a.high < b.high }
        if a.low != b.low { return a.low < b.low }
        if a.length != b.length { return a.length < b.length }
        return a.index < b.index
    }
}
