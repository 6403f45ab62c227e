import Testing
@testable import Flaskish

struct WebSocketOpcodeTests {
    @Test func definedOpcodesHaveTheirRFCValues() {
        #expect(WebSocketOpcode.continuation.rawValue == 0x0)
        #expect(WebSocketOpcode.text.rawValue == 0x1)
        #expect(WebSocketOpcode.binary.rawValue == 0x2)
        #expect(WebSocketOpcode.close.rawValue == 0x8)
        #expect(WebSocketOpcode.ping.rawValue == 0x9)
        #expect(WebSocketOpcode.pong.rawValue == 0xA)
    }

    @Test(arguments: UInt8(0)...UInt8(15))
    func controlAndDefinedClassification(raw: UInt8) {
        let opcode = WebSocketOpcode(rawValue: raw)
        #expect(opcode.isControl == (raw >= 8))
        #expect(opcode.isDefined == [0, 1, 2, 8, 9, 10].contains(raw))
    }

    @Test func descriptionNamesReservedOpcodes() {
        #expect(WebSocketOpcode.text.description == "text")
        #expect(WebSocketOpcode(rawValue: 0xB).description == "reserved(0xB)")
    }
}
