import Flaskish
import Testing
@testable import FlaskishSocketIO

/// The extension object: defaults, registration on the app, server-level emits.
struct SocketIOTests {
    @Test func defaultsAreFlaskSocketIOs() {
        let socketio = SocketIO()
        #expect(socketio.options.pingInterval == 25)
        #expect(socketio.options.pingTimeout == 20)
        #expect(socketio.options.maxHttpBufferSize == 1_000_000)
        #expect(socketio.options.path == "socket.io")
        #expect(socketio.options.corsAllowedOrigins == .sameOrigin)
        #expect(socketio.app == nil)
    }

    @Test func optionsAreKept() {
        let socketio = SocketIO(corsAllowedOrigins: "*", pingInterval: 5, pingTimeout: 3, maxHttpBufferSize: 10, path: "/ws/", asyncMode: "threading")
        #expect(socketio.options == .init(corsAllowedOrigins: .any, pingInterval: 5, pingTimeout: 3, maxHttpBufferSize: 10, path: "ws", asyncMode: "threading"))
        #expect(SocketIO(corsAllowedOrigins: ["https://a.example", "https://b.example"]).options.corsAllowedOrigins
            == .list(["https://a.example", "https://b.example"]))
    }

    @Test func storesItselfInTheAppsExtensions() {
        let app = Flask()
        let socketio = SocketIO(app)
        #expect((app.extensions["socketio"] as? SocketIO) === socketio)
        #expect(socketio.app === app)
        let later = SocketIO()
        let other = Flask()
        later.initApp(other)
        #expect((other.extensions["socketio"] as? SocketIO) === later)
    }

    @Test func serverLevelEmitBroadcastsFromOutsideAnyHandler() async throws {
        let app = Flask()
        let socketio = SocketIO(app)
        socketio.onConnect {}
        let a = await socketio.testClient(app), b = await socketio.testClient(app)
        try socketio.emit("news", ["headline": "x"])
        #expect(a.getReceived() == [.init(name: "news", args: [["headline": "x"]], namespace: "/")])
        #expect(b.getReceived().count == 1)
        try socketio.send("to one", to: a.sid())
        #expect(a.getReceived().map(\.args) == [["to one"]])
        #expect(b.getReceived().isEmpty)
    }

    @Test func serverLevelEmitIncludeSelfFalseInsideAHandlerSkipsTheSender() async throws {
        let app = Flask()
        let socketio = SocketIO(app)
        // Unowned: the extension holds its handlers, so a strong capture would be a cycle.
        socketio.on("shout") { [unowned socketio] data in try socketio.emit("heard", data, includeSelf: false) }
        let a = await socketio.testClient(app), b = await socketio.testClient(app)
        try await a.emit("shout", 1)
        #expect(a.getReceived().isEmpty)
        #expect(b.getReceived().map(\.name) == ["heard"])
    }

    @Test func backgroundTaskHasNoContextButCanUseTheServer() async throws {
        let app = Flask()
        let socketio = SocketIO(app)
        socketio.onConnect {}
        let client = await socketio.testClient(app)
        let outcome = Recorder<String>()
        socketio.on("start") { [unowned socketio] in
            socketio.startBackgroundTask {
                do { try emit("x") } catch let error as SocketIOContextError { outcome.record(error.function) }
                await socketio.sleep(0)
                try socketio.emit("tick", 1)
                outcome.record("emitted")
            }
        }
        try await client.emit("start")
        #expect(await outcome.next() == "emit")
        #expect(await outcome.next() == "emitted")
        #expect(client.getReceived() == [.init(name: "tick", args: [1], namespace: "/")])
    }

    @Test func serverLevelCloseRoom() async throws {
        let app = Flask()
        let socketio = SocketIO(app)
        socketio.on("join") { try joinRoom("r") }
        let a = await socketio.testClient(app)
        try await a.emit("join")
        socketio.closeRoom("r")
        try socketio.emit("gone?", to: "r")
        #expect(a.getReceived().isEmpty)
    }

    @Test func emitToAnInvalidNamespaceThrows() {
        let socketio = SocketIO()
        #expect(throws: SocketIOPacketError.invalidNamespace("chat")) { try socketio.emit("x", namespace: "chat") }
    }

    @Test func serverEmitWithCallbackToASid() async throws {
        let socketio = SocketIO()
        socketio.onConnect {}
        let peer = RawPeer(socketio)
        let sid = try #require(await peer.connect())
        let answers = Recorder<[SocketIOValue]>()
        try socketio.emit("sum?", 1, 2, to: sid) { values in answers.record(values) }
        #expect(peer.texts() == [#"21["sum?",1,2]"#])
        await peer.send("31[3]")
        #expect(await answers.next() == [3])
    }
}
