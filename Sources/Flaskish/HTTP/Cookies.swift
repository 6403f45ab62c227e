// Cookie and Set-Cookie header values (RFC 6265 §4), following Werkzeug's parse_cookie and
// dump_cookie rather than the RFC's stricter grammar, so Flask apps see the same cookies.

/// Why a `Set-Cookie` value could not be built.
public enum CookieError: Error, Sendable, Equatable {
    /// `sameSite` was not Strict, Lax or None (in any letter case).
    case invalidSameSite(String)
}

/// Parses `Cookie` headers and builds `Set-Cookie` values.
///
/// Werkzeug: `werkzeug.http.parse_cookie` and `werkzeug.http.dump_cookie`.
package enum Cookies {
    /// The ordered `(name, value)` pairs of a `Cookie` header; a name may repeat.
    ///
    /// Pairs are split at `;`, names and values trimmed, pairs without a name dropped, and a
    /// value in double quotes unquoted with its `\"`, `\\` and `\054`-style octal escapes undone.
    /// A pair without `=` is a name with an empty value.
    ///
    /// Werkzeug: `parse_cookie(header)` (Flask's `request.cookies`).
    package static func parse(_ header: some StringProtocol) -> [(String, String)] {
        let s = Array(header.utf8) + [ASCII.semicolon]
        var pairs: [(String, String)] = []
        var i = 0
        while i < s.count {
            let nameStart = i
            while s[i] != ASCII.equals && s[i] != ASCII.semicolon { i += 1 }
            let nameRange = nameStart..<i
            var valueRange = i..<i
            if s[i] == ASCII.equals {
                i += 1
                while i < s.count && isSpace(s[i]) { i += 1 }
                let valueStart = i
                if let quotedEnd = quotedStringEnd(s, from: valueStart),
                   let semicolon = semicolonAfterSpaces(s, from: quotedEnd) {
                    valueRange = valueStart..<quotedEnd
                    i = semicolon
                } else {
                    while s[i] != ASCII.semicolon { i += 1 }
                    valueRange = valueStart..<i
                }
            }
            i += 1  // the ';'
            while i < s.count && isSpace(s[i]) { i += 1 }

            let name = trimmed(s, nameRange)
            guard !name.isEmpty else { continue }
            let value = trimmed(s, valueRange)
            pairs.append((String(decoding: s[name], as: UTF8.self), unquote(s, value)))
        }
        return pairs
    }

    /// The value of a `Set-Cookie` header, attributes in Werkzeug's order and spelling:
    /// `name=value; Domain=…; Expires=…; Max-Age=…; Secure; HttpOnly; Path=…; SameSite=…; Partitioned`.
    ///
    /// - Parameters:
    ///   - maxAge: seconds; with `expires` nil and `now` given, `Expires` is set to
    ///     `now + maxAge` too, as Werkzeug's `sync_expires` does.
    ///   - expires: seconds since the epoch, written as an IMF-fixdate.
    ///   - path: percent-encoded except `%!$&'()*+,/:=@`; nil leaves `Path` out.
    ///   - domain: a port and leading dots are removed.
    ///   - sameSite: `Strict`, `Lax` or `None` in any case; written title-cased.
    ///   - partitioned: also turns `secure` on.
    ///   - now: the current time in seconds; the codec has no clock of its own.
    /// - Throws: `CookieError.invalidSameSite`.
    ///
    /// Werkzeug: `dump_cookie(...)` (Flask's `response.set_cookie`). Unlike Werkzeug, control
    /// bytes 0x1A–0x1F in a value are escaped too, and a non-ASCII domain is not IDNA-encoded.
    package static func setCookieValue(
        name: String, value: String = "", maxAge: Int? = nil, expires: Int? = nil,
        path: String? = "/", domain: String? = nil, secure: Bool = false, httpOnly: Bool = false,
        sameSite: String? = nil, partitioned: Bool = false, now: Int? = nil
    ) throws(CookieError) -> String {
        var sameSiteValue: String?
        if let sameSite {
            switch sameSite.lowercased() {
            case "strict": sameSiteValue = "Strict"
            case "lax": sameSiteValue = "Lax"
            case "none": sameSiteValue = "None"
            default: throw .invalidSameSite(sameSite)
            }
        }
        var out = name
        out += "="
        out += quotedValue(value)
        if let domain, !domain.isEmpty {
            var host = Substring(domain)
            if let colon = host.firstIndex(of: ":") { host = host[..<colon] }
            while host.first == "." { host = host.dropFirst() }
            out += "; Domain="
            out += host
        }
        if let expires {
            out += "; Expires=" + HTTPDate.format(expires)
        } else if let maxAge, let now {
            out += "; Expires=" + HTTPDate.format(now + maxAge)
        }
        if let maxAge { out += "; Max-Age=\(maxAge)" }
        if secure || partitioned { out += "; Secure" }
        if httpOnly { out += "; HttpOnly" }
        if let path { out += "; Path=" + URLCoding.percentEncode(path, safe: cookiePathSafe) }
        if let sameSiteValue { out += "; SameSite=" + sameSiteValue }
        if partitioned { out += "; Partitioned" }
        return out
    }

    private static let cookiePathSafe = URLCoding.SafeSet(extra: "%!$&'()*+,/:=@")

    /// Werkzeug's characters that leave a cookie value unquoted: word characters and
    /// `!#$%&'()*+-./:<=>?@[]^`{|}~`.
    private static let unquotedValueChars = URLCoding.SafeSet(extra: "!#$%&'()*+-./:<=>?@[]^`{|}~")

    /// The value as is, or in double quotes with `"` `\` `,` `;`, controls and non-ASCII bytes
    /// backslash-escaped (`\"`, `\\`, three octal digits), as Python's `http.cookies` does.
    static func quotedValue(_ value: String) -> String {
        if value.utf8.allSatisfy({ unquotedValueChars.contains($0) }) { return value }
        var out = "\""
        for byte in value.utf8 {
            switch byte {
            case ASCII.quote: out += "\\\""
            case ASCII.backslash: out += "\\\\"
            case 0x00..<0x20, ASCII.comma, ASCII.semicolon, 0x7F...0xFF:
                out.unicodeScalars.append("\\")
                out.unicodeScalars.append(Unicode.Scalar(48 + (byte >> 6)))
                out.unicodeScalars.append(Unicode.Scalar(48 + (byte >> 3) & 7))
                out.unicodeScalars.append(Unicode.Scalar(48 + byte & 7))
            default:
                out.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        out += "\""
        return out
    }

    /// The end (one past the closing quote) of a `"…"` string with backslash escapes at `start`.
    private static func quotedStringEnd(_ s: [UInt8], from start: Int) -> Int? {
        guard start < s.count, s[start] == ASCII.quote else { return nil }
        var i = start + 1
        while i < s.count {
            switch s[i] {
            case ASCII.quote: return i + 1
            case ASCII.backslash:
                guard i + 1 < s.count, s[i + 1] != ASCII.lf else { return nil }
                i += 2
            default: i += 1
            }
        }
        return nil
    }

    private static func semicolonAfterSpaces(_ s: [UInt8], from start: Int) -> Int? {
        var i = start
        while i < s.count && isSpace(s[i]) { i += 1 }
        return i < s.count && s[i] == ASCII.semicolon ? i : nil
    }

    /// Python's `str.strip()` whitespace for ASCII: space, \t \n \v \f \r.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == ASCII.space || (byte >= 0x09 && byte <= 0x0D)
    }

    private static func trimmed(_ s: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper && isSpace(s[lower]) { lower += 1 }
        while upper > lower && isSpace(s[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// Undoes the quoting `quotedValue` applies; a value not in quotes is returned as is.
    private static func unquote(_ s: [UInt8], _ range: Range<Int>) -> String {
        guard range.count >= 2, s[range.lowerBound] == ASCII.quote, s[range.upperBound - 1] == ASCII.quote else {
            return String(decoding: s[range], as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound + 1
        let end = range.upperBound - 1
        while i < end {
            let byte = s[i]
            guard byte == ASCII.backslash, i + 1 < end else {
                out.append(byte)
                i += 1
                continue
            }
            if i + 3 < end, (48...51).contains(s[i + 1]), (48...55).contains(s[i + 2]), (48...55).contains(s[i + 3]) {
                out.append((s[i + 1] - 48) << 6 | (s[i + 2] - 48) << 3 | (s[i + 3] - 48))
                i += 4
            } else {
                out.append(s[i + 1])
                i += 2
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
