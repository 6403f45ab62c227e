/// Numbers printed exactly as Python prints them, without Foundation on the common paths.
///
/// `%.Nf` (and `round()`, which goes through it) must round the exact binary value of the
/// double half-to-even, as CPython's `PyOS_double_to_string` does: `'%.2f' % 2.675` is `2.67`
/// because 2.675 is stored as 2.67499999…, and `'%.0f' % 2.5` is `2`. The exact path below
/// does that with integer arithmetic for every value below 2^64 and up to 19 decimals; the
/// rare rest goes to the C library's printf, which is exact too.
enum TemplateNumberText {
    /// Powers of ten that fit a `UInt64` (10^0 … 10^19).
    private static func powerOfTen(_ n: Int) -> UInt64 {
        var p: UInt64 = 1
        for _ in 0..<n { p &*= 10 }
        return p
    }

    /// `'%.{precision}f' % value` for a finite, positive `value` (the caller prints any sign),
    /// or nil when the value or the precision is outside the exact path's range.
    static func fixed(_ value: Double, precision: Int) -> String? {
        guard let (integer, fraction) = fixedParts(value, precision: precision) else { return nil }
        return digits(integer: integer, fraction: fraction, precision: precision)
    }

    /// Python's `round(value, precision)` for a finite, positive `value`: the nearest double to
    /// the correctly rounded decimal, as CPython gets it by printing the decimal and reading it
    /// back. With the decimal below 2^53 and 10^precision exact, one IEEE division of the two is
    /// that nearest double; other cases give nil.
    static func rounded(_ value: Double, precision: Int) -> Double? {
        guard let (integer, fraction) = fixedParts(value, precision: precision) else { return nil }
        let scale = powerOfTen(precision)
        let (scaled, overflow) = integer.multipliedReportingOverflow(by: scale)
        let (decimal, carry) = scaled.addingReportingOverflow(fraction)
        guard !overflow, !carry, decimal < 1 << 53 else { return nil }
        return Double(decimal) / Double(scale)
    }

    /// The integer part and the `precision` decimals (as an integer) of `value` rounded half to
    /// even at `precision` decimals, or nil out of range.
    private static func fixedParts(_ value: Double, precision: Int) -> (UInt64, UInt64)? {
        guard value.isFinite, value.sign == .plus, precision >= 0, precision <= 19 else { return nil }
        let bits = value.bitPattern
        let biased = Int((bits >> 52) & 0x7FF)
        var significand = bits & ((1 << 52) - 1)
        let exponent: Int
        if biased == 0 {
            exponent = -1074
        } else {
            significand |= 1 << 52
            exponent = biased - 1075
        }
        // value = significand × 2^exponent, exactly.
        if significand == 0 { return (0, 0) }
        if exponent >= 0 {
            // An integer; below 2^64 it prints directly, larger ones are left to printf.
            guard exponent <= 11 else { return nil }
            return (significand << UInt64(exponent), 0)
        }
        let shift = -exponent
        let scale = powerOfTen(precision)
        // value × 10^precision = product / 2^shift; product < 2^53 × 2^64 = 2^117.
        let product = UInt128(significand) * UInt128(scale)
        var scaled: UInt128
        if shift >= 118 {
            // product < 2^117 <= half of 2^shift: rounds down to zero.
            scaled = 0
        } else {
            scaled = product >> UInt128(shift)
            let remainder = product & ((1 << UInt128(shift)) - 1)
            let half = UInt128(1) << UInt128(shift - 1)
            if remainder > half || (remainder == half && scaled & 1 == 1) { scaled += 1 }
        }
        // value < 2^53 here, so the integer part fits a UInt64; a 64-bit division when the
        // scaled value fits too (the usual case), one 128-bit division otherwise.
        if scaled <= UInt128(UInt64.max) {
            let small = UInt64(scaled)
            let (quotient, remainder) = small.quotientAndRemainder(dividingBy: scale)
            return (quotient, remainder)
        }
        let quotient = scaled / UInt128(scale)
        return (UInt64(quotient), UInt64(scaled - quotient * UInt128(scale)))
    }

    /// `integer` then, when `precision > 0`, a point and `fraction` padded to `precision` digits.
    private static func digits(integer: UInt64, fraction: UInt64, precision: Int) -> String {
        // 20 integer digits at most, a point, 19 decimals.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
            var end = 40
            if precision > 0 {
                var f = fraction
                for _ in 0..<precision {
                    end -= 1
                    buffer[end] = UInt8(truncatingIfNeeded: f % 10) &+ 48
                    f /= 10
                }
                end -= 1
                buffer[end] = UInt8(ascii: ".")
            }
            var n = integer
            repeat {
                end -= 1
                buffer[end] = UInt8(truncatingIfNeeded: n % 10) &+ 48
                n /= 10
            } while n > 0
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[end..<40]), as: UTF8.self)
        }
    }
}

extension TemplateNumberText {
    /// Python's `repr(float)` (also its `str()`): the shortest digits that read back to the
    /// same double, in full below 1e16 and from 1e-4, else with a signed exponent of at least two
    /// digits; `inf`, `nan`.
    ///
    /// Swift's `description` uses the same shortest digits and agrees on the form everywhere
    /// but above 2^53 and below 1e16, where it already writes an exponent (`9.5e+15` for Python's
    /// `9500000000000000.0`); those are rewritten in full here.
    static func floatRepr(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        let text = d.description
        let magnitude = abs(d)
        guard magnitude >= 9_007_199_254_740_992, magnitude < 1e16, text.utf8.contains(UInt8(ascii: "e")) else { return text }
        // `d.ddd…e+15`: the digits then zeros up to sixteen, then `.0`.
        var digits: [UInt8] = d < 0 ? [UInt8(ascii: "-")] : []
        var count = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "e") { break }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { continue }
            digits.append(byte)
            count += 1
        }
        while count < 16 {
            digits.append(UInt8(ascii: "0"))
            count += 1
        }
        digits.append(contentsOf: [UInt8(ascii: "."), UInt8(ascii: "0")])
        return String(decoding: digits, as: UTF8.self)
    }
}
