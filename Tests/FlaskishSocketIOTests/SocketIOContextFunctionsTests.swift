import Flaskish
import Testing
@testable import FlaskishSocketIO

/// emit/send/joinRoom/leaveRoom/closeRoom/rooms/disconnect inside handlers; broadcast and
/// room addressing as Flask-SocketIO's tests check them.
struct SocketIOContextFunctionsTests {
    private func make() -> (Flask, SocketIO) {
        let app = Flask("rooms")
        let socketio = SocketIO(app)
        socketio.onConnect {}
        socketio.on("join") { data in try joinRoom(data.stringValue ?? "") }
        socketio.on("leave") { data in try leaveRoom(data.stringValue ?? "") }
        socketio.on("close") { data in try closeRoom(data.stringValue ?? "") }
        socketio.on("rooms") { try rooms() }
        socketio.on("to room") { data in try emit("room message", data["msg"] ?? .null, to: data["room"]?.stringValue) }
        socketio.on("broadcast") { data in try emit("broadcasted", data, broadcast: true) }
        socketio.on("others") { data in try emit("broadcasted", data, broadcast: true, includeSelf: false) }
        socketio.on("room others") { data in try send(data, room: "r", includeSelf: false) }
        socketio.on("message") { msg in try send(msg, broadcast: true) }
        return (app, socketio)
    }

    @Test func emitWithoutAddressRepliesToTheSenderOnly() async throws {
        let (app, socketio) = make()
        socketio.on("reply") { data in try emit("reply", data) }
        let a = await socketio.testClient(app), b = await socketio.testClient(app)
        try await a.emit("reply", 1)
        #expect(a.getReceived().map(\.name) == ["reply"])
        #expect(b.getReceived().isEmpty)
    }

    @Test func broadcastReachesEveryClientIncludingTheSender() async throws {
        let (app, socketio) = make()
        let a = await socketio.testClient(app), b = await socketio.testClient(app)
        try await a.emit("broadcast", ["foo": "bar"])
        #expect(a.getReceived() == [.init(name: "broadcasted", args: [["foo": "bar"]], namespace: "/")])
        #expect(b.getReceived() == [.init(name: "broadcasted", args: [["foo": "bar"]], namespace: "/")])
    }

    @Test func includeSelfFalseSkipsTheSender() async throws {
        let (app, socketio) = make()
        let a = await socketio.testClient(app), b = await socketio.testClient(app)
        try await a.emit("others", 1)
        #expect(a.getReceived().isEmpty)
        #expect(b.getReceived().map(\.name) == ["broadcasted"])
    }

    @Test func theChatHandlerBroadcastsMessages() async throws {
        let (app, socketio) = make()
        let a = await socketio.testClient(app), b = await socketio.testClient(app)
        try await a.send("hello")
        #expect(b.getReceived() == [.init(name: "message", args: ["hello"], namespace: "/")])
        #expect(a.getReceived().count == 1)
    }

    @Test func roomMessagesReachOnlyMembers() async throws {
        let (app, socketio) = make()
        let a = await socketio.testClient(app), b = await socketio.testClient(app), c = await socketio.testClient(app)
        try await a.emit("join", "one")
        try await b.emit("join", "one")
        try await c.emit("to room", ["room": "one", "msg": "hi"])
        #expect(a.getReceived().map(\.args) == [["hi"]])
        #expect(b.getReceived().map(\.args) == [["hi"]])
        #expect(c.getReceived().isEmpty)
        try await b.emit("leave", "one")
        try await c.emit("to room", ["room": "one", "msg": "again"])
        #expect(a.getReceived().count == 1)
        #expect(b.getReceived().isEmpty)
    }

    @Test func roomWithIncludeSelfFalse() async throws {
        let (app, socketio) = make()
        let a = await socketio.testClient(app), b = await socketio.testClient(app)
        try await a.emit("join", "r")
        try await b.emit("join", "r")
        try await a.emit("room others", "x")
        #expect(a.getReceived().isEmpty)
        #expect(b.getReceived() == [.init(name: "message", args: ["x"], namespace: "/")])
    }

    @Test func emitToASidReachesThatClient() async throws {
        let (app, socketio) = make()
        let a = await socketio.testClient(app), b = await socketio.testClient(app)
        try await a.emit("to room", ["room": b.sid() ?? "", "msg": "direct"])
        #expect(b.getReceived().map(\.args) == [["direct"]])
        #expect(a.getReceived().isEmpty)
    }

    @Test func roomsListsTheSidRoomAndJoinedRooms() async throws {
        let (app, socketio) = make()
        let a = await socketio.testClient(app)
        try await a.emit("join", "z")
        try await a.emit("join", "b")
        let sid = try #require(a.sid())
        let expected = [sid, "b", "z"].sorted().map { SocketIOValue.string($0) }
        #expect(try await a.emit("rooms", callback: true) == .array(expected))
    }

    @Test func closeRoomRemovesEveryone() async throws {
        let (app, socketio) = make()
        let a = await socketio.testClient(app), b = await socketio.testClient(app)
        try await a.emit("join", "gone")
        try await b.emit("join", "gone")
        try await a.emit("close", "gone")
        try await a.emit("to room", ["room": "gone", "msg": "anyone?"])
        #expect(a.getReceived().isEmpty && b.getReceived().isEmpty)
    }

    @Test func disconnectInsideAHandler() async throws {
        let (app, socketio) = make()
        let reasons = Recorder<DisconnectReason>()
        socketio.on("bye") { try disconnect() }
        socketio.onDisconnect { reason in reasons.record(reason) }
        let a = await socketio.testClient(app)
        try await a.emit("bye")
        #expect(!a.isConnected())
        #expect(reasons.values == [.serverDisconnect])
    }

    @Test func emitToAnotherNamespaceFromAHandler() async throws {
        let (app, socketio) = make()
        socketio.onConnect(namespace: "/news") {}
        socketio.on("announce") { data in try emit("news", data, broadcast: true, namespace: "/news") }
        let a = await socketio.testClient(app), listener = await socketio.testClient(app, namespace: "/news")
        try await a.emit("announce", "big")
        #expect(listener.getReceived(namespace: "/news") == [.init(name: "news", args: ["big"], namespace: "/news")])
        #expect(a.getReceived().isEmpty)
    }

    static let outside: [(String, @Sendable () throws -> Void)] = [
        ("emit", { try emit("x") }),
        ("send", { try send("x") }),
        ("joinRoom", { try joinRoom("r") }),
        ("leaveRoom", { try leaveRoom("r") }),
        ("closeRoom", { try closeRoom("r") }),
        ("rooms", { _ = try rooms() }),
        ("disconnect", { try disconnect() }),
    ]

    @Test(arguments: 0..<7)
    func contextFunctionsThrowOutsideAHandlerNamingSocketioEmit(index: Int) {
        let (name, call) = Self.outside[index]
        #expect(throws: SocketIOContextError(function: name)) { try call() }
        #expect(SocketIOContextError(function: name).description.contains("socketio.emit"))
        #expect(SocketIOContextError(function: name).description.contains("`\(name)`"))
    }

    @Test func callbackOfAContextEmitRunsWithTheSendersContext() async throws {
        let (app, socketio) = make()
        let sids = Recorder<String?>()
        socketio.on("ask") { try emit("q", callback: { _ in sids.record(request.sid) }) }
        let peer = RawPeer(socketio)
        let sid = await peer.connect()
        await peer.send(#"2["ask"]"#)
        #expect(peer.texts() == [#"21["q"]"#])
        await peer.send("31[]")
        #expect(await sids.next() == sid)
        _ = app
    }
}
