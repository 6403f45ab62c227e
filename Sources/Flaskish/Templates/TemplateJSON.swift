/// Python's `json.dumps(value, sort_keys=True)` (Jinja's and Flask's `tojson` policy):
/// `", "`/`": "` separators, ASCII-only output with `\uXXXX` escapes.
enum TemplateJSON {
    static func dumps(_ value: TemplateValue, indent: Int?) throws -> String {
        // A negative indent means newlines only (Python); a huge one is a limit error.
        let indent = indent.map { max(0, $0) }
        if let indent, indent > 1024 {
            throw TemplateLimitError(limit: "tojson indent", value: 1024, message: "tojson indent too large")
        }
        var out = ""
        try write(value, indent: indent, level: 0, to: &out)
        return out
    }

    private static func write(_ value: TemplateValue, indent: Int?, level: Int, to out: inout String) throws {
        switch value {
        case .none: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        // json.dumps prints an int with `int.__repr__`, so Python's digit limit applies.
        case .bigInt(let n): out += try TemplateBigIntegers.string(n, maxDigits: BigInteger.defaultMaxDigits)
        case .double(let d):
            if d.isNaN { out += "NaN" } else if d.isInfinite { out += d < 0 ? "-Infinity" : "Infinity" } else { out += TemplateValue.pythonFloatRepr(d) }
        case .string(let s), .markup(let s): writeString(s, to: &out)
        case .list(let items), .tuple(let items):
            try writeContainer(items.map { (nil, $0) }, open: "[", close: "]", indent: indent, level: level, to: &out)
        case .dict(let d):
            var pairs: [(String, TemplateValue)] = []
            // `sort_keys` sorts the original keys, so mixing `str` and numbers is a TypeError.
            let originalKeys = try TemplateFilters.sorted(d.keys, key: { $0 }, reverse: false)
            for k in originalKeys {
                let v = d[k] ?? .none
                switch k {
                case .string(let s), .markup(let s): pairs.append((s, v))
                case .int, .bigInt, .double: pairs.append((k.pythonRepr, v))
                case .bool(let b): pairs.append((b ? "true" : "false", v))
                case .none: pairs.append(("null", v))
                default: throw TemplateRuntimeError("TypeError", "keys must be str, int, float, bool or None, not \(k.typeName)")
                }
            }
            try writeContainer(pairs.map { (Optional($0.0), $0.1) }, open: "{", close: "}", indent: indent, level: level, to: &out)
        case .object(let o):
            if let items = o.iterationItems {
                try write(.list(items), indent: indent, level: level, to: &out)
            } else {
                throw TemplateRuntimeError("TypeError", "Object of type \(o.typeName) is not JSON serializable")
            }
        case .undefined, .callable:
            throw TemplateRuntimeError("TypeError", "Object of type \(value.typeName) is not JSON serializable")
        }
    }

    private static func writeContainer(_ entries: [(String?, TemplateValue)], open: String, close: String, indent: Int?, level: Int, to out: inout String) throws {
        out += open
        if entries.isEmpty { out += close; return }
        for (i, (key, value)) in entries.enumerated() {
            if i > 0 { out += indent == nil ? ", " : "," }
            if let indent { out += "\n" + String(repeating: " ", count: indent * (level + 1)) }
            if let key {
                writeString(key, to: &out)
                out += ": "
            }
            try write(value, indent: indent, level: level + 1, to: &out)
        }
        if let indent { out += "\n" + String(repeating: " ", count: indent * level) }
        out += close
    }

    private static func writeString(_ s: String, to out: inout String) {
        // Jinja's tojson is json.dumps with ensure_ascii, which the JSON writer shares.
        out += JSONValue.string(s).serializedString()
    }
}
