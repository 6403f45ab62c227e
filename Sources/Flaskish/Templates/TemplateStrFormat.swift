/// Python's `str.format` / `str.format_map`, and MarkupSafe's `Markup.format` (its
/// `EscapeFormatter`), which escapes every replacement field.
///
/// Fields follow Python's grammar: `{}` / `{0}` / `{name}`, then `.attr` and `[key]` look-ups,
/// `!r` / `!s` / `!a`, and a spec that may itself hold replacement fields (`{:{width}}`).
/// Errors are Python's classes (`ValueError`, `IndexError`, `KeyError`, `AttributeError`,
/// `TypeError`) so templates fail where Jinja's fail.
struct TemplateStrFormat {
    let positional: [TemplateValue]
    let keyword: (String) -> TemplateValue?
    /// True for `Markup.format`: each field is escaped unless it is Markup (which then may not have a spec).
    let escaping: Bool
    let limit: Int
    /// False for `format_map`, which has no positional values at all.
    var positionalAllowed = true
    private var automatic = 0
    private var numbering: Bool?  // true once `{}` was used, false once `{0}` was

    init(positional: [TemplateValue], keyword: @escaping (String) -> TemplateValue?, escaping: Bool, limit: Int) {
        self.positional = positional
        self.keyword = keyword
        self.escaping = escaping
        self.limit = limit
    }

    /// `format.format(*args, **kwargs)`, escaping fields when `escaping`.
    static func format(_ format: String, _ args: TemplateArguments, escaping: Bool, limit: Int) throws -> String {
        let keyword = args.keyword
        var formatter = TemplateStrFormat(
            positional: args.positional,
            keyword: { name in keyword.first { $0.name == name }?.value },
            escaping: escaping, limit: limit)
        return try formatter.render(Array(format.unicodeScalars)[...], depth: 2)
    }

    /// `format.format_map(mapping)`: names are looked up in the mapping, no positional values.
    static func formatMap(_ format: String, _ mapping: TemplateValue, escaping: Bool, limit: Int) throws -> String {
        guard case .dict(let dict) = mapping else {
            throw TemplateRuntimeError("TypeError", "'\(mapping.typeName)' object is not subscriptable")
        }
        var formatter = TemplateStrFormat(positional: [], keyword: { dict[.string($0)] }, escaping: escaping, limit: limit)
        formatter.positionalAllowed = false
        return try formatter.render(Array(format.unicodeScalars)[...], depth: 2)
    }

    private static func valueError(_ message: String) -> TemplateRuntimeError { TemplateRuntimeError("ValueError", message) }

    private mutating func render(_ s: ArraySlice<Unicode.Scalar>, depth: Int) throws -> String {
        guard depth >= 0 else { throw Self.valueError("Max string recursion exceeded") }
        var out = String.UnicodeScalarView()
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "}" {
                guard i + 1 < s.endIndex, s[i + 1] == "}" else { throw Self.valueError("Single '}' encountered in format string") }
                out.append("}")
                i += 2
                continue
            }
            guard c == "{" else {
                out.append(c)
                i += 1
                continue
            }
            guard i + 1 < s.endIndex else { throw Self.valueError("Single '{' encountered in format string") }
            if s[i + 1] == "{" {
                out.append("{")
                i += 2
                continue
            }
            // The field ends at the matching `}`: brackets of the name may hold `}`, the spec may nest fields.
            var j = i + 1
            var nesting = 1
            var inSpec = false
            while j < s.endIndex {
                let d = s[j]
                if !inSpec && d == "[" {
                    while j < s.endIndex && s[j] != "]" { j += 1 }
                    if j == s.endIndex { break }
                } else if d == ":" {
                    inSpec = true
                } else if d == "{" {
                    nesting += 1
                } else if d == "}" {
                    nesting -= 1
                    if nesting == 0 { break }
                }
                j += 1
            }
            guard j < s.endIndex else { throw Self.valueError("expected '}' before end of string") }
            out.append(contentsOf: try field(s[(i + 1)..<j], depth: depth).unicodeScalars)
            i = j + 1
        }
        return String(out)
    }

    /// One replacement field's text: name, conversion, spec.
    private mutating func field(_ f: ArraySlice<Unicode.Scalar>, depth: Int) throws -> String {
        var k = f.startIndex
        var stop: Unicode.Scalar?
        while k < f.endIndex {
            let c = f[k]
            if c == "{" { throw Self.valueError("unexpected '{' in field name") }
            if c == "[" {
                while k < f.endIndex && f[k] != "]" { k += 1 }
                if k < f.endIndex { k += 1 }
                continue
            }
            if c == ":" || c == "!" { stop = c; break }
            k += 1
        }
        let name = f[f.startIndex..<k]
        var conversion: Unicode.Scalar?
        var spec: ArraySlice<Unicode.Scalar> = []
        if stop == "!" {
            k += 1
            guard k < f.endIndex else { throw Self.valueError("end of string while looking for conversion specifier") }
            conversion = f[k]
            k += 1
            if k < f.endIndex {
                guard f[k] == ":" else { throw Self.valueError("expected ':' after conversion specifier") }
                spec = f[(k + 1)...]
            }
        } else if stop == ":" {
            spec = f[(k + 1)...]
        }
        var value = try lookUp(name)
        switch conversion {
        case nil: break
        case "r": value = .string(value.pythonRepr)
        case "s": value = .string(value.pythonString)
        case "a": value = .string(Self.ascii(value.pythonRepr))
        case let other?: throw Self.valueError("Unknown conversion specifier \(other)")
        }
        let specText = spec.contains("{") ? try render(spec, depth: depth - 1) : String(String.UnicodeScalarView(spec))
        if escaping {
            if case .markup(let text) = value {
                guard specText.isEmpty else { throw Self.valueError("Unsupported format specification for Markup.") }
                return text
            }
            return TemplateEscaping.escape(try formatField(value, specText))
        }
        return try formatField(value, specText)
    }

    /// The value a field name designates: argument, then `.attr` / `[key]` steps.
    private mutating func lookUp(_ name: ArraySlice<Unicode.Scalar>) throws -> TemplateValue {
        var k = name.startIndex
        while k < name.endIndex && name[k] != "." && name[k] != "[" { k += 1 }
        let head = String(String.UnicodeScalarView(name[name.startIndex..<k]))
        var value: TemplateValue
        let positionalField = head.isEmpty || head.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
        if positionalField && !positionalAllowed { throw Self.valueError("Format string contains positional fields") }
        if head.isEmpty {
            if numbering == false {
                throw Self.valueError("cannot switch from manual field specification to automatic field numbering")
            }
            numbering = true
            value = try argument(automatic)
            automatic += 1
        } else if head.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
            if numbering == true {
                throw Self.valueError("cannot switch from automatic field numbering to manual field specification")
            }
            numbering = false
            value = try argument(Int(head) ?? .max)
        } else {
            guard let found = keyword(head) else { throw TemplateRuntimeError("KeyError", TemplateValue.pythonStringRepr(head)) }
            value = found
        }
        while k < name.endIndex {
            if name[k] == "." {
                var e = k + 1
                while e < name.endIndex && name[e] != "." && name[e] != "[" { e += 1 }
                let attribute = String(String.UnicodeScalarView(name[(k + 1)..<e]))
                guard !attribute.isEmpty else { throw Self.valueError("Empty attribute in format string") }
                value = try Self.attribute(value, attribute)
                k = e
            } else if name[k] == "[" {
                var e = k + 1
                while e < name.endIndex && name[e] != "]" { e += 1 }
                guard e < name.endIndex else { throw Self.valueError("Missing ']' in format string") }
                let key = String(String.UnicodeScalarView(name[(k + 1)..<e]))
                guard !key.isEmpty else { throw Self.valueError("Empty attribute in format string") }
                let isIndex = key.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
                value = try Self.item(value, isIndex ? (Int(key).map(TemplateValue.int) ?? .string(key)) : .string(key))
                k = e + 1
                if k < name.endIndex && name[k] != "." && name[k] != "[" {
                    throw Self.valueError("Only '.' or '[' may follow ']' in format field specifier")
                }
            } else {
                throw Self.valueError("Only '.' or '[' may follow ']' in format field specifier")
            }
        }
        return value
    }

    private func argument(_ index: Int) throws -> TemplateValue {
        guard index < positional.count else {
            throw TemplateRuntimeError("IndexError", "Replacement index \(index) out of range for positional args tuple")
        }
        return positional[index]
    }

    /// Python's `getattr` on a template value: objects expose attributes, `int` its `real`.
    private static func attribute(_ value: TemplateValue, _ name: String) throws -> TemplateValue {
        if case .object(let o) = value, let found = o.attribute(name) { return found }
        switch (value, name) {
        case (.int, "real"), (.double, "real"): return value
        case (.bool(let b), "real"): return .int(b ? 1 : 0)
        case (.int, "imag"), (.bool, "imag"): return .int(0)
        case (.double, "imag"): return .double(0)
        default: break
        }
        let type = value.typeName == "Markup" ? "Markup" : value.typeName
        throw TemplateRuntimeError("AttributeError", "'\(type)' object has no attribute '\(name)'")
    }

    /// Python's `value[key]` as `str.format` does it (no Jinja attribute fallback).
    private static func item(_ value: TemplateValue, _ key: TemplateValue) throws -> TemplateValue {
        switch value {
        case .dict(let d):
            guard let found = d[key] else { throw TemplateRuntimeError("KeyError", key.pythonRepr) }
            return found
        case .list(let items), .tuple(let items):
            guard case .int(let i) = key else {
                throw TemplateRuntimeError("TypeError", "\(value.typeName) indices must be integers or slices, not str")
            }
            guard i < items.count else { throw TemplateRuntimeError("IndexError", "\(value.typeName) index out of range") }
            return items[i]
        case .string(let s), .markup(let s):
            guard case .int(let i) = key else { throw TemplateRuntimeError("TypeError", "string indices must be integers, not 'str'") }
            let scalars = s.unicodeScalars
            guard i < scalars.count else { throw TemplateRuntimeError("IndexError", "string index out of range") }
            let character = String(scalars[scalars.index(scalars.startIndex, offsetBy: i)])
            return value.isMarkup ? .markup(character) : .string(character)
        case .object(let o):
            if let items = o.iterationItems, case .int(let i) = key, i < items.count { return items[i] }
            throw TemplateRuntimeError("TypeError", "'\(o.typeName)' object is not subscriptable")
        default:
            throw TemplateRuntimeError("TypeError", "'\(value.typeName)' object is not subscriptable")
        }
    }

    /// Python's `format(value, spec)`.
    private func formatField(_ value: TemplateValue, _ specText: String) throws -> String {
        switch value {
        case .string, .markup, .int, .bigInt, .double, .bool:
            if specText.isEmpty { return value.pythonString }
            let spec = try TemplateFormatting.parseSpec(specText)
            try TemplateLimits.check(spec.width, "format width", limit: limit)
            try TemplateLimits.check(spec.precision ?? 0, "format precision", limit: limit)
            return try TemplateFormatting.formatted(value, spec)
        default:
            if specText.isEmpty { return value.pythonString }
            let type = value.isUndefined ? "Undefined" : value.typeName
            throw TemplateRuntimeError("TypeError", "unsupported format string passed to \(type).__format__")
        }
    }

    /// Python's `ascii()` applied to a repr: non-ASCII code points become `\x`, `\u`, `\U` escapes.
    static func ascii(_ repr: String) -> String {
        var out = ""
        for scalar in repr.unicodeScalars {
            if scalar.isASCII {
                out.unicodeScalars.append(scalar)
                continue
            }
            let (prefix, width) = scalar.value <= 0xFF ? ("\\x", 2) : scalar.value <= 0xFFFF ? ("\\u", 4) : ("\\U", 8)
            let digits = String(scalar.value, radix: 16)
            out += prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return out
    }
}
