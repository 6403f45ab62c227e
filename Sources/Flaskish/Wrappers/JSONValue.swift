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

// Literals, `stringValue`/`intValue`/… and the subscripts come from `JSONTreeValue`, shared
// with Socket.IO's value; this says only what each case is.
extension JSONValue: JSONTreeValue {
    /// This value's top level (see ``JSONTreeShape``).
    public var treeShape: JSONTreeShape<JSONValue> {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .bigInt(let n): .bigInt(n)
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .array(let a): .array(a)
        case .object(let o): .object(o)
        }
    }
}
