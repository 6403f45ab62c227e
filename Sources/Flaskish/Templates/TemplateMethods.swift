import Foundation

/// The Python `str` and `dict` methods templates commonly call:
/// `'x'.upper()`, `s.split(',')`, `d.items()`, `d.get('k', 0)`…
enum TemplateMethods {
    static let stringMethods: Set<String> = [
        "upper", "lower", "strip", "lstrip", "rstrip", "split", "rsplit", "startswith", "endswith", "replace", "format",
        "format_map", "title", "capitalize", "swapcase", "casefold", "join", "count", "find", "rfind", "index", "rindex",
        "isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower", "istitle", "isascii", "isdecimal", "isnumeric",
        "splitlines", "center", "ljust", "rjust", "zfill", "partition", "rpartition", "removeprefix", "removesuffix",
    ]
    /// Methods only `Markup` has (MarkupSafe): both return plain text.
    static let markupMethods: Set<String> = ["unescape", "striptags"]
    static let dictMethods: Set<String> = ["items", "keys", "values", "get"]

    static func isStringMethod(_ name: String) -> Bool { stringMethods.contains(name) }
    /// True for a method of `Markup` values only.
    static func isMarkupMethod(_ name: String) -> Bool { markupMethods.contains(name) }
    @inline(__always)
    static func isDictMethod(_ name: String) -> Bool {
        // Four short names: comparing beats hashing on this hot path (every `row.field`).
        name == "items" || name == "keys" || name == "values" || name == "get"
    }

    /// The method as a value (`{% set f = s.upper %}`), for uses other than a direct call.
    static func bound(_ receiver: TemplateValue, _ name: String) -> TemplateValue {
        .callable(TemplateCallable(name: name) { args in try call(receiver, name, args, renderer: nil) })
    }

    static func call(_ receiver: TemplateValue, _ name: String, _ args: TemplateArguments, renderer: TemplateRenderer?) throws -> TemplateValue {
        if case .dict(let dict) = receiver { return try callDict(dict, name, args) }
        guard let s = receiver.stringContent else { return .undefined("no method \(name)") }
        // MarkupSafe's `Markup` overrides every str method that returns text so the result stays
        // Markup; those that insert text (`replace`'s new, `center`'s fill, `join`'s items,
        // `format`'s fields) escape it first. Search arguments (`strip` chars, `split` sep) are not escaped.
        let markup = receiver.isMarkup
        func wrap(_ text: String) -> TemplateValue { markup ? .markup(text) : .string(text) }
        let limit = renderer?.config.limits.maxRangeLength ?? TemplateLimits().maxRangeLength
        func plain(_ i: Int, _ key: String) throws -> String? {
            guard let v = args.value(i, key), v != .none else { return nil }
            guard let text = v.stringContent else {
                throw TemplateRuntimeError("TypeError", "must be str or None, not \(v.typeName)")
            }
            return text
        }
        func inserted(_ i: Int, _ key: String) throws -> String? {
            guard let v = args.value(i, key) else { return nil }
            if markup { return TemplateEscaping.escapeValue(v).pythonString }
            guard let text = v.stringContent else {
                throw TemplateRuntimeError("TypeError", "replace() argument \(i + 1) must be str, not \(v.typeName)")
            }
            return text
        }
        func required(_ text: String?) throws -> String {
            guard let text else { throw TemplateRuntimeError("TypeError", "\(name)() takes at least 1 argument (0 given)") }
            return text
        }
        switch name {
        case "upper": return wrap(TemplateText.upper(s))
        case "lower": return wrap(TemplateText.lower(s))
        // Full case folding differs from lower-casing mostly by ß → ss (and the final sigma).
        case "casefold": return wrap(s.lowercased().replacingOccurrences(of: "ß", with: "ss").replacingOccurrences(of: "ς", with: "σ"))
        case "swapcase":
            return wrap(String(s.unicodeScalars.map { c -> String in
                c.properties.isUppercase ? String(c).lowercased() : c.properties.isLowercase ? String(c).uppercased() : String(c)
            }.joined()))
        case "strip": return wrap(TemplateText.strip(s, try plain(0, "chars"), leading: true, trailing: true))
        case "lstrip": return wrap(TemplateText.strip(s, try plain(0, "chars"), leading: true, trailing: false))
        case "rstrip": return wrap(TemplateText.strip(s, try plain(0, "chars"), leading: false, trailing: true))
        case "split", "rsplit":
            let maxSplit = args.value(1, "maxsplit").flatMap(TemplateOperators.integer) ?? -1
            let separator = try plain(0, "sep")
            if separator == "" { throw TemplateRuntimeError("ValueError", "empty separator") }
            if name == "rsplit" {
                let reversed = { (t: String) in String(String.UnicodeScalarView(t.unicodeScalars.reversed())) }
                let parts = TemplateText.split(reversed(s), separator.map(reversed), maxSplit: maxSplit)
                return .list(parts.reversed().map { wrap(reversed($0)) })
            }
            return .list(TemplateText.split(s, separator, maxSplit: maxSplit).map(wrap))
        case "splitlines": return .list(TemplateText.splitLines(s).map(wrap))
        case "partition", "rpartition":
            let separator = try required(try plain(0, "sep"))
            if separator.isEmpty { throw TemplateRuntimeError("ValueError", "empty separator") }
            let found = name == "partition" ? s.range(of: separator) : s.range(of: separator, options: .backwards)
            guard let found else {
                return .tuple(name == "partition" ? [wrap(s), wrap(""), wrap("")] : [wrap(""), wrap(""), wrap(s)])
            }
            return .tuple([wrap(String(s[..<found.lowerBound])), wrap(separator), wrap(String(s[found.upperBound...]))])
        case "removeprefix":
            let prefix = try required(try plain(0, "prefix"))
            guard s.unicodeScalars.starts(with: prefix.unicodeScalars) else { return wrap(s) }
            return wrap(String(s.unicodeScalars.dropFirst(prefix.unicodeScalars.count)))
        case "removesuffix":
            let suffix = try required(try plain(0, "suffix"))
            guard s.unicodeScalars.reversed().starts(with: suffix.unicodeScalars.reversed()) else { return wrap(s) }
            return wrap(String(s.unicodeScalars.dropLast(suffix.unicodeScalars.count)))
        case "startswith", "endswith":
            let candidates: [String]
            switch args.value(0, "prefix") {
            case .tuple(let items)?: candidates = items.map(\.pythonString)
            case let v?:
                guard let text = v.stringContent else {
                    throw TemplateRuntimeError("TypeError", "\(name) first arg must be str or a tuple of str, not \(v.typeName)")
                }
                candidates = [text]
            case nil: throw TemplateRuntimeError("TypeError", "\(name)() takes at least 1 argument (0 given)")
            }
            return .bool(candidates.contains { name == "startswith" ? s.unicodeScalars.starts(with: $0.unicodeScalars) : s.unicodeScalars.reversed().starts(with: $0.unicodeScalars.reversed()) })
        case "replace":
            guard let old = try plain(0, "old"), let new = try inserted(1, "new") else {
                throw TemplateRuntimeError("TypeError", "replace expected at least 2 arguments, got \(args.positional.count)")
            }
            let count = args.value(2, "count").flatMap(TemplateOperators.integer) ?? -1
            return wrap(TemplateText.replace(s, old, new, count: count))
        case "format": return wrap(try TemplateStrFormat.format(s, args, escaping: markup, limit: limit))
        case "format_map":
            guard let mapping = args.value(0, "mapping") else {
                throw TemplateRuntimeError("TypeError", "format_map() takes exactly one argument (0 given)")
            }
            return wrap(try TemplateStrFormat.formatMap(s, mapping, escaping: markup, limit: limit))
        case "title": return wrap(TemplateText.pythonTitle(s))
        case "capitalize": return wrap(TemplateText.capitalize(s))
        case "join":
            guard let items = args.value(0, "iterable") else { throw TemplateRuntimeError("TypeError", "join() takes exactly one argument") }
            let values: [TemplateValue]
            switch items {
            case .list(let a), .tuple(let a): values = a
            case .dict(let d): values = d.keys
            case .string(let t), .markup(let t): values = t.unicodeScalars.map { .string(String($0)) }
            default:
                if case .object(let o) = items, let a = o.iterationItems {
                    values = a
                } else {
                    throw TemplateRuntimeError("TypeError", "can only join an iterable")
                }
            }
            if markup { return .markup(values.map { TemplateEscaping.escapeValue($0).pythonString }.joined(separator: s)) }
            return .string(try values.enumerated().map { index, item in
                guard let text = item.stringContent else {
                    throw TemplateRuntimeError("TypeError", "sequence item \(index): expected str instance, \(item.typeName) found")
                }
                return text
            }.joined(separator: s))
        case "count":
            return .int(TemplateText.count(s, try required(try plain(0, "sub"))))
        case "find", "index":
            let found = TemplateText.find(s, try required(try plain(0, "sub")))
            if found < 0 && name == "index" { throw TemplateRuntimeError("ValueError", "substring not found") }
            return .int(found)
        case "rfind", "rindex":
            let sub = try required(try plain(0, "sub"))
            guard let range = s.range(of: sub, options: .backwards) else {
                if name == "rindex" { throw TemplateRuntimeError("ValueError", "substring not found") }
                return .int(-1)
            }
            return .int(s.unicodeScalars.distance(from: s.unicodeScalars.startIndex, to: range.lowerBound))
        case "isdigit", "isdecimal", "isnumeric":
            return .bool(!s.isEmpty && s.unicodeScalars.allSatisfy { c in
                guard let kind = c.properties.numericType else { return false }
                switch name {
                case "isdecimal": return kind == .decimal
                case "isdigit": return kind == .decimal || kind == .digit
                default: return true
                }
            })
        case "isalpha": return .bool(!s.isEmpty && s.unicodeScalars.allSatisfy(\.properties.isAlphabetic))
        case "isalnum": return .bool(!s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil })
        case "isspace": return .bool(!s.isEmpty && s.unicodeScalars.allSatisfy(TemplateText.isPythonSpace))
        case "isascii": return .bool(s.unicodeScalars.allSatisfy(\.isASCII))
        case "isupper": return .bool(s.contains { $0.isCased } && s.uppercased() == s)
        case "islower": return .bool(s.contains { $0.isCased } && s.lowercased() == s)
        case "istitle": return .bool(s.contains { $0.isCased } && TemplateText.pythonTitle(s) == s)
        case "center", "ljust", "rjust":
            let width = args.value(0, "width").flatMap(TemplateOperators.integer) ?? 0
            try TemplateLimits.check(width, "\(name) width", limit: limit)
            let fill = try inserted(1, "fillchar") ?? " "
            guard fill.unicodeScalars.count == 1 else {
                throw TemplateRuntimeError("TypeError", "The fill character must be exactly one character long")
            }
            return wrap(TemplateText.pad(s, width: width, fill: fill, align: name))
        case "zfill":
            let width = args.value(0, "width").flatMap(TemplateOperators.integer) ?? 0
            try TemplateLimits.check(width, "zfill width", limit: limit)
            let length = s.unicodeScalars.count
            guard length < width else { return wrap(s) }
            let zeros = String(repeating: "0", count: width - length)
            if let first = s.first, first == "-" || first == "+" { return wrap(String(first) + zeros + s.dropFirst()) }
            return wrap(zeros + s)
        case "unescape" where markup: return .string(TemplateFilters.unescape(s))
        case "striptags" where markup: return .string(TemplateFilters.stripTags(s))
        default:
            return .undefined("'str object' has no attribute '\(name)'")
        }
    }

    private static func callDict(_ dict: TemplateDict, _ name: String, _ args: TemplateArguments) throws -> TemplateValue {
        switch name {
        case "items": return .list(dict.pairs.map { .tuple([$0.0, $0.1]) })
        case "keys": return .list(dict.keys)
        case "values": return .list(dict.values)
        case "get":
            guard let key = args.value(0, "key") else { throw TemplateRuntimeError("TypeError", "get expected at least 1 argument, got 0") }
            return dict[key] ?? args.value(1, "default") ?? .none
        default: return .undefined("'dict object' has no attribute '\(name)'")
        }
    }
}

/// Text helpers with Python's `str` semantics (code points, Python whitespace).
enum TemplateText {
    static func isPythonSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0: true
        default: s.properties.isWhitespace
        }
    }

    static func strip(_ s: String, _ chars: String?, leading: Bool, trailing: Bool) -> String {
        let scalars = Array(s.unicodeScalars)
        let set = chars.map { Set($0.unicodeScalars) }
        func strippable(_ c: Unicode.Scalar) -> Bool { set.map { $0.contains(c) } ?? isPythonSpace(c) }
        var start = 0
        var end = scalars.count
        if leading { while start < end && strippable(scalars[start]) { start += 1 } }
        if trailing { while end > start && strippable(scalars[end - 1]) { end -= 1 } }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }

    static func split(_ s: String, _ separator: String?, maxSplit: Int) -> [String] {
        guard let separator else {
            var parts: [String] = []
            var current = String.UnicodeScalarView()
            var inWord = false
            var scalars = s.unicodeScalars[...]
            while let c = scalars.first {
                if isPythonSpace(c) {
                    if inWord {
                        parts.append(String(current))
                        current = String.UnicodeScalarView()
                        inWord = false
                    }
                    scalars = scalars.dropFirst()
                    if maxSplit >= 0 && parts.count >= maxSplit && !parts.isEmpty {
                        let rest = strip(String(String.UnicodeScalarView(scalars)), nil, leading: true, trailing: false)
                        if !rest.isEmpty { parts.append(rest) }
                        return parts
                    }
                    continue
                }
                inWord = true
                current.append(c)
                scalars = scalars.dropFirst()
            }
            if inWord { parts.append(String(current)) }
            return parts
        }
        var parts: [String] = []
        var rest = Substring(s)
        while maxSplit < 0 || parts.count < maxSplit, let range = rest.range(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }

    static func splitLines(_ s: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var previousCR = false
        for c in s.unicodeScalars {
            if previousCR && c == "\n" { previousCR = false; continue }
            previousCR = c == "\r"
            switch c.value {
            case 0x0A, 0x0D, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029:
                lines.append(String(current))
                current = String.UnicodeScalarView()
            default:
                current.append(c)
            }
        }
        if !current.isEmpty { lines.append(String(current)) }
        return lines
    }

    static func replace(_ s: String, _ old: String, _ new: String, count: Int) -> String {
        if old.isEmpty {
            var out = new
            var n = 1
            for c in s.unicodeScalars {
                out.unicodeScalars.append(c)
                if count < 0 || n < count { out += new; n += 1 }
            }
            return out
        }
        var out = ""
        var rest = Substring(s)
        var done = 0
        while count < 0 || done < count, let range = rest.range(of: old) {
            out += rest[..<range.lowerBound]
            out += new
            rest = rest[range.upperBound...]
            done += 1
        }
        out += rest
        return out
    }

    static func count(_ s: String, _ sub: String) -> Int {
        if sub.isEmpty { return s.unicodeScalars.count + 1 }
        var n = 0
        var rest = Substring(s)
        while let range = rest.range(of: sub) {
            n += 1
            rest = rest[range.upperBound...]
        }
        return n
    }

    static func find(_ s: String, _ sub: String) -> Int {
        guard let range = s.range(of: sub) else { return -1 }
        return s.unicodeScalars.distance(from: s.unicodeScalars.startIndex, to: range.lowerBound)
    }

    /// Python's `str.title()`: a letter after a non-letter is upper-cased, others lower-cased.
    static func pythonTitle(_ s: String) -> String {
        var out = ""
        var previousCased = false
        for c in s.unicodeScalars {
            let text = String(c)
            out += previousCased ? text.lowercased() : c.properties.titlecaseMapping
            previousCased = c.properties.isCased || c.properties.isCaseIgnorable && previousCased
            if !c.properties.isAlphabetic && !c.properties.isCased { previousCased = false }
        }
        return out
    }

    /// Python's `str.capitalize()`: the first character in title case (`ﬁ` → `Fi`), the rest lower.
    static func capitalize(_ s: String) -> String {
        guard let first = s.unicodeScalars.first else { return s }
        return first.properties.titlecaseMapping + lower(String(s.unicodeScalars.dropFirst()))
    }

    /// Python's `str.lower()`: Swift's lower-casing plus the final-sigma rule (`ΣΑΣ` → `σας`).
    static func lower(_ s: String) -> String {
        if let ascii = asciiLower(s) { return ascii }
        guard containsCapitalSigma(s) else { return mapCase(s, upper: false) }
        let scalars = Array(s.unicodeScalars)
        var out = ""
        for (i, c) in scalars.enumerated() {
            guard c == "\u{03A3}" else {
                out += String(c).lowercased()
                continue
            }
            // Final when a cased letter precedes and none follows (case-ignorable ones skipped).
            let before = scalars[..<i].reversed().first { !$0.properties.isCaseIgnorable }
            let after = scalars[(i + 1)...].first { !$0.properties.isCaseIgnorable }
            let final = (before?.properties.isCased ?? false) && !(after?.properties.isCased ?? false)
            out += final ? "\u{03C2}" : "\u{03C3}"
        }
        return out
    }

    static func pad(_ s: String, width: Int, fill: String, align: String) -> String {
        let length = s.unicodeScalars.count
        guard width > length else { return s }
        let margin = width - length
        switch align {
        case "ljust": return s + String(repeating: fill, count: margin)
        case "rjust": return String(repeating: fill, count: margin) + s
        default:
            let left = margin / 2 + (margin & width & 1)
            return String(repeating: fill, count: left) + s + String(repeating: fill, count: margin - left)
        }
    }
}
