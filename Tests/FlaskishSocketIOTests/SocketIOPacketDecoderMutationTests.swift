import Flaskish
import Testing
@testable import FlaskishSocketIO

/// Damaged packets must fail with a SocketIOPacketError or decode to a valid packet; never crash.
struct SocketIOPacketDecoderMutationTests {
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let interestingBytes: [UInt8] = Array(#"0123456789-/,[]{}"_placeholder:truenum?"#.utf8) + [0x00, 0xFF]

    @Test func mutatedPacketsFailCleanlyOrReencode() {
        var random = SplitMix64(state: 42)
        var decodedCount = 0
        for (_, text, _) in SocketIOPacketEncodingTests.specExamples {
            let original = Array(text.utf8)
            for _ in 0..<300 {
                var bytes = original
                let position = Int.random(in: 0...bytes.count, using: &random)
                let byte = Self.interestingBytes.randomElement(using: &random) ?? 0
                if position < bytes.count, Bool.random(using: &random) { bytes[position] = byte } else { bytes.insert(byte, at: position) }
                var decoder = SocketIOPacketDecoder()
                do {
                    var packet = try decoder.decode(textBytes: bytes)
                    var attachments = 0
                    while packet == nil && attachments < 3 {
                        packet = try decoder.decode(binary: [UInt8(attachments)])
                        attachments += 1
                    }
                    if let packet {
                        decodedCount += 1
                        var again = SocketIOPacketDecoder()
                        let (text, blobs) = packet.encode()
                        var redecoded = try again.decode(text: text)
                        for blob in blobs { redecoded = try again.decode(binary: blob) }
                        #expect(redecoded == packet)
                    }
                } catch {
                    // Any SocketIOPacketError is a clean refusal.
                }
            }
        }
        #expect(decodedCount > 0)
    }
}
