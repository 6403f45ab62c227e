import Foundation

/// Python's `printf`-style `%` formatting (the `format` filter, `'%s' % x`) and
/// `str.format` with format specs.
enum TemplateFormatting {
    private static func valueError(_ message: String) -> TemplateRuntimeError { TemplateRuntimeError("ValueError", message) }
    private static func typeError(_ message: String) -> TemplateRuntimeError { TemplateRuntimeError("TypeError", message) }

    /// `format % arguments`: a tuple gives positional values, a dict named ones.
    ///
    /// With `escaping` (MarkupSafe's `Markup.__mod__`), every argument is escaped before it is
    /// inserted (Markup arguments are kept as they are); numeric conversions go through
    /// `int()` / `float()` and `%x %o %c` refuse, as they do on MarkupSafe's wrapped arguments.
    static func percentFormat(
        _ format: String, _ arguments: TemplateValue, escaping: Bool = false, limit: Int = TemplateLimits().maxRangeLength
    ) throws -> String {
        var positional: [TemplateValue]
        var mapping: TemplateDict?
        // Python treats anything subscriptable (but a tuple or a string) as a mapping: no
        // "not all arguments converted" check then.
        var mappingLike = false
        switch arguments {
        case .tuple(let items): positional = items
        case .dict(let d): positional = [arguments]; mapping = d; mappingLike = true
        case .list: positional = [arguments]; mappingLike = true
        default: positional = [arguments]
        }
        var next = 0
        func take() throws -> TemplateValue {
            guard next < positional.count else { throw typeError("not enough arguments for format string") }
            defer { next += 1 }
            return positional[next]
        }
        var out = ""
        let scalars = Array(format.unicodeScalars)
        var i = 0
        var usedMapping = false
        while i < scalars.count {
            let c = scalars[i]
            i += 1
            guard c == "%" else { out.unicodeScalars.append(c); continue }
            guard i < scalars.count else { throw valueError("incomplete format") }
            var key: String?
            if scalars[i] == "(" {
                var depth = 1
                var j = i + 1
                var name = String.UnicodeScalarView()
                while j < scalars.count {
                    if scalars[j] == "(" { depth += 1 }
                    if scalars[j] == ")" { depth -= 1; if depth == 0 { break } }
                    name.append(scalars[j])
                    j += 1
                }
                guard j < scalars.count else { throw valueError("incomplete format key") }
                key = String(name)
                i = j + 1
            }
            var flags = Set<Unicode.Scalar>()
            while i < scalars.count, "-+ #0".unicodeScalars.contains(scalars[i]) { flags.insert(scalars[i]); i += 1 }
            func number() throws -> Int? {
                if i < scalars.count && scalars[i] == "*" {
                    i += 1
                    guard let n = TemplateOperators.integer(try take()) else { throw typeError("* wants int") }
                    return n
                }
                var digits = ""
                while i < scalars.count, ("0"..."9").contains(scalars[i]) { digits.unicodeScalars.append(scalars[i]); i += 1 }
                return Int(digits)
            }
            var width = try number()
            var precision: Int?
            if i < scalars.count && scalars[i] == "." {
                i += 1
                precision = try number() ?? 0
            }
            while i < scalars.count, "hlL".unicodeScalars.contains(scalars[i]) { i += 1 }
            guard i < scalars.count else { throw valueError("incomplete format") }
            let type = scalars[i]
            i += 1
            if type == "%" { out += "%"; continue }
            let value: TemplateValue
            if let key {
                guard let mapping else {
                    if case .list = arguments { throw typeError("list indices must be integers or slices, not str") }
                    throw typeError("format requires a mapping")
                }
                usedMapping = true
                guard let found = mapping[key] else { throw TemplateRuntimeError("KeyError", "'\(key)'") }
                value = found
            } else {
                value = try take()
            }
            if let w = width, w < 0 { flags.insert("-"); width = w == .min ? .max : -w }
            try TemplateLimits.check(width ?? 0, "format width", limit: limit)
            try TemplateLimits.check(precision ?? 0, "format precision", limit: limit)
            var spec = FormatSpec()
            spec.align = flags.contains("-") ? "<" : nil
            spec.zeroPad = flags.contains("0") && !flags.contains("-")
            spec.sign = flags.contains("+") ? "+" : flags.contains(" ") ? " " : "-"
            spec.alternate = flags.contains("#")
            spec.width = width ?? 0
            spec.precision = precision
            guard "diouxXeEfFgGcrsa".unicodeScalars.contains(type) else {
                throw valueError("unsupported format character '\(type)' (0x\(String(type.value, radix: 16)))")
            }
            if escaping && "xXoc".unicodeScalars.contains(type) {
                if type == "c" { throw typeError("%c requires int or char") }
                throw typeError("%\(type) format: an integer is required, not _MarkupEscapeHelper")
            }
            switch type {
            case "s":
                spec.type = "s"
                let text = escaping && !value.isMarkup ? TemplateEscaping.escape(value.pythonString) : value.pythonString
                out += try formatted(.string(text), spec, percentStyle: true)
            case "r", "a":
                spec.type = "s"
                let repr = type == "a" ? TemplateStrFormat.ascii(value.pythonRepr) : value.pythonRepr
                out += try formatted(.string(escaping ? TemplateEscaping.escape(repr) : repr), spec, percentStyle: true)
            case "d", "i", "u":
                let value = escaping ? try pythonInt(value) : value
                guard let n = value.numericValue, value.stringContent == nil else {
                    throw typeError("%\(type) format: a real number is required, not \(value.typeName)")
                }
                spec.type = "d"
                let integer = value.isBigInt ? value : TemplateOperators.integer(value).map(TemplateValue.int)
                    ?? TemplateOperators.truncatedInt(n).map(TemplateValue.int) ?? .double(n.rounded(.towardZero))
                out += try formatted(integer, spec, percentStyle: true)
            case "c":
                if value.isBigInt { throw TemplateRuntimeError("OverflowError", "%c arg not in range(0x110000)") }
                spec.type = "s"
                let text = TemplateOperators.integer(value).flatMap { UInt32(exactly: $0).flatMap(Unicode.Scalar.init).map { String($0) } } ?? value.pythonString
                out += try formatted(.string(text), spec, percentStyle: true)
            default:
                let value = escaping && "eEfFgG".unicodeScalars.contains(type) ? try pythonFloat(value) : value
                spec.type = String(type)
                if spec.precision == nil && "eEfFgG".unicodeScalars.contains(type) { spec.precision = 6 }
                out += try formatted(value, spec, percentStyle: true)
            }
        }
        if !usedMapping && !mappingLike && next < positional.count {
            throw typeError("not all arguments converted during string formatting")
        }
        return out
    }

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

    /// `%.{precision}f` of a finite value, correctly rounded like C's printf.
    ///
    /// Rounds the shortest round-trip digits decimally. That equals rounding the exact binary
    /// value unless those digits end in a 5 exactly one place past the cut (a possible tie),
    /// which, like exponent forms, goes to Foundation's printf.
    static func fixed(_ value: Double, _ precision: Int) -> String {
        let text = value.description
        let parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard precision <= 17, value >= 0, parts.count == 2, !text.utf8.contains(UInt8(ascii: "e")) else {
            return String(format: "%.\(precision)f", value)
        }
        var fraction = parts[1].map { $0 &- 48 }
        if fraction.count == precision + 1 && fraction.last == 5 { return String(format: "%.\(precision)f", value) }
        var roundUp = false
        if fraction.count > precision {
            roundUp = fraction[precision] >= 5
            fraction.removeLast(fraction.count - precision)
        }
        while fraction.count < precision { fraction.append(0) }
        var digits = parts[0].map { $0 &- 48 } + fraction
        if roundUp {
            var i = digits.count - 1
            while i >= 0 && digits[i] == 9 {
                digits[i] = 0
                i -= 1
            }
            if i >= 0 { digits[i] += 1 } else { digits.insert(1, at: 0) }
        }
        let split = digits.count - precision
        var out = String(decoding: digits[..<split].map { $0 &+ 48 }, as: UTF8.self)
        if precision > 0 { out += "." + String(decoding: digits[split...].map { $0 &+ 48 }, as: UTF8.self) }
        return out
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
