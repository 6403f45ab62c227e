// Werkzeug's views of a MultiDict, for code ported from Flask that depends on their order:
// Werkzeug keeps one list of values per key, so its pairs come grouped by key.

extension MultiDict {
    /// The pairs as Werkzeug lists them: each key once, in first-seen order, with its first
    /// value; with `multi`, every value of a key together before the next key
    /// (`a=1&b=2&a=3` → `a=1, a=3, b=2`). Iterating the `MultiDict` itself gives arrival order.
    ///
    /// Werkzeug: `md.items(multi=False)`.
    public func items(multi: Bool = false) -> [(key: String, value: String)] {
        keys.flatMap { key in
            let values = getAll(key)
            return (multi ? values : Array(values.prefix(1))).map { (key: key, value: $0) }
        }
    }

    /// Each key once, in first-seen order, with all its values in order.
    ///
    /// Werkzeug: `md.lists()`.
    public func lists() -> [(key: String, values: [String])] {
        keys.map { (key: $0, values: getAll($0)) }
    }

    /// A plain dictionary of each key's first value.
    ///
    /// Werkzeug: `md.to_dict(flat=True)`.
    public func toDict() -> [String: String] {
        Dictionary(items(), uniquingKeysWith: { first, _ in first })
    }

    /// Every key with all its values.
    ///
    /// Werkzeug: `md.to_dict(flat=False)`.
    public func toDict(flat: Bool) -> [String: [String]] {
        Dictionary(lists().map { ($0.key, $0.values) }, uniquingKeysWith: { first, _ in first })
    }
}
