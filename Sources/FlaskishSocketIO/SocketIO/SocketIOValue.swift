import Flaskish

/// A Socket.IO payload value: JSON plus binary blobs, which Socket.IO sends as separate
/// attachments (see ``SocketIOPacket``).
///
/// Written with literals like ``JSONValue``: `["file", .binary(bytes), ["size": 3]]`.
///
/// python-socketio: the `dict`/`list`/`str`/`int`/`float`/`bool`/`None`/`bytes` values passed
/// to `emit` and handed to event handlers.
public enum SocketIOValue: Sendable, Hashable {
    /// `null`
    case null
    /// `true` / `false`
    case bool(Bool)
    /// An integer (as ``JSONValue/int(_:)``).
    case int(Int)
    /// Any other number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([SocketIOValue])
    /// An object.
    case object([String: SocketIOValue])
    /// Bytes, sent as a binary attachment. python-socketio: `bytes`.
    case binary([UInt8])
}

extension SocketIOValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    /// `nil` → `.null`.
    public init(nilLiteral: ()) { self = .null }
    /// `true` → `.bool(true)`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// `1` → `.int(1)`.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// `1.5` → `.double(1.5)`.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// `"s"` → `.string("s")`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// `[…]` → `.array(…)`.
    public init(arrayLiteral elements: SocketIOValue...) { self = .array(elements) }
    /// `[k: v, …]` → `.object(…)`; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, SocketIOValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension SocketIOValue {
    /// The same value, with no binary in it.
    public init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        // A JavaScript number is a double: an integer beyond 64 bits can only be one here.
        case .bigInt(let n): self = .double(Double(n.description) ?? .nan)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .array(let a): self = .array(a.map(SocketIOValue.init))
        case .object(let o): self = .object(o.mapValues(SocketIOValue.init))
        }
    }

    /// The value as JSON, or nil when it holds binary anywhere.
    public var jsonValue: JSONValue? {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .binary: return nil
        case .array(let a):
            var elements: [JSONValue] = []
            elements.reserveCapacity(a.count)
            for element in a {
                guard let json = element.jsonValue else { return nil }
                elements.append(json)
            }
            return .array(elements)
        case .object(let o):
            var members: [String: JSONValue] = [:]
            members.reserveCapacity(o.count)
            for (key, member) in o {
                guard let json = member.jsonValue else { return nil }
                members[key] = json
            }
            return .object(members)
        }
    }

    /// True when binary appears anywhere inside. python-socketio: `Packet._data_is_binary`.
    public var containsBinary: Bool {
        switch self {
        case .binary: true
        case .array(let a): a.contains { $0.containsBinary }
        case .object(let o): o.values.contains { $0.containsBinary }
        default: false
        }
    }

    /// The string, or nil for any other kind.
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    /// The bytes, or nil for any other kind.
    public var binaryValue: [UInt8]? { if case .binary(let b) = self { b } else { nil } }
    /// The array, or nil for any other kind.
    public var arrayValue: [SocketIOValue]? { if case .array(let a) = self { a } else { nil } }
    /// The object, or nil for any other kind.
    public var objectValue: [String: SocketIOValue]? { if case .object(let o) = self { o } else { nil } }

    /// The member `key` of an object, or nil (also for non-objects).
    public subscript(key: String) -> SocketIOValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// The element at `index` of an array, or nil when out of range or not an array.
    public subscript(index: Int) -> SocketIOValue? {
        if case .array(let a) = self, a.indices.contains(index) { return a[index] }
        return nil
    }
}
