/// A whole number of any size, exact: what a Python `int` beyond 64 bits is to Flask
/// (`<int:id>` with 30 digits reaches the view and prints back the same; `{{ 2 ** 100 }}`
/// prints every digit).
///
/// Sign and magnitude, the magnitude in 32-bit limbs (least significant first, no leading
/// zero limbs, none at all for zero), so every value has one representation and the
/// synthesized `==`/`hash` are numeric. Arithmetic follows Python: ``floorDivided(by:)`` and
/// ``modulo(_:)`` round toward negative infinity, ``toDouble()`` rounds half-even,
/// ``trueDivided(by:)`` is correctly rounded.
///
/// Decimal text is bounded like Python's `int`/`str` conversions (4 300 digits by default,
/// ``defaultMaxDigits``): the schoolbook conversion is quadratic, so an unbounded one would let
/// a request body of digits cost seconds of CPU.
///
/// Python: `int` (unbounded).
public struct BigInteger: Sendable, Hashable {
    /// True below zero (never for zero).
    public let isNegative: Bool
    /// The magnitude in base 2³², least significant limb first, without high zero limbs.
    let limbs: [UInt32]

    /// Python's default bound on decimal conversions (`sys.get_int_max_str_digits()`): 4 300 digits.
    public static let defaultMaxDigits = 4300

    /// A value from a sign and limbs that may carry high zero limbs; zero is never negative.
    init(negative: Bool, limbs: [UInt32]) {
        var limbs = limbs
        while limbs.last == 0 { limbs.removeLast() }
        self.limbs = limbs
        isNegative = negative && !limbs.isEmpty
    }

    /// The number `value`.
    public init(_ value: Int) {
        let magnitude = value.magnitude
        self.init(negative: value < 0, limbs: [UInt32(truncatingIfNeeded: magnitude), UInt32(truncatingIfNeeded: magnitude >> 32)])
    }

    /// Zero.
    public static let zero = BigInteger(0)

    /// True for zero.
    public var isZero: Bool { limbs.isEmpty }

    /// -1, 0 or 1, as the sign of the value.
    public var signum: Int { isZero ? 0 : (isNegative ? -1 : 1) }

    /// Bits in the magnitude, without the sign: 0 for zero, 65 for 2⁶⁴.
    ///
    /// Python: `int.bit_length()`.
    public var bitLength: Int {
        guard let top = limbs.last else { return 0 }
        return limbs.count * 32 - top.leadingZeroBitCount
    }

    /// The value as an `Int`, or nil when it does not fit in 64 bits.
    public var int: Int? {
        guard limbs.count <= 2 else { return nil }
        var magnitude: UInt64 = 0
        for (i, limb) in limbs.enumerated() { magnitude |= UInt64(limb) << (32 * i) }
        if isNegative {
            if magnitude == UInt64(Int.max) + 1 { return .min }
            return magnitude <= UInt64(Int.max) ? -Int(magnitude) : nil
        }
        return magnitude <= UInt64(Int.max) ? Int(magnitude) : nil
    }

    /// The value as any fixed-width integer type (`UInt64`, `Int128`, `Int8`…), or nil when it
    /// does not fit.
    public func exactly<I: FixedWidthInteger>(as type: I.Type) -> I? {
        guard bitLength <= I.Magnitude.bitWidth else { return nil }
        var magnitude: I.Magnitude = 0
        // A narrower type has one limb at most here; the shift then drops nothing it needs.
        for limb in limbs.reversed() { magnitude = magnitude << 32 | I.Magnitude(truncatingIfNeeded: limb) }
        if !isNegative { return I(exactly: magnitude) }
        guard I.isSigned, magnitude <= I.min.magnitude else { return nil }
        return I(truncatingIfNeeded: 0 &- magnitude)
    }

    /// The absolute value.
    ///
    /// Python: `abs(n)`.
    public var magnitude: BigInteger { BigInteger(negative: false, limbs: limbs) }
}

extension BigInteger: Comparable {
    /// Numeric order.
    public static func < (lhs: BigInteger, rhs: BigInteger) -> Bool {
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
        let order = compareMagnitudes(lhs.limbs, rhs.limbs)
        return lhs.isNegative ? order > 0 : order < 0
    }

    /// -1, 0 or 1 as the magnitude `a` is below, equal to or above `b`.
    static func compareMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for i in stride(from: a.count - 1, through: 0, by: -1) where a[i] != b[i] {
            return a[i] < b[i] ? -1 : 1
        }
        return 0
    }
}

extension BigInteger: ExpressibleByIntegerLiteral {
    /// An integer literal (within `Int`).
    public init(integerLiteral value: Int) { self.init(value) }
}
