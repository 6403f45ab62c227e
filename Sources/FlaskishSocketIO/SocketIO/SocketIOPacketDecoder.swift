import Flaskish

// Decoding (socket.io-protocol, "Packet encoding"), one Engine.IO message at a time:
//
//   text   = type-digit [ 1*DIGIT "-" ]  ; the count, required for BINARY_EVENT/BINARY_ACK only
//            [ "/" *( not "," ) [ "," ] ] ; namespace, to the comma or the end ("40/chat")
//            [ 1*DIGIT ]                  ; ack id
//            [ JSON ]
//
// As in python-socketio, a "?query" tail on the namespace (socket.io v2 clients) is dropped.
// A packet announcing n attachments completes with the n-th following binary message.

/// Turns Engine.IO messages into ``SocketIOPacket``s, holding a binary packet until its
/// attachments have arrived. One per connection; any error means the peer is misbehaving and
/// should be disconnected (the decoder is then reset and may be reused).
///
/// python-socketio: `Packet(encoded_packet=…)` plus `Packet.add_attachment`.
public struct SocketIOPacketDecoder: Sendable {
    /// What the decoder is waiting for.
    private enum State: Sendable {
        case idle
        case awaitingAttachments(PendingPacket)
    }

    /// A binary packet whose text has arrived.
    private struct PendingPacket: Sendable {
        var type: SocketIOPacket.PacketType
        var namespace: String
        var id: Int?
        var json: JSONValue?
        var expected: Int
        var attachments: [[UInt8]] = []
        var bytes = 0
    }

    /// The bounds applied to every packet.
    public let limits: SocketIOLimits
    private var state = State.idle

    /// A decoder enforcing `limits`.
    public init(limits: SocketIOLimits = SocketIOLimits()) {
        self.limits = limits
    }

    /// True while a binary packet waits for more attachments.
    public var isAwaitingAttachments: Bool {
        if case .awaitingAttachments = state { return true }
        return false
    }

    /// Decodes a text message.
    /// - Returns: the packet, or nil when it announced attachments that must come first.
    /// - Throws: ``SocketIOPacketError``; the decoder is reset.
    public mutating func decode(text: String) throws(SocketIOPacketError) -> SocketIOPacket? {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(SocketIOPacketError) in try decodeText(UnsafeRawBufferPointer(buffer)) }
        }
        return try result.get()
    }

    /// Decodes a text message given as UTF-8 bytes.
    /// - Returns: the packet, or nil when it announced attachments that must come first.
    /// - Throws: ``SocketIOPacketError``; the decoder is reset.
    public mutating func decode(textBytes: some Collection<UInt8>) throws(SocketIOPacketError) -> SocketIOPacket? {
        let result = textBytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(SocketIOPacketError) in try decodeText(UnsafeRawBufferPointer(buffer)) }
        }
        if let result { return try result.get() }
        return try decode(textBytes: Array(textBytes))
    }

    /// Decodes a binary message: the next attachment of the pending packet.
    /// - Returns: the packet once its last attachment is in, else nil.
    /// - Throws: ``SocketIOPacketError/unexpectedAttachment`` when no packet waits, or a limit
    ///   or placeholder error; the decoder is reset.
    public mutating func decode(binary: [UInt8]) throws(SocketIOPacketError) -> SocketIOPacket? {
        guard case .awaitingAttachments(var pending) = state else { throw .unexpectedAttachment }
        state = .idle
        pending.bytes += binary.count
        if pending.bytes > limits.maxAttachmentBytes { throw .attachmentsTooLarge(limit: limits.maxAttachmentBytes) }
        pending.attachments.append(binary)
        if pending.attachments.count < pending.expected {
            state = .awaitingAttachments(pending)
            return nil
        }
        return try Self.complete(pending)
    }

    /// Forgets a packet waiting for attachments (e.g. when its namespace disconnects).
    public mutating func reset() {
        state = .idle
    }

    private static func complete(_ pending: PendingPacket) throws(SocketIOPacketError) -> SocketIOPacket {
        // Placeholders mean something only in a packet that announced attachments; elsewhere
        // `{"_placeholder":true,…}` is plain data, as in python-socketio and the JS parser.
        let data = try pending.json.map { json throws(SocketIOPacketError) in
            pending.expected > 0
                ? try SocketIOValue.reconstructing(json, attachments: pending.attachments) : SocketIOValue(json)
        }
        return try SocketIOPacket(type: pending.type, namespace: pending.namespace, id: pending.id, data: data)
    }

    private mutating func decodeText(_ bytes: UnsafeRawBufferPointer) throws(SocketIOPacketError) -> SocketIOPacket? {
        if isAwaitingAttachments {
            state = .idle
            throw .unexpectedTextWhileAwaitingAttachments
        }
        guard let first = bytes.first else { throw .emptyPacket }
        guard first >= UInt8(ascii: "0"), let type = SocketIOPacket.PacketType(rawValue: first &- UInt8(ascii: "0")) else {
            throw .invalidType(first)
        }
        var index = 1
        let isBinary = type == .binaryEvent || type == .binaryAck
        var attachmentCount = 0
        if isBinary {
            attachmentCount = try readAttachmentCount(bytes, &index)
        }
        let namespace = try readNamespace(bytes, &index)
        let id = try readAckID(bytes, &index)
        var json: JSONValue?
        if index < bytes.count {
            do {
                json = try JSONValue(parsing: UnsafeRawBufferPointer(rebasing: bytes[index...]), limits: limits.json)
            } catch {
                throw .invalidJSON(error)
            }
        }
        if type.isEvent, case .string(let name)? = json?[0], SocketIOPacket.reservedEventNames.contains(name) {
            throw .reservedEventName(name)
        }
        let pending = PendingPacket(type: type, namespace: namespace, id: id, json: json, expected: attachmentCount)
        if attachmentCount > 0 {
            // Check the shape now, so a bad packet fails before its attachments are buffered.
            _ = try SocketIOPacket(type: type, namespace: namespace, id: id, data: json.map(SocketIOValue.init))
            state = .awaitingAttachments(pending)
            return nil
        }
        return try Self.complete(pending)
    }

    private func readAttachmentCount(_ bytes: UnsafeRawBufferPointer, _ index: inout Int) throws(SocketIOPacketError) -> Int {
        let start = index
        var count = 0
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
            count = count * 10 + Int(bytes[index] &- UInt8(ascii: "0"))
            if count > limits.maxAttachments { throw .tooManyAttachments(limit: limits.maxAttachments) }
            index += 1
        }
        guard index > start, index < bytes.count, bytes[index] == UInt8(ascii: "-") else { throw .invalidAttachmentCount }
        index += 1
        return count
    }

    private func readNamespace(_ bytes: UnsafeRawBufferPointer, _ index: inout Int) throws(SocketIOPacketError) -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "/") else { return "/" }
        let start = index
        var end = index
        while end < bytes.count, bytes[end] != UInt8(ascii: ",") { end += 1 }
        index = end < bytes.count ? end + 1 : end
        var nameEnd = start
        while nameEnd < end, bytes[nameEnd] != UInt8(ascii: "?") { nameEnd += 1 }
        guard let namespace = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<nameEnd]), as: UTF8.self) else {
            throw .invalidNamespace(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<nameEnd]), as: UTF8.self))
        }
        return namespace
    }

    private func readAckID(_ bytes: UnsafeRawBufferPointer, _ index: inout Int) throws(SocketIOPacketError) -> Int? {
        guard index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 else { return nil }
        var id = 0
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
            let (times10, o1) = id.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(Int(bytes[index] &- UInt8(ascii: "0")))
            if o1 || o2 { throw .invalidAckID }
            id = next
            index += 1
        }
        return id
    }
}
