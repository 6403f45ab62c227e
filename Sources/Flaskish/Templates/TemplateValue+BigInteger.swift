import Foundation

/// Python's unbounded `int` in templates: the `.bigInt` side of arithmetic, comparison,
/// conversion and printing. `Int` stays the fast path; these run only when an operand is
/// already big or an `Int` operation overflowed, and every result that fits in `Int` goes
/// back to `.int`, so one number has one form (equality, hashing and dict keys stay simple).
extension TemplateValue {
    /// The integer `value` in its one template form: ``int(_:)`` when it fits in `Int`, else
    /// ``bigInt(_:)``.
    ///
    /// Python: `int`.
    public static func integer(_ value: BigInteger) -> TemplateValue {
        value.int.map(TemplateValue.int) ?? .bigInt(value)
    }

    /// Any Swift integer (`UInt64.max`, `Int128`…) in its one template form.
    static func integer(_ value: some BinaryInteger) -> TemplateValue {
        if let small = Int(exactly: value) { return .int(small) }
        // At most 39 digits for the widest standard integers: no bound needed.
        return BigInteger(String(value), maxDigits: .max).map(TemplateValue.integer) ?? .double(Double(value))
    }

    /// True for `.bigInt`.
    var isBigInt: Bool { if case .bigInt = self { true } else { false } }

    /// `int`, `bool` and big `int` as a ``BigInteger``, else nil.
    var bigIntegerValue: BigInteger? {
        switch self {
        case .int(let i): BigInteger(i)
        case .bool(let b): b ? 1 : 0
        case .bigInt(let n): n
        default: nil
        }
    }
}

extension BigInteger: TemplateRepresentable {
    /// The template `int` of this value (``TemplateValue/integer(_:)``).
    public var templateValue: TemplateValue { .integer(self) }
}

/// The big-integer half of ``TemplateOperators``.
enum TemplateBigIntegers {
    static func limitError(_ maxBits: Int) -> TemplateLimitError {
        TemplateLimitError(limit: "maxIntegerBits", value: maxBits, message: "integer result would have more than \(maxBits) bits")
    }

    /// `value` in its template form, refused past `maxBits` bits.
    static func checked(_ value: BigInteger, _ maxBits: Int) throws -> TemplateValue {
        if let small = value.int { return .int(small) }
        guard value.bitLength <= maxBits else { throw limitError(maxBits) }
        return .bigInt(value)
    }

    /// Python's `float(n)`.
    static func float(_ value: BigInteger) throws -> Double {
        let d = value.doubleValue
        guard d.isFinite else { throw TemplateRuntimeError("OverflowError", "int too large to convert to float") }
        return d
    }

    /// The operand as a float, raising Python's `OverflowError` for an `int` beyond the double range.
    static func floatOperand(_ value: TemplateValue) throws -> Double? {
        if case .bigInt(let n) = value { return try float(n) }
        return value.numericValue
    }

    /// Python's `str(n)` within `maxDigits` digits.
    static func string(_ value: BigInteger, maxDigits: Int) throws -> String {
        do {
            return try value.decimalString(maxDigits: maxDigits)
        } catch {
            throw TemplateRuntimeError("ValueError", error.description)
        }
    }

    /// `l op r` when an operand is `.bigInt`: exact for two integers; with a float, nil after
    /// checking that the `int` converts (the float code then computes, as Python converts).
    /// Nil when an operand is not a number, so the caller's type rules apply.
    @inline(never)
    static func arithmetic(_ op: BinaryOperator, _ l: TemplateValue, _ r: TemplateValue, maxBits: Int) throws -> TemplateValue? {
        guard let a = l.bigIntegerValue, let b = r.bigIntegerValue else {
            if l.numericValue != nil && r.numericValue != nil {
                _ = try floatOperand(l)
                _ = try floatOperand(r)
            }
            return nil
        }
        return try exact(op, a, b, maxBits: maxBits)
    }

    /// Python's `a op b` on two integers.
    static func exact(_ op: BinaryOperator, _ a: BigInteger, _ b: BigInteger, maxBits: Int) throws -> TemplateValue {
        switch op {
        case .add: return try checked(a + b, maxBits)
        case .subtract: return try checked(a - b, maxBits)
        case .multiply:
            // The product has at least bitLength(a) + bitLength(b) - 1 bits: refuse before multiplying.
            if !a.isZero && !b.isZero && a.bitLength + b.bitLength - 1 > maxBits { throw limitError(maxBits) }
            return try checked(a * b, maxBits)
        case .divide:
            guard !b.isZero else { throw TemplateRuntimeError("ZeroDivisionError", "division by zero") }
            let quotient = a.trueDivided(by: b)
            guard quotient.isFinite else { throw TemplateRuntimeError("OverflowError", "integer division result too large for a float") }
            return .double(quotient)
        case .floorDivide, .modulo:
            guard !b.isZero else { throw TemplateRuntimeError("ZeroDivisionError", "integer division or modulo by zero") }
            let (quotient, remainder) = a.quotientAndRemainder(floorDividingBy: b)
            return try checked(op == .floorDivide ? quotient : remainder, maxBits)
        case .power:
            if b.isNegative {
                // Python: an int to a negative int power is a float.
                guard !a.isZero else { throw TemplateRuntimeError("ZeroDivisionError", "0.0 cannot be raised to a negative power") }
                return .double(Foundation.pow(try float(a), try float(b)))
            }
            // 0, 1 and -1 stay small whatever the exponent; anything else to a huge power is past any bound.
            if a.isZero { return .int(b.isZero ? 1 : 0) }
            if a.bitLength == 1 { return .int(a.isNegative && b.modulo(2) == 1 ? -1 : 1) }
            guard let exponent = b.int, let result = a.power(exponent, maxBitLength: maxBits) else { throw limitError(maxBits) }
            return try checked(result, maxBits)
        }
    }

    /// `a ** b` for `Int`s with `b >= 0`, or nil when it overflows `Int`.
    static func intPower(_ a: Int, _ b: Int) -> Int? {
        var result = 1
        var base = a
        var remaining = b
        while true {
            if remaining & 1 == 1 {
                let (product, overflow) = result.multipliedReportingOverflow(by: base)
                if overflow { return nil }
                result = product
            }
            remaining >>= 1
            if remaining == 0 { return result }
            // |base| >= 2 here whenever squaring overflows, and the result needs that square.
            let (square, overflow) = base.multipliedReportingOverflow(by: base)
            if overflow { return nil }
            base = square
        }
    }

    /// True when an `int` meets a `float` it may not convert to exactly (beyond 2⁵³), or an
    /// operand is `.bigInt`: Python then compares exactly, not through a rounded double.
    @inline(__always)
    private static func needsExactComparison(_ l: TemplateValue, _ r: TemplateValue) -> Bool {
        switch (l, r) {
        case (.bigInt, _), (_, .bigInt): true
        case (.int(let i), .double), (.double, .int(let i)): i.magnitude > 1 << 53
        default: false
        }
    }

    /// Python's exact ordering when an operand is `.bigInt`, or an `int` beyond 2⁵³ meets a
    /// `float` (-1, 0, 1; a NaN orders after, as the float code does); nil otherwise.
    static func order(_ l: TemplateValue, _ r: TemplateValue) -> Int? {
        guard needsExactComparison(l, r) else { return nil }
        if let a = l.bigIntegerValue, let b = r.bigIntegerValue { return a < b ? -1 : (a == b ? 0 : 1) }
        if let a = l.bigIntegerValue, case .double(let d) = r { return a.compare(to: d) ?? 1 }
        if case .double(let d) = l, let b = r.bigIntegerValue { return b.compare(to: d).map { -$0 } ?? 1 }
        return nil
    }

    /// Python's `==` when an operand is `.bigInt`, or an `int` beyond 2⁵³ meets a `float`
    /// (exact: `2**53 + 1 != 2.0**53`); nil otherwise.
    static func equal(_ l: TemplateValue, _ r: TemplateValue) -> Bool? {
        guard needsExactComparison(l, r) else { return nil }
        if let a = l.bigIntegerValue, let b = r.bigIntegerValue { return a == b }
        if let a = l.bigIntegerValue, case .double(let d) = r { return a.compare(to: d) == 0 }
        if case .double(let d) = l, let b = r.bigIntegerValue { return b.compare(to: d) == 0 }
        return false
    }

    /// Python's `int(text, base)` beyond `Int`: whitespace, sign, underscores between digits,
    /// `0x`/`0o`/`0b` prefixes; nil when it is not such a number or has more than
    /// `maxDigits` digits in a base that is not a power of two (as Python bounds them).
    static func parse(_ text: String, base: Int, maxDigits: Int) -> BigInteger? {
        guard let literal = PythonIntegerText(text, base: base) else { return nil }
        let (negative, radix, digits) = (literal.negative, literal.radix, literal.digits)
        if radix.nonzeroBitCount != 1 && digits.count > maxDigits { return nil }
        var limbs: [UInt32] = []
        for character in digits {
            guard let digit = character.hexDigitValue ?? character.asciiValue.map({ Int($0) - 87 }), digit >= 0, digit < radix else { return nil }
            BigInteger.multiplyAdd(&limbs, UInt32(radix), UInt32(digit))
        }
        return BigInteger(negative: negative, limbs: limbs)
    }

    /// The magnitude's digits in `radix` (2, 8, 10 or 16), lowercase.
    static func digits(_ value: BigInteger, radix: Int, uppercase: Bool) -> String {
        if radix == 10 { return value.magnitude.description }
        var rest = value.limbs
        var out: [UInt8] = []
        let alphabet = Array((uppercase ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        while !rest.isEmpty { out.append(alphabet[Int(BigInteger.divideInPlace(&rest, by: UInt32(radix)))]) }
        return out.isEmpty ? "0" : String(decoding: out.reversed(), as: UTF8.self)
    }

    /// `value is divisibleby(divisor)` when either is a big `int` and both are integers; nil otherwise.
    static func divisible(_ value: TemplateValue, by divisor: TemplateValue) throws -> Bool? {
        guard value.isBigInt || divisor.isBigInt, let a = value.bigIntegerValue, let b = divisor.bigIntegerValue else { return nil }
        guard !b.isZero else { throw TemplateRuntimeError("ZeroDivisionError", "integer division or modulo by zero") }
        return a.modulo(b).isZero
    }

    /// Python's `round(n, -digits)` for an `int`: to a multiple of 10^digits, ties to even.
    static func round(_ value: BigInteger, digits: Int, maxBits: Int) throws -> TemplateValue {
        guard let unit = BigInteger(10).power(digits, maxBitLength: maxBits) else { return .int(0) }
        let (quotient, remainder) = value.quotientAndRemainder(floorDividingBy: unit)
        let twice = remainder + remainder
        let roundUp = twice > unit || (twice == unit && quotient.modulo(2) == 1)
        return try checked((roundUp ? quotient + 1 : quotient) * unit, maxBits)
    }
}
