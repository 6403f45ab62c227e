/// ``BigInteger`` and `Double`, as Python's `int` and `float` meet: correctly rounded
/// conversions and division, exact comparisons.
extension BigInteger {
    /// The integer part of `value` (toward zero), or nil for infinities and NaN.
    ///
    /// Python: `int(x)` for a float (which raises `OverflowError`/`ValueError` where this is nil).
    public init?(truncating value: Double) {
        guard value.isFinite else { return nil }
        let whole = value.rounded(.towardZero)
        if whole.magnitude < 0x1p63 {
            self.init(Int(whole))
            return
        }
        // |whole| >= 2⁶³: its 53-bit significand shifted left by exponent - 52 bits.
        let significand = whole.significandBitPattern | (1 << 52)
        let shift = Int(whole.exponent) - 52
        var limbs = [UInt32](repeating: 0, count: shift / 32)
        limbs += Self.shiftLeft([UInt32(truncatingIfNeeded: significand), UInt32(truncatingIfNeeded: significand >> 32)], shift % 32, extraLimb: false)
        self.init(negative: value < 0, limbs: limbs)
    }

    /// `value` when it is a whole number, else nil.
    public init?(exactly value: Double) {
        guard value.isFinite, value.rounded(.towardZero) == value else { return nil }
        self.init(truncating: value)
    }

    /// The nearest double, ties to even; ±infinity when the value is beyond the double range.
    ///
    /// Python: `float(n)`, which raises `OverflowError: int too large to convert to float`
    /// where this is infinite.
    public var doubleValue: Double {
        let bits = bitLength
        if bits <= 64 {
            let magnitude = limbs.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (32 * $1.offset) }
            let value = Double(magnitude)  // Swift rounds a UInt64 to nearest, ties to even.
            return isNegative ? -value : value
        }
        // The top 64 bits, and whether anything below them is non-zero.
        let drop = bits - 64
        let shifted = Self.shiftRightBits(limbs, drop)
        let top = UInt64(shifted[0]) | UInt64(shifted.count > 1 ? shifted[1] : 0) << 32
        let sticky = Self.hasBitsBelow(limbs, drop)
        let value = Self.roundToDouble(top, sticky: sticky, exponent: drop)
        return isNegative ? -value : value
    }

    /// `self / divisor` as the double nearest the exact quotient (ties to even), ±infinity
    /// when that is beyond the double range. `divisor` must not be zero.
    ///
    /// Python: `int / int`, which raises `OverflowError: integer division result too large
    /// for a float` where this is infinite.
    public func trueDivided(by divisor: BigInteger) -> Double {
        precondition(!divisor.isZero, "BigInteger division by zero")
        let negative = isNegative != divisor.isNegative
        if isZero { return negative ? -0.0 : 0.0 }
        // Both exact as doubles: one IEEE division rounds correctly.
        if bitLength <= 53 && divisor.bitLength <= 53 {
            return doubleValue / divisor.doubleValue
        }
        // Scale so the integer quotient has 63 or 64 bits, then round it with the remainder as sticky bit.
        let shift = divisor.bitLength - bitLength + 63
        var numerator = limbs
        var denominator = divisor.limbs
        if shift > 0 { numerator = Self.shiftLeftBits(numerator, shift) } else if shift < 0 { denominator = Self.shiftLeftBits(denominator, -shift) }
        let (q, r) = Self.divideMagnitudes(numerator, denominator)
        let quotient = UInt64(q[0]) | UInt64(q.count > 1 ? q[1] : 0) << 32
        let value = Self.roundToDouble(quotient, sticky: !r.isEmpty, exponent: -shift)
        return negative ? -value : value
    }

    /// Python's comparison of an `int` with a `float`, exact (`2**53 + 1 > 2.0**53`):
    /// -1, 0 or 1, or nil against NaN (every comparison with NaN is false).
    public func compare(to value: Double) -> Int? {
        if value.isNaN { return nil }
        if value.isInfinite { return value > 0 ? -1 : 1 }
        let floor = value.rounded(.down)
        guard let whole = BigInteger(exactly: floor) else { return nil }
        if self != whole { return self < whole ? -1 : 1 }
        return value > floor ? -1 : 0
    }

    /// The value `(mantissa + ε) × 2^exponent` as a positive double rounded half to even,
    /// where `ε` is a positive fraction below one when `sticky`. Handles subnormals and overflow.
    static func roundToDouble(_ mantissa: UInt64, sticky: Bool, exponent: Int) -> Double {
        if mantissa == 0 { return 0 }
        let length = 64 - mantissa.leadingZeroBitCount
        // Keep 53 bits, fewer when the lowest kept bit would fall below 2⁻¹⁰⁷⁴.
        let drop = max(length - 53, -1074 - exponent)
        if drop <= 0 {
            // Exact: no dropped bits, and sticky can only be set when drop > 0 (length = 64).
            return Double(sign: .plus, exponent: exponent, significand: Double(mantissa))
        }
        if drop > 64 { return 0 }
        let kept = drop == 64 ? 0 : mantissa >> drop
        let halfBit: UInt64 = 1 << (drop - 1)
        let lowBits = drop == 64 ? mantissa : mantissa & ((1 << drop) - 1)
        var rounded = kept
        if lowBits > halfBit || (lowBits == halfBit && (sticky || kept & 1 == 1)) {
            rounded += 1
        }
        // A result past the finite range comes out as infinity from the scaling.
        return Double(sign: .plus, exponent: exponent + drop, significand: Double(rounded))
    }

    /// The limbs shifted right by any number of bits.
    static func shiftRightBits(_ limbs: [UInt32], _ bits: Int) -> [UInt32] {
        let whole = bits / 32
        guard whole < limbs.count else { return [0] }
        var result = shiftRight(Array(limbs[whole...]), bits % 32)
        while result.count > 1 && result.last == 0 { result.removeLast() }
        return result
    }

    /// The limbs shifted left by any number of bits.
    static func shiftLeftBits(_ limbs: [UInt32], _ bits: Int) -> [UInt32] {
        [UInt32](repeating: 0, count: bits / 32) + shiftLeft(limbs, bits % 32, extraLimb: false)
    }

    /// True when any of the lowest `bits` bits is set.
    static func hasBitsBelow(_ limbs: [UInt32], _ bits: Int) -> Bool {
        let whole = bits / 32
        for i in 0..<min(whole, limbs.count) where limbs[i] != 0 { return true }
        let partial = bits % 32
        return partial > 0 && whole < limbs.count && limbs[whole] & ((1 << partial) - 1) != 0
    }
}
