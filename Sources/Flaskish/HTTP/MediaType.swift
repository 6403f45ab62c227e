// Header values of the form `value; key=token; key="quoted string"` (RFC 9110 §5.6.6), such
// as Content-Type and Content-Disposition, with RFC 2231 `key*=UTF-8''percent%20encoded`.

/// Splits `text/html; charset=utf-8` into its value and parameters.
///
/// The value is trimmed and lower-cased; parameter names are lower-cased; quoted values lose
/// their quotes and their `\"`, `\\` and `%22` escapes; `key*=charset''value` is
/// percent-decoded (UTF-8, US-ASCII or ISO-8859-1 only) and stored as `key`. Malformed
/// parameters are skipped.
///
/// Werkzeug: `parse_options_header(value)` (with the value lower-cased as `request.mimetype`
/// does).
package func parseMediaType(_ header: some StringProtocol) -> (type: String, params: [String: String]) {
    let s = Array(header.utf8)
    var i = 0
    while i < s.count && s[i] != ASCII.semicolon { i += 1 }
    let type = String(decoding: s[..<i], as: UTF8.self).trimmingASCIIWhitespace().lowercased()
    var params: [String: String] = [:]
    while i < s.count {
        // At a ';' (or a byte a malformed parameter stopped at): skip to the next parameter.
        while i < s.count && s[i] != ASCII.semicolon { i += 1 }
        while i < s.count && (s[i] == ASCII.semicolon || s[i] == ASCII.space || s[i] == ASCII.tab) { i += 1 }
        let keyStart = i
        while i < s.count && HTTPHeaders.isTokenByte(s[i]) { i += 1 }
        guard i > keyStart, i < s.count, s[i] == ASCII.equals else { continue }
        var key = String(decoding: s[keyStart..<i], as: UTF8.self).lowercased()
        i += 1
        var value: String
        if i < s.count && s[i] == ASCII.quote {
            var raw: [UInt8] = []
            var j = i + 1
            var closed = false
            while j < s.count {
                if s[j] == ASCII.backslash && j + 1 < s.count && (s[j + 1] == ASCII.quote || s[j + 1] == ASCII.backslash) {
                    raw.append(s[j + 1])
                    j += 2
                } else if s[j] == ASCII.quote {
                    closed = true
                    j += 1
                    break
                } else {
                    raw.append(s[j])
                    j += 1
                }
            }
            guard closed else {
                i += 1  // resume after the stray quote, at the next ';'
                continue
            }
            i = j
            value = String(decoding: raw, as: UTF8.self)
            if value.utf8.contains(ASCII.percent) { value = value.replacingPercent22() }
        } else {
            let valueStart = i
            while i < s.count && HTTPHeaders.isTokenByte(s[i]) { i += 1 }
            guard i > valueStart else { continue }
            value = String(decoding: s[valueStart..<i], as: UTF8.self)
        }
        if key.hasSuffix("*") {
            key.removeLast()
            value = decodeExtendedValue(value)
        }
        params[key] = value
    }
    return (type, params)
}

/// RFC 2231 / 8187 `charset'language'percent-encoded`, or the text unchanged when its charset
/// is missing or not one Werkzeug accepts.
private func decodeExtendedValue(_ text: String) -> String {
    let parts = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count == 3 else { return text }
    switch parts[0].lowercased() {
    case "utf-8", "ascii", "us-ascii":
        return URLCoding.percentDecode(parts[2])
    case "iso-8859-1":
        let bytes = URLCoding.percentDecodedBytes(parts[2])
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    default:
        return text
    }
}

extension String {
    /// Browsers write `"` in a multipart filename as `%22` (HTML's form encoding).
    fileprivate func replacingPercent22() -> String {
        var out = ""
        var rest = self[...]
        while let range = rest.firstRange(of: "%22") {
            out += rest[..<range.lowerBound]
            out += "\""
            rest = rest[range.upperBound...]
        }
        out += rest
        return out
    }
}
