import Flaskish

// Packet grammar, Engine.IO protocol v4 ("Protocol" and "Packet encoding" sections of
// socketio/engine.io-protocol):
//
//   text packet     = type [data]             type = "0" open | "1" close | "2" ping | "3" pong
//                                                    | "4" message | "5" upgrade | "6" noop
//   polling binary  = "b" base64(data)         always a message; v4 writes no type digit
//   WebSocket       = a text frame holding a text packet, or a binary frame whose bytes
//                     are the message data as is (no type prefix in v4)
//
// Data is kept as the string it arrived as: Socket.IO parses it, and python-engineio's
// JSON-decoding of packet data (and its refusal of integer data) lives in that layer here.

/// One Engine.IO packet.
///
/// python-engineio: `engineio.packet.Packet` (`OPEN … NOOP`, `encode(b64=)`, `decode`).
package struct EngineIOPacket: Hashable, Sendable, CustomStringConvertible {
    /// The packet type (spec table "Protocol"). A closed set fixed by the spec, hence an enum.
    package enum Kind: UInt8, Hashable, Sendable, CaseIterable {
        /// `0`: the handshake, carrying `EngineIOHandshake.json`.
        case open = 0
        /// `1`: the transport (and so the session) may be closed.
        case close
        /// `2`: the server's heartbeat, or the client's `2probe` during an upgrade.
        case ping
        /// `3`: the answer to a ping.
        case pong
        /// `4`: application data.
        case message
        /// `5`: the client switches to the probed WebSocket.
        case upgrade
        /// `6`: nothing; releases a pending poll during an upgrade.
        case noop
    }

    /// What a packet carries: text, or (messages only) raw bytes.
    package enum Payload: Hashable, Sendable {
        /// UTF-8 text, written after the type digit.
        case text(String)
        /// Bytes: base64 in polling payloads, a binary frame over WebSocket.
        case binary([UInt8])
    }

    /// A packet as one WebSocket frame: a text frame or a binary frame.
    package enum WebSocketFrame: Hashable, Sendable {
        /// A text frame: type digit and data.
        case text(String)
        /// A binary frame: message bytes with no prefix.
        case binary([UInt8])

        /// The frame serialized as a server sends it (unmasked), for `WebSocket.sendNow`.
        package var serverBytes: [UInt8] {
            switch self {
            case .text(let text): WebSocketFrameSerializer.serverText(text)
            case .binary(let bytes): WebSocketFrameSerializer.serverFrame(Flaskish.WebSocketFrame(opcode: .binary, payload: bytes))
            }
        }
    }

    /// Why bytes are not a packet. Every case answers a request with 400 / closes the session.
    package enum DecodingError: Error, Hashable, Sendable {
        /// An empty packet (an empty frame, or nothing between two separators).
        case empty
        /// A first character that is neither a type digit nor `b`.
        case unknownType(UInt8)
        /// A `b` packet whose rest is not strict base64.
        case invalidBase64
        /// Text that is not UTF-8.
        case invalidUTF8
    }

    /// The packet type.
    package private(set) var kind: Kind
    /// The data.
    package private(set) var payload: Payload

    /// A text packet: `kind` followed by `text` on the wire.
    package init(_ kind: Kind, _ text: String = "") {
        self.kind = kind
        self.payload = .text(text)
    }

    /// A text message (`4<text>`).
    package static func message(_ text: String) -> EngineIOPacket { EngineIOPacket(.message, text) }
    /// A binary message: `b<base64>` in a polling payload, a binary frame over WebSocket.
    package static func binary(_ bytes: [UInt8]) -> EngineIOPacket {
        var packet = EngineIOPacket(.message)
        packet.payload = .binary(bytes)
        return packet
    }
    /// `2`, the server's heartbeat ping.
    package static let ping = EngineIOPacket(.ping)
    /// `3`
    package static let pong = EngineIOPacket(.pong)
    /// `1`
    package static let close = EngineIOPacket(.close)
    /// `5`
    package static let upgrade = EngineIOPacket(.upgrade)
    /// `6`, which releases a pending poll during an upgrade.
    package static let noop = EngineIOPacket(.noop)

    /// The text of a text packet, nil for binary.
    package var text: String? {
        if case .text(let text) = payload { return text }
        return nil
    }

    // MARK: Encoding

    /// The packet inside an HTTP long-polling payload (`4hello`, `bAQIDBA==`).
    package var pollingText: String {
        switch payload {
        case .text(let text): return String(kind.rawValue) + text
        case .binary(let bytes): return "b" + Base64.encode(bytes)
        }
    }

    /// The packet as its own WebSocket frame.
    package var webSocketFrame: WebSocketFrame {
        switch payload {
        case .text(let text): return .text(String(kind.rawValue) + text)
        case .binary(let bytes): return .binary(bytes)
        }
    }

    package var description: String { pollingText }

    // MARK: Decoding

    /// Decodes a WebSocket frame; a binary frame is always a message.
    package init(decoding frame: WebSocketFrame) throws(DecodingError) {
        switch frame {
        case .text(let text): try self.init(decodingText: text)
        case .binary(let bytes): self = .binary(bytes)
        }
    }

    /// Decodes a text packet: a WebSocket text frame or one segment of a polling payload.
    package init(decodingText text: String) throws(DecodingError) {
        var text = text
        let decoded = text.withUTF8 { utf8 -> Result<EngineIOPacket, DecodingError> in
            do throws(DecodingError) {
                return .success(try EngineIOPacket(decodingUTF8: UnsafeRawBufferPointer(utf8)))
            } catch {
                return .failure(error)
            }
        }
        self = try decoded.get()
    }

    /// Decodes a packet from bytes already known to be valid UTF-8 (or ASCII base64).
    package init(decodingUTF8 bytes: UnsafeRawBufferPointer) throws(DecodingError) {
        guard let first = bytes.first else { throw .empty }
        let rest = UnsafeRawBufferPointer(rebasing: bytes[1...])
        if first == UInt8(ascii: "b") {
            guard let data = Base64.decode(rest) else { throw .invalidBase64 }
            self = .binary(data)
            return
        }
        guard first >= UInt8(ascii: "0"), let kind = Kind(rawValue: first - UInt8(ascii: "0")) else {
            throw .unknownType(first)
        }
        self.init(kind, String(decoding: rest, as: UTF8.self))
    }
}
