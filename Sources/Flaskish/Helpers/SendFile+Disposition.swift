import Foundation

/// The `Content-Disposition` value Werkzeug's `send_file` writes.
enum ContentDisposition {
    /// `inline; filename=a.txt`, quoted when the name is not a token, and for a non-ASCII
    /// name an ASCII fallback plus RFC 5987 `filename*=UTF-8''…`.
    static func value(asAttachment: Bool, filename: String) -> String {
        let kind = asAttachment ? "attachment" : "inline"
        guard filename.unicodeScalars.contains(where: { !$0.isASCII }) else {
            return "\(kind); filename=\(quoteIfNeeded(filename))"
        }
        // Compatibility decomposition, then drop what is still not ASCII: "é" → "e".
        let simple = String(String.UnicodeScalarView(
            filename.decomposedStringWithCompatibilityMapping.unicodeScalars.filter(\.isASCII)))
        let encoded = URLCoding.percentEncode(filename, safe: .init(extra: "!#$&+^`|"))
        return "\(kind); filename=\(quoteIfNeeded(simple)); filename*=\(quoteIfNeeded("UTF-8''" + encoded))"
    }

    /// Werkzeug's `quote_header_value`: bare when every character is a token character,
    /// else in double quotes with `\` and `"` escaped.
    static func quoteIfNeeded(_ value: String) -> String {
        let tokenPunctuation = Set("!#$%&'*+-.^_`|~".utf8)
        let isToken = !value.isEmpty && value.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || tokenPunctuation.contains(byte)
        }
        if isToken { return value }
        return "\"" + value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }
}
