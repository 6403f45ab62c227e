import Flaskish

/// A message encoded once for many sockets: its packet, and its WebSocket frame already
/// serialized, so a broadcast to a thousand WebSocket clients builds one frame, not a
/// thousand (the Socket.IO layer's fan-out uses it).
package struct EngineIOPreparedMessage: Sendable {
    /// The packet, for sockets still on polling (or mid-upgrade).
    let packet: EngineIOPacket
    /// The server frame carrying the packet.
    let webSocketFrame: [UInt8]

    /// Encodes `message` for `EngineIOSocket.send(prepared:)`.
    package init(_ message: EngineIOMessage) {
        switch message {
        case .text(let text): packet = .message(text)
        case .binary(let bytes): packet = .binary(bytes)
        }
        webSocketFrame = packet.webSocketFrame.serverBytes
    }
}
