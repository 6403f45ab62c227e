/// Python's integer arithmetic on ``BigInteger``: `+ - *`, floor division and modulo, `**`.
///
/// Schoolbook algorithms on 32-bit limbs with 64-bit intermediates (Knuth's algorithm D for
/// division): quadratic, which is plenty for the sizes a bounded template or request sees.
extension BigInteger {
    /// The sum.
    public static func + (lhs: BigInteger, rhs: BigInteger) -> BigInteger {
        if lhs.isNegative == rhs.isNegative {
            return BigInteger(negative: lhs.isNegative, limbs: addMagnitudes(lhs.limbs, rhs.limbs))
        }
        // Opposite signs: the larger magnitude wins the sign.
        if compareMagnitudes(lhs.limbs, rhs.limbs) >= 0 {
            return BigInteger(negative: lhs.isNegative, limbs: subtractMagnitudes(lhs.limbs, rhs.limbs))
        }
        return BigInteger(negative: rhs.isNegative, limbs: subtractMagnitudes(rhs.limbs, lhs.limbs))
    }

    /// The difference.
    public static func - (lhs: BigInteger, rhs: BigInteger) -> BigInteger { lhs + (-rhs) }

    /// The negation.
    public static prefix func - (value: BigInteger) -> BigInteger {
        BigInteger(negative: !value.isNegative, limbs: value.limbs)
    }

    /// The product.
    public static func * (lhs: BigInteger, rhs: BigInteger) -> BigInteger {
        BigInteger(negative: lhs.isNegative != rhs.isNegative, limbs: multiplyMagnitudes(lhs.limbs, rhs.limbs))
    }

    /// Python's `divmod(self, divisor)`: the quotient rounded toward negative infinity and a
    /// remainder with the divisor's sign (`-7 // 2 == -4`, `-7 % 2 == 1`, `7 % -2 == -1`).
    /// `divisor` must not be zero.
    public func quotientAndRemainder(floorDividingBy divisor: BigInteger) -> (quotient: BigInteger, remainder: BigInteger) {
        precondition(!divisor.isZero, "BigInteger division by zero")
        let (q, r) = Self.divideMagnitudes(limbs, divisor.limbs)
        var quotient = BigInteger(negative: isNegative != divisor.isNegative, limbs: q)
        var remainder = BigInteger(negative: isNegative, limbs: r)
        // Truncation rounded toward zero; signs that differ need one step further down.
        if !remainder.isZero && remainder.isNegative != divisor.isNegative {
            quotient = quotient - 1
            remainder = remainder + divisor
        }
        return (quotient, remainder)
    }

    /// Python's `self // divisor`; `divisor` must not be zero.
    public func floorDivided(by divisor: BigInteger) -> BigInteger {
        quotientAndRemainder(floorDividingBy: divisor).quotient
    }

    /// Python's `self % divisor` (the result has the divisor's sign); `divisor` must not be zero.
    public func modulo(_ divisor: BigInteger) -> BigInteger {
        quotientAndRemainder(floorDividingBy: divisor).remainder
    }

    /// `self ** exponent` for `exponent >= 0`, or nil when the result would need more than
    /// `maxBitLength` bits (found before or while computing, never after the full work).
    ///
    /// Python: `pow(n, e)`, which has no bound; a bound keeps `2 ** 10**9` from taking the machine.
    public func power(_ exponent: Int, maxBitLength: Int = .max) -> BigInteger? {
        precondition(exponent >= 0, "negative exponent")
        if exponent == 0 { return 1 }
        if isZero { return self }
        let negative = isNegative && exponent & 1 == 1
        if limbs == [1] { return BigInteger(negative: negative, limbs: [1]) }
        // |base| >= 2, so the result has at least (bitLength - 1) * exponent + 1 bits.
        let (fewest, overflow) = (bitLength - 1).multipliedReportingOverflow(by: exponent)
        guard !overflow, fewest < maxBitLength else { return nil }
        var result: [UInt32] = [1]
        var base = limbs
        var remaining = exponent
        // Every partial result and square is at most the final value, so checking them bounds the work.
        while true {
            if remaining & 1 == 1 {
                result = Self.multiplyMagnitudes(result, base)
                if Self.bitLength(result) > maxBitLength { return nil }
            }
            remaining >>= 1
            if remaining == 0 { break }
            base = Self.multiplyMagnitudes(base, base)
            if Self.bitLength(base) > maxBitLength { return nil }
        }
        return BigInteger(negative: negative, limbs: result)
    }

    static func bitLength(_ limbs: [UInt32]) -> Int {
        guard let top = limbs.last else { return 0 }
        return limbs.count * 32 - top.leadingZeroBitCount
    }

    static func addMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        var result = [UInt32]()
        result.reserveCapacity(long.count + 1)
        var carry: UInt64 = 0
        for i in 0..<long.count {
            let sum = UInt64(long[i]) + (i < short.count ? UInt64(short[i]) : 0) + carry
            result.append(UInt32(truncatingIfNeeded: sum))
            carry = sum >> 32
        }
        if carry != 0 { result.append(UInt32(carry)) }
        return result
    }

    /// `a - b` for magnitudes with `a >= b`.
    static func subtractMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var result = [UInt32]()
        result.reserveCapacity(a.count)
        var borrow: Int64 = 0
        for i in 0..<a.count {
            let difference = Int64(a[i]) - (i < b.count ? Int64(b[i]) : 0) - borrow
            result.append(UInt32(truncatingIfNeeded: difference))
            borrow = difference < 0 ? 1 : 0
        }
        while result.last == 0 { result.removeLast() }
        return result
    }

    static func multiplyMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        if a.isEmpty || b.isEmpty { return [] }
        var result = [UInt32](repeating: 0, count: a.count + b.count)
        for i in 0..<a.count {
            let x = UInt64(a[i])
            if x == 0 { continue }
            var carry: UInt64 = 0
            for j in 0..<b.count {
                // x * y + result + carry < 2⁶⁴ for 32-bit operands.
                let t = x * UInt64(b[j]) + UInt64(result[i + j]) + carry
                result[i + j] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            result[i + b.count] = UInt32(carry)
        }
        while result.last == 0 { result.removeLast() }
        return result
    }

    /// Truncating division of magnitudes (`b` non-empty): Knuth, TAOCP vol. 2, 4.3.1, algorithm D.
    static func divideMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> (quotient: [UInt32], remainder: [UInt32]) {
        if compareMagnitudes(a, b) < 0 { return ([], a) }
        if b.count == 1 {
            var quotient = a
            let remainder = divideInPlace(&quotient, by: b[0])
            return (quotient, remainder == 0 ? [] : [remainder])
        }
        // Normalise so the divisor's top limb has its high bit set; the quotient estimate
        // is then at most two too large.
        let shift = b[b.count - 1].leadingZeroBitCount
        let v = shiftLeft(b, shift, extraLimb: false)
        var u = shiftLeft(a, shift, extraLimb: true)
        let n = v.count
        let m = u.count - n - 1
        var quotient = [UInt32](repeating: 0, count: m + 1)
        let base: UInt64 = 1 << 32
        let top = UInt64(v[n - 1])
        let second = UInt64(v[n - 2])
        for j in stride(from: m, through: 0, by: -1) {
            let numerator = UInt64(u[j + n]) << 32 | UInt64(u[j + n - 1])
            var estimate = numerator / top
            var rest = numerator % top
            while estimate >= base || estimate * second > (rest << 32 | UInt64(u[j + n - 2])) {
                estimate -= 1
                rest += top
                if rest >= base { break }
            }
            // u[j...j+n] -= estimate * v
            var borrow: Int64 = 0
            var carry: UInt64 = 0
            for i in 0..<n {
                let product = estimate * UInt64(v[i]) + carry
                carry = product >> 32
                let difference = Int64(u[i + j]) - borrow - Int64(product & 0xFFFF_FFFF)
                u[i + j] = UInt32(truncatingIfNeeded: difference)
                borrow = difference < 0 ? 1 : 0
            }
            let difference = Int64(u[j + n]) - borrow - Int64(carry)
            u[j + n] = UInt32(truncatingIfNeeded: difference)
            if difference < 0 {
                // The estimate was one too large: add the divisor back.
                estimate -= 1
                var carryBack: UInt64 = 0
                for i in 0..<n {
                    let sum = UInt64(u[i + j]) + UInt64(v[i]) + carryBack
                    u[i + j] = UInt32(truncatingIfNeeded: sum)
                    carryBack = sum >> 32
                }
                u[j + n] = u[j + n] &+ UInt32(carryBack)
            }
            quotient[j] = UInt32(estimate)
        }
        while quotient.last == 0 { quotient.removeLast() }
        var remainder = shiftRight(Array(u[0..<n]), shift)
        while remainder.last == 0 { remainder.removeLast() }
        return (quotient, remainder)
    }

    /// `limbs << shift` for `shift < 32`, with room for one more limb when asked.
    static func shiftLeft(_ limbs: [UInt32], _ shift: Int, extraLimb: Bool) -> [UInt32] {
        var result = [UInt32]()
        result.reserveCapacity(limbs.count + 1)
        var carry: UInt32 = 0
        for limb in limbs {
            result.append(shift == 0 ? limb : (limb << shift | carry))
            carry = shift == 0 ? 0 : limb >> (32 - shift)
        }
        if extraLimb || carry != 0 { result.append(carry) }
        return result
    }

    /// `limbs >> shift` for `shift < 32`.
    static func shiftRight(_ limbs: [UInt32], _ shift: Int) -> [UInt32] {
        guard shift > 0 else { return limbs }
        var result = limbs
        for i in result.indices {
            let high = i + 1 < limbs.count ? limbs[i + 1] << (32 - shift) : 0
            result[i] = limbs[i] >> shift | high
        }
        return result
    }
}
