import Testing
@testable import Flaskish

struct WebSocketMessageAssemblerTests {
    typealias Frame = WebSocketFrame

    /// Feeds frames in order; returns the messages, or the first error.
    func assemble(_ frames: [Frame], limit: Int = 1_000_000) -> Result<[WebSocketMessage], WebSocketProtocolError> {
        var assembler = WebSocketMessageAssembler(maxMessageSize: limit)
        var messages: [WebSocketMessage] = []
        do throws(WebSocketProtocolError) {
            for frame in frames {
                if let message = try assembler.append(frame) { messages.append(message) }
            }
            return .success(messages)
        } catch {
            return .failure(error)
        }
    }

    @Test func singleFramesPassThrough() {
        #expect(assemble([Frame(opcode: .text, payload: Array("hi".utf8)), Frame(opcode: .binary, payload: [1, 2])])
            == .success([.text("hi"), .binary([1, 2])]))
    }

    @Test func fragmentsAreJoinedWithControlFramesInBetween() {
        let frames = [
            Frame(fin: false, opcode: .text, payload: Array("Hel".utf8)),
            Frame(opcode: .ping, payload: [7]),
            Frame(fin: false, opcode: .continuation, payload: Array("l".utf8)),
            Frame(opcode: .pong, payload: []),
            Frame(opcode: .continuation, payload: Array("o".utf8)),
        ]
        #expect(assemble(frames) == .success([.ping([7]), .pong([]), .text("Hello")]))
    }

    @Test func binaryFragmentsJoin() {
        let frames = [Frame(fin: false, opcode: .binary, payload: [1]), Frame(opcode: .continuation, payload: [2, 3])]
        #expect(assemble(frames) == .success([.binary([1, 2, 3])]))
    }

    @Test func continuationWithoutStartIsAProtocolError() {
        #expect(assemble([Frame(opcode: .continuation, payload: [1])]) == .failure(.unexpectedContinuation))
        #expect(WebSocketProtocolError.unexpectedContinuation.closeCode == .protocolError)
    }

    @Test func newDataFrameWhileFragmentedIsAProtocolError() {
        let frames = [Frame(fin: false, opcode: .text, payload: [0x61]), Frame(opcode: .text, payload: [0x62])]
        #expect(assemble(frames) == .failure(.expectedContinuation))
        #expect(WebSocketProtocolError.expectedContinuation.closeCode == .protocolError)
    }

    @Test func messageAtTheLimitPassesAndOnePastFailsWith1009() {
        let atLimit = [Frame(fin: false, opcode: .binary, payload: [UInt8](repeating: 0, count: 6)),
                       Frame(opcode: .continuation, payload: [UInt8](repeating: 0, count: 4))]
        #expect(assemble(atLimit, limit: 10) == .success([.binary([UInt8](repeating: 0, count: 10))]))
        let pastLimit = [Frame(fin: false, opcode: .binary, payload: [UInt8](repeating: 0, count: 6)),
                         Frame(fin: false, opcode: .continuation, payload: [UInt8](repeating: 0, count: 5)),
                         Frame(opcode: .continuation, payload: [])]
        #expect(assemble(pastLimit, limit: 10) == .failure(.messageTooLarge(limit: 10)))
        #expect(assemble([Frame(opcode: .text, payload: Array("elevenbytes".utf8))], limit: 10) == .failure(.messageTooLarge(limit: 10)))
        #expect(WebSocketProtocolError.messageTooLarge(limit: 10).closeCode == .messageTooBig)
    }

    @Test func invalidUTF8IsCaughtInTheFragmentThatCarriesIt() {
        // Fails on the second fragment, before the message is complete (fail fast).
        let frames = [Frame(fin: false, opcode: .text, payload: Array("ok".utf8)),
                      Frame(fin: false, opcode: .continuation, payload: [0xED, 0xA0, 0x80])]
        #expect(assemble(frames) == .failure(.invalidUTF8))
        #expect(WebSocketProtocolError.invalidUTF8.closeCode == .invalidPayload)
    }

    @Test func codePointSplitAcrossFragmentsIsValid() {
        let snowman = Array("☃".utf8)
        let frames = [Frame(fin: false, opcode: .text, payload: [snowman[0]]),
                      Frame(fin: false, opcode: .continuation, payload: [snowman[1]]),
                      Frame(opcode: .continuation, payload: [snowman[2]])]
        #expect(assemble(frames) == .success([.text("☃")]))
    }

    @Test func textTruncatedAtMessageEndIsInvalid() {
        let frames = [Frame(fin: false, opcode: .text, payload: [0x61]), Frame(opcode: .continuation, payload: [0xE2, 0x98])]
        #expect(assemble(frames) == .failure(.invalidUTF8))
        #expect(assemble([Frame(opcode: .text, payload: [0xC0, 0xAF])]) == .failure(.invalidUTF8))
    }

    @Test func closePayloadForms() {
        #expect(assemble([Frame(opcode: .close, payload: [])]) == .success([.close(code: nil, reason: "")]))
        #expect(assemble([Frame(opcode: .close, payload: [0x03, 0xE8])]) == .success([.close(code: .normalClosure, reason: "")]))
        #expect(assemble([Frame(opcode: .close, payload: [0x03, 0xE9] + Array("bye ☃".utf8))])
            == .success([.close(code: .goingAway, reason: "bye ☃")]))
    }

    @Test func oneByteClosePayloadIsAProtocolError() {
        #expect(assemble([Frame(opcode: .close, payload: [0x03])]) == .failure(.invalidClosePayload))
        #expect(WebSocketProtocolError.invalidClosePayload.closeCode == .protocolError)
    }

    @Test(arguments: [0, 999, 1004, 1005, 1006, 1015, 2000, 5000] as [UInt16])
    func invalidCloseCodeIsAProtocolError(code: UInt16) {
        let payload = [UInt8(code >> 8), UInt8(code & 0xFF)]
        #expect(assemble([Frame(opcode: .close, payload: payload)]) == .failure(.invalidCloseCode(code)))
        #expect(WebSocketProtocolError.invalidCloseCode(code).closeCode == .protocolError)
    }

    @Test func closeReasonMustBeUTF8() {
        #expect(assemble([Frame(opcode: .close, payload: [0x03, 0xE8, 0xC0, 0xAF])]) == .failure(.invalidUTF8))
    }

    @Test func parserAndAssemblerTogetherInEverySplit() throws {
        let wire = WS.client(.text, "Hel", fin: false) + WS.client(.ping, "p") + WS.client(.continuation, "lo")
        for split in 0...wire.count {
            var parser = WebSocketFrameParser()
            var assembler = WebSocketMessageAssembler()
            var messages: [WebSocketMessage] = []
            for chunk in [Array(wire[..<split]), Array(wire[split...])] {
                for frame in try parser.parse(chunk) {
                    if let message = try assembler.append(frame) { messages.append(message) }
                }
            }
            #expect(messages == [.ping(Array("p".utf8)), .text("Hello")], "split \(split)")
        }
    }
}
