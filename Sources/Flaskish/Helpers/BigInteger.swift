/// A whole number of any size, kept exactly as its decimal digits: what a Python `int` beyond
/// 64 bits is to Flask (`<int:id>` with 30 digits reaches the view, and prints back the same).
///
/// It parses, compares, prints and converts; arithmetic is not provided (convert with ``int``
/// when the value fits, or work on ``description``).
///
/// Python: `int` (unbounded).
public struct BigInteger: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// True below zero (never for zero).
    public let isNegative: Bool
    /// The magnitude's decimal digits, without leading zeros (`"0"` for zero).
    public let magnitude: String

    /// The number `value`.
    public init(_ value: Int) {
        isNegative = value < 0
        magnitude = String(value.magnitude)
    }

    /// Reads an optional `+`/`-` and ASCII digits (leading zeros allowed); nil for anything else.
    ///
    /// Python: `int(text)` for plain decimal text.
    public init?(_ text: some StringProtocol) {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits.removeFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let trimmed = digits.drop { $0 == "0" }
        magnitude = trimmed.isEmpty ? "0" : String(trimmed)
        isNegative = negative && !trimmed.isEmpty
    }

    /// The value as an `Int`, or nil when it does not fit in 64 bits.
    public var int: Int? { Int(description) }

    /// The decimal text, `-` first when negative (Python's `str(int)`).
    public var description: String { isNegative ? "-" + magnitude : magnitude }

    /// Numeric order.
    public static func < (lhs: BigInteger, rhs: BigInteger) -> Bool {
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
        let (a, b) = (lhs.magnitude, rhs.magnitude)
        let magnitudeLess = a.utf8.count != b.utf8.count ? a.utf8.count < b.utf8.count : a < b
        let equal = a == b
        return lhs.isNegative ? (!magnitudeLess && !equal) : magnitudeLess
    }
}
