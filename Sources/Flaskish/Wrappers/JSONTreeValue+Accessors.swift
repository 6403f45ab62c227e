// Shared by `JSONValue` and `SocketIOValue`. `@inlinable` so each enum gets them specialised,
// as fast as when each wrote its own copy.
extension JSONTreeValue {
    /// The string, or nil for any other kind.
    @inlinable public var stringValue: String? { if case .string(let s) = treeShape { s } else { nil } }

    /// The integer, or nil. A whole double counts while it is below 9.0e15, where every whole
    /// double is still exactly one integer (JavaScript's safe range, 2⁵³); an integer beyond
    /// `Int` is nil (read ``doubleValue``, or match `.bigInt` on ``JSONValue``).
    @inlinable public var intValue: Int? {
        switch treeShape {
        case .int(let i): i
        case .double(let d) where d.rounded() == d && abs(d) < 9.0e15: Int(d)
        default: nil
        }
    }

    /// The number as a double (rounded when it has more digits than a double holds), or nil.
    @inlinable public var doubleValue: Double? {
        switch treeShape {
        case .int(let i): Double(i)
        case .bigInt(let n): n.doubleValue
        case .double(let d): d
        default: nil
        }
    }

    /// The boolean, or nil.
    @inlinable public var boolValue: Bool? { if case .bool(let b) = treeShape { b } else { nil } }
    /// The array, or nil.
    @inlinable public var arrayValue: [Self]? { if case .array(let a) = treeShape { a } else { nil } }
    /// The object, or nil.
    @inlinable public var objectValue: [String: Self]? { if case .object(let o) = treeShape { o } else { nil } }
    /// True for `null` (Python `None`).
    @inlinable public var isNull: Bool { if case .null = treeShape { true } else { false } }

    /// The member `key` of an object, or nil (also for non-objects). Python: `value.get(key)`.
    @inlinable public subscript(key: String) -> Self? {
        if case .object(let o) = treeShape { return o[key] }
        return nil
    }

    /// The element at `index` of an array, or nil when out of range or not an array.
    @inlinable public subscript(index: Int) -> Self? {
        if case .array(let a) = treeShape, a.indices.contains(index) { return a[index] }
        return nil
    }
}
