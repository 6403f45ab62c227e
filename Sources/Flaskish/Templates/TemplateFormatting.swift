import Foundation

/// Python's `printf`-style `%` formatting (the `format` filter, `'%s' % x`, in
/// `TemplatePercentFormat.swift`) and `str.format` with format specs.
enum TemplateFormatting {
    static func valueError(_ message: String) -> TemplateRuntimeError { TemplateRuntimeError("ValueError", message) }
    static func typeError(_ message: String) -> TemplateRuntimeError { TemplateRuntimeError("TypeError", message) }

    /// Python's `int(value)` (what `%d` does with an argument MarkupSafe wrapped).
    static func pythonInt(_ value: TemplateValue) throws -> TemplateValue {
        switch value {
        case .int, .bool: return .int(TemplateOperators.integer(value) ?? 0)
        case .bigInt: return value
        case .double(let d):
            if d.isNaN { throw valueError("cannot convert float NaN to integer") }
            guard let n = BigInteger(truncating: d) else {
                throw TemplateRuntimeError("OverflowError", "cannot convert float infinity to integer")
            }
            return .integer(n)
        case .string(let s), .markup(let s):
            if let i = TemplateFilters.parseInt(s, base: 10) { return .int(i) }
            guard let n = TemplateBigIntegers.parse(s, base: 10, maxDigits: BigInteger.defaultMaxDigits) else {
                throw valueError("invalid literal for int() with base 10: \(TemplateValue.pythonStringRepr(s))")
            }
            return .integer(n)
        default:
            throw typeError("int() argument must be a string, a bytes-like object or a real number, not '\(value.typeName)'")
        }
    }

    /// Python's `float(value)` (what `%f` does with an argument MarkupSafe wrapped).
    static func pythonFloat(_ value: TemplateValue) throws -> TemplateValue {
        if let d = value.numericValue { return .double(d) }
        guard let s = value.stringContent else {
            throw typeError("float() argument must be a string or a real number, not '\(value.typeName)'")
        }
        guard let d = TemplateFilters.parseFloat(s) else {
            throw valueError("could not convert string to float: \(TemplateValue.pythonStringRepr(s))")
        }
        return .double(d)
    }

    struct FormatSpec {
        var fill: String = " "
        /// True when the spec named a fill character (then `0` does not change it).
        var fillGiven = false
        var align: Character?
        var sign: Character = "-"
        var alternate = false
        var zeroPad = false
        var width = 0
        var grouping: Character?
        var precision: Int?
        var type = ""
        /// The `z` flag (negative zero coerced to zero).
        var negativeZero = false
    }

    /// Parses a `str.format` spec like `>10.2f`:
    /// `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
    static func parseSpec(_ text: String) throws -> FormatSpec {
        var spec = FormatSpec()
        var chars = Array(text)
        if chars.count >= 2, "<>^=".contains(chars[1]) {
            spec.fill = String(chars[0])
            spec.fillGiven = true
            spec.align = chars[1]
            chars.removeFirst(2)
        } else if let first = chars.first, "<>^=".contains(first) {
            spec.align = first
            chars.removeFirst()
        }
        if let first = chars.first, "+- ".contains(first) { spec.sign = first; chars.removeFirst() }
        if chars.first == "z" { spec.negativeZero = true; chars.removeFirst() }
        if chars.first == "#" { spec.alternate = true; chars.removeFirst() }
        if chars.first == "0" { spec.zeroPad = true; chars.removeFirst() }
        var digits = ""
        while let first = chars.first, first.isASCII, first.isNumber { digits.append(first); chars.removeFirst() }
        spec.width = Int(digits) ?? (digits.isEmpty ? 0 : .max)
        if let first = chars.first, first == "," || first == "_" { spec.grouping = first; chars.removeFirst() }
        if chars.first == "." {
            chars.removeFirst()
            digits = ""
            while let first = chars.first, first.isASCII, first.isNumber { digits.append(first); chars.removeFirst() }
            guard !digits.isEmpty else { throw valueError("Format specifier missing precision") }
            spec.precision = Int(digits) ?? .max
        }
        spec.type = String(chars)
        guard spec.type.count <= 1 else { throw valueError("Invalid format specifier '\(text)'") }
        let groupable = ["", "d", "e", "E", "f", "F", "g", "G", "%", "x", "X", "o", "b"].contains(spec.type)
        let radix = ["x", "X", "o", "b"].contains(spec.type)
        if let g = spec.grouping, !groupable || (g == "," && radix) {
            throw valueError("Cannot specify '\(g)' with '\(spec.type)'.")
        }
        return spec
    }

    /// Formats one value with a spec (Python's `format(value, spec)`).
    static func formatted(_ value: TemplateValue, _ spec: FormatSpec, percentStyle: Bool = false) throws -> String {
        var body: String
        var signPrefix = ""
        var numeric = false
        let type = spec.type
        if value.stringContent != nil {
            guard type == "" || type == "s" else {
                throw valueError("Unknown format code '\(type)' for object of type 'str'")
            }
            if !percentStyle {
                if let g = spec.grouping { throw valueError("Cannot specify '\(g)' with 's'.") }
                if spec.negativeZero { throw valueError("Negative zero coercion (z) not allowed in format specifier.") }
                if spec.sign != "-" { throw valueError("Sign not allowed in string format specifier") }
                if spec.alternate { throw valueError("Alternate form (#) not allowed in string format specifier") }
                if spec.align == "=" { throw valueError("'=' alignment not allowed in string format specifier") }
            }
            body = value.pythonString
            if let p = spec.precision { body = String(String.UnicodeScalarView(body.unicodeScalars.prefix(p))) }
        } else {
            guard value.numericValue != nil, type != "s" else {
                throw valueError("Unknown format code '\(type)' for object of type '\(value.typeName)'")
            }
            if spec.negativeZero && (TemplateOperators.integer(value) != nil || value.isBigInt) && (type.isEmpty || "dxXobcn".contains(type)) {
                throw valueError("Negative zero coercion (z) not allowed in integer format specifier")
            }
            numeric = true
            body = try formatNumber(value, spec, type: type, signPrefix: &signPrefix)
        }
        let length = signPrefix.unicodeScalars.count + body.unicodeScalars.count
        guard spec.width > length else { return signPrefix + body }
        let padding = spec.width - length
        var fill = spec.fill
        var align = spec.align
        // `0` fills with zeros unless a fill was named; numbers then pad after the sign.
        if spec.zeroPad && !spec.fillGiven && (numeric || !percentStyle) {
            fill = "0"
            if align == nil && numeric { align = "=" }
        }
        switch align ?? (numeric || percentStyle ? ">" : "<") {
        case "<": return signPrefix + body + String(repeating: fill, count: padding)
        case "=": return signPrefix + String(repeating: fill, count: padding) + body
        case "^":
            let left = padding / 2
            return String(repeating: fill, count: left) + signPrefix + body + String(repeating: fill, count: padding - left)
        default: return String(repeating: fill, count: padding) + signPrefix + body
        }
    }

    private static func formatNumber(_ value: TemplateValue, _ spec: FormatSpec, type: String, signPrefix: inout String) throws -> String {
        var body: String
        var negative = false
        if case .bigInt(let n) = value, ["", "d", "x", "X", "o", "b", "n"].contains(type) {
            let radix = ["x": 16, "X": 16, "o": 8, "b": 2][type] ?? 10
            body = TemplateBigIntegers.digits(n, radix: radix, uppercase: type == "X")
            if let g = spec.grouping { body = group(body, separator: g, size: radix == 10 ? 3 : 4) }
            if spec.alternate && radix != 10 { body = "0" + (type == "X" ? "X" : type) + body }
            negative = n.isNegative
        } else if case .bigInt(let n) = value, type == "c" {
            throw TemplateRuntimeError("OverflowError", n.isNegative ? "%c arg not in range(0x110000)" : "Python int too large to convert to C int")
        } else if let i = TemplateOperators.integer(value), ["", "d", "x", "X", "o", "b", "n", "c"].contains(type) {
            negative = i < 0
            let magnitude = i.magnitude
            switch type {
            case "x", "X":
                body = String(magnitude, radix: 16, uppercase: type == "X")
                if spec.alternate { body = (type == "x" ? "0x" : "0X") + body }
            case "o":
                body = String(magnitude, radix: 8)
                if spec.alternate { body = "0o" + body }
            case "b":
                body = String(magnitude, radix: 2)
                if spec.alternate { body = "0b" + body }
            case "c":
                guard i >= 0, i <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(i)) else {
                    throw TemplateRuntimeError("OverflowError", "%c arg not in range(0x110000)")
                }
                negative = false
                body = String(scalar)
            default: body = String(magnitude)
            }
            if let g = spec.grouping { body = group(body, separator: g, size: "xXob".contains(type) && !type.isEmpty ? 4 : 3) }
        } else {
            guard let d = try TemplateBigIntegers.floatOperand(value) else { throw valueError("not a number") }
            negative = d < 0 || (d == 0 && d.sign == .minus)
            let magnitude = abs(d)
            switch type {
            case "f", "F", "e", "E", "%":
                let precision = spec.precision ?? 6
                if magnitude.isNaN || magnitude.isInfinite {
                    body = magnitude.isNaN ? "nan" : "inf"
                    if type == "F" || type == "E" { body = body.uppercased() }
                } else if type == "%" {
                    body = fixed(magnitude * 100, precision) + (spec.alternate && precision == 0 ? ".%" : "%")
                } else if type == "f" || type == "F" {
                    body = fixed(magnitude, precision)
                    // `#` keeps the decimal point even with no decimals (`{:#.0f}` of 1 is `1.`).
                    if spec.alternate && precision == 0 { body += "." }
                } else {
                    body = String(format: "%.\(precision)\(type)", magnitude)
                }
            case "g", "G":
                body = String(format: "%\(spec.alternate ? "#" : "").\(spec.precision ?? 6)\(type)", magnitude)
            case "d", "x", "X", "o", "b", "c":
                throw valueError("Unknown format code '\(type)' for object of type 'float'")
            default:
                if let p = spec.precision {
                    // Python's default float presentation with a precision: `g`, but a fixed
                    // form keeps at least one decimal (`format(1.0, '.2')` is `1.0`).
                    body = String(format: "%.\(max(p, 1))g", magnitude)
                    if magnitude.isFinite && !body.contains(".") && !body.contains("e") { body += ".0" }
                } else {
                    body = TemplateValue.pythonFloatRepr(magnitude)
                }
            }
            if let g = spec.grouping {
                let parts = body.split(separator: ".", maxSplits: 1)
                body = group(String(parts[0]), separator: g) + (parts.count > 1 ? "." + parts[1] : "")
            }
        }
        if negative { signPrefix = "-" } else if spec.sign == "+" { signPrefix = "+" } else if spec.sign == " " { signPrefix = " " }
        return body
    }

    /// `%.{precision}f` of a finite value, correctly rounded like C's printf (and CPython):
    /// the exact binary value, ties to even. ``TemplateNumberText/fixed(_:precision:)`` covers
    /// values below 2^64 with up to 19 decimals; the rest goes to printf.
    static func fixed(_ value: Double, _ precision: Int) -> String {
        TemplateNumberText.fixed(value, precision: precision) ?? String(format: "%.\(precision)f", value)
    }

    private static func group(_ digits: String, separator: Character, size: Int = 3) -> String {
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % size == 0 { out.append(separator) }
            out.append(c)
        }
        return out
    }
}
