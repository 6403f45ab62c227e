import Flaskish

/// One Socket.IO v5 packet (socket.io-protocol, "Exchange protocol").
///
/// A packet is checked when it is made, so one that exists is valid to send:
/// - CONNECT: no payload, or an object (the client's auth; the server's `{"sid": …}`).
/// - DISCONNECT: no payload.
/// - EVENT: a non-empty array whose first element is the event name, a string.
/// - ACK: an array, possibly empty, and an ack id.
/// - CONNECT_ERROR: an object (`{"message": …, "data": …}`) or, from old peers, a string.
/// - Binary values only in EVENT and ACK payloads. Whether an EVENT/ACK is the BINARY_ kind
///   follows from its payload: ``type`` is `.binaryEvent`/`.binaryAck` exactly when it holds
///   binary, whichever of the two was asked for.
///
/// python-socketio: `socketio.packet.Packet`.
public struct SocketIOPacket: Sendable, Hashable {
    /// The packet type, the first character on the wire.
    public enum PacketType: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        case connect = 0
        case disconnect = 1
        case event = 2
        case ack = 3
        case connectError = 4
        case binaryEvent = 5
        case binaryAck = 6

        /// The protocol's name: `CONNECT`, `BINARY_EVENT`, …
        public var description: String {
            switch self {
            case .connect: "CONNECT"
            case .disconnect: "DISCONNECT"
            case .event: "EVENT"
            case .ack: "ACK"
            case .connectError: "CONNECT_ERROR"
            case .binaryEvent: "BINARY_EVENT"
            case .binaryAck: "BINARY_ACK"
            }
        }

        /// EVENT or BINARY_EVENT.
        public var isEvent: Bool { self == .event || self == .binaryEvent }
        /// ACK or BINARY_ACK.
        public var isAck: Bool { self == .ack || self == .binaryAck }
    }

    /// The event names a peer may not send: the JavaScript client and server use them for
    /// their own lifecycle.
    public static let reservedEventNames: Set<String> = [
        "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener",
    ]

    /// The packet type.
    public let type: PacketType
    /// The namespace, `"/"` by default.
    public let namespace: String
    /// The acknowledgement id: on an EVENT, asks the receiver to ACK with the same id.
    public let id: Int?
    /// The payload, or nil when there is none.
    public let data: SocketIOValue?

    /// A packet, checked against the rules above.
    /// - Throws: ``SocketIOPacketError/invalidPayload(_:_:)``, ``SocketIOPacketError/invalidNamespace(_:)``
    ///   or ``SocketIOPacketError/invalidAckID``.
    public init(
        type: PacketType, namespace: String = "/", id: Int? = nil, data: SocketIOValue? = nil
    ) throws(SocketIOPacketError) {
        guard namespace.utf8.first == UInt8(ascii: "/"), !namespace.utf8.contains(UInt8(ascii: ",")) else {
            throw .invalidNamespace(namespace)
        }
        if let id, id < 0 { throw .invalidAckID }
        let hasBinary = data?.containsBinary ?? false
        var type = type
        switch type {
        case .connect:
            guard data == nil || data?.objectValue != nil else { throw .invalidPayload(type, "must be an object") }
        case .disconnect:
            guard data == nil else { throw .invalidPayload(type, "must be empty") }
        case .connectError:
            guard data?.objectValue != nil || data?.stringValue != nil else {
                throw .invalidPayload(type, "must be an object or a string")
            }
        case .event, .binaryEvent:
            guard let elements = data?.arrayValue, !elements.isEmpty else {
                throw .invalidPayload(type, "must be a non-empty array")
            }
            guard elements[0].stringValue != nil else { throw .invalidPayload(type, "the event name must be a string") }
            type = hasBinary ? .binaryEvent : .event
        case .ack, .binaryAck:
            guard data?.arrayValue != nil else { throw .invalidPayload(type, "must be an array") }
            guard id != nil else { throw .invalidPayload(type, "an ack needs an id") }
            type = hasBinary ? .binaryAck : .ack
        }
        if hasBinary && !type.isEvent && !type.isAck {
            throw .invalidPayload(type, "binary is only allowed in events and acks")
        }
        self.type = type
        self.namespace = namespace
        self.id = id
        self.data = data
    }

    /// An EVENT: `emit(name, *args)` on the wire.
    /// - Parameters:
    ///   - name: the event name.
    ///   - arguments: the handler's arguments; binary ones make it a BINARY_EVENT.
    ///   - id: set to ask for an acknowledgement.
    /// - Throws: ``SocketIOPacketError/invalidNamespace(_:)``.
    public static func event(
        _ name: String, _ arguments: [SocketIOValue] = [], namespace: String = "/", id: Int? = nil
    ) throws(SocketIOPacketError) -> SocketIOPacket {
        try SocketIOPacket(type: .event, namespace: namespace, id: id, data: .array([.string(name)] + arguments))
    }

    /// An ACK answering the EVENT with `id`.
    /// - Throws: ``SocketIOPacketError/invalidNamespace(_:)`` or ``SocketIOPacketError/invalidAckID``.
    public static func ack(
        _ arguments: [SocketIOValue], id: Int, namespace: String = "/"
    ) throws(SocketIOPacketError) -> SocketIOPacket {
        try SocketIOPacket(type: .ack, namespace: namespace, id: id, data: .array(arguments))
    }

    /// A CONNECT: from a client with optional auth, from the server with `{"sid": …}`.
    /// - Throws: ``SocketIOPacketError/invalidNamespace(_:)``.
    public static func connect(
        namespace: String = "/", _ payload: [String: JSONValue]? = nil
    ) throws(SocketIOPacketError) -> SocketIOPacket {
        try SocketIOPacket(type: .connect, namespace: namespace, data: payload.map { SocketIOValue(.object($0)) })
    }

    /// A CONNECT_ERROR refusing a namespace: `{"message": message}`, plus `"data"` when given.
    ///
    /// python-socketio: the payload its server sends when a `connect` handler refuses.
    /// - Throws: ``SocketIOPacketError/invalidNamespace(_:)``.
    public static func connectError(
        namespace: String = "/", message: String, data: JSONValue? = nil
    ) throws(SocketIOPacketError) -> SocketIOPacket {
        var payload: [String: JSONValue] = ["message": .string(message)]
        if let data { payload["data"] = data }
        return try SocketIOPacket(type: .connectError, namespace: namespace, data: SocketIOValue(.object(payload)))
    }

    /// A DISCONNECT from `namespace`.
    /// - Throws: ``SocketIOPacketError/invalidNamespace(_:)``.
    public static func disconnect(namespace: String = "/") throws(SocketIOPacketError) -> SocketIOPacket {
        try SocketIOPacket(type: .disconnect, namespace: namespace)
    }

    /// The event name of an EVENT, or nil.
    public var eventName: String? {
        type.isEvent ? data?[0]?.stringValue : nil
    }

    /// The arguments after the event name (EVENT), or the ack's values (ACK); empty otherwise.
    public var arguments: [SocketIOValue] {
        guard let elements = data?.arrayValue else { return [] }
        return type.isEvent ? Array(elements.dropFirst()) : elements
    }

    /// How many binary attachments follow the packet's text on the wire.
    public var attachmentCount: Int {
        guard type == .binaryEvent || type == .binaryAck, let data else { return 0 }
        return data.binaryCount
    }
}
