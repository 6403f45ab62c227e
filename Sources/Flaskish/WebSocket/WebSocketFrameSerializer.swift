// Writes the frame grammar of RFC 6455 §5.2 (see WebSocketFrameParser.swift): the shortest
// length form that fits, MASK clear for server frames (§5.1) and set, with the payload XORed,
// for client frames (§5.3).

/// Turns frames into wire bytes.
package enum WebSocketFrameSerializer {
    /// The header size for a payload of `length` bytes: 2, 4 or 10, plus 4 when masked.
    package static func headerSize(payloadLength length: Int, masked: Bool = false) -> Int {
        (length < 126 ? 2 : (length <= 0xFFFF ? 4 : 10)) + (masked ? 4 : 0)
    }

    /// Appends a frame header to `out`, so an engine can `writev` it next to a payload it
    /// already holds without copying the payload.
    package static func appendHeader(
        fin: Bool = true, opcode: WebSocketOpcode, payloadLength length: Int,
        maskingKey: UInt32? = nil, to out: inout [UInt8]
    ) {
        out.append((fin ? 0x80 : 0) | opcode.rawValue)
        let maskBit: UInt8 = maskingKey == nil ? 0 : 0x80
        if length < 126 {
            out.append(maskBit | UInt8(length))
        } else if length <= 0xFFFF {
            out.append(maskBit | 126)
            out.append(UInt8(truncatingIfNeeded: length >> 8))
            out.append(UInt8(truncatingIfNeeded: length))
        } else {
            out.append(maskBit | 127)
            let wide = UInt64(length)
            for shift in stride(from: 56, through: 0, by: -8) {
                out.append(UInt8(truncatingIfNeeded: wide >> UInt64(shift)))
            }
        }
        if let key = maskingKey {
            out.append(UInt8(truncatingIfNeeded: key >> 24))
            out.append(UInt8(truncatingIfNeeded: key >> 16))
            out.append(UInt8(truncatingIfNeeded: key >> 8))
            out.append(UInt8(truncatingIfNeeded: key))
        }
    }

    /// A server frame: header and payload, unmasked.
    package static func serverFrame(_ frame: WebSocketFrame) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(headerSize(payloadLength: frame.payload.count) + frame.payload.count)
        appendHeader(fin: frame.fin, opcode: frame.opcode, payloadLength: frame.payload.count, to: &out)
        out.append(contentsOf: frame.payload)
        return out
    }

    /// A complete unfragmented server text message.
    package static func serverText(_ text: String) -> [UInt8] {
        serverFrame(WebSocketFrame(opcode: .text, payload: Array(text.utf8)))
    }

    /// A client frame masked with `maskingKey` (big-endian: its first byte masks the first
    /// payload byte). Tests and the load generator pass fixed keys for reproducible bytes.
    package static func clientFrame(_ frame: WebSocketFrame, maskingKey: UInt32) -> [UInt8] {
        let length = frame.payload.count
        var out: [UInt8] = []
        out.reserveCapacity(headerSize(payloadLength: length, masked: true) + length)
        appendHeader(fin: frame.fin, opcode: frame.opcode, payloadLength: length, maskingKey: maskingKey, to: &out)
        let start = out.count
        out.append(contentsOf: frame.payload)
        out.withUnsafeMutableBytes { all in
            WebSocketMasking.apply(key: maskingKey, to: UnsafeMutableRawBufferPointer(rebasing: all[start...]), phase: 0)
        }
        return out
    }

    /// A client frame masked with a key drawn from `generator`, as §5.3 asks of real clients.
    package static func clientFrame(
        _ frame: WebSocketFrame, using generator: inout some RandomNumberGenerator
    ) -> [UInt8] {
        clientFrame(frame, maskingKey: UInt32.random(in: .min ... .max, using: &generator))
    }

    /// The payload of a close frame (§5.5.1): nothing when `code` is nil, else the code
    /// big-endian followed by the UTF-8 reason, cut on a character boundary so the whole
    /// payload stays within the 125-byte control-frame limit.
    package static func closePayload(code: WebSocketCloseCode?, reason: String = "") -> [UInt8] {
        guard let code else { return [] }
        var out: [UInt8] = [UInt8(truncatingIfNeeded: code.rawValue >> 8), UInt8(truncatingIfNeeded: code.rawValue)]
        for scalar in reason.unicodeScalars {
            let encoded = Array(String(scalar).utf8)
            if out.count + encoded.count > 125 { break }
            out.append(contentsOf: encoded)
        }
        return out
    }
}
