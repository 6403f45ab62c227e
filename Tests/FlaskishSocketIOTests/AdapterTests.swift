import Flaskish
import Synchronization
import Testing
@testable import FlaskishSocketIO

/// A receiver that keeps what it was given.
private final class Inbox: SocketIOPacketReceiver {
    private let packets = Mutex<[EncodedSocketIOPacket]>([])
    func receive(_ packet: EncodedSocketIOPacket) { packets.withLock { $0.append(packet) } }
    var received: [EncodedSocketIOPacket] { packets.withLock { $0 } }
    var texts: [String] { received.map(\.text) }
}

struct AdapterTests {
    private func adapter(_ sids: String..., namespace: String = "/") -> (InMemoryAdapter, [String: Inbox]) {
        let adapter = InMemoryAdapter()
        var inboxes: [String: Inbox] = [:]
        for sid in sids {
            let inbox = Inbox()
            inboxes[sid] = inbox
            adapter.connect(sid: sid, namespace: namespace, receiver: inbox)
        }
        return (adapter, inboxes)
    }

    @Test func everySocketIsInItsOwnRoom() {
        let (adapter, _) = adapter("a", "b")
        #expect(adapter.rooms(of: "a", namespace: "/") == ["a"])
        #expect(adapter.participants(namespace: "/", in: ["b"], skip: []) == ["b"])
        #expect(adapter.isConnected(sid: "a", namespace: "/"))
        #expect(!adapter.isConnected(sid: "a", namespace: "/chat"))
    }

    @Test func enterLeaveAndListRooms() {
        let (adapter, _) = adapter("a", "b")
        adapter.enterRoom(sid: "a", namespace: "/", room: "lobby")
        adapter.enterRoom(sid: "b", namespace: "/", room: "lobby")
        adapter.enterRoom(sid: "a", namespace: "/", room: "x")
        #expect(adapter.rooms(of: "a", namespace: "/") == ["a", "lobby", "x"])
        #expect(adapter.participants(namespace: "/", in: ["lobby"], skip: []) == ["a", "b"])
        adapter.leaveRoom(sid: "a", namespace: "/", room: "lobby")
        #expect(adapter.participants(namespace: "/", in: ["lobby"], skip: []) == ["b"])
        #expect(adapter.rooms(of: "a", namespace: "/") == ["a", "x"])
    }

    @Test func closeRoomEmptiesItAndForgetsItInEachSocket() {
        let (adapter, _) = adapter("a", "b")
        adapter.enterRoom(sid: "a", namespace: "/", room: "r")
        adapter.enterRoom(sid: "b", namespace: "/", room: "r")
        adapter.closeRoom("r", namespace: "/")
        #expect(adapter.participants(namespace: "/", in: ["r"], skip: []).isEmpty)
        #expect(adapter.rooms(of: "b", namespace: "/") == ["b"])
    }

    @Test func disconnectLeavesEveryRoom() {
        let (adapter, _) = adapter("a", "b")
        adapter.enterRoom(sid: "a", namespace: "/", room: "r")
        adapter.disconnect(sid: "a", namespace: "/")
        #expect(adapter.rooms(of: "a", namespace: "/").isEmpty)
        #expect(adapter.participants(namespace: "/", in: ["r"], skip: []).isEmpty)
        #expect(adapter.participants(namespace: "/", in: nil, skip: []) == ["b"])
        #expect(!adapter.isConnected(sid: "a", namespace: "/"))
    }

    @Test func socketsThatAreNotConnectedCannotEnterRooms() {
        let (adapter, _) = adapter("a")
        adapter.enterRoom(sid: "ghost", namespace: "/", room: "r")
        #expect(adapter.participants(namespace: "/", in: ["r"], skip: []).isEmpty)
    }

    @Test func namespacesAreSeparate() throws {
        let adapter = InMemoryAdapter()
        let root = Inbox(), chat = Inbox()
        adapter.connect(sid: "a", namespace: "/", receiver: root)
        adapter.connect(sid: "b", namespace: "/chat", receiver: chat)
        adapter.emit(try .event("hi", namespace: "/chat"), namespace: "/chat", to: nil, skip: [])
        #expect(root.texts.isEmpty)
        #expect(chat.texts == [#"2/chat,["hi"]"#])
    }

    @Test func broadcastReachesAllButSkipped() throws {
        let (adapter, inboxes) = adapter("a", "b", "c")
        adapter.emit(try .event("news", ["x"]), namespace: "/", to: nil, skip: ["b"])
        #expect(inboxes["a"]?.texts == [#"2["news","x"]"#])
        #expect(inboxes["b"]?.texts == [])
        #expect(inboxes["c"]?.texts == [#"2["news","x"]"#])
    }

    @Test func emitToSeveralRoomsDeliversOncePerSocket() throws {
        let (adapter, inboxes) = adapter("a", "b", "c")
        for room in ["r1", "r2"] { adapter.enterRoom(sid: "a", namespace: "/", room: room) }
        adapter.enterRoom(sid: "b", namespace: "/", room: "r2")
        adapter.emit(try .event("e"), namespace: "/", to: ["r1", "r2"], skip: [])
        #expect(inboxes["a"]?.texts.count == 1)
        #expect(inboxes["b"]?.texts.count == 1)
        #expect(inboxes["c"]?.texts.count == 0)
    }

    @Test func broadcastEncodesOnceAndSharesTheBuffers() throws {
        let (adapter, inboxes) = adapter("a", "b", "c")
        adapter.emit(try .event("blob", [.binary([1, 2])]), namespace: "/", to: nil, skip: [])
        let received = inboxes.values.compactMap(\.received.first)
        #expect(received.count == 3)
        #expect(Set(received).count == 1)
        #expect(received.first?.text == #"51-["blob",{"_placeholder":true,"num":0}]"#)
        #expect(received.first?.attachments == [[1, 2]])
        // One encoding: every recipient holds the very same string storage.
        let identities = Set(received.map { packet in packet.text.utf8.withContiguousStorageIfAvailable { UInt(bitPattern: $0.baseAddress) } ?? nil })
        #expect(identities.count == 1)
    }

    @Test func emitToAnEmptyRoomSendsNothing() throws {
        let (adapter, inboxes) = adapter("a")
        adapter.emit(try .event("e"), namespace: "/", to: ["nobody"], skip: [])
        adapter.emit(try .event("e"), namespace: "/nowhere", to: nil, skip: [])
        #expect(inboxes["a"]?.texts == [])
    }
}
