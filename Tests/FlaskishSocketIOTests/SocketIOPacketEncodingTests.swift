import Flaskish
import Testing
@testable import FlaskishSocketIO

/// Wire literals from socket.io-protocol's "Packet encoding" tables and "Sample session".
struct SocketIOPacketEncodingTests {
    static let buffer: [UInt8] = [1, 2, 3, 4]

    /// Each case: the packet, its text, its attachments.
    static let specExamples: [(SocketIOPacket, String, [[UInt8]])] = {
        do {
            return [
                // Connection to a namespace.
                (try .connect(), "0", []),
                (try .connect(["sid": "wZX3oN0bSVIhsaknAAAI"]), #"0{"sid":"wZX3oN0bSVIhsaknAAAI"}"#, []),
                (try .connect(namespace: "/admin"), "0/admin,", []),
                (try .connect(namespace: "/admin", ["sid": "oSO0OpakMV_3jnilAAAA"]), #"0/admin,{"sid":"oSO0OpakMV_3jnilAAAA"}"#, []),
                (try .connectError(message: "Not authorized"), #"4{"message":"Not authorized"}"#, []),
                // Sending and receiving data.
                (try .event("foo"), #"2["foo"]"#, []),
                (try .event("bar", namespace: "/admin"), #"2/admin,["bar"]"#, []),
                (try .event("baz", [.binary(buffer)]), #"51-["baz",{"_placeholder":true,"num":0}]"#, [buffer]),
                (try .event("baz", [.binary([1, 2]), .binary([3, 4])], namespace: "/admin"),
                 #"52-/admin,["baz",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]"#, [[1, 2], [3, 4]]),
                // Acknowledgement.
                (try .event("foo", id: 12), #"212["foo"]"#, []),
                (try .ack([], id: 12), "312[]", []),
                (try .event("foo", namespace: "/admin", id: 13), #"2/admin,13["foo"]"#, []),
                (try .ack(["bar"], id: 13, namespace: "/admin"), #"3/admin,13["bar"]"#, []),
                (try .event("foo", [.binary(buffer)], id: 14), #"51-14["foo",{"_placeholder":true,"num":0}]"#, [buffer]),
                (try .ack(["bar"], id: 14), #"314["bar"]"#, []),
                (try .event("foo", id: 15), #"215["foo"]"#, []),
                (try .ack(["bar", .binary(buffer)], id: 15), #"61-15["bar",{"_placeholder":true,"num":0}]"#, [buffer]),
                // Disconnection.
                (try .disconnect(), "1", []),
                (try .disconnect(namespace: "/admin"), "1/admin,", []),
                // Sample session (without Engine.IO's leading "4").
                (try .event("hey", ["Jude"]), #"2["hey","Jude"]"#, []),
                (try .event("hello"), #"2["hello"]"#, []),
                (try .event("world"), #"2["world"]"#, []),
                (try .connect(namespace: "/admin", ["sid": "-G5j-67EZFp-q59rADQM"]), #"0/admin,{"sid":"-G5j-67EZFp-q59rADQM"}"#, []),
                (try .event("tellme", namespace: "/admin", id: 1), #"2/admin,1["tellme"]"#, []),
                (try .ack([.binary(buffer)], id: 1, namespace: "/admin"), #"61-/admin,1[{"_placeholder":true,"num":0}]"#, [buffer]),
                // Compliance test suite.
                (try .connectError(namespace: "/random", message: "Invalid namespace"), #"4/random,{"message":"Invalid namespace"}"#, []),
                (try .event("message-back", [1, "2", ["3": [true]]]), #"2["message-back",1,"2",{"3":[true]}]"#, []),
            ]
        } catch {
            Issue.record("building the examples failed: \(error)")
            return []
        }
    }()

    @Test func specExamplesEncodeToTheirWireLiterals() {
        #expect(Self.specExamples.count == 27)
        for (packet, text, attachments) in Self.specExamples {
            let encoded = packet.encode()
            #expect(encoded.text == text)
            #expect(encoded.attachments == attachments)
            #expect(packet.attachmentCount == attachments.count)
        }
    }

    @Test func specExamplesDecodeFromTheirWireLiterals() throws {
        for (packet, text, attachments) in Self.specExamples {
            var decoder = SocketIOPacketDecoder()
            var decoded = try decoder.decode(text: text)
            for (i, attachment) in attachments.enumerated() {
                #expect(decoded == nil)
                #expect(decoder.isAwaitingAttachments)
                decoded = try decoder.decode(binary: attachment)
                #expect(decoder.isAwaitingAttachments == (i < attachments.count - 1))
            }
            #expect(decoded == packet, "\(text)")
        }
    }

    @Test func payloadsAreCompactASCIIAndSorted() throws {
        let packet = try SocketIOPacket.event("é", [["b": 1.5, "a": nil, "ü": "😀"]])
        #expect(packet.encode().text == #"2["\u00e9",{"a":null,"b":1.5,"\u00fc":"\ud83d\ude00"}]"#)
    }

    @Test func encodeBytesMatchesEncode() throws {
        let packet = try SocketIOPacket.event("x", [.binary([9])], namespace: "/n", id: 7)
        let bytes = packet.encodeBytes()
        #expect(String(decoding: bytes.text, as: UTF8.self) == packet.encode().text)
        #expect(bytes.attachments == [[9]])
    }

    @Test func binaryNestedAnywhereIsNumberedDepthFirst() throws {
        let packet = try SocketIOPacket.event("up", [["files": [.binary([1]), ["deep": .binary([2])]]], .binary([3])])
        let (text, attachments) = packet.encode()
        #expect(text == #"53-["up",{"files":[{"_placeholder":true,"num":0},{"deep":{"_placeholder":true,"num":1}}]},{"_placeholder":true,"num":2}]"#)
        #expect(attachments == [[1], [2], [3]])
    }

    @Test func placeholdersAreNumberedInWrittenOrder() throws {
        let packet = try SocketIOPacket.ack([["b": .binary([2]), "a": .binary([1]), "c": [.binary([3])]]], id: 4)
        let (text, attachments) = packet.encode()
        #expect(text == #"63-4[{"a":{"_placeholder":true,"num":0},"b":{"_placeholder":true,"num":1},"c":[{"_placeholder":true,"num":2}]}]"#)
        #expect(attachments == [[1], [2], [3]])
        #expect(packet.attachmentCount == 3)
    }
}
