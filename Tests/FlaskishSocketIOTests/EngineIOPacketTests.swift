import Testing
@testable import FlaskishSocketIO

struct EngineIOPacketTests {
    @Test(arguments: [
        (EngineIOPacket.message("hello"), "4hello"),
        (EngineIOPacket.ping, "2"),
        (EngineIOPacket(.ping, "probe"), "2probe"),
        (EngineIOPacket(.pong, "probe"), "3probe"),
        (EngineIOPacket.pong, "3"),
        (EngineIOPacket.close, "1"),
        (EngineIOPacket.upgrade, "5"),
        (EngineIOPacket.noop, "6"),
        (EngineIOPacket(.open, #"{"sid":"x"}"#), #"0{"sid":"x"}"#),
        (EngineIOPacket.message("€ and 4"), "4€ and 4"),
        (EngineIOPacket.message(""), "4"),
    ])
    func textPacketsEncodeAndDecode(packet: EngineIOPacket, wire: String) throws {
        #expect(packet.pollingText == wire)
        #expect(packet.webSocketFrame == .text(wire))
        #expect(try EngineIOPacket(decodingText: wire) == packet)
    }

    @Test func binaryIsBase64InPollingAndRawOverWebSocket() throws {
        // Spec example: buffer <01 02 03 04> → "bAQIDBA==".
        let packet = EngineIOPacket.binary([1, 2, 3, 4])
        #expect(packet.kind == .message)
        #expect(packet.pollingText == "bAQIDBA==")
        #expect(packet.webSocketFrame == .binary([1, 2, 3, 4]))
        #expect(try EngineIOPacket(decodingText: "bAQIDBA==") == packet)
        #expect(try EngineIOPacket(decoding: .binary([1, 2, 3, 4])) == packet)
    }

    @Test func binaryFrameStartingWithADigitIsStillRawData() throws {
        // v4 puts no type byte in binary frames: "4" here is data, not a message type.
        let packet = try EngineIOPacket(decoding: .binary([0x34, 0x00]))
        #expect(packet == .binary([0x34, 0x00]))
    }

    @Test(arguments: ["7", "9x", "a", "x4hello", "-1", "/"])
    func unknownTypesAreRejected(wire: String) {
        #expect(throws: EngineIOPacket.DecodingError.unknownType(wire.utf8.first!)) {
            try EngineIOPacket(decodingText: wire)
        }
    }

    @Test func emptyPacketIsRejected() {
        #expect(throws: EngineIOPacket.DecodingError.empty) { try EngineIOPacket(decodingText: "") }
    }

    @Test(arguments: ["bAQIDBA=", "b!!!!", "bAQIDBA==\n", "bAQIDBB=="])
    func invalidBase64IsRejected(wire: String) {
        #expect(throws: EngineIOPacket.DecodingError.invalidBase64) { try EngineIOPacket(decodingText: wire) }
    }

    @Test func emptyBinaryEncodesAsBareB() throws {
        #expect(EngineIOPacket.binary([]).pollingText == "b")
        #expect(try EngineIOPacket(decodingText: "b") == .binary([]))
    }

    @Test func textAccessor() {
        #expect(EngineIOPacket.message("x").text == "x")
        #expect(EngineIOPacket.binary([1]).text == nil)
    }
}
