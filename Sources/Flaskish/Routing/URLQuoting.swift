extension URLMap {
    /// Percent-encoding as Python's `urllib.parse.quote` does it for Werkzeug's routing: UTF-8 bytes,
    /// upper-case hex, letters, digits and `_.-~` always kept, plus a per-use set of safe marks.
    enum Quoting {
        /// Encodes a path or a path value, keeping `/` and Werkzeug's path-segment safe set
        /// (`"!$&'()*+,/:;=@"`, the WHATWG path-segment set).
        ///
        /// The safe test is a bit mask, and text that needs nothing encoded (nearly every URL
        /// value) is handed back as is, without a copy: `url_for` in a template loop calls this
        /// once per value.
        static func quotePath(_ text: String) -> String {
            let safe = URLCoding.SafeSet.path
            return isAllSafe(text, safe) ? text : encode(text, safe, spaceAsPlus: false)
        }

        /// Appends `text` encoded as ``quotePath(_:)`` encodes it to `url`: safe text (nearly
        /// every value) is copied in as it is, without an intermediate string.
        static func appendQuotedPath(_ text: String, to url: inout String) {
            let safe = URLCoding.SafeSet.path
            if isAllSafe(text, safe) { url += text } else { url += encode(text, safe, spaceAsPlus: false) }
        }

        /// Writes `text` encoded as ``quotePath(_:)`` encodes it into `buffer` from `offset`.
        ///
        /// - Returns: the offset after it, or nil (having written part of it) when `buffer`
        ///   might not have room for it.
        static func writeQuotedPath(_ text: String, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int? {
            let safe = URLCoding.SafeSet.path
            return withUTF8(text) { bytes in
                // Room for the worst case, every byte as `%XX`, keeps the loop free of checks.
                guard bytes.count <= (buffer.count - offset) / 3 else { return nil }
                return encode(bytes, safe, spaceAsPlus: false, into: buffer, at: offset)
            }
        }

        /// Writes `bytes` into `buffer` from `offset`.
        ///
        /// - Returns: the offset after them, or nil (nothing written) when they do not fit.
        static func write(_ bytes: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int? {
            guard bytes.count <= buffer.count - offset else { return nil }
            guard let source = bytes.baseAddress, let target = buffer.baseAddress, !bytes.isEmpty else { return offset }
            (target + offset).update(from: source, count: bytes.count)
            return offset + bytes.count
        }

        /// `body` over the contiguous UTF-8 bytes of `text` (copied first only when the string
        /// has none, as a bridged one may not).
        private static func withUTF8<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
            if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
            return Array(text.utf8).withUnsafeBufferPointer(body)
        }

        /// Encodes a query key or value as `quote_plus` does with Werkzeug's `_urlencode` safe
        /// set (`"!$'()*,/:;?@"`): a space becomes `+`.
        static func quoteQuery(_ text: String) -> String {
            let safe = URLCoding.SafeSet.query
            return isAllSafe(text, safe) ? text : encode(text, safe, spaceAsPlus: true)
        }

        /// `%XX` (upper-case hex) for every byte not in `safe`, written straight into the new
        /// string's UTF-8 buffer (at most three bytes per byte).
        private static func encode(_ text: String, _ safe: URLCoding.SafeSet, spaceAsPlus: Bool) -> String {
            let source = Array(text.utf8)
            return String(unsafeUninitializedCapacity: source.count * 3) { out in
                source.withUnsafeBufferPointer { encode($0, safe, spaceAsPlus: spaceAsPlus, into: out, at: 0) }
            }
        }

        /// Writes `bytes` encoded into `out` from `offset`, which has room for three bytes per
        /// byte; returns the offset after them.
        private static func encode(_ bytes: UnsafeBufferPointer<UInt8>, _ safe: URLCoding.SafeSet, spaceAsPlus: Bool,
                                   into out: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
            var count = offset
            for byte in bytes {
                if safe.contains(byte) {
                    out[count] = byte
                    count += 1
                } else if spaceAsPlus, byte == UInt8(ascii: " ") {
                    out[count] = UInt8(ascii: "+")
                    count += 1
                } else {
                    out[count] = UInt8(ascii: "%")
                    out[count + 1] = hexDigit(byte >> 4)
                    out[count + 2] = hexDigit(byte & 0x0F)
                    count += 3
                }
            }
            return count
        }

        private static func hexDigit(_ value: UInt8) -> UInt8 {
            value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10
        }

        /// True when no byte of `text` needs encoding, tested on its contiguous UTF-8 bytes
        /// (native and small strings have them) rather than through the UTF-8 view's iterator.
        private static func isAllSafe(_ text: String, _ safe: URLCoding.SafeSet) -> Bool {
            text.utf8.withContiguousStorageIfAvailable { bytes in
                for byte in bytes where !safe.contains(byte) { return false }
                return true
            } ?? text.utf8.allSatisfy { safe.contains($0) }
        }

        /// Builds `a=1&b=2` from pairs, in the order given.
        static func encodeQuery(_ pairs: [(String, String)]) -> String {
            var query = ""
            appendQuery(pairs, to: &query)
            return query
        }

        /// Appends `a=1&b=2` from pairs, in the order given, to `url`.
        static func appendQuery(_ pairs: [(String, String)], to url: inout String) {
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { url += "&" }
                url += quoteQuery(key)
                url += "="
                url += quoteQuery(value)
            }
        }
    }
}
