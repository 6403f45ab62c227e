// Percent-encoding (RFC 3986 §2.1) and application/x-www-form-urlencoded (WHATWG URL §5),
// with the decoding choices Werkzeug makes:
//   * paths: invalid UTF-8 after decoding becomes U+FFFD (WSGI `PATH_INFO` decoded "replace");
//   * query strings and urlencoded forms: invalid UTF-8 stays percent-encoded ("%FF"), as
//     Werkzeug's `errors="werkzeug.url_quote"` handler leaves it;
//   * a `%` not followed by two hex digits is kept literally, as `urllib.parse.unquote` does.

/// Percent-decoding and -encoding for paths, query strings and form bodies.
///
/// Werkzeug: `urllib.parse.quote`/`unquote` as Werkzeug calls them, `parse_qsl` for
/// `request.args` and `request.form`, and `BaseConverter.to_url` for `url_for`.
package enum URLCoding {
    /// What to do with bytes that do not decode as UTF-8.
    package enum InvalidUTF8: Sendable {
        /// Replace them with U+FFFD (Werkzeug: `errors="replace"`).
        case replace
        /// Write them back as `%XX` (Werkzeug: `errors="werkzeug.url_quote"`).
        case requote
    }

    /// A set of ASCII bytes left unencoded, as a 128-bit mask.
    package struct SafeSet: Sendable {
        private var low: UInt64 = 0
        private var high: UInt64 = 0

        /// Letters, digits and `_.-~`: what `urllib.parse.quote` never encodes.
        package static let unreserved = SafeSet(extra: "")
        /// Werkzeug's `BaseConverter.to_url` safe set (the WHATWG path-segment set): keeps
        /// `!$&'()*+,/:;=@`, so `url_for` writes `/` of a path converter as is.
        package static let path = SafeSet(extra: "!$&'()*+,/:;=@")
        /// Werkzeug's `url_for` query-string safe set, used with `+` for spaces.
        package static let query = SafeSet(extra: "!$'()*,/:;?@")
        /// `urllib.parse.quote`'s default: keeps `/`.
        package static let quoteDefault = SafeSet(extra: "/")

        /// The unreserved characters plus every ASCII character of `extra`.
        package init(extra: String) {
            for byte in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~".utf8 { insert(byte) }
            for byte in extra.utf8 where byte < 128 { insert(byte) }
        }

        private mutating func insert(_ byte: UInt8) {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }

        /// True when `byte` is written as is.
        @inline(__always)
        package func contains(_ byte: UInt8) -> Bool {
            if byte < 64 { return low & (1 << UInt64(byte)) != 0 }
            if byte < 128 { return high & (1 << UInt64(byte - 64)) != 0 }
            return false
        }
    }

    /// The bytes `text` stands for once `%XX` escapes are undone (and `+` turned into a space
    /// when `plusAsSpace`). Malformed escapes are kept literally.
    package static func percentDecodedBytes(_ text: some StringProtocol, plusAsSpace: Bool = false) -> [UInt8] {
        let utf8 = text.utf8
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let byte = utf8[i]
            utf8.formIndex(after: &i)
            if byte == ASCII.percent, i != utf8.endIndex, let hi = ASCII.hexValue(utf8[i]) {
                let next = utf8.index(after: i)
                if next != utf8.endIndex, let lo = ASCII.hexValue(utf8[next]) {
                    out.append(hi << 4 | lo)
                    i = utf8.index(after: next)
                    continue
                }
            }
            out.append(plusAsSpace && byte == UInt8(ascii: "+") ? ASCII.space : byte)
        }
        return out
    }

    /// `text` percent-decoded into a String.
    ///
    /// - Parameters:
    ///   - plusAsSpace: true for query strings and form bodies, where `+` means a space.
    ///   - invalidUTF8: what becomes of decoded bytes that are not UTF-8.
    package static func percentDecode(
        _ text: some StringProtocol, plusAsSpace: Bool = false, invalidUTF8: InvalidUTF8 = .replace
    ) -> String {
        let utf8 = text.utf8
        if !utf8.contains(ASCII.percent) && !(plusAsSpace && utf8.contains(UInt8(ascii: "+"))) {
            return String(text)
        }
        let bytes = percentDecodedBytes(text, plusAsSpace: plusAsSpace)
        switch invalidUTF8 {
        case .replace: return String(decoding: bytes, as: UTF8.self)
        case .requote: return decodeRequotingInvalid(bytes)
        }
    }

    /// UTF-8 text from `bytes`, with every byte of an invalid sequence written as `%XX`.
    static func decodeRequotingInvalid(_ bytes: [UInt8]) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var out = ""
        out.reserveCapacity(bytes.count + 8)
        var i = 0
        while i < bytes.count {
            let length = validSequenceLength(bytes, at: i)
            if length > 0 {
                out += String(decoding: bytes[i..<(i + length)], as: UTF8.self)
                i += length
            } else {
                appendEscape(bytes[i], to: &out)
                i += 1
            }
        }
        return out
    }

    /// The length of the well-formed UTF-8 sequence starting at `i`, or 0.
    private static func validSequenceLength(_ b: [UInt8], at i: Int) -> Int {
        let lead = b[i]
        func cont(_ j: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            j < b.count && range.contains(b[j])
        }
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return cont(i + 1) ? 2 : 0
        case 0xE0: return cont(i + 1, 0xA0...0xBF) && cont(i + 2) ? 3 : 0
        case 0xED: return cont(i + 1, 0x80...0x9F) && cont(i + 2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(i + 1) && cont(i + 2) ? 3 : 0
        case 0xF0: return cont(i + 1, 0x90...0xBF) && cont(i + 2) && cont(i + 3) ? 4 : 0
        case 0xF1...0xF3: return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0
        case 0xF4: return cont(i + 1, 0x80...0x8F) && cont(i + 2) && cont(i + 3) ? 4 : 0
        default: return 0
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func appendEscape(_ byte: UInt8, to out: inout String) {
        out.unicodeScalars.append("%")
        out.unicodeScalars.append(Unicode.Scalar(hexDigits[Int(byte >> 4)]))
        out.unicodeScalars.append(Unicode.Scalar(hexDigits[Int(byte & 0xF)]))
    }

    /// `text` as UTF-8 with every byte outside `safe` written `%XX` (upper-case hex), and
    /// spaces written `+` when `spaceAsPlus`.
    ///
    /// Werkzeug: `quote(value, safe=…)`, or `quote_plus` with `spaceAsPlus`.
    package static func percentEncode(_ text: some StringProtocol, safe: SafeSet, spaceAsPlus: Bool = false) -> String {
        let utf8 = text.utf8
        if utf8.allSatisfy({ safe.contains($0) }) { return String(text) }
        var out = ""
        out.reserveCapacity(utf8.count * 3)
        for byte in utf8 {
            if safe.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else if spaceAsPlus && byte == ASCII.space {
                out.unicodeScalars.append("+")
            } else {
                appendEscape(byte, to: &out)
            }
        }
        return out
    }

    /// A value of a URL rule converted for `url_for`: `/` kept, `?`, `#`, `%` and spaces encoded.
    ///
    /// Werkzeug: `BaseConverter.to_url`.
    package static func encodePathSegment(_ text: some StringProtocol) -> String {
        percentEncode(text, safe: .path)
    }

    /// `a=1&b=x+y` from pairs, as `url_for` appends unknown arguments.
    ///
    /// Werkzeug: `urlencode(items, safe="!$'()*,/:;?@")` in `Rule.build`.
    package static func encodeQuery(_ pairs: some Sequence<(String, String)>) -> String {
        var out = ""
        for (name, value) in pairs {
            if !out.isEmpty { out += "&" }
            out += percentEncode(name, safe: .query, spaceAsPlus: true)
            out += "="
            out += percentEncode(value, safe: .query, spaceAsPlus: true)
        }
        return out
    }

    /// The ordered name/value pairs of a query string or urlencoded form body.
    ///
    /// `a=1&b=&c&a=2` gives `[("a","1"), ("b",""), ("c",""), ("a","2")]`: blank values are
    /// kept, a field without `=` has an empty value, empty fields (`&&`) are skipped, `+` is a
    /// space, and invalid UTF-8 stays percent-encoded.
    ///
    /// Werkzeug: `parse_qsl(qs, keep_blank_values=True, errors="werkzeug.url_quote")`, which
    /// fills `request.args` and `request.form`.
    package static func parseQuery(_ query: some StringProtocol) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for field in Substring(query).split(separator: "&", omittingEmptySubsequences: true) {
            let name: Substring, value: Substring
            if let eq = field.firstIndex(of: "=") {
                name = field[..<eq]
                value = field[field.index(after: eq)...]
            } else {
                name = field[...]
                value = ""
            }
            pairs.append((
                percentDecode(name, plusAsSpace: true, invalidUTF8: .requote),
                percentDecode(value, plusAsSpace: true, invalidUTF8: .requote)
            ))
        }
        return pairs
    }
}
