import Testing
@testable import Flaskish

struct WebSocketFrameSerializerTests {
    let hello = Array("Hello".utf8)

    @Test func serverTextIsUnmasked() {
        // RFC 6455 §5.7 "A single-frame unmasked text message".
        #expect(WebSocketFrameSerializer.serverText("Hello") == [0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F])
    }

    @Test func clientFrameMatchesTheRFCMaskedExample() {
        #expect(WS.client(.text, hello) == [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58])
        // §5.7 "Unmasked Ping request and masked Ping response".
        #expect(WS.client(.pong, hello) == [0x8A, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58])
    }

    @Test func lengthFormsMatchTheRFCExamples() {
        // §5.7: 256 bytes use the 16-bit form, 64 KiB the 64-bit form.
        let medium = WebSocketFrameSerializer.serverFrame(WebSocketFrame(opcode: .binary, payload: [UInt8](repeating: 0, count: 256)))
        #expect(Array(medium.prefix(4)) == [0x82, 0x7E, 0x01, 0x00])
        let large = WebSocketFrameSerializer.serverFrame(WebSocketFrame(opcode: .binary, payload: [UInt8](repeating: 0, count: 65536)))
        #expect(Array(large.prefix(10)) == [0x82, 0x7F, 0, 0, 0, 0, 0, 1, 0, 0])
        #expect(large.count == 65536 + 10)
    }

    @Test(arguments: [0, 125, 126, 65535, 65536])
    func headerSizeBoundaries(length: Int) {
        var header: [UInt8] = []
        WebSocketFrameSerializer.appendHeader(opcode: .binary, payloadLength: length, to: &header)
        #expect(header.count == WebSocketFrameSerializer.headerSize(payloadLength: length))
    }

    @Test func fragmentsClearFin() {
        let frame = WebSocketFrameSerializer.serverFrame(WebSocketFrame(fin: false, opcode: .text, payload: [0x48]))
        #expect(frame == [0x01, 0x01, 0x48])
    }

    @Test func closePayloadCarriesCodeThenReason() {
        #expect(WebSocketFrameSerializer.closePayload(code: .normalClosure, reason: "bye") == [0x03, 0xE8, 0x62, 0x79, 0x65])
        #expect(WebSocketFrameSerializer.closePayload(code: nil, reason: "ignored") == [])
    }

    @Test func closeReasonIsCutOnACharacterBoundaryWithin125Bytes() {
        let payload = WebSocketFrameSerializer.closePayload(code: .goingAway, reason: String(repeating: "é", count: 100))
        #expect(payload.count == 124)   // 2 + 61 × 2 bytes: a 62nd "é" would make 126
        #expect(UTF8Validator.isValid(Array(payload.dropFirst(2))))
    }

    @Test func serverFramesRoundTripThroughAClientParser() throws {
        var parser = WebSocketFrameParser(role: .client)
        let frames = [WebSocketFrame(opcode: .text, payload: hello), WebSocketFrame(opcode: .binary, payload: [UInt8](repeating: 9, count: 70_000))]
        let wire = frames.flatMap(WebSocketFrameSerializer.serverFrame)
        let parsed = try parser.parse(wire)
        #expect(parsed == frames)
    }

    @Test func randomKeyClientFramesRoundTripThroughAServerParser() throws {
        var generator = SystemRandomNumberGenerator()
        var parser = WebSocketFrameParser()
        let frame = WebSocketFrame(opcode: .text, payload: Array("masked with a random key".utf8))
        let parsed = try parser.parse(WebSocketFrameSerializer.clientFrame(frame, using: &generator))
        #expect(parsed == [frame])
    }
}
