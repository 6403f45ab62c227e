import Flaskish
import Testing
@testable import FlaskishSocketIO

struct SocketIOPacketDecoderTests {
    private func decodeOne(_ text: String, limits: SocketIOLimits = SocketIOLimits()) throws(SocketIOPacketError) -> SocketIOPacket? {
        var decoder = SocketIOPacketDecoder(limits: limits)
        return try decoder.decode(text: text)
    }

    private func expectError(_ text: String, _ expected: SocketIOPacketError, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(throws: expected, sourceLocation: sourceLocation) { try decodeOne(text) }
    }

    @Test func namespaceMayEndTheMessageWithoutAComma() throws {
        // From the compliance suite: "40/random", "41/custom".
        #expect(try decodeOne("0/random") == .connect(namespace: "/random"))
        #expect(try decodeOne("1/custom") == .disconnect(namespace: "/custom"))
    }

    @Test func connectCarriesAuth() throws {
        #expect(try decodeOne(#"0{"token":"123"}"#) == .connect(["token": "123"]))
        #expect(try decodeOne(#"0/custom,{"token":"abc"}"#) == .connect(namespace: "/custom", ["token": "abc"]))
    }

    @Test func queryAfterTheNamespaceIsDropped() throws {
        #expect(try decodeOne("0/admin?token=1,") == .connect(namespace: "/admin"))
    }

    @Test func binaryAttachmentsFromTheComplianceSuite() throws {
        var decoder = SocketIOPacketDecoder()
        #expect(try decoder.decode(text: #"52-["message",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]"#) == nil)
        #expect(try decoder.decode(binary: [1, 2, 3]) == nil)
        let packet = try decoder.decode(binary: [4, 5, 6])
        #expect(try packet == .event("message", [.binary([1, 2, 3]), .binary([4, 5, 6])]))
        #expect(packet?.type == .binaryEvent)
        #expect(packet?.eventName == "message")
        #expect(!decoder.isAwaitingAttachments)
    }

    @Test func placeholdersNestedAnywhereAreFilledIn() throws {
        var decoder = SocketIOPacketDecoder()
        let text = #"62-/chat,9[{"a":[{"_placeholder":true,"num":1}],"b":{"c":{"_placeholder":true,"num":0}}},"x"]"#
        #expect(try decoder.decode(textBytes: Array(text.utf8)) == nil)
        #expect(try decoder.decode(binary: [0xAA]) == nil)
        let packet = try decoder.decode(binary: [0xBB])
        #expect(try packet == .ack([["a": [.binary([0xBB])], "b": ["c": .binary([0xAA])]], "x"], id: 9, namespace: "/chat"))
        #expect(packet?.type == .binaryAck)
    }

    @Test func binaryRoundTripsThroughEncodeAndDecode() throws {
        let packet = try SocketIOPacket.event("f", [[.binary([]), ["k": .binary([0, 255])]], 1.5, nil], namespace: "/x", id: 0)
        let (text, attachments) = packet.encode()
        var decoder = SocketIOPacketDecoder()
        var decoded = try decoder.decode(text: text)
        for attachment in attachments { decoded = try decoder.decode(binary: attachment) }
        #expect(decoded == packet)
    }

    @Test func placeholdersInPlainPacketsAreData() throws {
        // Neither python-socketio nor the JS parser fill placeholders in a non-binary packet.
        let text = #"2["e",{"_placeholder":true,"num":0}]"#
        #expect(try decodeOne(text) == .event("e", [["_placeholder": true, "num": 0]]))
    }

    @Test func binaryTypeWithZeroAttachmentsIsComplete() throws {
        #expect(try decodeOne(#"50-["e",1]"#) == .event("e", [1]))
    }

    @Test func ackIDsUpToIntMax() throws {
        #expect(try decodeOne("39223372036854775807[]") == .ack([], id: Int.max))
        expectError("39223372036854775808[]", .invalidAckID)
    }

    @Test func decoderIsReusableAcrossPackets() throws {
        var decoder = SocketIOPacketDecoder()
        #expect(try decoder.decode(text: #"2["a"]"#) == .event("a"))
        #expect(try decoder.decode(text: #"51-["b",{"_placeholder":true,"num":0}]"#) == nil)
        #expect(try decoder.decode(binary: [7]) == .event("b", [.binary([7])]))
        #expect(try decoder.decode(text: "3/n,5[]") == .ack([], id: 5, namespace: "/n"))
    }

    // MARK: Malformed input

    @Test(arguments: [
        ("", SocketIOPacketError.emptyPacket),
        ("7", .invalidType(UInt8(ascii: "7"))),
        ("x[]", .invalidType(UInt8(ascii: "x"))),
        ("/2", .invalidType(UInt8(ascii: "/"))),
        ("5[\"a\"]", .invalidAttachmentCount),
        ("51[\"a\"]", .invalidAttachmentCount),
        ("5-[\"a\"]", .invalidAttachmentCount),
        ("61", .invalidAttachmentCount),
        ("2", .invalidPayload(.event, "must be a non-empty array")),
        ("2[]", .invalidPayload(.event, "must be a non-empty array")),
        ("2{\"a\":1}", .invalidPayload(.event, "must be a non-empty array")),
        ("2\"foo\"", .invalidPayload(.event, "must be a non-empty array")),
        ("2[1]", .invalidPayload(.event, "the event name must be a string")),
        // The namespace runs to the comma, so an unterminated one swallows the payload.
        ("2/chat[\"x\"]", .invalidPayload(.event, "must be a non-empty array")),
        ("3[]", .invalidPayload(.ack, "an ack needs an id")),
        ("31{}", .invalidPayload(.ack, "must be an array")),
        ("0[]", .invalidPayload(.connect, "must be an object")),
        ("0\"x\"", .invalidPayload(.connect, "must be an object")),
        ("1{}", .invalidPayload(.disconnect, "must be empty")),
        ("4", .invalidPayload(.connectError, "must be an object or a string")),
        ("2[\"connect\"]", .reservedEventName("connect")),
        ("2/a,1[\"disconnect\",1]", .reservedEventName("disconnect")),
    ])
    func rejectsMalformedPackets(text: String, expected: SocketIOPacketError) {
        expectError(text, expected)
    }

    @Test(arguments: ["4abc", "2[\"a\",]", "2[\"a\"] x", "0{", "2[NaN]"])
    func rejectsInvalidJSON(text: String) {
        #expect {
            try decodeOne(text)
        } throws: { error in
            if case .invalidJSON = error as? SocketIOPacketError { true } else { false }
        }
    }

    @Test func payloadDepthIsBounded() {
        var limits = SocketIOLimits()
        limits.json = JSONLimits(maxDepth: 3)
        #expect(throws: Never.self) { try decodeOne(#"2["e",[[1]]]"#, limits: limits) }
        #expect {
            try decodeOne(#"2["e",[[[1]]]]"#, limits: limits)
        } throws: { error in
            if case .invalidJSON(let json) = error as? SocketIOPacketError { json.reason == .tooDeep(limit: 3) } else { false }
        }
    }

    /// A big integer is the nearest double (a JavaScript number); past 4 300 digits the packet is invalid.
    @Test func payloadIntegersBeyond64BitsAreDoublesAndBounded() throws {
        let digits = String(repeating: "9", count: 4300)
        let packet = try decodeOne("2[\"e\",123456789012345678901234567890,\(digits)]")
        #expect(packet?.data == .array(["e", .double(1.2345678901234568e29), .double(.infinity)]))
        #expect {
            try decodeOne("2[\"e\",\(digits)9]")
        } throws: { error in
            if case .invalidJSON(let json) = error as? SocketIOPacketError { json.reason == .integerTooLong(digits: 4301, limit: 4300) } else { false }
        }
    }

    @Test func namespaceMustBeUTF8() {
        #expect(throws: SocketIOPacketError.invalidNamespace("/\u{FFFD}")) {
            var decoder = SocketIOPacketDecoder()
            return try decoder.decode(textBytes: [UInt8(ascii: "0"), UInt8(ascii: "/"), 0xFF, UInt8(ascii: ",")])
        }
    }

    @Test(arguments: [
        (#"51-["a",{"_placeholder":true,"num":1}]"#, JSONValue.int(1), 1),
        (#"51-["a",{"_placeholder":true,"num":-1}]"#, JSONValue.int(-1), 1),
        (#"51-["a",{"_placeholder":true,"num":"0"}]"#, JSONValue.string("0"), 1),
        (#"52-["a",{"_placeholder":true}]"#, JSONValue.null, 2),
    ])
    func placeholderNumOutOfRange(text: String, num: JSONValue, count: Int) throws {
        var decoder = SocketIOPacketDecoder()
        #expect(try decoder.decode(text: text) == nil)
        for _ in 0..<count - 1 { #expect(try decoder.decode(binary: [1]) == nil) }
        #expect(throws: SocketIOPacketError.invalidPlaceholder(num, attachmentCount: count)) {
            try decoder.decode(binary: [1])
        }
        #expect(!decoder.isAwaitingAttachments)
    }

    @Test func attachmentsWhenNoneExpected() {
        var decoder = SocketIOPacketDecoder()
        #expect(throws: SocketIOPacketError.unexpectedAttachment) { try decoder.decode(binary: [1]) }
        #expect(throws: SocketIOPacketError.unexpectedAttachment) {
            _ = try decoder.decode(text: #"2["a"]"#)
            return try decoder.decode(binary: [1])
        }
    }

    @Test func textWhileAwaitingAttachmentsResetsTheDecoder() throws {
        var decoder = SocketIOPacketDecoder()
        #expect(try decoder.decode(text: #"51-["a",{"_placeholder":true,"num":0}]"#) == nil)
        #expect(throws: SocketIOPacketError.unexpectedTextWhileAwaitingAttachments) { try decoder.decode(text: #"2["b"]"#) }
        #expect(!decoder.isAwaitingAttachments)
        #expect(try decoder.decode(text: #"2["c"]"#) == .event("c"))
    }

    @Test func badShapeFailsBeforeAttachmentsAreBuffered() {
        var decoder = SocketIOPacketDecoder()
        #expect(throws: SocketIOPacketError.invalidPayload(.binaryEvent, "the event name must be a string")) {
            try decoder.decode(text: #"51-[{"_placeholder":true,"num":0}]"#)
        }
        #expect(!decoder.isAwaitingAttachments)
    }

    @Test func resetForgetsAPendingPacket() throws {
        var decoder = SocketIOPacketDecoder()
        #expect(try decoder.decode(text: #"51-["a",{"_placeholder":true,"num":0}]"#) == nil)
        decoder.reset()
        #expect(throws: SocketIOPacketError.unexpectedAttachment) { try decoder.decode(binary: [1]) }
    }
}
