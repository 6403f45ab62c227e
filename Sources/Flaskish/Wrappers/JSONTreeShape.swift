/// One level of a JSON-like value, seen from outside its own enum: what ``JSONTreeValue``'s
/// shared accessors read, so ``JSONValue`` and a superset of it (Socket.IO's value, which adds
/// binary) keep one copy of them.
///
/// Building it copies no element: arrays and dictionaries are shared copy-on-write.
public enum JSONTreeShape<Value> {
    /// `null`
    case null
    /// `true` / `false`
    case bool(Bool)
    /// An integer that fits in `Int`.
    case int(Int)
    /// An integer beyond `Int`, kept exactly.
    case bigInt(BigInteger)
    /// Any other number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([Value])
    /// An object.
    case object([String: Value])
    /// A kind JSON has no word for (Socket.IO's binary); the shared accessors answer nil for it.
    case other
}
