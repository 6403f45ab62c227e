extension URLMap {
    /// Percent-encoding as Python's `urllib.parse.quote` does it for Werkzeug's routing: UTF-8 bytes,
    /// upper-case hex, letters, digits and `_.-~` always kept, plus a per-use set of safe marks.
    enum Quoting {
        /// Werkzeug's path-segment safe set (`"!$&'()*+,/:;=@"`, the WHATWG path-segment set).
        static let pathSafe = Set("!$&'()*+,/:;=@".utf8)
        /// Werkzeug's `_urlencode` safe set for query keys and values (`"!$'()*,/:;?@"`).
        static let querySafe = Set("!$'()*,/:;?@".utf8)

        /// Encodes a path or a path value, keeping `/`.
        static func quotePath(_ text: String) -> String { quote(text, safe: pathSafe, spaceAsPlus: false) }

        /// Encodes a query key or value as `quote_plus` does: a space becomes `+`.
        static func quoteQuery(_ text: String) -> String { quote(text, safe: querySafe, spaceAsPlus: true) }

        /// Builds `a=1&b=2` from pairs, in the order given.
        static func encodeQuery(_ pairs: [(String, String)]) -> String {
            pairs.map { quoteQuery($0.0) + "=" + quoteQuery($0.1) }.joined(separator: "&")
        }

        private static func isAlwaysSafe(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."),
                 UInt8(ascii: "-"), UInt8(ascii: "~"):
                return true
            default:
                return false
            }
        }

        private static func quote(_ text: String, safe: Set<UInt8>, spaceAsPlus: Bool) -> String {
            // Most values need no encoding: return them without copying.
            if text.utf8.allSatisfy({ isAlwaysSafe($0) || safe.contains($0) }) { return text }
            let hex = Array("0123456789ABCDEF".utf8)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count * 3)
            for byte in text.utf8 {
                if isAlwaysSafe(byte) || safe.contains(byte) {
                    bytes.append(byte)
                } else if spaceAsPlus, byte == UInt8(ascii: " ") {
                    bytes.append(UInt8(ascii: "+"))
                } else {
                    bytes.append(UInt8(ascii: "%"))
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 0x0F)])
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
