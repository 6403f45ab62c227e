/// Python's `printf`-style `format % arguments`, parsed on the format's UTF-8 bytes (every
/// character with a meaning there is ASCII; other text is copied in runs).
///
/// The plain conversions a template uses most (`%s`, `%d` of an int, `%.Nf` of a number, with
/// no flags or width) are written directly; everything else goes through the general
/// ``TemplateFormatting/formatted(_:_:percentStyle:)``, which gives the same text for those.
extension TemplateFormatting {
    /// The conversion flags `-+ #0`, as bits.
    private struct PercentFlags: OptionSet {
        let rawValue: UInt8
        static let left = PercentFlags(rawValue: 1)
        static let plus = PercentFlags(rawValue: 2)
        static let space = PercentFlags(rawValue: 4)
        static let alternate = PercentFlags(rawValue: 8)
        static let zero = PercentFlags(rawValue: 16)
    }

    /// `format % arguments`: a tuple gives positional values, a dict named ones.
    ///
    /// With `escaping` (MarkupSafe's `Markup.__mod__`), every argument is escaped before it is
    /// inserted (Markup arguments are kept as they are); numeric conversions go through
    /// `int()` / `float()` and `%x %o %c` refuse, as they do on MarkupSafe's wrapped arguments.
    static func percentFormat(
        _ format: String, _ arguments: TemplateValue, escaping: Bool = false, limit: Int = TemplateLimits().maxRangeLength
    ) throws -> String {
        var format = format
        return try format.withUTF8 { try percentFormat(utf8: $0, arguments, escaping: escaping, limit: limit) }
    }

    private static func percentFormat(
        utf8 bytes: UnsafeBufferPointer<UInt8>, _ arguments: TemplateValue, escaping: Bool, limit: Int
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
        // `take` and `number` get the cursors as arguments: nested functions capturing these
        // `var`s made every access a dynamic exclusivity check (a tenth of a `|format`).
        var next = 0
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        let count = bytes.count
        var out = ""
        var i = 0
        var run = 0
        var usedMapping = false
        while i < count {
            guard bytes[i] == UInt8(ascii: "%") else {
                i += 1
                continue
            }
            if run < i { out += text(run..<i) }
            i += 1
            guard i < count else { throw valueError("incomplete format") }
            var key: String?
            if bytes[i] == UInt8(ascii: "(") {
                var depth = 1
                var j = i + 1
                while j < count {
                    if bytes[j] == UInt8(ascii: "(") { depth += 1 }
                    if bytes[j] == UInt8(ascii: ")") { depth -= 1; if depth == 0 { break } }
                    j += 1
                }
                guard j < count else { throw valueError("incomplete format key") }
                key = text((i + 1)..<j)
                i = j + 1
            }
            var flags: PercentFlags = []
            flagLoop: while i < count {
                switch bytes[i] {
                case UInt8(ascii: "-"): flags.insert(.left)
                case UInt8(ascii: "+"): flags.insert(.plus)
                case UInt8(ascii: " "): flags.insert(.space)
                case UInt8(ascii: "#"): flags.insert(.alternate)
                case UInt8(ascii: "0"): flags.insert(.zero)
                default: break flagLoop
                }
                i += 1
            }
            var width = try number(bytes, &i, positional, &next)
            var precision: Int?
            if i < count && bytes[i] == UInt8(ascii: ".") {
                i += 1
                precision = try number(bytes, &i, positional, &next) ?? 0
            }
            while i < count, bytes[i] == UInt8(ascii: "h") || bytes[i] == UInt8(ascii: "l") || bytes[i] == UInt8(ascii: "L") { i += 1 }
            guard i < count else { throw valueError("incomplete format") }
            let typeStart = i
            let type = bytes[i]
            i += 1
            run = i
            if type == UInt8(ascii: "%") { out += "%"; continue }
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
                value = try take(positional, &next)
            }
            if let w = width, w < 0 { flags.insert(.left); width = w == .min ? .max : -w }
            try TemplateLimits.check(width ?? 0, "format width", limit: limit)
            try TemplateLimits.check(precision ?? 0, "format precision", limit: limit)
            // The plain forms: no flags, no width. Same text as the general path below.
            if flags.isEmpty && width == nil {
                switch (type, value) {
                case (UInt8(ascii: "s"), _) where precision == nil:
                    out += escaping && !value.isMarkup ? TemplateEscaping.escape(value.pythonString) : value.pythonString
                    continue
                case (UInt8(ascii: "d"), .int(let n)) where precision == nil, (UInt8(ascii: "i"), .int(let n)) where precision == nil:
                    out += String(n)
                    continue
                case (UInt8(ascii: "f"), .double(let d)), (UInt8(ascii: "F"), .double(let d)):
                    let negative = d < 0 || (d == 0 && d.sign == .minus)
                    if negative { out += "-" }
                    if d.isNaN || d.isInfinite {
                        let word = d.isNaN ? "nan" : "inf"
                        out += type == UInt8(ascii: "F") ? word.uppercased() : word
                    } else {
                        out += fixed(abs(d), precision ?? 6)
                    }
                    continue
                default: break
                }
            }
            let typeScalar = Unicode.Scalar(type)
            guard "diouxXeEfFgGcrsa".utf8.contains(type) else {
                // A non-ASCII type character is named as the code point it starts.
                let scalar = type < 0x80 ? typeScalar : text(typeStart..<count).unicodeScalars.first ?? typeScalar
                throw valueError("unsupported format character '\(scalar)' (0x\(String(scalar.value, radix: 16)))")
            }
            var spec = FormatSpec()
            spec.align = flags.contains(.left) ? "<" : nil
            spec.zeroPad = flags.contains(.zero) && !flags.contains(.left)
            spec.sign = flags.contains(.plus) ? "+" : flags.contains(.space) ? " " : "-"
            spec.alternate = flags.contains(.alternate)
            spec.width = width ?? 0
            spec.precision = precision
            if escaping && "xXoc".utf8.contains(type) {
                if type == UInt8(ascii: "c") { throw typeError("%c requires int or char") }
                throw typeError("%\(typeScalar) format: an integer is required, not _MarkupEscapeHelper")
            }
            switch type {
            case UInt8(ascii: "s"):
                spec.type = "s"
                let text = escaping && !value.isMarkup ? TemplateEscaping.escape(value.pythonString) : value.pythonString
                out += try formatted(.string(text), spec, percentStyle: true)
            case UInt8(ascii: "r"), UInt8(ascii: "a"):
                spec.type = "s"
                let repr = type == UInt8(ascii: "a") ? TemplateStrFormat.ascii(value.pythonRepr) : value.pythonRepr
                out += try formatted(.string(escaping ? TemplateEscaping.escape(repr) : repr), spec, percentStyle: true)
            case UInt8(ascii: "d"), UInt8(ascii: "i"), UInt8(ascii: "u"):
                let value = escaping ? try pythonInt(value) : value
                guard let n = value.numericValue, value.stringContent == nil else {
                    throw typeError("%\(typeScalar) format: a real number is required, not \(value.typeName)")
                }
                spec.type = "d"
                let integer = value.isBigInt ? value : TemplateOperators.integer(value).map(TemplateValue.int)
                    ?? TemplateOperators.truncatedInt(n).map(TemplateValue.int) ?? .double(n.rounded(.towardZero))
                out += try formatted(integer, spec, percentStyle: true)
            case UInt8(ascii: "c"):
                if value.isBigInt { throw TemplateRuntimeError("OverflowError", "%c arg not in range(0x110000)") }
                spec.type = "s"
                let text = TemplateOperators.integer(value).flatMap { UInt32(exactly: $0).flatMap(Unicode.Scalar.init).map { String($0) } } ?? value.pythonString
                out += try formatted(.string(text), spec, percentStyle: true)
            default:
                let floating = "eEfFgG".utf8.contains(type)
                let value = escaping && floating ? try pythonFloat(value) : value
                spec.type = String(typeScalar)
                if spec.precision == nil && floating { spec.precision = 6 }
                out += try formatted(value, spec, percentStyle: true)
            }
        }
        if run < count { out += text(run..<count) }
        if !usedMapping && !mappingLike && next < positional.count {
            throw typeError("not all arguments converted during string formatting")
        }
        return out
    }

    /// The next positional argument.
    @inline(__always)
    private static func take(_ positional: [TemplateValue], _ next: inout Int) throws -> TemplateValue {
        guard next < positional.count else { throw typeError("not enough arguments for format string") }
        defer { next += 1 }
        return positional[next]
    }

    /// A width or precision at `i`: digits, or `*` for the next argument; nil when absent.
    @inline(__always)
    private static func number(
        _ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ positional: [TemplateValue], _ next: inout Int
    ) throws -> Int? {
        let count = bytes.count
        if i < count && bytes[i] == UInt8(ascii: "*") {
            i += 1
            guard let n = TemplateOperators.integer(try take(positional, &next)) else { throw typeError("* wants int") }
            return n
        }
        // Too many digits for an Int reads as no number, as before.
        let start = i
        var n = 0
        var overflow = false
        while i < count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
            let (times, o1) = n.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int(bytes[i] &- UInt8(ascii: "0")))
            overflow = overflow || o1 || o2
            n = sum
            i += 1
        }
        return i == start || overflow ? nil : n
    }
}
