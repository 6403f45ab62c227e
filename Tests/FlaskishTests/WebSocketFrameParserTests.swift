import Testing
@testable import Flaskish

struct WebSocketFrameParserTests {
    let hello = Array("Hello".utf8)

    @Test func rfcMaskedHelloInEverySplit() {
        // RFC 6455 §5.7: a single-frame masked text message "Hello".
        let wire: [UInt8] = [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58]
        for result in WS.parseEverySplit(wire) {
            #expect(result == .success([WebSocketFrame(opcode: .text, payload: hello)]))
        }
    }

    @Test func rfcUnmaskedExamplesOnTheClientSide() {
        // §5.7: "Hello" unmasked, then fragmented as "Hel" + "lo", then an unmasked ping.
        let wire: [UInt8] = [0x81, 0x05] + hello + [0x01, 0x03, 0x48, 0x65, 0x6C, 0x80, 0x02, 0x6C, 0x6F]
            + [0x89, 0x05] + hello
        let expected = [
            WebSocketFrame(opcode: .text, payload: hello),
            WebSocketFrame(fin: false, opcode: .text, payload: Array("Hel".utf8)),
            WebSocketFrame(opcode: .continuation, payload: Array("lo".utf8)),
            WebSocketFrame(opcode: .ping, payload: hello),
        ]
        for result in WS.parseEverySplit(wire, role: .client) {
            #expect(result == .success(expected))
        }
    }

    @Test(arguments: [0, 1, 125, 126, 127, 65535, 65536, 70_000])
    func allThreeLengthForms(length: Int) throws {
        let payload = (0..<length).map { UInt8(truncatingIfNeeded: $0) }
        let wire = WS.client(.binary, payload)
        let expectedHeader = length < 126 ? 6 : (length < 65536 ? 8 : 14)
        #expect(wire.count == expectedHeader + length)
        var parser = WebSocketFrameParser()
        let frames = try parser.parse(wire)
        #expect(frames == [WebSocketFrame(opcode: .binary, payload: payload)])
        #expect(parser.isAtFrameBoundary)
    }

    @Test func twoFramesInOneReadAreBothReturned() throws {
        let wire = WS.client(.text, "a") + WS.client(.ping, "b") + WS.client(.text, "c").prefix(3)
        var parser = WebSocketFrameParser()
        let frames = try parser.parse(Array(wire))
        #expect(frames.map(\.payload) == [[0x61], [0x62]])
        #expect(!parser.isAtFrameBoundary)
        let rest = try parser.parse(Array(WS.client(.text, "c").dropFirst(3)))
        #expect(rest.map(\.payload) == [[0x63]])
    }

    @Test func consumedStopsAtTheEndOfTheFirstFrame() throws {
        let first = WS.client(.text, "first"), second = WS.client(.text, "second")
        var parser = WebSocketFrameParser()
        let wire = first + second
        let (consumed, frame) = try wire.withUnsafeBytes { raw throws(WebSocketProtocolError) in try parser.parse(raw) }
        #expect(consumed == first.count)
        #expect(frame?.payload == Array("first".utf8))
    }

    @Test func unmaskedClientFrameIsAProtocolError() {
        let wire: [UInt8] = [0x81, 0x05] + hello
        for result in WS.parseEverySplit(wire) {
            #expect(result == .failure(.maskingMismatch(expectedMasked: true)))
        }
        #expect(WebSocketProtocolError.maskingMismatch(expectedMasked: true).closeCode == .protocolError)
    }

    @Test func maskedServerFrameIsRefusedByAClient() {
        #expect(WS.parse(WS.client(.text, "x"), split: 0, role: .client) == .failure(.maskingMismatch(expectedMasked: false)))
    }

    @Test(arguments: [0x40, 0x20, 0x10] as [UInt8])
    func reservedBitsAreAProtocolError(bit: UInt8) {
        var wire = WS.client(.text, "x")
        wire[0] |= bit
        #expect(WS.parse(wire, split: 1) == .failure(.reservedBitsSet))
        #expect(WebSocketProtocolError.reservedBitsSet.closeCode == .protocolError)
    }

    @Test(arguments: [3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF] as [UInt8])
    func reservedOpcodesAreAProtocolError(opcode: UInt8) {
        let wire: [UInt8] = [0x80 | opcode, 0x80, 0, 0, 0, 0]
        #expect(WS.parse(wire, split: 2) == .failure(.reservedOpcode(opcode)))
    }

    @Test func controlFrameOf125BytesIsAcceptedAnd126IsNot() {
        let ok = WS.client(.ping, [UInt8](repeating: 1, count: 125))
        #expect(WS.parse(ok, split: 0) == .success([WebSocketFrame(opcode: .ping, payload: [UInt8](repeating: 1, count: 125))]))
        let tooLong = WS.client(.ping, [UInt8](repeating: 1, count: 126))
        // Refused from the first two bytes, before any payload arrives.
        #expect(WS.parse(Array(tooLong.prefix(2)), split: 2) == .failure(.controlFrameTooLong(126)))
        #expect(WebSocketProtocolError.controlFrameTooLong(126).closeCode == .protocolError)
    }

    @Test func fragmentedControlFrameIsAProtocolError() {
        #expect(WS.parse(WS.client(.ping, "x", fin: false), split: 0) == .failure(.fragmentedControlFrame))
        #expect(WS.parse(WS.client(.close, [0x03, 0xE8], fin: false), split: 0) == .failure(.fragmentedControlFrame))
    }

    @Test func sixtyFourBitLengthWithMostSignificantBitSetIsAProtocolError() {
        let wire: [UInt8] = [0x82, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4]
        for result in WS.parseEverySplit(wire) {
            #expect(result == .failure(.invalidPayloadLength))
        }
        #expect(WebSocketProtocolError.invalidPayloadLength.closeCode == .protocolError)
    }

    @Test func frameAtTheLimitPassesAndOnePastFailsWith1009FromTheHeader() {
        let limit = 300
        let atLimit = WS.client(.binary, [UInt8](repeating: 7, count: limit))
        #expect(WS.parse(atLimit, split: 100, maxFrameSize: limit) == .success([WebSocketFrame(opcode: .binary, payload: [UInt8](repeating: 7, count: limit))]))
        let pastLimit = WS.client(.binary, [UInt8](repeating: 7, count: limit + 1))
        // The 8-byte header alone (2 + 2 length + 4 key) is enough to refuse it.
        let error = WS.parse(Array(pastLimit.prefix(8)), split: 8, maxFrameSize: limit)
        #expect(error == .failure(.frameTooLarge(length: UInt64(limit + 1), limit: limit)))
        #expect(WebSocketProtocolError.frameTooLarge(length: 1, limit: 0).closeCode == .messageTooBig)
    }

    @Test func hugeDeclaredLengthIsRefusedWithoutAllocating() {
        let wire: [UInt8] = [0x82, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3, 4]
        #expect(WS.parse(wire, split: 0) == .failure(.frameTooLarge(length: UInt64(Int64.max), limit: 1_000_000)))
    }

    @Test func errorsAreSticky() {
        var parser = WebSocketFrameParser()
        #expect(throws: WebSocketProtocolError.reservedBitsSet) { try parser.parse([0xC1, 0x80]) }
        #expect(throws: WebSocketProtocolError.reservedBitsSet) { try parser.parse(WS.client(.text, "fine")) }
    }

    @Test func maskingKeyPhaseSurvivesOddSplitsOfLongPayloads() {
        let payload = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let wire = WS.client(.binary, payload, key: 0xDEAD_BEEF)
        for split in [7, 9, 15, 17, 18, 19, 500, 1001, 1003] {
            #expect(WS.parse(wire, split: split) == .success([WebSocketFrame(opcode: .binary, payload: payload)]))
        }
    }
}
