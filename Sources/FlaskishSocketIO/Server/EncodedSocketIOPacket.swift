import Flaskish

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

extension EncodedSocketIOPacket {
    /// Hands the packet to every receiver: how an ``Adapter`` should deliver a broadcast.
    ///
    /// Receivers that are this server's WebSocket clients share one Engine.IO frame, posted
    /// with one job per event loop; the others get ``SocketIOPacketReceiver/receive(_:)``.
    /// A thousand-client broadcast thus encodes once and wakes each loop once.
    public func deliver(to receivers: [any SocketIOPacketReceiver]) {
        guard attachments.isEmpty, receivers.count > 1 else {
            for receiver in receivers { receiver.receive(self) }
            return
        }
        var direct: [Connection] = []
        direct.reserveCapacity(receivers.count)
        for receiver in receivers {
            if let client = receiver as? SocketIOClientConnection, let connection = client.directConnection {
                direct.append(connection)
            } else {
                receiver.receive(self)
            }
        }
        guard !direct.isEmpty else { return }
        let frame = EngineIOPreparedMessage(.text(text)).webSocketFrame
        WebSocket.sendNow(frame: frame, to: direct)
    }
}

/// Where an ``Adapter`` delivers packets for a connected socket: the client connection.
public protocol SocketIOPacketReceiver: AnyObject, Sendable {
    /// Sends the packet to the client, its attachments right after its text.
    func receive(_ packet: EncodedSocketIOPacket)
}
