/// A JSON document as a Swift value: what `request.json` gives and `jsonify` takes.
///
/// Written with literals: `let v: JSONValue = ["ok": true, "items": [1, 2.5, "x", nil]]`.
/// Integers and doubles stay apart so `1` round-trips as `1`, not `1.0`.
///
/// Flask: the `dict`/`list`/`str`/`int`/`float`/`bool`/`None` values of `request.json`.
public enum JSONValue: Sendable, Hashable {
    /// `null`
    case null
    /// `true` / `false`
    case bool(Bool)
    /// A number without fraction or exponent that fits in `Int`.
    case int(Int)
    /// A number without fraction or exponent beyond `Int`, kept exactly (Python's `int` is
    /// unbounded: `json.loads` and `jsonify` keep every digit).
    case bigInt(BigInteger)
    /// Any other number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object. Keys are unordered; serialization sorts them, as Flask's `jsonify` does.
    case object([String: JSONValue])
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    /// `nil` is JSON `null` (Python `None`).
    public init(nilLiteral: ()) { self = .null }
    /// `true`/`false`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer literal.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A floating-point literal.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// A string literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// `[1, "two"]`: a JSON array (Python `list`).
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// `["a": 1]`: a JSON object (Python `dict`); a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension JSONValue {
    /// The string, or nil for any other kind.
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    /// The integer (a whole double counts), or nil.
    public var intValue: Int? {
        switch self {
        case .int(let i): i
        case .double(let d) where d.rounded() == d && abs(d) < 9.0e15: Int(d)
        default: nil
        }
    }
    /// The number as a double, or nil.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .bigInt(let n): Double(n.description)
        case .double(let d): d
        default: nil
        }
    }
    /// The boolean, or nil.
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    /// The array, or nil.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    /// The object, or nil.
    public var objectValue: [String: JSONValue]? { if case .object(let o) = self { o } else { nil } }
    /// True for `null`.
    public var isNull: Bool { self == .null }

    /// The member `key` of an object, or nil (also for non-objects).
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// The element at `index` of an array, or nil when out of range or not an array.
    public subscript(index: Int) -> JSONValue? {
        if case .array(let a) = self, a.indices.contains(index) { return a[index] }
        return nil
    }
}
