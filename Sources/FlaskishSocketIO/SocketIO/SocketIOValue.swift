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

// Literals, `stringValue`/`intValue`/… and the subscripts come from `JSONTreeValue`, shared
// with `JSONValue`; binary is what this type adds.
extension SocketIOValue: JSONTreeValue {
    /// This value's top level; binary is `.other`, so the JSON accessors answer nil for it.
    public var treeShape: JSONTreeShape<SocketIOValue> {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .array(let a): .array(a)
        case .object(let o): .object(o)
        case .binary: .other
        }
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
        case .bigInt(let n): self = .double(n.doubleValue)
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

    /// The bytes, or nil for any other kind.
    public var binaryValue: [UInt8]? { if case .binary(let b) = self { b } else { nil } }
}
