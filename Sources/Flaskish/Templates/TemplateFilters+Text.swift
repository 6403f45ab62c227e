/// String filters: case, trimming, truncation, replacement, formatting, word counts.
extension TemplateFilters {
    static let text: [String: Builtin] = [
        "upper": { r, v, _ in let s = try softString(r, v); return keepingMarkup(s, s.pythonString.uppercased()) },
        "lower": { r, v, _ in let s = try softString(r, v); return keepingMarkup(s, s.pythonString.lowercased()) },
        "capitalize": { r, v, _ in let s = try softString(r, v); return keepingMarkup(s, TemplateText.capitalize(s.pythonString)) },
        "title": { r, v, _ in let s = try softString(r, v); return keepingMarkup(s, title(s.pythonString)) },
        "trim": { r, v, args in
            let s = try softString(r, v)
            let chars = args.value(0, "chars").flatMap { $0 == .none ? nil : $0.pythonString }
            return keepingMarkup(s, TemplateText.strip(s.pythonString, chars, leading: true, trailing: true))
        },
        "center": { r, v, args in
            let width = try int(args, 0, "width", 80)
            try TemplateLimits.check(width, "center width", limit: r.config.limits.maxRangeLength)
            return .string(TemplateText.pad(try r.str(v), width: width, fill: " ", align: "center"))
        },
        "replace": { r, v, args in
            guard let old = args.value(0, "old"), let new = args.value(1, "new") else {
                throw TemplateRuntimeError("TypeError", "do_replace() missing required arguments 'old' and 'new'")
            }
            let count = try int(args, 2, "count", -1)
            if !r.autoescape {
                return .string(TemplateText.replace(try r.str(v), old.pythonString, new.pythonString, count: count))
            }
            var subject = try softString(r, v)
            if (old.isMarkup || new.isMarkup) && !subject.isMarkup { subject = TemplateEscaping.escapeValue(subject) }
            guard case .markup(let markup) = subject else {
                return .string(TemplateText.replace(subject.pythonString, old.pythonString, new.pythonString, count: count))
            }
            let o = TemplateEscaping.escapeValue(old).pythonString
            let n = TemplateEscaping.escapeValue(new).pythonString
            return .markup(TemplateText.replace(markup, o, n, count: count))
        },
        "truncate": { r, v, args in
            let s = try r.str(v)
            let length = try int(args, 0, "length", 255)
            let killWords = bool(args, 1, "killwords")
            let end = args.value(2, "end")?.pythonString ?? "..."
            let leeway = try int(args, 3, "leeway", r.config.truncateLeeway)
            let endLength = end.unicodeScalars.count
            guard length >= endLength else { throw TemplateRuntimeError("AssertionError", "expected length >= \(endLength), got \(length)") }
            guard leeway >= 0 else { throw TemplateRuntimeError("AssertionError", "expected leeway >= 0, got \(leeway)") }
            // UTF-8 length bounds the code-point length: most strings are decided without counting.
            if s.utf8.count <= length + leeway { return .string(s) }
            if s.utf8.allSatisfy({ $0 < 0x80 }) {
                var head = Array(s.utf8.prefix(length - endLength))
                if !killWords, let space = head.lastIndex(of: UInt8(ascii: " ")) { head.removeSubrange(space...) }
                return .string(String(decoding: head, as: UTF8.self) + end)
            }
            let scalars = Array(s.unicodeScalars)
            if scalars.count <= length + leeway { return .string(s) }
            var head = String(String.UnicodeScalarView(scalars.prefix(length - endLength)))
            if !killWords, let space = head.unicodeScalars.lastIndex(of: " ") {
                head = String(head.unicodeScalars[..<space])
            }
            return .string(head + end)
        },
        "wordcount": { r, v, _ in
            var count = 0
            var inWord = false
            for c in try r.str(v).unicodeScalars {
                let word = c.properties.isAlphabetic || c.properties.numericType != nil || c == "_"
                if word && !inWord { count += 1 }
                inWord = word
            }
            return .int(count)
        },
        "format": { r, v, args in
            guard args.positional.isEmpty || args.keyword.isEmpty else {
                throw TemplateRuntimeError("FilterArgumentError", "can't handle positional and keyword arguments at the same time")
            }
            let s = try softString(r, v)
            let operand: TemplateValue = args.keyword.isEmpty
                ? .tuple(args.positional) : .dict(TemplateDict(args.keyword.map { (.string($0.name), $0.value) }))
            let text = try TemplateFormatting.percentFormat(
                s.pythonString, operand, escaping: s.isMarkup, limit: r.config.limits.maxRangeLength)
            return keepingMarkup(s, text)
        },
        "string": { r, v, _ in try softString(r, v) },
        "wordwrap": { r, v, args in
            let width = try int(args, 0, "width", 79)
            let breakLong = args.value(1, "break_long_words")?.isTruthy ?? true
            let wrapString = args.value(2, "wrapstring")?.pythonString ?? "\n"
            let lines = TemplateText.splitLines(try r.str(v)).map { wrap($0, width: width, breakLong: breakLong) }
            return .string(lines.map { $0.joined(separator: wrapString) }.joined(separator: wrapString))
        },
    ]

    /// Jinja's `do_title`: words start after whitespace or one of `-({[<`.
    static func title(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            var atStart = true
            let bytes = s.utf8.map { byte -> UInt8 in
                let separator = byte == 0x20 || (0x09...0x0D).contains(byte) || (0x1C...0x1F).contains(byte)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "{")
                    || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "<")
                defer { atStart = separator }
                if separator { return byte }
                let isLower = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
                let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
                if atStart && isLower { return byte - 32 }
                if !atStart && isUpper { return byte + 32 }
                return byte
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = ""
        var atStart = true
        for c in s.unicodeScalars {
            let separator = TemplateText.isPythonSpace(c) || "-({[<".unicodeScalars.contains(c)
            if separator {
                out.unicodeScalars.append(c)
                atStart = true
            } else {
                out += atStart ? String(c).uppercased() : String(c).lowercased()
                atStart = false
            }
        }
        return out
    }

    /// A simple `textwrap.wrap`: greedy on whitespace, long words broken when asked.
    static func wrap(_ line: String, width: Int, breakLong: Bool) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in TemplateText.split(line, nil, maxSplit: -1) {
            var word = word
            let currentLength = current.unicodeScalars.count
            if currentLength > 0 && currentLength + 1 + word.unicodeScalars.count <= width {
                current += " " + word
                continue
            }
            if currentLength > 0 { lines.append(current) }
            current = ""
            while breakLong && word.unicodeScalars.count > width && width > 0 {
                lines.append(String(String.UnicodeScalarView(word.unicodeScalars.prefix(width))))
                word = String(String.UnicodeScalarView(word.unicodeScalars.dropFirst(width)))
            }
            current = word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
