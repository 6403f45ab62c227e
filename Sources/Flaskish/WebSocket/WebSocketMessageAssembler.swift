// Message rules of RFC 6455:
//   §5.4  a message is one text/binary frame with FIN, or a text/binary frame without FIN,
//         any number of continuation frames without FIN, and a continuation frame with FIN;
//         control frames may come between fragments; nothing else may.
//   §5.5.1 a close payload is empty, or a 2-byte big-endian code followed by a UTF-8 reason.
//   §8.1  text must be valid UTF-8; we check each fragment as it arrives (fail fast).

/// Reassembles frames into messages, enforcing fragmentation rules, a message size limit
/// and UTF-8 validity of text.
package struct WebSocketMessageAssembler: Sendable {
    /// The default message limit: Engine.IO's `maxPayload` and DESIGN.md's 1 MB.
    package static let defaultMaxMessageSize = 1_000_000

    /// The largest message accepted, summed over its fragments; more fails with 1009.
    package let maxMessageSize: Int

    private var fragmentOpcode: WebSocketOpcode?
    private var fragments: [UInt8] = []
    private var utf8 = UTF8Validator()

    /// An assembler refusing messages above `maxMessageSize` bytes.
    package init(maxMessageSize: Int = defaultMaxMessageSize) {
        self.maxMessageSize = maxMessageSize
    }

    /// True while a fragmented message is open.
    package var isAssembling: Bool { fragmentOpcode != nil }

    /// Takes the next frame; returns a message when one is complete.
    package mutating func append(_ frame: WebSocketFrame) throws(WebSocketProtocolError) -> WebSocketMessage? {
        switch frame.opcode {
        case .ping:
            return .ping(frame.payload)
        case .pong:
            return .pong(frame.payload)
        case .close:
            let (code, reason) = try Self.parseClosePayload(frame.payload)
            return .close(code: code, reason: reason)
        case .continuation:
            guard let opcode = fragmentOpcode else { throw .unexpectedContinuation }
            return try appendFragment(frame.payload, opcode: opcode, fin: frame.fin)
        case .text, .binary:
            if fragmentOpcode != nil { throw .expectedContinuation }
            if frame.fin {
                // The common case: one frame, no copy.
                if frame.payload.count > maxMessageSize { throw .messageTooLarge(limit: maxMessageSize) }
                if frame.opcode == .binary { return .binary(frame.payload) }
                guard UTF8Validator.isValid(frame.payload) else { throw .invalidUTF8 }
                return .text(String(decoding: frame.payload, as: UTF8.self))
            }
            fragmentOpcode = frame.opcode
            utf8 = UTF8Validator()
            fragments = []
            return try appendFragment(frame.payload, opcode: frame.opcode, fin: false)
        default:
            throw .reservedOpcode(frame.opcode.rawValue)
        }
    }

    private mutating func appendFragment(
        _ payload: [UInt8], opcode: WebSocketOpcode, fin: Bool
    ) throws(WebSocketProtocolError) -> WebSocketMessage? {
        if payload.count > maxMessageSize - fragments.count { throw .messageTooLarge(limit: maxMessageSize) }
        if opcode == .text, !utf8.validate(payload) { throw .invalidUTF8 }
        fragments.append(contentsOf: payload)
        guard fin else { return nil }
        fragmentOpcode = nil
        let message = fragments
        fragments = []
        if opcode == .binary { return .binary(message) }
        guard utf8.isComplete else { throw .invalidUTF8 }
        return .text(String(decoding: message, as: UTF8.self))
    }

    /// Splits a close payload into its code and reason (§5.5.1, §7.4). An empty payload has
    /// no code; one byte, a code that may not be sent, or a reason that is not UTF-8 fail.
    package static func parseClosePayload(
        _ payload: [UInt8]
    ) throws(WebSocketProtocolError) -> (code: WebSocketCloseCode?, reason: String) {
        if payload.isEmpty { return (nil, "") }
        if payload.count == 1 { throw .invalidClosePayload }
        let code = WebSocketCloseCode(rawValue: UInt16(payload[0]) << 8 | UInt16(payload[1]))
        guard code.isValidOnTheWire else { throw .invalidCloseCode(code.rawValue) }
        let reasonBytes = Array(payload[2...])
        guard UTF8Validator.isValid(reasonBytes) else { throw .invalidUTF8 }
        return (code, String(decoding: reasonBytes, as: UTF8.self))
    }
}
