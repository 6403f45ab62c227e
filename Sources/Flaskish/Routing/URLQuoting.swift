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
        static func quotePath(_ text: String) -> String { URLCoding.percentEncode(text, safe: .path) }

        /// Encodes a query key or value as `quote_plus` does with Werkzeug's `_urlencode` safe
        /// set (`"!$'()*,/:;?@"`): a space becomes `+`.
        static func quoteQuery(_ text: String) -> String {
            URLCoding.percentEncode(text, safe: .query, spaceAsPlus: true)
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
