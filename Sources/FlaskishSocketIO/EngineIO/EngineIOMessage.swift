/// One Engine.IO message, as the server's handlers receive it and as sockets send it.
///
/// python-engineio: the `data` of a `message` event, `str` or `bytes`.
public enum EngineIOMessage: Hashable, Sendable {
    /// A text message (`4<text>` on the wire).
    case text(String)
    /// A binary message (`b<base64>` in a polling payload, a binary frame on WebSocket).
    case binary([UInt8])

    init(_ payload: EngineIOPacket.Payload) {
        switch payload {
        case .text(let text): self = .text(text)
        case .binary(let bytes): self = .binary(bytes)
        }
    }
}
