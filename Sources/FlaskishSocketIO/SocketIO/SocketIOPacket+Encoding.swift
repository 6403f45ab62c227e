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
    public func encodeBytes() -> (text: [UInt8], attachments: [[UInt8]]) {
        var writer = JSONWriter(options: Self.payloadOptions)
        writer.output.append(UInt8(ascii: "0") + type.rawValue)
        var json: JSONValue?
        var attachments: [[UInt8]] = []
        if let data {
            if type == .binaryEvent || type == .binaryAck {
                (json, attachments) = data.deconstructed()
            } else {
                json = data.jsonValue
            }
        }
        if type == .binaryEvent || type == .binaryAck {
            writer.writeInt(attachments.count)
            writer.output.append(UInt8(ascii: "-"))
        }
        if namespace != "/" {
            writer.output.append(contentsOf: namespace.utf8)
            writer.output.append(UInt8(ascii: ","))
        }
        if let id { writer.writeInt(id) }
        if let json { writer.write(json, level: 0) }
        return (writer.output, attachments)
    }
}
