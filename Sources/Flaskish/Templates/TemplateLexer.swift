/// Splits template source into tokens (Jinja's `Lexer.tokeniter`).
///
/// Works on UTF-8 bytes. Newlines are normalized to `\n` first and, unless
/// `keepTrailingNewline`, one trailing newline is dropped, as Jinja does.
struct TemplateLexer {
    private let bytes: [UInt8]
    private let templateName: String?
    private let options: TemplateSyntaxOptions
    private var lineStarts: [Int] = [0]
    private var pos = 0
    private var tokens: [TemplateToken] = []
    /// Set by `-%}`, `-}}`, `-#}`: strip all whitespace at the start of the next text.
    private var stripLeading = false
    /// Set by `%}` when `trimBlocks` is on: drop one newline at the start of the next text.
    private var trimNewline = false

    /// Tokenizes `source`; throws ``TemplateSyntaxError`` on malformed tags.
    static func tokenize(_ source: String, name: String?, options: TemplateSyntaxOptions) throws -> [TemplateToken] {
        var lexer = TemplateLexer(source: source, name: name, options: options)
        try lexer.run()
        return lexer.tokens
    }

    private init(source: String, name: String?, options: TemplateSyntaxOptions) {
        var normalized: [UInt8] = []
        normalized.reserveCapacity(source.utf8.count)
        var previousWasCR = false
        for byte in source.utf8 {
            if byte == UInt8(ascii: "\r") {
                normalized.append(UInt8(ascii: "\n"))
                previousWasCR = true
                continue
            }
            if byte == UInt8(ascii: "\n") && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            normalized.append(byte)
        }
        if !options.keepTrailingNewline, normalized.last == UInt8(ascii: "\n") { normalized.removeLast() }
        bytes = normalized
        templateName = name
        self.options = options
        for (i, b) in normalized.enumerated() where b == UInt8(ascii: "\n") { lineStarts.append(i + 1) }
    }

    private func location(_ index: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= index { low = mid } else { high = mid - 1 }
        }
        return (low + 1, index - lineStarts[low] + 1)
    }

    private func error(_ message: String, at index: Int) -> TemplateSyntaxError {
        let loc = location(min(index, bytes.count))
        return TemplateSyntaxError(message, templateName: templateName, line: loc.line, column: loc.column)
    }

    private mutating func emit(_ kind: TemplateToken.Kind, at index: Int) {
        let loc = location(index)
        tokens.append(TemplateToken(kind: kind, line: loc.line, column: loc.column))
    }

    private func byte(_ i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0 }

    private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0B || b == 0x0C || b == 0x0D
    }

    private mutating func run() throws {
        let n = bytes.count
        while pos <= n {
            var tagStart = pos
            var tagKind: UInt8 = 0
            while tagStart + 1 < n {
                if bytes[tagStart] == UInt8(ascii: "{") {
                    let next = bytes[tagStart + 1]
                    if next == UInt8(ascii: "{") || next == UInt8(ascii: "%") || next == UInt8(ascii: "#") {
                        tagKind = next
                        break
                    }
                }
                tagStart += 1
            }
            if tagKind == 0 { tagStart = n }
            emitData(from: pos, to: tagStart, tagKind: tagKind)
            if tagKind == 0 { break }
            switch tagKind {
            case UInt8(ascii: "#"): try lexComment(at: tagStart)
            case UInt8(ascii: "%"):
                if try !lexRaw(at: tagStart) { try lexTag(at: tagStart, isBlock: true) }
            default: try lexTag(at: tagStart, isBlock: false)
            }
        }
        emit(.eof, at: n)
    }

    private mutating func emitData(from start: Int, to end: Int, tagKind: UInt8) {
        var start = start
        var end = end
        if stripLeading {
            while start < end && Self.isSpace(bytes[start]) { start += 1 }
        } else if trimNewline && start < end && bytes[start] == UInt8(ascii: "\n") {
            start += 1
        }
        stripLeading = false
        trimNewline = false
        if tagKind != 0 {
            let modifier = byte(end + 2)
            if modifier == UInt8(ascii: "-") {
                while end > start && Self.isSpace(bytes[end - 1]) { end -= 1 }
            } else if options.lstripBlocks && tagKind != UInt8(ascii: "{") && modifier != UInt8(ascii: "+") {
                var i = end
                while i > start && (bytes[i - 1] == 0x20 || bytes[i - 1] == 0x09) { i -= 1 }
                if i == 0 || bytes[i - 1] == UInt8(ascii: "\n") { end = max(i, start) }
            }
        }
        if start < end { emit(.data(String(decoding: bytes[start..<end], as: UTF8.self)), at: start) }
    }

    private mutating func lexComment(at start: Int) throws {
        var i = start + 2
        while i + 1 < bytes.count && !(bytes[i] == UInt8(ascii: "#") && bytes[i + 1] == UInt8(ascii: "}")) { i += 1 }
        guard i + 1 < bytes.count else { throw error("Missing end of comment tag", at: start) }
        stripLeading = i - 1 >= start + 2 && bytes[i - 1] == UInt8(ascii: "-")
        trimNewline = options.trimBlocks && !(i - 1 >= start + 2 && bytes[i - 1] == UInt8(ascii: "+"))
        pos = i + 2
    }

    /// Matches `{% raw %}` … `{% endraw %}` and emits the inner text untouched.
    private mutating func lexRaw(at start: Int) throws -> Bool {
        guard let afterOpen = matchTag(at: start, word: "raw") else { return false }
        var contentStart = afterOpen.end
        if afterOpen.stripAfter { while contentStart < bytes.count && Self.isSpace(bytes[contentStart]) { contentStart += 1 } }
        var i = contentStart
        while i + 1 < bytes.count {
            if bytes[i] == UInt8(ascii: "{") && bytes[i + 1] == UInt8(ascii: "%"), let close = matchTag(at: i, word: "endraw") {
                var contentEnd = i
                if byte(i + 2) == UInt8(ascii: "-") {
                    while contentEnd > contentStart && Self.isSpace(bytes[contentEnd - 1]) { contentEnd -= 1 }
                }
                if contentStart < contentEnd {
                    emit(.data(String(decoding: bytes[contentStart..<contentEnd], as: UTF8.self)), at: contentStart)
                }
                stripLeading = close.stripAfter
                trimNewline = options.trimBlocks && !close.plusAfter
                pos = close.end
                return true
            }
            i += 1
        }
        throw error("Missing end of raw directive", at: start)
    }

    /// Matches `{%[-+]? word [-+]?%}` at `start`.
    private func matchTag(at start: Int, word: String) -> (end: Int, stripAfter: Bool, plusAfter: Bool)? {
        var i = start + 2
        if byte(i) == UInt8(ascii: "-") || byte(i) == UInt8(ascii: "+") { i += 1 }
        while i < bytes.count && Self.isSpace(bytes[i]) { i += 1 }
        for w in word.utf8 {
            guard byte(i) == w else { return nil }
            i += 1
        }
        while i < bytes.count && Self.isSpace(bytes[i]) { i += 1 }
        var strip = false
        var plus = false
        if byte(i) == UInt8(ascii: "-") { strip = true; i += 1 } else if byte(i) == UInt8(ascii: "+") { plus = true; i += 1 }
        guard byte(i) == UInt8(ascii: "%"), byte(i + 1) == UInt8(ascii: "}") else { return nil }
        return (i + 2, strip, plus)
    }

    private mutating func lexTag(at start: Int, isBlock: Bool) throws {
        emit(isBlock ? .blockBegin : .variableBegin, at: start)
        pos = start + 2
        if byte(pos) == UInt8(ascii: "-") || (isBlock && byte(pos) == UInt8(ascii: "+")) { pos += 1 }
        let close = isBlock ? UInt8(ascii: "%") : UInt8(ascii: "}")
        var depth: [UInt8] = []
        while true {
            while pos < bytes.count && Self.isSpace(bytes[pos]) { pos += 1 }
            guard pos < bytes.count else {
                throw error("unexpected end of template, expected '\(isBlock ? "end of statement block" : "end of print statement")'.", at: pos)
            }
            if depth.isEmpty {
                var i = pos
                let minus = bytes[i] == UInt8(ascii: "-")
                let plus = isBlock && bytes[i] == UInt8(ascii: "+")
                if minus || plus { i += 1 }
                if byte(i) == close && byte(i + 1) == UInt8(ascii: "}") {
                    emit(isBlock ? .blockEnd : .variableEnd, at: pos)
                    stripLeading = minus
                    trimNewline = isBlock && options.trimBlocks && !plus
                    pos = i + 2
                    return
                }
            }
            try lexExpressionToken(depth: &depth)
        }
    }

    private mutating func lexExpressionToken(depth: inout [UInt8]) throws {
        let start = pos
        let b = bytes[pos]
        if Self.isNameStart(b) {
            while pos < bytes.count && (Self.isNameStart(bytes[pos]) || Self.isDigit(bytes[pos])) { pos += 1 }
            emit(.name(String(decoding: bytes[start..<pos], as: UTF8.self)), at: start)
        } else if Self.isDigit(b) {
            try lexNumber()
        } else if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") {
            try lexString()
        } else {
            let two = pos + 1 < bytes.count ? String(decoding: bytes[pos..<pos + 2], as: UTF8.self) : ""
            if ["**", "//", "==", "!=", "<=", ">="].contains(two) {
                emit(.op(two), at: pos)
                pos += 2
                return
            }
            let single = "+-*/%~<>=.,:|()[]{}"
            guard b < 0x80, single.utf8.contains(b) else {
                throw error("unexpected char '\(String(decoding: [b], as: UTF8.self))' at \(pos)", at: pos)
            }
            switch b {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth.append(b)
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                let expected: UInt8 = b == UInt8(ascii: ")") ? UInt8(ascii: "(") : b == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{")
                guard depth.last == expected else {
                    throw error("unexpected '\(String(decoding: [b], as: UTF8.self))'", at: pos)
                }
                depth.removeLast()
            default: break
            }
            emit(.op(String(decoding: [b], as: UTF8.self)), at: pos)
            pos += 1
        }
    }

    private static func isNameStart(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || b == UInt8(ascii: "_") || b >= 0x80
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private mutating func lexNumber() throws {
        let start = pos
        let afterDot = start > 0 && bytes[start - 1] == UInt8(ascii: ".")
        if bytes[pos] == UInt8(ascii: "0"), let radix = [UInt8(ascii: "x"): 16, UInt8(ascii: "o"): 8, UInt8(ascii: "b"): 2][byte(pos + 1) | 0x20] {
            pos += 2
            let digitsStart = pos
            while pos < bytes.count && (bytes[pos] == UInt8(ascii: "_") || Int(String(UnicodeScalar(bytes[pos])), radix: radix) != nil) { pos += 1 }
            let digits = String(decoding: bytes[digitsStart..<pos], as: UTF8.self).filter { $0 != "_" }
            if let value = Int(digits, radix: radix) {
                emit(.integer(value), at: start)
            } else if !digits.isEmpty, let value = TemplateBigIntegers.parse(digits, base: radix, maxDigits: .max) {
                emit(.bigInteger(value), at: start)
            } else {
                throw error("invalid number literal", at: start)
            }
            return
        }
        func digits() { while pos < bytes.count && (Self.isDigit(bytes[pos]) || bytes[pos] == UInt8(ascii: "_")) { pos += 1 } }
        digits()
        var isFloat = false
        if !afterDot && byte(pos) == UInt8(ascii: ".") && Self.isDigit(byte(pos + 1)) {
            isFloat = true
            pos += 1
            digits()
        }
        if !afterDot && (byte(pos) | 0x20) == UInt8(ascii: "e") {
            var i = pos + 1
            if byte(i) == UInt8(ascii: "+") || byte(i) == UInt8(ascii: "-") { i += 1 }
            if Self.isDigit(byte(i)) {
                isFloat = true
                pos = i
                digits()
            }
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self).filter { $0 != "_" }
        if isFloat, let value = Double(text) {
            emit(.float(value), at: start)
        } else if let value = Int(text) {
            emit(.integer(value), at: start)
        } else if let value = BigInteger(text) {
            // Python's int is unbounded; its 4300-digit bound on decimal text applies.
            emit(.bigInteger(value), at: start)
        } else {
            throw error("integer literal too large: \(text)", at: start)
        }
    }

    private mutating func lexString() throws {
        let start = pos
        let quote = bytes[pos]
        pos += 1
        var out: [UInt8] = []
        while true {
            guard pos < bytes.count else { throw error("unexpected end of string", at: start) }
            let b = bytes[pos]
            if b == quote { pos += 1; break }
            if b == UInt8(ascii: "\\") && pos + 1 < bytes.count {
                pos += 1
                let e = bytes[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "a"): out.append(0x07)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "v"): out.append(0x0B)
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    // Python's octal escape: up to three digits.
                    var code = UInt32(e - UInt8(ascii: "0"))
                    var digits = 1
                    while digits < 3, pos < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(bytes[pos]) {
                        code = code * 8 + UInt32(bytes[pos] - UInt8(ascii: "0"))
                        pos += 1
                        digits += 1
                    }
                    out.append(contentsOf: Array(String(Character(Unicode.Scalar(code) ?? "\u{FFFD}")).utf8))
                case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): out.append(e)
                case UInt8(ascii: "\n"): break
                case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let width = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : 8
                    guard pos + width <= bytes.count,
                        let code = UInt32(String(decoding: bytes[pos..<pos + width], as: UTF8.self), radix: 16),
                        let scalar = Unicode.Scalar(code)
                    else { throw error("invalid escape in string literal", at: pos) }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    pos += width
                default: out.append(contentsOf: [UInt8(ascii: "\\"), e])
                }
                continue
            }
            out.append(b)
            pos += 1
        }
        emit(.string(String(decoding: out, as: UTF8.self)), at: start)
    }
}
