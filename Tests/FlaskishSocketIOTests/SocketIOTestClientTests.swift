import Flaskish
import Testing
@testable import FlaskishSocketIO

/// The test client itself: connection bookkeeping and received-event queues per namespace.
struct SocketIOTestClientTests {
    private func make() -> (Flask, SocketIO) {
        let app = Flask()
        let socketio = SocketIO(app)
        socketio.onConnect {}
        socketio.onConnect(namespace: "/a") {}
        socketio.on("ping", namespace: "/a") { try emit("pong") }
        socketio.on("ping") { try emit("pong") }
        return (app, socketio)
    }

    @Test func connectsOnCreationAndToMoreNamespacesLater() async throws {
        let (app, socketio) = make()
        let client = await socketio.testClient(app)
        #expect(client.isConnected())
        #expect(!client.isConnected(namespace: "/a"))
        try await client.connect(namespace: "/a")
        #expect(client.isConnected(namespace: "/a"))
        #expect(client.sid() != client.sid(namespace: "/a"))
        #expect(client.sid() != client.engineSid)
    }

    @Test func receivedEventsAreKeptPerNamespace() async throws {
        let (app, socketio) = make()
        let client = await socketio.testClient(app)
        try await client.connect(namespace: "/a")
        try await client.emit("ping", namespace: "/a")
        try await client.emit("ping")
        #expect(client.getReceived(namespace: "/a") == [.init(name: "pong", args: [], namespace: "/a")])
        #expect(client.getReceived() == [.init(name: "pong", args: [], namespace: "/")])
        #expect(client.getReceived().isEmpty)
    }

    @Test func closingTheTransportDisconnectsEverything() async throws {
        let (app, socketio) = make()
        let client = await socketio.testClient(app)
        try await client.connect(namespace: "/a")
        await client.closeTransport()
        #expect(!client.isConnected())
        #expect(!client.isConnected(namespace: "/a"))
    }

    @Test func authMustBeAnObject() async {
        let (app, socketio) = make()
        let client = await socketio.testClient(app, namespace: "/a")
        await #expect(throws: SocketIOPacketError.self) { try await client.connect(auth: "token") }
    }

    @Test func serverDisconnectMarksTheNamespaceDisconnected() async throws {
        let (app, socketio) = make()
        let client = await socketio.testClient(app)
        socketio.server.disconnect(sid: try #require(client.sid()))
        #expect(!client.isConnected())
    }
}

/// The Socket.IO decoder's limits, applied per client by the server.
struct SocketIOServerLimitsTests {
    @Test func attachmentCountAtTheLimitIsAcceptedAndPastItDisconnects() async {
        let socketio = SocketIO(limits: SocketIOLimits(maxAttachments: 2))
        socketio.on("up") { data in data }
        let ok = RawPeer(socketio), tooMany = RawPeer(socketio)
        await ok.connect()
        await tooMany.connect()
        await ok.send(#"52-1["up",[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]]"#)
        await ok.send(binary: [1])
        await ok.send(binary: [2])
        #expect(ok.received().first == .text(#"62-1[[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]]"#))
        await tooMany.send(#"53-["up",[]]"#)
        #expect(tooMany.transport.isClosed)
        #expect(!ok.transport.isClosed)
    }

    @Test func attachmentBytesPastTheLimitDisconnect() async {
        let socketio = SocketIO(limits: SocketIOLimits(maxAttachmentBytes: 4))
        socketio.on("up") { data in data }
        let ok = RawPeer(socketio), big = RawPeer(socketio)
        await ok.connect()
        await big.connect()
        await ok.send(#"51-1["up",{"_placeholder":true,"num":0}]"#)
        await ok.send(binary: [1, 2, 3, 4])
        #expect(ok.received().last == .binary([1, 2, 3, 4]))
        await big.send(#"51-["up",{"_placeholder":true,"num":0}]"#)
        await big.send(binary: [1, 2, 3, 4, 5])
        #expect(big.transport.isClosed)
    }
}
