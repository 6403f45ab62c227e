import Foundation

/// Filters about HTML and other output formats: escaping, `safe`, `striptags`, `tojson`,
/// `urlencode`, `xmlattr`, `indent`.
extension TemplateFilters {
    static let html: [String: Builtin] = [
        "escape": escape, "e": escape,
        "forceescape": { _, v, _ in .markup(TemplateEscaping.escape(v.pythonString)) },
        "safe": safe,
        "striptags": { r, v, _ in .string(stripTags(try r.str(v))) },
        "tojson": { r, v, args in
            let indent = args.value(0, "indent").flatMap(TemplateOperators.integer)
            return .markup(htmlSafe(try TemplateJSON.dumps(v, indent: indent)))
        },
        "urlencode": { r, v, _ in
            switch v {
            case .string(let s), .markup(let s): return .string(urlQuote(s, forQuery: false))
            case .dict(let d):
                return .string(d.pairs.map { "\(urlQuote($0.0.pythonString, forQuery: true))=\(urlQuote($0.1.pythonString, forQuery: true))" }.joined(separator: "&"))
            case .list, .tuple:
                return .string(try r.iterate(v).map { pair -> String in
                    let kv = try r.iterate(pair)
                    guard kv.count == 2 else { throw TemplateRuntimeError("ValueError", "urlencode expects pairs") }
                    return "\(urlQuote(kv[0].pythonString, forQuery: true))=\(urlQuote(kv[1].pythonString, forQuery: true))"
                }.joined(separator: "&"))
            default: return .string(urlQuote(try r.str(v), forQuery: false))
            }
        },
        "xmlattr": { r, v, args in
            guard case .dict(let d) = try r.defined(v) else { throw TemplateRuntimeError("TypeError", "xmlattr expects a mapping") }
            var parts: [String] = []
            for (key, value) in d.pairs where value != .none && !value.isUndefined {
                let name = key.pythonString
                // Jinja refuses ASCII whitespace, `/`, `>` and `=` in a name (an empty name passes).
                guard !name.unicodeScalars.contains(where: { " /=>\t\n\r\u{0B}\u{0C}".unicodeScalars.contains($0) }) else {
                    throw TemplateRuntimeError("ValueError", "Invalid character in attribute name: \(key.pythonRepr)")
                }
                parts.append("\(TemplateEscaping.escape(name))=\"\(TemplateEscaping.escapeValue(value).pythonString)\"")
            }
            var text = parts.joined(separator: " ")
            if args.value(0, "autospace")?.isTruthy ?? true, !text.isEmpty { text = " " + text }
            return .markup(text)
        },
        "indent": { r, v, args in
            let s = try softString(r, try r.defined(v))
            let indentation: String
            if let width = args.value(0, "width"), let text = width.stringContent { indentation = text } else {
                let width = try int(args, 0, "width", 4)
                try TemplateLimits.check(width, "indent width", limit: r.config.limits.maxRangeLength)
                indentation = String(repeating: " ", count: max(0, width))
            }
            let first = bool(args, 1, "first")
            let blank = bool(args, 2, "blank")
            let lines = TemplateText.splitLines(s.pythonString + "\n")
            var text: String
            if blank {
                text = lines.joined(separator: "\n" + indentation)
            } else {
                text = lines.first ?? ""
                if lines.count > 1 {
                    text += "\n" + lines.dropFirst().map { $0.isEmpty ? $0 : indentation + $0 }.joined(separator: "\n")
                }
            }
            if first { text = indentation + text }
            return keepingMarkup(s, text)
        },
    ]

    /// `escape` calls `str()`, which StrictUndefined refuses.
    static func escape(_ r: TemplateRenderer, _ v: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        v.isUndefined ? .markup(try r.str(v)) : TemplateEscaping.escapeValue(v)
    }

    static func safe(_ r: TemplateRenderer, _ v: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        v.isMarkup ? v : .markup(try r.str(v))
    }

    /// Jinja's `htmlsafe_json_dumps` replacements: `< > & '` become `\u003c \u003e \u0026 \u0027`.
    /// The JSON is returned as it is when it holds none of them (the usual case).
    static func htmlSafe(_ json: String) -> String {
        var json = json
        let replaced: String? = json.withUTF8 { bytes in
            func special(_ b: UInt8) -> Bool {
                b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "&") || b == UInt8(ascii: "'")
            }
            guard let first = bytes.firstIndex(where: special) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<first]))
            for byte in bytes[first...] {
                guard special(byte) else {
                    out.append(byte)
                    continue
                }
                let code: StaticString = switch byte {
                case UInt8(ascii: "<"): "\\u003c"
                case UInt8(ascii: ">"): "\\u003e"
                case UInt8(ascii: "&"): "\\u0026"
                default: "\\u0027"
                }
                code.withUTF8Buffer { out.append(contentsOf: $0) }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return replaced ?? json
    }

    /// Werkzeug/Jinja `url_quote`: UTF-8 percent-encoding; `/` kept outside query strings,
    /// spaces become `+` inside them.
    static func urlQuote(_ s: String, forQuery: Bool) -> String {
        var out = ""
        for byte in s.utf8 {
            let c = Unicode.Scalar(byte)
            if (byte < 0x80 && (c.properties.isAlphabetic || ("0"..."9").contains(c))) || "_.-~".unicodeScalars.contains(c) || (!forQuery && c == "/") {
                out.unicodeScalars.append(c)
            } else if forQuery && c == " " {
                out += "+"
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }

    /// MarkupSafe's `striptags`: drop comments and tags, collapse whitespace, unescape.
    static func stripTags(_ s: String) -> String {
        var text = ""
        var rest = Substring(s)
        while let open = rest.firstIndex(of: "<") {
            text += rest[..<open]
            let tail = rest[open...]
            if tail.hasPrefix("<!--"), let end = tail.range(of: "-->") {
                rest = tail[end.upperBound...]
            } else if let close = tail.dropFirst().firstIndex(of: ">") {
                rest = tail[tail.index(after: close)...]
            } else {
                text += tail
                rest = ""
            }
        }
        text += rest
        return unescape(TemplateText.split(text, nil, maxSplit: -1).joined(separator: " "))
    }

    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "copy": "©", "reg": "®",
        "hellip": "…", "mdash": "—", "ndash": "–", "laquo": "«", "raquo": "»", "euro": "€",
    ]

    /// Replaces character references (`&amp;`, `&#39;`, `&#x27;`, common named ones).
    static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let tail = rest[rest.index(after: amp)...]
            if let semi = tail.prefix(12).firstIndex(of: ";") {
                let name = String(tail[..<semi])
                var replacement: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                } else if name.hasPrefix("#") {
                    replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
                } else {
                    replacement = entities[name]
                }
                if let replacement {
                    out += replacement
                    rest = tail[tail.index(after: semi)...]
                    continue
                }
            }
            // HTML5 keeps a few legacy names meaningful without their `;` (Python's html.unescape).
            if let legacy = legacyEntities.first(where: { tail.hasPrefix($0.key) }) {
                out += legacy.value
                rest = tail.dropFirst(legacy.key.count)
                continue
            }
            out += "&"
            rest = tail
        }
        out += rest
        return out
    }

    private static let legacyEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "nbsp": "\u{A0}", "copy": "©", "reg": "®",
    ]
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
