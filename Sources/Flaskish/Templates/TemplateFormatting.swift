import Foundation

/// Python's `printf`-style `%` formatting (the `format` filter, `'%s' % x`) and
/// `str.format` with format specs.
enum TemplateFormatting {
    private static func valueError(_ message: String) -> TemplateRuntimeError { TemplateRuntimeError("ValueError", message) }
    private static func typeError(_ message: String) -> TemplateRuntimeError { TemplateRuntimeError("TypeError", message) }

    /// `format % arguments`: a tuple gives positional values, a dict named ones.
    static func percentFormat(_ format: String, _ arguments: TemplateValue, limit: Int = TemplateLimits().maxRangeLength) throws -> String {
        var positional: [TemplateValue]
        var mapping: TemplateDict?
        switch arguments {
        case .tuple(let items): positional = items
        case .dict(let d): positional = [arguments]; mapping = d
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
                guard let mapping else { throw typeError("format requires a mapping") }
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
            switch type {
            case "s": spec.type = "s"; out += try formatted(.string(value.pythonString), spec, percentStyle: true)
            case "r", "a": spec.type = "s"; out += try formatted(.string(value.pythonRepr), spec, percentStyle: true)
            case "d", "i", "u":
                guard let n = value.numericValue, value.stringContent == nil else {
                    throw typeError("%\(type) format: a real number is required, not \(value.typeName)")
                }
                spec.type = "d"
                let integer = TemplateOperators.integer(value).map(TemplateValue.int)
                    ?? TemplateOperators.truncatedInt(n).map(TemplateValue.int) ?? .double(n.rounded(.towardZero))
                out += try formatted(integer, spec, percentStyle: true)
            case "c":
                spec.type = "s"
                let text = TemplateOperators.integer(value).flatMap { UInt32(exactly: $0).flatMap(Unicode.Scalar.init).map { String($0) } } ?? value.pythonString
                out += try formatted(.string(text), spec, percentStyle: true)
            default:
                spec.type = String(type)
                if spec.precision == nil && "eEfFgG".unicodeScalars.contains(type) { spec.precision = 6 }
                out += try formatted(value, spec, percentStyle: true)
            }
        }
        if !usedMapping && mapping == nil && next < positional.count {
            throw typeError("not all arguments converted during string formatting")
        }
        return out
    }

    struct FormatSpec {
        var fill: String = " "
        var align: Character?
        var sign: Character = "-"
        var alternate = false
        var zeroPad = false
        var width = 0
        var grouping: Character?
        var precision: Int?
        var type = ""
    }

    /// Parses a `str.format` spec like `>10.2f`.
    static func parseSpec(_ text: String) throws -> FormatSpec {
        var spec = FormatSpec()
        var chars = Array(text)
        if chars.count >= 2, "<>^=".contains(chars[1]) {
            spec.fill = String(chars[0])
            spec.align = chars[1]
            chars.removeFirst(2)
        } else if let first = chars.first, "<>^=".contains(first) {
            spec.align = first
            chars.removeFirst()
        }
        if let first = chars.first, "+- ".contains(first) { spec.sign = first; chars.removeFirst() }
        if chars.first == "#" { spec.alternate = true; chars.removeFirst() }
        if chars.first == "0" { spec.zeroPad = true; chars.removeFirst() }
        var digits = ""
        while let first = chars.first, first.isASCII, first.isNumber { digits.append(first); chars.removeFirst() }
        spec.width = Int(digits) ?? 0
        if let first = chars.first, first == "," || first == "_" { spec.grouping = first; chars.removeFirst() }
        if chars.first == "." {
            chars.removeFirst()
            digits = ""
            while let first = chars.first, first.isASCII, first.isNumber { digits.append(first); chars.removeFirst() }
            spec.precision = Int(digits) ?? 0
        }
        spec.type = String(chars)
        guard spec.type.count <= 1 else { throw valueError("Invalid format specifier '\(text)'") }
        return spec
    }

    /// Formats one value with a spec (Python's `format(value, spec)`).
    static func formatted(_ value: TemplateValue, _ spec: FormatSpec, percentStyle: Bool = false) throws -> String {
        var body: String
        var signPrefix = ""
        var numeric = false
        let type = spec.type
        switch type {
        case "", "s":
            if type == "" && value.numericValue != nil && value.stringContent == nil {
                numeric = true
                body = try formatNumber(value, spec, type: "", signPrefix: &signPrefix)
            } else {
                body = value.pythonString
                if let p = spec.precision { body = String(String.UnicodeScalarView(body.unicodeScalars.prefix(p))) }
            }
        default:
            guard value.numericValue != nil, value.stringContent == nil else {
                throw valueError("Unknown format code '\(type)' for object of type '\(value.typeName)'")
            }
            numeric = true
            body = try formatNumber(value, spec, type: type, signPrefix: &signPrefix)
        }
        let length = signPrefix.unicodeScalars.count + body.unicodeScalars.count
        guard spec.width > length else { return signPrefix + body }
        let padding = spec.width - length
        if numeric && spec.zeroPad && spec.align == nil || spec.align == "=" {
            let fill = spec.zeroPad && spec.align == nil ? "0" : spec.fill
            return signPrefix + String(repeating: fill, count: padding) + body
        }
        let align = spec.align ?? (numeric || percentStyle ? ">" : "<")
        switch align {
        case "<": return signPrefix + body + String(repeating: spec.fill, count: padding)
        case "^":
            let left = padding / 2
            return String(repeating: spec.fill, count: left) + signPrefix + body + String(repeating: spec.fill, count: padding - left)
        default: return String(repeating: spec.fill, count: padding) + signPrefix + body
        }
    }

    private static func formatNumber(_ value: TemplateValue, _ spec: FormatSpec, type: String, signPrefix: inout String) throws -> String {
        var body: String
        var negative = false
        if let i = TemplateOperators.integer(value), ["", "d", "x", "X", "o", "b", "n", "c"].contains(type) {
            negative = i < 0
            let magnitude = i.magnitude
            switch type {
            case "x", "X":
                body = String(magnitude, radix: 16, uppercase: type == "X")
                if spec.alternate { body = (type == "x" ? "0x" : "0X") + body }
            case "o":
                body = String(magnitude, radix: 8)
                if spec.alternate { body = "0o" + body }
            case "b": body = String(magnitude, radix: 2)
            default: body = String(magnitude)
            }
            if let g = spec.grouping { body = group(body, separator: g) }
        } else {
            guard let d = value.numericValue else { throw valueError("not a number") }
            negative = d < 0 || (d == 0 && d.sign == .minus)
            let magnitude = abs(d)
            switch type {
            case "f", "F", "e", "E", "%":
                let precision = spec.precision ?? 6
                if magnitude.isNaN || magnitude.isInfinite {
                    body = magnitude.isNaN ? "nan" : "inf"
                    if type == "F" || type == "E" { body = body.uppercased() }
                } else if type == "%" {
                    body = fixed(magnitude * 100, precision) + "%"
                } else if type == "f" || type == "F" {
                    body = fixed(magnitude, precision)
                } else {
                    body = String(format: "%.\(precision)\(type)", magnitude)
                }
            case "g", "G":
                body = String(format: "%\(spec.alternate ? "#" : "").\(spec.precision ?? 6)\(type)", magnitude)
            case "d", "x", "X", "o", "b":
                throw valueError("Unknown format code '\(type)' for object of type 'float'")
            default:
                if let p = spec.precision {
                    body = String(format: "%.\(max(p, 1))g", magnitude)
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

    private static func group(_ digits: String, separator: Character) -> String {
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(separator) }
            out.append(c)
        }
        return out
    }

    /// Python's `str.format(*args, **kwargs)`: `{}`, `{0}`, `{name}`, `{0.attr}`, `{:spec}`, `{!r}`.
    static func strFormat(_ format: String, _ args: TemplateArguments, limit: Int = TemplateLimits().maxRangeLength) throws -> String {
        var out = ""
        var chars = Substring(format)
        var automatic = 0
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "}" {
                guard chars.first == "}" else { throw valueError("Single '}' encountered in format string") }
                chars = chars.dropFirst()
                out.append("}")
                continue
            }
            guard c == "{" else { out.append(c); continue }
            if chars.first == "{" { chars = chars.dropFirst(); out.append("{"); continue }
            guard let close = chars.firstIndex(of: "}") else { throw valueError("expected '}' before end of string") }
            let field = chars[..<close]
            chars = chars[chars.index(after: close)...]
            var name = field
            var specText: Substring = ""
            var conversion: Character?
            if let colon = field.firstIndex(of: ":") { name = field[..<colon]; specText = field[field.index(after: colon)...] }
            if let bang = name.firstIndex(of: "!") {
                conversion = name[name.index(after: bang)...].first
                name = name[..<bang]
            }
            let path = name.split(separator: ".", omittingEmptySubsequences: false)
            let head = path.first.map(String.init) ?? ""
            var value: TemplateValue
            if head.isEmpty {
                guard automatic < args.positional.count else { throw TemplateRuntimeError("IndexError", "Replacement index \(automatic) out of range for positional args tuple") }
                value = args.positional[automatic]
                automatic += 1
            } else if let index = Int(head) {
                guard index < args.positional.count else { throw TemplateRuntimeError("IndexError", "Replacement index \(index) out of range for positional args tuple") }
                value = args.positional[index]
            } else {
                guard let found = args[head] else { throw TemplateRuntimeError("KeyError", "'\(head)'") }
                value = found
            }
            for attribute in path.dropFirst() {
                if case .dict(let d) = value, let v = d[String(attribute)] { value = v } else if case .object(let o) = value, let v = o.attribute(String(attribute)) { value = v } else {
                    throw TemplateRuntimeError("AttributeError", "'\(value.typeName)' object has no attribute '\(attribute)'")
                }
            }
            if conversion == "r" { value = .string(value.pythonRepr) } else if conversion == "s" { value = .string(value.pythonString) }
            let spec = try parseSpec(String(specText))
            try TemplateLimits.check(spec.width, "format width", limit: limit)
            try TemplateLimits.check(spec.precision ?? 0, "format precision", limit: limit)
            out += try formatted(value, spec)
        }
        return out
    }
}
