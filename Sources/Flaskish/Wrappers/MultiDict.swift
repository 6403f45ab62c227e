/// An ordered dictionary whose keys may repeat: query arguments and form fields.
///
/// `args["page"]` gives the first value, `args.getAll("tag")` every value in order, and
/// `args.get("page", as: Int.self)` a typed value (nil when absent or not convertible).
///
/// Flask: Werkzeug's `MultiDict` (`request.args`, `request.form`): `args.get("page", type=int)`,
/// `args.getlist("tag")`.
public struct MultiDict: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// One key/value pair, in the order received.
    public typealias Element = (key: String, value: String)

    private var items: [(key: String, value: String)]

    /// An empty dictionary.
    ///
    /// Werkzeug: `MultiDict()`.
    public init() { items = [] }

    /// Pairs in the given order.
    ///
    /// Werkzeug: `MultiDict([(key, value), …])`.
    public init(_ pairs: [(String, String)]) { items = pairs.map { (key: $0.0, value: $0.1) } }

    /// Pairs written as a dictionary literal.
    ///
    /// Werkzeug: `MultiDict({"a": "1"})`.
    public init(dictionaryLiteral elements: (String, String)...) { self.init(elements) }

    /// The first value for `key`, or nil.
    ///
    /// Werkzeug: `md.get(key)` (`md[key]` raises `KeyError` where this gives nil).
    public subscript(key: String) -> String? {
        for item in items where item.key == key { return item.value }
        return nil
    }

    /// The first value for `key` converted to `T`, or nil when absent or not convertible.
    ///
    /// Flask: `request.args.get("n", type=int)`.
    public func get<T: LosslessStringConvertible>(_ key: String, as type: T.Type) -> T? {
        self[key].flatMap { T($0) }
    }

    /// The first value for `key`, or `defaultValue`.
    ///
    /// Flask: `request.args.get("q", "")`.
    public func get(_ key: String, default defaultValue: String) -> String { self[key] ?? defaultValue }

    /// Every value for `key`, in order.
    ///
    /// Flask: `request.args.getlist("tag")`.
    public func getAll(_ key: String) -> [String] { items.compactMap { $0.key == key ? $0.value : nil } }

    /// The distinct keys, in first-seen order.
    ///
    /// Werkzeug: `list(md.keys())`.
    public var keys: [String] {
        var seen = Set<String>()
        return items.compactMap { seen.insert($0.key).inserted ? $0.key : nil }
    }

    /// True when `key` is present.
    ///
    /// Werkzeug: `key in md`.
    public func contains(_ key: String) -> Bool { items.contains { $0.key == key } }

    /// The number of pairs (repeated keys counted).
    ///
    /// Werkzeug: `len(list(md.items(multi=True)))`; `len(md)` counts keys.
    public var count: Int { items.count }
    /// True when there are no pairs.
    ///
    /// Werkzeug: `not md`.
    public var isEmpty: Bool { items.isEmpty }

    /// Appends a value, keeping earlier ones.
    ///
    /// Flask: `MultiDict.add(key, value)`.
    public mutating func add(_ key: String, _ value: String) { items.append((key: key, value: value)) }

    /// Every key and value in arrival order, repeats included.
    ///
    /// Werkzeug: iterating `md.items(multi=True)`, which groups the values of a key together;
    /// `items(multi: true)` gives that order.
    public func makeIterator() -> IndexingIterator<[(key: String, value: String)]> { items.makeIterator() }

    /// Equal when both hold the same pairs in the same order.
    public static func == (lhs: MultiDict, rhs: MultiDict) -> Bool {
        lhs.items.count == rhs.items.count && zip(lhs.items, rhs.items).allSatisfy { $0 == $1 }
    }
}
