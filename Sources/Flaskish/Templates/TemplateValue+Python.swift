/// Python's `str()` and `repr()` of template values, byte for byte, so that
/// `{{ [1, 'a'] }}`, `{{ 1.0 }}` and `{{ none }}` print exactly what Jinja prints.
extension TemplateValue {
    /// Python's `str(value)`; `Undefined` prints as an empty string (Jinja's default `Undefined`).
    public var pythonString: String {
        switch self {
        case .string(let s), .markup(let s): s
        case .undefined: ""
        case .int(let i): String(i)
        default: pythonRepr
        }
    }

    /// Python's `repr(value)`.
    public var pythonRepr: String {
        switch self {
        case .none: return "None"
        case .undefined: return "Undefined"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .double(let d): return TemplateValue.pythonFloatRepr(d)
        case .string(let s): return TemplateValue.pythonStringRepr(s)
        case .markup(let s): return "Markup(\(TemplateValue.pythonStringRepr(s)))"
        case .list(let items): return "[" + items.map(\.pythonRepr).joined(separator: ", ") + "]"
        case .tuple(let items):
            if items.count == 1 { return "(\(items[0].pythonRepr),)" }
            return "(" + items.map(\.pythonRepr).joined(separator: ", ") + ")"
        case .dict(let d):
            return "{" + d.pairs.map { "\($0.0.pythonRepr): \($0.1.pythonRepr)" }.joined(separator: ", ") + "}"
        case .callable(let c): return c.display ?? "<function \(c.name)>"
        case .object(let o): return o.pythonString
        }
    }

    /// `float.__repr__`: the shortest round-tripping digits, `1.0`, `1e+20`, `inf`, `nan`.
    /// Swift's description uses the same shortest-digits algorithm and thresholds.
    static func pythonFloatRepr(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        return d.description
    }

    /// `str.__repr__`: single quotes unless the text has a `'` and no `"`.
    static func pythonStringRepr(_ s: String) -> String {
        let quote: Character = (s.contains("'") && !s.contains("\"")) ? "\"" : "'"
        var out = String(quote)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Character(scalar) == quote {
                    out += "\\" + String(quote)
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + hex(scalar.value, width: 2)
                } else if (0x80..<0xA0).contains(scalar.value) {
                    out += "\\x" + hex(scalar.value, width: 2)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append(quote)
        return out
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension TemplateValue: CustomStringConvertible {
    /// Python's `str()`.
    public var description: String { pythonString }
}
