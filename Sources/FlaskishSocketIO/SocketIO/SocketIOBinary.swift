import Flaskish

// Binary attachments (socket.io-protocol, "Packet encoding"): each binary value in a payload
// is replaced by `{"_placeholder":true,"num":<n>}` and sent after the packet's text as the
// n-th binary message. Placeholders may sit anywhere in nested arrays and objects.

extension SocketIOValue {
    /// The key that marks a placeholder object.
    static let placeholderKey = "_placeholder"
    /// The key of a placeholder's attachment index.
    static let placeholderNumberKey = "num"

    /// The value with each binary blob replaced by a placeholder, and the blobs in `num` order.
    ///
    /// python-socketio: `Packet._deconstruct_binary`.
    public func deconstructed() -> (json: JSONValue, attachments: [[UInt8]]) {
        var attachments: [[UInt8]] = []
        let json = deconstruct(into: &attachments)
        return (json, attachments)
    }

    private func deconstruct(into attachments: inout [[UInt8]]) -> JSONValue {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .binary(let bytes):
            attachments.append(bytes)
            return .object([Self.placeholderKey: .bool(true), Self.placeholderNumberKey: .int(attachments.count - 1)])
        case .array(let a):
            return .array(a.map { $0.deconstruct(into: &attachments) })
        case .object(let o):
            var members: [String: JSONValue] = [:]
            members.reserveCapacity(o.count)
            for (key, member) in o { members[key] = member.deconstruct(into: &attachments) }
            return .object(members)
        }
    }

    /// `json` with each placeholder replaced by its attachment.
    ///
    /// A placeholder is an object whose `_placeholder` is `true`; its `num` must be an integer
    /// index into `attachments`, or the packet is invalid (as in the JavaScript parser; Python
    /// raises an `IndexError`). Other objects are walked as they are.
    /// - Throws: ``SocketIOPacketError/invalidPlaceholder(_:attachmentCount:)``.
    ///
    /// python-socketio: `Packet.reconstruct_binary`.
    public static func reconstructing(
        _ json: JSONValue, attachments: [[UInt8]]
    ) throws(SocketIOPacketError) -> SocketIOValue {
        switch json {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        // A JavaScript number is a double: an integer beyond 64 bits can only be one here.
        case .bigInt(let n): return .double(n.doubleValue)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .array(let a):
            var elements: [SocketIOValue] = []
            elements.reserveCapacity(a.count)
            for element in a { elements.append(try reconstructing(element, attachments: attachments)) }
            return .array(elements)
        case .object(let o):
            if o[placeholderKey] == .bool(true) {
                let num = o[placeholderNumberKey]
                guard case .int(let index)? = num, attachments.indices.contains(index) else {
                    throw .invalidPlaceholder(num ?? .null, attachmentCount: attachments.count)
                }
                return .binary(attachments[index])
            }
            var members: [String: SocketIOValue] = [:]
            members.reserveCapacity(o.count)
            for (key, member) in o { members[key] = try reconstructing(member, attachments: attachments) }
            return .object(members)
        }
    }
}
