/// Decimal text past ``BigInteger/defaultMaxDigits`` (or the bound given).
///
/// Python: the `ValueError` of `int(text)` / `str(n)` past `sys.get_int_max_str_digits()`.
public struct BigIntegerDigitLimitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bound that was exceeded, in decimal digits.
    public let limit: Int
    /// The digits of the text that was read; nil when printing (Python does not count them then).
    public let digits: Int?

    /// An error for `digits` digits (nil when printing) over `limit`.
    public init(limit: Int, digits: Int?) {
        self.limit = limit
        self.digits = digits
    }

    /// Python's wording, without its hint about `sys.set_int_max_str_digits()`.
    public var description: String {
        let base = "Exceeds the limit (\(limit) digits) for integer string conversion"
        return digits.map { base + ": value has \($0) digits" } ?? base
    }
}

extension BigInteger: CustomStringConvertible {
    /// Reads an optional `+`/`-` and ASCII digits (leading zeros allowed); nil for anything
    /// else and for more than `maxDigits` digits.
    ///
    /// Python: `int(text)` for plain decimal text.
    public init?(_ text: some StringProtocol, maxDigits: Int = BigInteger.defaultMaxDigits) {
        guard let value = try? BigInteger(parsing: text, maxDigits: maxDigits) else { return nil }
        self = value
    }

    /// Reads an optional `+`/`-` and ASCII digits; nil when the text is not such a number,
    /// throws when it has more than `maxDigits` digits (leading zeros count, as in Python).
    ///
    /// Python: `int(text)`, its `ValueError` past the digit limit.
    public init?(parsing text: some StringProtocol, maxDigits: Int) throws(BigIntegerDigitLimitError) {
        var utf8 = Substring(text).utf8[...]
        var negative = false
        if let sign = utf8.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        guard !utf8.isEmpty, utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else { return nil }
        guard utf8.count <= maxDigits else { throw BigIntegerDigitLimitError(limit: maxDigits, digits: utf8.count) }
        var limbs: [UInt32] = []
        limbs.reserveCapacity(utf8.count / 9 + 1)
        var chunk: UInt32 = 0
        var chunkDigits = 0
        for byte in utf8 {
            chunk = chunk * 10 + UInt32(byte &- UInt8(ascii: "0"))
            chunkDigits += 1
            if chunkDigits == 9 {
                Self.multiplyAdd(&limbs, 1_000_000_000, chunk)
                chunk = 0
                chunkDigits = 0
            }
        }
        if chunkDigits > 0 {
            var scale: UInt32 = 1
            for _ in 0..<chunkDigits { scale *= 10 }
            Self.multiplyAdd(&limbs, scale, chunk)
        }
        self.init(negative: negative, limbs: limbs)
    }

    /// `limbs = limbs * factor + addend`, in place.
    static func multiplyAdd(_ limbs: inout [UInt32], _ factor: UInt32, _ addend: UInt32) {
        var carry = UInt64(addend)
        for i in limbs.indices {
            let product = UInt64(limbs[i]) * UInt64(factor) + carry
            limbs[i] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    /// The decimal text, `-` first when negative; throws past `maxDigits` digits (the sign
    /// not counted) before doing the quadratic work when the size alone shows it.
    ///
    /// Python: `str(n)` and its `ValueError` past the digit limit.
    public func decimalString(maxDigits: Int) throws(BigIntegerDigitLimitError) -> String {
        // log10(2) < 0.30103, so this never overestimates the digit count.
        let fewestDigits = bitLength == 0 ? 1 : Int(Double(bitLength - 1) * 0.30102999) + 1
        guard fewestDigits <= maxDigits else { throw BigIntegerDigitLimitError(limit: maxDigits, digits: nil) }
        let text = decimalMagnitude()
        guard text.utf8.count <= maxDigits else { throw BigIntegerDigitLimitError(limit: maxDigits, digits: nil) }
        return isNegative ? "-" + text : text
    }

    /// The decimal text, `-` first when negative, whatever its length (Python's `str(n)`
    /// with the digit limit off). Quadratic in the size: bound values from outside first.
    public var description: String {
        let text = decimalMagnitude()
        return isNegative ? "-" + text : text
    }

    /// The magnitude in decimal, by repeated division by 10⁹.
    private func decimalMagnitude() -> String {
        if limbs.isEmpty { return "0" }
        var rest = limbs
        var chunks: [UInt32] = []
        chunks.reserveCapacity(limbs.count * 32 / 29 + 1)
        while !rest.isEmpty {
            chunks.append(Self.divideInPlace(&rest, by: 1_000_000_000))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chunks.count * 9)
        for (position, chunk) in chunks.reversed().enumerated() {
            let digits = Array(String(chunk).utf8)
            if position > 0 { bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 9 - digits.count)) }
            bytes.append(contentsOf: digits)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Divides the magnitude `limbs` by a single limb in place (dropping high zero limbs)
    /// and returns the remainder.
    static func divideInPlace(_ limbs: inout [UInt32], by divisor: UInt32) -> UInt32 {
        var remainder: UInt64 = 0
        for i in stride(from: limbs.count - 1, through: 0, by: -1) {
            let current = remainder << 32 | UInt64(limbs[i])
            limbs[i] = UInt32(current / UInt64(divisor))
            remainder = current % UInt64(divisor)
        }
        while limbs.last == 0 { limbs.removeLast() }
        return UInt32(remainder)
    }
}
