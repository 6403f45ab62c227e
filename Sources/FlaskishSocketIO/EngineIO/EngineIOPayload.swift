// Polling payload grammar, Engine.IO v4 ("Packet encoding › HTTP long-polling"):
//
//   payload = packet *( %x1E packet )        %x1E is the ASCII record separator
//   packet  = <text packet> | "b" base64     (see EngineIOPacket.swift)
//
// The body is UTF-8. 0x1E never occurs inside a multi-byte UTF-8 sequence, so bytes can be
// split on it before decoding.

/// Encoding and one-shot decoding of HTTP long-polling payloads.
///
/// python-engineio: `engineio.payload.Payload`. Its `max_decode_packets = 16` is not kept: a
/// client (python-socketio's among them) may put every queued packet into one POST, and Node's
/// engine.io counts only bytes, so the one limit is `maxPayloadBytes`.
package enum EngineIOPayload {
    /// The `Content-Type` of a GET answer carrying a payload (python-engineio's `_ok`).
    package static let contentType = "text/plain; charset=UTF-8"

    /// The record separator between packets.
    package static let separator: UInt8 = 0x1E

    /// The limits a decoded payload must respect.
    package struct Limits: Hashable, Sendable {
        /// Engine.IO's default `maxPayload` / python-engineio's `max_http_buffer_size`.
        package static let defaultMaxPayloadBytes = 1_000_000

        /// The most bytes in one payload; more → 400, detected before the rest is read.
        /// Any number of packets fits within it.
        package var maxPayloadBytes: Int

        /// Limits with the python-engineio default size.
        package init(maxPayloadBytes: Int = defaultMaxPayloadBytes) {
            self.maxPayloadBytes = maxPayloadBytes
        }
    }

    /// Why a payload was refused. All of them answer the POST with 400.
    package enum DecodingError: Error, Hashable, Sendable {
        /// More than `maxPayloadBytes` bytes.
        case payloadTooLarge(limit: Int)
        /// A segment that is not a packet.
        case invalidPacket(EngineIOPacket.DecodingError)

        /// The Engine.IO error answer for this failure.
        package var engineIOError: EngineIOError { .badRequest }
    }

    /// The packets joined with the separator, as a GET response body.
    package static func encode(_ packets: [EngineIOPacket]) -> String {
        var out = ""
        for (index, packet) in packets.enumerated() {
            if index > 0 { out.unicodeScalars.append("\u{1E}") }
            out += packet.pollingText
        }
        return out
    }

    /// Decodes a whole POST body.
    package static func decode(
        _ body: UnsafeRawBufferPointer, limits: Limits = Limits()
    ) throws(DecodingError) -> [EngineIOPacket] {
        var decoder = EngineIOPayloadDecoder(limits: limits)
        var packets = try decoder.decode(body)
        packets += try decoder.finish()
        return packets
    }

    /// Decodes a whole POST body.
    package static func decode(_ body: [UInt8], limits: Limits = Limits()) throws(DecodingError) -> [EngineIOPacket] {
        let result = body.withUnsafeBytes { raw -> Result<[EngineIOPacket], DecodingError> in
            do throws(DecodingError) { return .success(try decode(raw, limits: limits)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Decodes a whole POST body given as text.
    package static func decode(_ body: String, limits: Limits = Limits()) throws(DecodingError) -> [EngineIOPacket] {
        try decode(Array(body.utf8), limits: limits)
    }
}
