// Frame grammar (RFC 6455 §5.2), most significant bit first:
//
//   byte 0      FIN | RSV1 | RSV2 | RSV3 | opcode (4 bits)
//   byte 1      MASK | length (7 bits)
//   length 0–125: the payload length; 126: a 16-bit big-endian length follows;
//   127: a 64-bit big-endian length follows, most significant bit zero
//   MASK set:   a 4-byte masking key follows (§5.3)
//   payload     `length` bytes, XORed with the key when masked
//
// Everything that can be judged from the header (masking, RSV bits, opcode, control-frame
// rules, the size limit) is judged before any payload byte is buffered.

/// An incremental WebSocket frame parser. Feed it whatever bytes arrived; it consumes as
/// many as it can and returns a frame when one is complete, so the caller loops on the rest.
///
/// ```swift
/// var offset = 0
/// while offset < bytes.count {
///     let (consumed, frame) = try parser.parse(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
///     offset += consumed
///     guard let frame else { break }   // need more bytes
///     handle(frame)
/// }
/// ```
package struct WebSocketFrameParser: Sendable {
    /// Which end of the connection parses: a server requires masked frames, a client
    /// requires unmasked ones (§5.1).
    package enum Role: Sendable, Hashable {
        /// Parses frames sent by a client (masked).
        case server
        /// Parses frames sent by a server (unmasked).
        case client
    }

    /// The default frame limit: Engine.IO's `maxPayload` and DESIGN.md's 1 MB.
    package static let defaultMaxFrameSize = 1_000_000
    /// Payload bytes reserved up front at most, so a header that claims a large frame does
    /// not allocate for bytes that were never sent.
    static let maxUpfrontReservation = 64 * 1024

    /// Who sent the frames being parsed.
    package let role: Role
    /// The largest payload accepted; a larger declared length fails with 1009.
    package let maxFrameSize: Int

    private enum State: Sendable {
        case header
        case payload
        case failed(WebSocketProtocolError)
    }

    private var state = State.header
    private var header: [UInt8] = []
    private var fin = false
    private var opcode = WebSocketOpcode.continuation
    private var maskingKey: UInt32?
    private var payloadLength = 0
    private var payload: [UInt8] = []

    /// A parser for frames from the peer of `role`, refusing frames above `maxFrameSize`.
    package init(role: Role = .server, maxFrameSize: Int = defaultMaxFrameSize) {
        self.role = role
        self.maxFrameSize = max(0, maxFrameSize)
        header.reserveCapacity(14)
    }

    /// True when no partial frame is buffered.
    package var isAtFrameBoundary: Bool {
        if case .header = state { return header.isEmpty }
        return false
    }

    /// Consumes bytes from the front of `input`; returns how many, and the frame they
    /// completed if any. After an error every later call throws the same error.
    package mutating func parse(
        _ input: UnsafeRawBufferPointer
    ) throws(WebSocketProtocolError) -> (consumed: Int, frame: WebSocketFrame?) {
        var offset = 0
        while true {
            switch state {
            case .failed(let error):
                throw error
            case .header:
                let needed = header.count < 2 ? 2 : headerLength()
                if header.count < needed {
                    let take = min(needed - header.count, input.count - offset)
                    if take == 0 { return (offset, nil) }
                    header.append(contentsOf: input[offset..<(offset + take)])
                    offset += take
                    if header.count == 2 {
                        do throws(WebSocketProtocolError) { try validateFirstTwoBytes() } catch {
                            state = .failed(error)
                            throw error
                        }
                    }
                    continue
                }
                do throws(WebSocketProtocolError) { try finishHeader() } catch {
                    state = .failed(error)
                    throw error
                }
                if payloadLength == 0 { return (offset, emitFrame()) }
            case .payload:
                let take = min(payloadLength - payload.count, input.count - offset)
                if take > 0 {
                    let start = payload.count
                    payload.append(contentsOf: input[offset..<(offset + take)])
                    if let key = maskingKey {
                        payload.withUnsafeMutableBytes { all in
                            WebSocketMasking.apply(
                                key: key, to: UnsafeMutableRawBufferPointer(rebasing: all[start...]), phase: start)
                        }
                    }
                    offset += take
                }
                if payload.count == payloadLength { return (offset, emitFrame()) }
                return (offset, nil)
            }
        }
    }

    /// Parses every complete frame in `bytes`, keeping any trailing partial frame buffered
    /// for the next call.
    package mutating func parse(_ bytes: [UInt8]) throws(WebSocketProtocolError) -> [WebSocketFrame] {
        var frames: [WebSocketFrame] = []
        var offset = 0
        let result: Result<Void, WebSocketProtocolError> = bytes.withUnsafeBytes { raw in
            do throws(WebSocketProtocolError) {
                while true {
                    let (consumed, frame) = try parse(UnsafeRawBufferPointer(rebasing: raw[offset...]))
                    offset += consumed
                    guard let frame else { return .success(()) }
                    frames.append(frame)
                }
            } catch {
                return .failure(error)
            }
        }
        try result.get()
        return frames
    }

    // MARK: Header

    private func headerLength() -> Int {
        let lengthCode = header[1] & 0x7F
        let extended = lengthCode == 126 ? 2 : (lengthCode == 127 ? 8 : 0)
        return 2 + extended + (header[1] & 0x80 != 0 ? 4 : 0)
    }

    private func validateFirstTwoBytes() throws(WebSocketProtocolError) {
        let first = header[0], second = header[1]
        if first & 0x70 != 0 { throw .reservedBitsSet }
        let opcode = WebSocketOpcode(rawValue: first & 0x0F)
        if !opcode.isDefined { throw .reservedOpcode(opcode.rawValue) }
        let masked = second & 0x80 != 0
        if masked != (role == .server) { throw .maskingMismatch(expectedMasked: role == .server) }
        if opcode.isControl {
            if first & 0x80 == 0 { throw .fragmentedControlFrame }
            let lengthCode = Int(second & 0x7F)
            if lengthCode > 125 { throw .controlFrameTooLong(lengthCode) }
        }
    }

    private mutating func finishHeader() throws(WebSocketProtocolError) {
        fin = header[0] & 0x80 != 0
        opcode = WebSocketOpcode(rawValue: header[0] & 0x0F)
        let lengthCode = header[1] & 0x7F
        var length = UInt64(lengthCode)
        var index = 2
        if lengthCode == 126 {
            length = UInt64(header[2]) << 8 | UInt64(header[3])
            index = 4
        } else if lengthCode == 127 {
            length = 0
            for i in 2..<10 { length = length << 8 | UInt64(header[i]) }
            index = 10
            if length & (1 << 63) != 0 { throw .invalidPayloadLength }
        }
        if length > UInt64(maxFrameSize) { throw .frameTooLarge(length: length, limit: maxFrameSize) }
        if header[1] & 0x80 != 0 {
            maskingKey = UInt32(header[index]) << 24 | UInt32(header[index + 1]) << 16
                | UInt32(header[index + 2]) << 8 | UInt32(header[index + 3])
        } else {
            maskingKey = nil
        }
        payloadLength = Int(length)
        payload = []
        payload.reserveCapacity(min(payloadLength, Self.maxUpfrontReservation))
        state = .payload
    }

    private mutating func emitFrame() -> WebSocketFrame {
        let frame = WebSocketFrame(fin: fin, opcode: opcode, payload: payload)
        payload = []
        header.removeAll(keepingCapacity: true)
        state = .header
        return frame
    }
}
