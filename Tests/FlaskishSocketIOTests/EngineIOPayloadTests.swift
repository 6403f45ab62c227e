import Testing
@testable import FlaskishSocketIO

struct EngineIOPayloadTests {
    typealias Limits = EngineIOPayload.Limits

    /// Decodes `body` fed in two chunks split at every byte offset; returns each result.
    func decodeEverySplit(_ body: [UInt8], limits: Limits = Limits()) -> [Result<[EngineIOPacket], EngineIOPayload.DecodingError>] {
        (0...body.count).map { split in
            var decoder = EngineIOPayloadDecoder(limits: limits)
            do throws(EngineIOPayload.DecodingError) {
                var packets = try decoder.decode(Array(body[..<split]))
                packets += try decoder.decode(Array(body[split...]))
                packets += try decoder.finish()
                return .success(packets)
            } catch {
                return .failure(error)
            }
        }
    }

    @Test func specExampleEncodes() {
        // Engine.IO v4 "Packet encoding › HTTP long-polling".
        #expect(EngineIOPayload.encode([.message("hello"), .ping, .message("world")]) == "4hello\u{1e}2\u{1e}4world")
        #expect(EngineIOPayload.encode([.message("hello"), .binary([1, 2, 3, 4])]) == "4hello\u{1e}bAQIDBA==")
        #expect(EngineIOPayload.encode([.noop]) == "6")
        #expect(EngineIOPayload.encode([]) == "")
    }

    @Test func specExamplesDecodeInEverySplit() {
        let cases: [(String, [EngineIOPacket])] = [
            ("4hello\u{1e}2\u{1e}4world", [.message("hello"), .ping, .message("world")]),
            ("4hello\u{1e}bAQIDBA==", [.message("hello"), .binary([1, 2, 3, 4])]),
            ("4héllo wörld ☃\u{1e}4€", [.message("héllo wörld ☃"), .message("€")]),
        ]
        for (wire, packets) in cases {
            for result in decodeEverySplit(Array(wire.utf8)) {
                #expect(result == .success(packets), "\(wire)")
            }
        }
    }

    @Test func emptyBodyHasNoPackets() throws {
        #expect(try EngineIOPayload.decode("") == [])
    }

    @Test(arguments: ["4a\u{1e}", "\u{1e}4a", "4a\u{1e}\u{1e}4b"])
    func emptySegmentIsABadPacket(wire: String) {
        for result in decodeEverySplit(Array(wire.utf8)) {
            #expect(result == .failure(.invalidPacket(.empty)))
        }
    }

    @Test func garbageIsABadPacket() {
        // The spec test suite's "closes the session upon invalid packet format" body.
        #expect(throws: EngineIOPayload.DecodingError.invalidPacket(.unknownType(UInt8(ascii: "a")))) {
            try EngineIOPayload.decode("abc")
        }
        #expect(EngineIOPayload.DecodingError.invalidPacket(.empty).engineIOError == .badRequest)
    }

    @Test func invalidUTF8IsABadPacket() {
        let body: [UInt8] = Array("4ok\u{1e}4".utf8) + [0xC0, 0xAF]
        for result in decodeEverySplit(body) {
            #expect(result == .failure(.invalidPacket(.invalidUTF8)))
        }
    }

    @Test func aThousandPacketsDecodeInOrderWithinTheByteLimit() throws {
        // python-socketio's client puts every queued packet in one POST; only bytes are limited.
        let wire = (0..<1_000).map { "42[\"burst\",\($0)]" }.joined(separator: "\u{1e}")
        let expected = (0..<1_000).map { EngineIOPacket.message("2[\"burst\",\($0)]") }
        #expect(try EngineIOPayload.decode(wire) == expected)
        for split in stride(from: 0, through: wire.utf8.count, by: 997) {
            var decoder = EngineIOPayloadDecoder()
            let bytes = Array(wire.utf8)
            var packets = try decoder.decode(Array(bytes[..<split]))
            packets += try decoder.decode(Array(bytes[split...]))
            packets += try decoder.finish()
            #expect(packets == expected)
        }
        let limits = Limits(maxPayloadBytes: wire.utf8.count - 1)
        #expect(throws: EngineIOPayload.DecodingError.payloadTooLarge(limit: wire.utf8.count - 1)) {
            try EngineIOPayload.decode(wire, limits: limits)
        }
    }

    @Test func byteLimitAtAndPast() throws {
        let limits = Limits(maxPayloadBytes: 10)
        #expect(try EngineIOPayload.decode("4123456789", limits: limits) == [.message("123456789")])
        for result in decodeEverySplit(Array("41234567890".utf8), limits: limits) {
            #expect(result == .failure(.payloadTooLarge(limit: 10)))
        }
    }

    @Test func oversizedBodyIsRefusedBeforeItEnds() {
        var decoder = EngineIOPayloadDecoder(limits: Limits(maxPayloadBytes: 4))
        #expect(throws: EngineIOPayload.DecodingError.payloadTooLarge(limit: 4)) {
            try decoder.decode(Array("4abcd".utf8))
        }
    }

    @Test func packetsAreReturnedAsTheirSeparatorArrives() throws {
        var decoder = EngineIOPayloadDecoder()
        #expect(try decoder.decode(Array("4a\u{1e}4b".utf8)) == [.message("a")])
        #expect(try decoder.decode(Array("c\u{1e}".utf8)) == [.message("bc")])
        #expect(try decoder.decode(Array("2".utf8)) == [])
        #expect(try decoder.finish() == [.ping])
    }
}
