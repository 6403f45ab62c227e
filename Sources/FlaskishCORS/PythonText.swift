/// The few Python `str` operations flask-cors relies on, with Python's semantics: code-point
/// comparison and ordering (Swift's `==` and `<` use canonical equivalence instead), Python's
/// whitespace set for `strip()`, `casefold()` for case-insensitive equality, and
/// `urllib.parse.unquote` for the path.
enum PythonText {
    /// `a == b` on code points.
    static func equal(_ a: String, _ b: String) -> Bool {
        a.utf8.elementsEqual(b.utf8)
    }

    /// `a < b` as Python orders `str`: by code point. UTF-8 byte order is code-point order.
    static func less(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// `sorted(strings)`.
    static func sorted(_ strings: [String]) -> [String] {
        strings.sorted(by: less)
    }

    /// `haystack` contains `needle` as a run of code points (`needle in haystack`).
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        let big = Array(haystack.utf8), small = Array(needle.utf8)
        guard !small.isEmpty else { return true }
        guard small.count <= big.count else { return false }
        for start in 0...(big.count - small.count) where big[start] == small[0] {
            if big[start..<(start + small.count)].elementsEqual(small) { return true }
        }
        return false
    }

    /// `s.casefold()`, close enough for equality tests: upper-casing then lower-casing folds
    /// `ß`/`SS`, `ς`/`σ` and ligatures together as full case folding does. ASCII (every
    /// real origin and header name) takes a fast path.
    static func casefold(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return s.uppercased().lowercased()
    }

    /// `a.casefold() == folded`, where `folded` is already case-folded: no allocation when `a`
    /// is ASCII (the case-folding of ASCII is ASCII lower-casing).
    static func casefoldEquals(_ a: String, folded: String) -> Bool {
        guard a.utf8.allSatisfy({ $0 < 0x80 }) else { return equal(casefold(a), folded) }
        guard a.utf8.count == folded.utf8.count else { return false }
        return zip(a.utf8, folded.utf8).allSatisfy { ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 }
    }

    /// `s.upper()`: full Unicode upper-casing (`ß` → `SS`), as Swift's `uppercased()`.
    static func upper(_ s: String) -> String { s.uppercased() }

    /// `s.strip()`: drops leading and trailing characters Python's `str.isspace()` accepts,
    /// which is Unicode `White_Space` plus the four ASCII separators U+001C…U+001F.
    static func strip(_ s: Substring) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value)
    }

    /// `urllib.parse.unquote(s)`: `%XX` escapes become bytes, decoded as UTF-8 with invalid
    /// sequences replaced by U+FFFD; a `%` not followed by two hex digits stays as it is.
    static func unquote(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "%")) else { return s }
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
