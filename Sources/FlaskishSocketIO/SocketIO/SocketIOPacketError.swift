import Flaskish

/// Why a Socket.IO packet was refused. The server disconnects the client that sent it, as
/// python-socketio does when `Packet.decode` raises.
public enum SocketIOPacketError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An empty text message.
    case emptyPacket
    /// The first character is not a packet type digit `0`–`6`.
    case invalidType(UInt8)
    /// A BINARY_EVENT/BINARY_ACK whose attachment count is missing or not followed by `-`.
    case invalidAttachmentCount
    /// More attachments announced than ``SocketIOLimits/maxAttachments``.
    case tooManyAttachments(limit: Int)
    /// Attachments larger in total than ``SocketIOLimits/maxAttachmentBytes``.
    case attachmentsTooLarge(limit: Int)
    /// A namespace that does not start with `/`, holds a `,`, or is not UTF-8.
    case invalidNamespace(String)
    /// An acknowledgement id that is negative or does not fit in `Int`.
    case invalidAckID
    /// The payload is not valid JSON.
    case invalidJSON(JSONParseError)
    /// The payload's shape does not suit the packet type (e.g. an EVENT that is not a
    /// non-empty array starting with a string).
    case invalidPayload(SocketIOPacket.PacketType, String)
    /// An event named like one Socket.IO reserves (`connect`, `disconnect`, …), which a peer
    /// may not send; the JavaScript parser refuses these too.
    case reservedEventName(String)
    /// A placeholder whose `num` is not an index into the attachments received.
    case invalidPlaceholder(JSONValue, attachmentCount: Int)
    /// A binary message arrived when no packet was waiting for attachments.
    case unexpectedAttachment
    /// A text message arrived while a packet still waited for attachments.
    case unexpectedTextWhileAwaitingAttachments

    /// A sentence for logs.
    public var description: String {
        switch self {
        case .emptyPacket: "Empty packet"
        case .invalidType(let byte): "Invalid packet type \(byte < 0x80 ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(byte)")"
        case .invalidAttachmentCount: "Invalid attachment count"
        case .tooManyAttachments(let limit): "Too many attachments (limit \(limit))"
        case .attachmentsTooLarge(let limit): "Attachments larger than \(limit) bytes"
        case .invalidNamespace(let namespace): "Invalid namespace \"\(namespace)\""
        case .invalidAckID: "Invalid acknowledgement id"
        case .invalidJSON(let error): "Invalid JSON payload: \(error)"
        case .invalidPayload(let type, let reason): "Invalid \(type) payload: \(reason)"
        case .reservedEventName(let name): "Reserved event name \"\(name)\""
        case .invalidPlaceholder(let num, let count):
            "Invalid placeholder num \(num.serializedString(options: .socketIO)) for \(count) attachment(s)"
        case .unexpectedAttachment: "Unexpected binary attachment"
        case .unexpectedTextWhileAwaitingAttachments: "Text packet received while awaiting binary attachments"
        }
    }
}
