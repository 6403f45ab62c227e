import Flaskish
import Testing
@testable import FlaskishSocketIO

struct SocketIOPacketTests {
    @Test func typesHaveTheProtocolsNumbersAndNames() {
        #expect(SocketIOPacket.PacketType.allCases.map(\.rawValue) == [0, 1, 2, 3, 4, 5, 6])
        #expect(SocketIOPacket.PacketType.allCases.map(\.description)
            == ["CONNECT", "DISCONNECT", "EVENT", "ACK", "CONNECT_ERROR", "BINARY_EVENT", "BINARY_ACK"])
    }

    @Test func binaryKindFollowsThePayload() throws {
        #expect(try SocketIOPacket(type: .event, data: ["a", .binary([1])]).type == .binaryEvent)
        #expect(try SocketIOPacket(type: .binaryEvent, data: ["a"]).type == .event)
        #expect(try SocketIOPacket(type: .ack, id: 1, data: [.binary([1])]).type == .binaryAck)
        #expect(try SocketIOPacket(type: .binaryAck, id: 1, data: []).type == .ack)
    }

    @Test func binaryOnlyInEventsAndAcks() {
        #expect(throws: SocketIOPacketError.invalidPayload(.connect, "binary is only allowed in events and acks")) {
            try SocketIOPacket(type: .connect, data: ["file": .binary([1])])
        }
        #expect(throws: SocketIOPacketError.invalidPayload(.connectError, "binary is only allowed in events and acks")) {
            try SocketIOPacket(type: .connectError, data: ["message": "x", "data": .binary([1])])
        }
    }

    @Test(arguments: ["", "admin", "/a,b"])
    func namespacesMustStartWithSlashAndHoldNoComma(namespace: String) {
        #expect(throws: SocketIOPacketError.invalidNamespace(namespace)) { try SocketIOPacket.event("e", namespace: namespace) }
    }

    @Test func negativeAckIDsAreInvalid() {
        #expect(throws: SocketIOPacketError.invalidAckID) { try SocketIOPacket.ack([], id: -1) }
    }

    @Test func connectErrorCarriesMessageAndData() throws {
        let packet = try SocketIOPacket.connectError(namespace: "/x", message: "no", data: ["retry": 5])
        #expect(packet.data == ["message": "no", "data": ["retry": 5]])
        #expect(packet.encode().text == #"4/x,{"data":{"retry":5},"message":"no"}"#)
        #expect(try SocketIOPacket(type: .connectError, data: "legacy string").encode().text == #"4"legacy string""#)
    }

    @Test func eventNameAndArguments() throws {
        let event = try SocketIOPacket.event("chat", ["hi", 2])
        #expect(event.eventName == "chat")
        #expect(event.arguments == ["hi", 2])
        let ack = try SocketIOPacket.ack(["ok"], id: 3)
        #expect(ack.eventName == nil)
        #expect(ack.arguments == ["ok"])
        #expect(try SocketIOPacket.connect().arguments == [])
    }

    @Test func reservedNamesMayBeSentButNotReceived() throws {
        // Our own server never emits them, but the codec does not stop a caller that does.
        #expect(try SocketIOPacket.event("connect").encode().text == #"2["connect"]"#)
        #expect(SocketIOPacket.reservedEventNames.contains("disconnecting"))
    }
}
