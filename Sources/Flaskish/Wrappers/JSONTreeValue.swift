/// A JSON document value, or a superset of one: ``JSONValue`` and Socket.IO's `SocketIOValue`
/// (JSON plus binary) adopt it and share, from here, their literal syntax and their accessors
/// (`stringValue`, `intValue`, subscripts…; see `JSONTreeValue+Accessors.swift`).
///
/// An adopting enum's own cases satisfy the constructor requirements, so pattern matching on
/// them stays as it is; it writes only ``treeShape``, one switch saying what each case is.
/// Flask has no equivalent (Python's values are one dynamic type).
public protocol JSONTreeValue: Hashable, Sendable, ExpressibleByNilLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
where BooleanLiteralType == Bool, IntegerLiteralType == Int, FloatLiteralType == Double,
    StringLiteralType == String, ArrayLiteralElement == Self, Key == String, Value == Self
{
    /// `null` (Python `None`).
    static var null: Self { get }
    /// A boolean.
    static func bool(_ value: Bool) -> Self
    /// An integer that fits in `Int`.
    static func int(_ value: Int) -> Self
    /// Any other number.
    static func double(_ value: Double) -> Self
    /// A string.
    static func string(_ value: String) -> Self
    /// An array (Python `list`).
    static func array(_ elements: [Self]) -> Self
    /// An object (Python `dict`).
    static func object(_ members: [String: Self]) -> Self
    /// This value's top level, for the shared accessors.
    var treeShape: JSONTreeShape<Self> { get }
}

// The literal initialisers are `@inlinable` so that each adopting enum gets them specialised:
// building a value from a literal costs what it did when every enum wrote them itself.
extension JSONTreeValue {
    /// `nil` is `null` (Python `None`).
    @inlinable public init(nilLiteral: ()) { self = .null }
    /// `true`/`false`.
    @inlinable public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer literal: `.int`.
    @inlinable public init(integerLiteral value: Int) { self = .int(value) }
    /// A floating-point literal: `.double`.
    @inlinable public init(floatLiteral value: Double) { self = .double(value) }
    /// A string literal: `.string`.
    @inlinable public init(stringLiteral value: String) { self = .string(value) }
    /// `[1, "two"]`: an array (Python `list`).
    @inlinable public init(arrayLiteral elements: Self...) { self = .array(elements) }
    /// `["a": 1]`: an object (Python `dict`); a repeated key keeps its last value.
    @inlinable public init(dictionaryLiteral elements: (String, Self)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
