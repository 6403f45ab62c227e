/// A packet encoded once, ready to be handed unchanged to any number of clients: its text
/// message and the binary messages that follow it.
///
/// Broadcasts encode once and share these buffers (copy-on-write), so adding recipients
/// adds no JSON work.
public struct EncodedSocketIOPacket: Sendable, Hashable {
    /// The text message (without Engine.IO's `4` prefix).
    public let text: String
    /// The attachments, each sent as one binary message after the text.
    public let attachments: [[UInt8]]

    /// The encoding of `packet`. python-socketio: `Packet.encode`.
    public init(_ packet: SocketIOPacket) {
        (text, attachments) = packet.encode()
    }

    /// An already encoded packet (e.g. one received from another process through a queue).
    public init(text: String, attachments: [[UInt8]] = []) {
        self.text = text
        self.attachments = attachments
    }
}

/// Where an ``Adapter`` delivers packets for a connected socket: the client connection.
public protocol SocketIOPacketReceiver: AnyObject, Sendable {
    /// Sends the packet to the client, its attachments right after its text.
    func receive(_ packet: EncodedSocketIOPacket)
}
