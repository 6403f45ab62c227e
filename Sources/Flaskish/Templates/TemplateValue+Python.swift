/// Python's `str()` and `repr()` of template values, byte for byte, so that
/// `{{ [1, 'a'] }}`, `{{ 1.0 }}` and `{{ none }}` print exactly what Jinja prints.
extension TemplateValue {
    /// Python's `str(value)`; `Undefined` prints as an empty string (Jinja's default `Undefined`).
    public var pythonString: String {
        switch self {
        case .string(let s), .markup(let s): s
        case .undefined: ""
        case .int(let i): String(i)
        // Unbounded here (this is not throwing); the renderer's `str` applies `maxIntegerDigits`.
        case .bigInt(let n): n.description
        default: pythonRepr
        }
    }

    /// Python's `repr(value)`.
    public var pythonRepr: String {
        var out = ""
        writeRepr(into: &out)
        return out
    }

    /// Appends `repr(self)` to `out`. One plain recursive call per nesting level (no key-path
    /// `map` thunks, no intermediate strings), so a value nested as deep as the JSON parser
    /// allows prints in a small part of a server thread's stack (issue #11).
    private func writeRepr(into out: inout String) {
        switch self {
        case .none: out += "None"
        case .undefined: out += "Undefined"
        case .bool(let b): out += b ? "True" : "False"
        case .int(let i): out += String(i)
        case .bigInt(let n): out += n.description
        case .double(let d): out += TemplateValue.pythonFloatRepr(d)
        case .string(let s): out += TemplateValue.pythonStringRepr(s)
        case .markup(let s): out += "Markup(\(TemplateValue.pythonStringRepr(s)))"
        case .list(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += ", " }
                item.writeRepr(into: &out)
            }
            out += "]"
        case .tuple(let items):
            out += "("
            for (index, item) in items.enumerated() {
                if index > 0 { out += ", " }
                item.writeRepr(into: &out)
            }
            out += items.count == 1 ? ",)" : ")"
        case .dict(let d):
            out += "{"
            for (index, (key, value)) in d.pairs.enumerated() {
                if index > 0 { out += ", " }
                key.writeRepr(into: &out)
                out += ": "
                value.writeRepr(into: &out)
            }
            out += "}"
        case .callable(let c): out += c.display ?? "<function \(c.name)>"
        case .object(let o): out += o.pythonString
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
