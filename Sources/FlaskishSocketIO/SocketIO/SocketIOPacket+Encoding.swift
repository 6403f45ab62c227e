import Flaskish

// Wire format (socket.io-protocol, "Packet encoding"):
//
//   <type>[<attachment count>-][<namespace>,][<ack id>][<JSON payload without binary>]
//   + one binary message per attachment
//
// The count appears only for BINARY_EVENT/BINARY_ACK, the namespace only when it is not "/".
// The JSON is written compact and ASCII-only, as python-socketio writes it.

extension SocketIOPacket {
    /// python-socketio's `json.dumps(data, separators=(",", ":"))`, but with sorted keys:
    /// ``JSONValue`` objects keep no insertion order, and sorting makes the bytes the same on
    /// every run and puts `_placeholder` before `num`, as Python's placeholders have them.
    static let payloadOptions: JSONWriteOptions = {
        var options = JSONWriteOptions.socketIO
        options.sortKeys = true
        return options
    }()

    /// The packet's text message and the binary messages that follow it, in order.
    ///
    /// Each is one Engine.IO `message` packet (the text gets Engine.IO's `4` prefix).
    ///
    /// python-socketio: `Packet.encode`.
    public func encode() -> (text: String, attachments: [[UInt8]]) {
        let (bytes, attachments) = encodeBytes()
        return (String(decoding: bytes, as: UTF8.self), attachments)
    }

    /// Like ``encode()``, with the text as UTF-8 bytes.
    ///
    /// The payload is written straight from the ``SocketIOValue`` (no ``JSONValue`` copy), with
    /// placeholders numbered in the order they are written.
    public func encodeBytes() -> (text: [UInt8], attachments: [[UInt8]]) {
        var writer = JSONWriter(options: Self.payloadOptions)
        writer.output.append(UInt8(ascii: "0") + type.rawValue)
        if type == .binaryEvent || type == .binaryAck {
            writer.writeInt(data?.binaryCount ?? 0)
            writer.output.append(UInt8(ascii: "-"))
        }
        if namespace != "/" {
            writer.output.append(contentsOf: namespace.utf8)
            writer.output.append(UInt8(ascii: ","))
        }
        if let id { writer.writeInt(id) }
        var attachments: [[UInt8]] = []
        if let data { writer.write(data, attachments: &attachments) }
        return (writer.output, attachments)
    }
}

extension SocketIOValue {
    /// How many binary values are inside, without building anything.
    var binaryCount: Int {
        switch self {
        case .binary: 1
        case .array(let a): a.reduce(0) { $0 + $1.binaryCount }
        case .object(let o): o.values.reduce(0) { $0 + $1.binaryCount }
        default: 0
        }
    }
}

extension JSONWriter {
    /// Appends `value` as JSON, writing each binary value as the next placeholder and moving
    /// its bytes to `attachments`.
    mutating func write(_ value: SocketIOValue, attachments: inout [[UInt8]]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let b): output.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): writeInt(i)
        case .double(let d): writeDouble(d)
        case .string(let s): writeString(s)
        case .binary(let bytes):
            output.append(contentsOf: #"{"_placeholder":true,"num":"#.utf8)
            writeInt(attachments.count)
            output.append(UInt8(ascii: "}"))
            attachments.append(bytes)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                writeSeparatorAndIndent(first: i == 0, level: 1)
                write(element, attachments: &attachments)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            let ordered = sortsKeys && members.count > 1
                ? members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } : Array(members)
            for (i, member) in ordered.enumerated() {
                writeSeparatorAndIndent(first: i == 0, level: 1)
                writeString(member.key)
                writeKeySeparator()
                write(member.value, attachments: &attachments)
            }
            output.append(UInt8(ascii: "}"))
        }
    }
}
