import Flaskish
import FlaskishSocketIO

/// Engine.IO polling payloads and single packets.
enum FuzzEngineIO {
    private static let limits = EngineIOPayload.Limits(maxPayloadBytes: 64 * 1024)

    /// The streaming payload decoder, fed `chunks`, then finished.
    private static func stream(_ chunks: [UnsafeRawBufferPointer]) -> Result<[EngineIOPacket], EngineIOPayload.DecodingError> {
        var decoder = EngineIOPayloadDecoder(limits: limits)
        var packets: [EngineIOPacket] = []
        do throws(EngineIOPayload.DecodingError) {
            for chunk in chunks { packets += try decoder.decode(chunk) }
            packets += try decoder.finish()
            return .success(packets)
        } catch {
            return .failure(error)
        }
    }

    static func run(_ input: UnsafeRawBufferPointer) {
        // One packet, as a WebSocket text frame carries it; re-encoding gives it back.
        if let packet = try? EngineIOPacket(decodingUTF8: input) {
            let again = try? EngineIOPacket(decodingText: packet.pollingText)
            Fuzz.check(again == packet, "engineio", "packet round trip of \(packet)")
        }

        // A polling body, whole and in two pieces.
        let whole = stream([input])
        let cut = Fuzz.splitPoint(input)
        let split = stream([UnsafeRawBufferPointer(rebasing: input[..<cut]), UnsafeRawBufferPointer(rebasing: input[cut...])])
        switch (whole, split) {
        case (.success(let a), .success(let b)):
            Fuzz.check(a == b, "engineio", "split at \(cut) gives other packets")
            let encoded = EngineIOPayload.encode(a)
            let decoded = try? EngineIOPayload.decode(encoded, limits: EngineIOPayload.Limits(maxPayloadBytes: .max))
            Fuzz.check(decoded == a, "engineio", "payload round trip of \(a)")
        case (.failure, .failure):
            break
        default:
            Fuzz.check(false, "engineio", "split at \(cut): \(whole) vs \(split)")
        }
        _ = try? EngineIOPayload.decode(Array(input), limits: limits)
    }
}
