/// String filters: case, trimming, truncation, replacement, formatting, word counts.
extension TemplateFilters {
    static let text: [String: Builtin] = [
        "upper": upper, "lower": lower, "capitalize": capitalize, "title": title, "trim": trim,
        "center": { r, v, args in
            let width = try int(args, 0, "width", 80)
            try TemplateLimits.check(width, "center width", limit: r.config.limits.maxRangeLength)
            let s = try softString(r, v)
            return keepingMarkup(s, TemplateText.pad(s.pythonString, width: width, fill: " ", align: "center"))
        },
        "replace": replace,
        "truncate": truncate,
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
        "format": format,
        "string": string,
        "wordwrap": { r, v, args in
            let width = try int(args, 0, "width", 79)
            let breakLong = args.value(1, "break_long_words")?.isTruthy ?? true
            let wrapString = args.value(2, "wrapstring").flatMap { $0 == .none ? nil : $0 } ?? .string("\n")
            let hyphens = args.value(3, "break_on_hyphens")?.isTruthy ?? true
            let paragraphs = try TemplateText.splitLines(try r.str(try r.defined(v))).map {
                try TemplateTextWrap.wrap($0, width: width, breakLongWords: breakLong, breakOnHyphens: hyphens)
            }
            // Python's `wrapstring.join(...)`: a Markup wrapstring escapes the lines it joins.
            let separator = wrapString.pythonString
            if wrapString.isMarkup {
                let lines = paragraphs.map { $0.map(TemplateEscaping.escape).joined(separator: separator) }
                return .markup(lines.joined(separator: separator))
            }
            return .string(paragraphs.map { $0.joined(separator: separator) }.joined(separator: separator))
        },
    ]

    static func upper(_ r: TemplateRenderer, _ v: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        let s = try softString(r, v)
        return keepingMarkup(s, TemplateText.upper(s.pythonString))
    }

    static func lower(_ r: TemplateRenderer, _ v: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        let s = try softString(r, v)
        return keepingMarkup(s, TemplateText.lower(s.pythonString))
    }

    static func capitalize(_ r: TemplateRenderer, _ v: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        let s = try softString(r, v)
        return keepingMarkup(s, TemplateText.capitalize(s.pythonString))
    }

    /// Jinja's `do_title` rebuilds the text with `"".join(...)`: a plain str even from Markup.
    static func title(_ r: TemplateRenderer, _ v: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        .string(TemplateText.title(try r.str(v)))
    }

    static func trim(_ r: TemplateRenderer, _ v: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        let s = try softString(r, v)
        let chars = args.value(0, "chars").flatMap { $0 == .none ? nil : $0.pythonString }
        return keepingMarkup(s, TemplateText.strip(s.pythonString, chars, leading: true, trailing: true))
    }

    static func replace(_ r: TemplateRenderer, _ v: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
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
        // `Markup.replace` escapes the new text only: the old one is searched as written.
        let o = old.pythonString
        let n = TemplateEscaping.escapeValue(new).pythonString
        return .markup(TemplateText.replace(markup, o, n, count: count))
    }

    static func truncate(_ r: TemplateRenderer, _ v: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        let t = try truncation(r, v, args)
        guard let cut = t.cut else { return t.isMarkup ? .markup(t.text) : .string(t.text) }
        var text = t.text
        let head = text.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[..<cut]), as: UTF8.self) }
        // Markup stays Markup (MarkupSafe's slicing) and its `end` is escaped (`Markup + str`).
        guard t.isMarkup else { return .string(head + t.end) }
        return .markup(head + (t.endIsMarkup ? t.end : TemplateEscaping.escape(t.end)))
    }

    /// What `truncate` keeps of a text: its first ``cut`` UTF-8 bytes then ``end``, or all of it.
    struct Truncation {
        let text: String
        let isMarkup: Bool
        /// Bytes of ``text`` kept before ``end``; nil when the text stays whole.
        let cut: Int?
        let end: String
        let endIsMarkup: Bool
    }

    /// `truncate`'s arguments checked and its cut decided, without building the result (so
    /// that a render can write it straight into its output).
    static func truncation(_ r: TemplateRenderer, _ v: TemplateValue, _ args: TemplateArguments) throws -> Truncation {
        let s = try r.str(v)
        let length = try int(args, 0, "length", 255)
        let killWords = bool(args, 1, "killwords")
        let endValue = args.value(2, "end") ?? .string("...")
        let end = endValue.pythonString
        let leeway = try int(args, 3, "leeway", r.config.truncateLeeway)
        let endLength = TemplateText.scalarCount(end)
        guard length >= endLength else { throw TemplateRuntimeError("AssertionError", "expected length >= \(endLength), got \(length)") }
        guard leeway >= 0 else { throw TemplateRuntimeError("AssertionError", "expected leeway >= 0, got \(leeway)") }
        var cut: Int?
        // UTF-8 length bounds the code-point length: most strings are decided without counting.
        if s.utf8.count > length + leeway {
            var text = s
            cut = text.withUTF8 { bytes in
                let ascii = TemplateText.isASCII(bytes)
                if !ascii && TemplateText.scalarCount(bytes) <= length + leeway { return nil }
                var cut = ascii ? length - endLength : TemplateText.prefixByteCount(bytes, scalars: length - endLength)
                // `rsplit(" ", 1)[0]`: up to the last space of the cut, if there is one.
                if !killWords {
                    var space = cut - 1
                    while space >= 0 && bytes[space] != UInt8(ascii: " ") { space -= 1 }
                    if space >= 0 { cut = space }
                }
                return cut
            }
        }
        return Truncation(text: s, isMarkup: v.isMarkup, cut: cut, end: end, endIsMarkup: endValue.isMarkup)
    }

    static func format(_ r: TemplateRenderer, _ v: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        guard args.positional.isEmpty || args.keyword.isEmpty else {
            throw TemplateRuntimeError("FilterArgumentError", "can't handle positional and keyword arguments at the same time")
        }
        let s = try softString(r, v)
        let operand: TemplateValue = args.keyword.isEmpty
            ? .tuple(args.positional) : .dict(TemplateDict(args.keyword.map { (.string($0.name), $0.value) }))
        let text = try TemplateFormatting.percentFormat(
            s.pythonString, operand, escaping: s.isMarkup, limit: r.config.limits.maxRangeLength)
        return keepingMarkup(s, text)
    }

    static func string(_ r: TemplateRenderer, _ v: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        try softString(r, v)
    }
}
