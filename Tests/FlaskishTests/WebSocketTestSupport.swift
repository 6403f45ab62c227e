@testable import Flaskish

/// Helpers shared by the WebSocket codec tests.
enum WS {
    /// RFC 6455 §5.7: the masking key of the "masked Hello" example.
    static let exampleKey: UInt32 = 0x37FA_213D

    /// A masked client frame, as a browser would send it.
    static func client(_ opcode: WebSocketOpcode, _ payload: [UInt8], fin: Bool = true, key: UInt32 = exampleKey) -> [UInt8] {
        WebSocketFrameSerializer.clientFrame(WebSocketFrame(fin: fin, opcode: opcode, payload: payload), maskingKey: key)
    }

    static func client(_ opcode: WebSocketOpcode, _ text: String, fin: Bool = true) -> [UInt8] {
        client(opcode, Array(text.utf8), fin: fin)
    }

    /// Feeds `bytes` to a fresh parser in two chunks split at `split`, then returns the frames
    /// or the error.
    static func parse(
        _ bytes: [UInt8], split: Int, role: WebSocketFrameParser.Role = .server, maxFrameSize: Int = 1_000_000
    ) -> Result<[WebSocketFrame], WebSocketProtocolError> {
        var parser = WebSocketFrameParser(role: role, maxFrameSize: maxFrameSize)
        do throws(WebSocketProtocolError) {
            var frames = try parser.parse(Array(bytes[..<split]))
            frames += try parser.parse(Array(bytes[split...]))
            return .success(frames)
        } catch {
            return .failure(error)
        }
    }

    /// The same as `parse(_:split:)` for every split from 0 to `bytes.count`.
    static func parseEverySplit(
        _ bytes: [UInt8], role: WebSocketFrameParser.Role = .server, maxFrameSize: Int = 1_000_000
    ) -> [Result<[WebSocketFrame], WebSocketProtocolError>] {
        (0...bytes.count).map { parse(bytes, split: $0, role: role, maxFrameSize: maxFrameSize) }
    }
}

/// SplitMix64: a seeded generator, so random masking keys and splits are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
