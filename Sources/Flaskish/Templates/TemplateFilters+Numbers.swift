import Foundation

/// Number filters: `int`, `float`, `round`, `abs`, `filesizeformat`, plus `default`.
extension TemplateFilters {
    static let numbers: [String: Builtin] = [
        "default": defaultFilter, "d": defaultFilter,
        "int": { r, v, args in
            let fallback = args.value(0, "default") ?? .int(0)
            let base = try int(args, 1, "base", 10)
            switch v {
            case .undefined(let what): throw UndefinedError(what)
            case .int, .bigInt: return v
            case .bool(let b): return .int(b ? 1 : 0)
            case .double(let d): return BigInteger(truncating: d).map(TemplateValue.integer) ?? fallback
            case .string(let s), .markup(let s):
                if let i = parseInt(s, base: base) { return .int(i) }
                if let n = TemplateBigIntegers.parse(s, base: base, maxDigits: r.config.limits.maxIntegerDigits) { return .integer(n) }
                if let d = parseFloat(s), let n = BigInteger(truncating: d) { return .integer(n) }
                return fallback
            default: return fallback
            }
        },
        "float": { _, v, args in
            let fallback = args.value(0, "default") ?? .double(0)
            switch v {
            case .undefined(let what): throw UndefinedError(what)
            case .double: return v
            case .int(let i): return .double(Double(i))
            case .bigInt(let n): return .double(try TemplateBigIntegers.float(n))
            case .bool(let b): return .double(b ? 1 : 0)
            case .string(let s), .markup(let s): return parseFloat(s).map(TemplateValue.double) ?? fallback
            default: return fallback
            }
        },
        "abs": { _, v, _ in
            switch v {
            case .int(let i): return i == .min ? .bigInt(-BigInteger(i)) : .int(abs(i))
            case .bigInt(let n): return .integer(n.magnitude)
            case .bool(let b): return .int(b ? 1 : 0)
            case .double(let d): return .double(abs(d))
            default: throw TemplateRuntimeError("TypeError", "bad operand type for abs(): '\(v.typeName)'")
            }
        },
        "round": { r, v, args in
            let precision = try int(args, 0, "precision", 0)
            let method = args.value(1, "method")?.pythonString ?? "common"
            guard ["common", "ceil", "floor"].contains(method) else {
                throw TemplateRuntimeError("FilterArgumentError", "method must be common, ceil or floor")
            }
            guard let d = v.numericValue else {
                throw TemplateRuntimeError("TypeError", "type \(v.typeName) doesn't define __round__ method")
            }
            if let n = v.bigIntegerValue, v.isBigInt || precision < 0 {
                // Python rounds an int exactly, as an int; ceil/floor go through a float.
                if method == "common" { return precision >= 0 ? v : try TemplateBigIntegers.round(n, digits: -precision, maxBits: r.config.limits.maxIntegerBits) }
                _ = try TemplateBigIntegers.floatOperand(v)
            }
            if method == "common" {
                if case .int(let i) = v { return .int(precision >= 0 ? i : roundInteger(i, digits: -precision)) }
                return .double(pythonRound(d, precision))
            }
            let scale = pow(10.0, Double(precision))
            return .double((method == "ceil" ? (d * scale).rounded(.up) : (d * scale).rounded(.down)) / scale)
        },
        "filesizeformat": { r, v, args in
            let binary = bool(args, 0, "binary")
            guard let bytes = try r.defined(v).numericValue ?? v.stringContent.flatMap(parseFloat) else {
                throw TemplateRuntimeError("ValueError", "could not convert to float")
            }
            let base = binary ? 1024.0 : 1000.0
            let prefixes = binary ? ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"] : ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
            if bytes == 1 { return .string("1 Byte") }
            if bytes < base { return .string("\(Int(bytes)) Bytes") }
            var unit = base
            for (i, prefix) in prefixes.enumerated() {
                unit = pow(base, Double(i + 2))
                if bytes < unit { return .string(String(format: "%.1f", base * bytes / unit) + " " + prefix) }
            }
            return .string(String(format: "%.1f", base * bytes / unit) + " " + prefixes[prefixes.count - 1])
        },
    ]

    static func defaultFilter(_ r: TemplateRenderer, _ v: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        let fallback = args.value(0, "default_value") ?? .string("")
        if v.isUndefined || (bool(args, 1, "boolean") && !v.isTruthy) { return fallback }
        return v
    }

    /// Python's `round(x, n)`: correctly rounded, ties to even (via C's exact `%.*f`).
    static func pythonRound(_ d: Double, _ precision: Int) -> Double {
        guard d.isFinite else { return d }
        if precision >= 0 {
            guard precision <= 17 else { return d }
            let magnitude = TemplateNumberText.rounded(abs(d), precision: precision)
                ?? Double(TemplateFormatting.fixed(abs(d), precision)) ?? abs(d)
            return d < 0 || (d == 0 && d.sign == .minus) ? -magnitude : magnitude
        }
        let scale = pow(10.0, Double(-precision))
        return (d / scale).rounded(.toNearestOrEven) * scale
    }

    /// Python's `round(int, -digits)`: to a multiple of 10^digits, ties to even.
    static func roundInteger(_ value: Int, digits: Int) -> Int {
        guard digits < 19 else { return 0 }
        var unit = 1
        for _ in 0..<digits { unit *= 10 }
        let quotient = TemplateOperators.floorDivide(value, unit)
        let remainder = value - quotient * unit
        let twice = remainder * 2
        let roundUp = twice > unit || (twice == unit && quotient % 2 != 0)
        let (rounded, overflow) = (roundUp ? quotient + 1 : quotient).multipliedReportingOverflow(by: unit)
        return overflow ? value : rounded
    }

    /// Python's `int(s, base)`: surrounding whitespace, sign, underscores, `0x` prefixes.
    static func parseInt(_ text: String, base: Int) -> Int? {
        guard let literal = PythonIntegerText(text, base: base),
              let magnitude = Int(literal.digits, radix: literal.radix) else { return nil }
        return literal.negative ? -magnitude : magnitude
    }

    /// Python's `float(s)`: whitespace, underscores between digits, `inf`, `nan`.
    static func parseFloat(_ text: String) -> Double? {
        let s = TemplateText.strip(text, nil, leading: true, trailing: true).lowercased()
        switch s {
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        case "nan", "+nan", "-nan": return .nan
        default: break
        }
        guard !s.isEmpty, !s.contains("__"), s.allSatisfy({ "0123456789.e+-_".contains($0) }) else { return nil }
        return Double(s.filter { $0 != "_" })
    }
}
