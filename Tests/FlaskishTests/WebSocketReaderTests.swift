import Testing
@testable import Flaskish

struct WebSocketReaderTests {
    @Test func messagesComeOutInEverySplit() {
        let wire = WS.client(.text, "Hel", fin: false) + WS.client(.ping, "p") + WS.client(.continuation, "lo")
            + WS.client(.binary, [1, 2, 3]) + WS.client(.close, [0x03, 0xE8])
        let expected: [WebSocketMessage] = [.ping(Array("p".utf8)), .text("Hello"), .binary([1, 2, 3]), .close(code: .normalClosure, reason: "")]
        for split in 0...wire.count {
            var reader = WebSocketReader()
            let first = reader.read(Array(wire[..<split]))
            let second = reader.read(Array(wire[split...]))
            #expect(first.error == nil && second.error == nil)
            #expect(first.messages + second.messages == expected, "split \(split)")
        }
    }

    @Test func messagesBeforeAnErrorAreKept() {
        var reader = WebSocketReader()
        let (messages, error) = reader.read(WS.client(.text, "ok") + [0x81, 0x05] + Array("Hello".utf8))
        #expect(messages == [.text("ok")])
        #expect(error == .maskingMismatch(expectedMasked: true))
        let again = reader.read(WS.client(.text, "more"))
        #expect(again.messages.isEmpty && again.error == .maskingMismatch(expectedMasked: true))
    }

    @Test func bothLimitsApply() {
        var frameLimited = WebSocketReader(maxFrameSize: 4, maxMessageSize: 100)
        #expect(frameLimited.read(WS.client(.binary, [1, 2, 3, 4, 5])).error == .frameTooLarge(length: 5, limit: 4))
        var messageLimited = WebSocketReader(maxFrameSize: 4, maxMessageSize: 6)
        let wire = WS.client(.binary, [1, 2, 3, 4], fin: false) + WS.client(.continuation, [5, 6, 7])
        #expect(messageLimited.read(wire).error == .messageTooLarge(limit: 6))
    }

    @Test func randomFramesInRandomChunksRoundTrip() {
        // Seeded, so a failure reproduces: random opcodes, sizes across all three length
        // forms, random keys, fed in random chunk sizes.
        var random = SeededGenerator(state: 6455)
        for _ in 0..<20 {
            var wire: [UInt8] = []
            var expected: [WebSocketMessage] = []
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                let length = [0, 1, 125, 126, 300, 65_536, 70_000].randomElement(using: &random)!
                let payload = (0..<length).map { _ in UInt8.random(in: 0...0x7F, using: &random) }
                let key = UInt32.random(in: .min ... .max, using: &random)
                if Bool.random(using: &random) {
                    wire += WebSocketFrameSerializer.clientFrame(WebSocketFrame(opcode: .binary, payload: payload), maskingKey: key)
                    expected.append(.binary(payload))
                } else {
                    wire += WebSocketFrameSerializer.clientFrame(WebSocketFrame(opcode: .text, payload: payload), maskingKey: key)
                    expected.append(.text(String(decoding: payload, as: UTF8.self)))
                }
            }
            var reader = WebSocketReader()
            var messages: [WebSocketMessage] = []
            var offset = 0
            while offset < wire.count {
                let end = min(wire.count, offset + Int.random(in: 1...5000, using: &random))
                let (chunk, error) = reader.read(Array(wire[offset..<end]))
                #expect(error == nil)
                messages += chunk
                offset = end
            }
            #expect(messages == expected)
        }
    }
}
