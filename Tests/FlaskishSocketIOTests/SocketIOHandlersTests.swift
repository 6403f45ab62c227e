import Flaskish
import Foundation
import Testing
@testable import FlaskishSocketIO

/// Handler registration, in the style of Flask-SocketIO's test_socketio.py: a test client
/// emits, then the test reads `getReceived()`.
struct SocketIOHandlersTests {
    private func make() -> (Flask, SocketIO) {
        let app = Flask("test")
        let socketio = SocketIO(app)
        socketio.onConnect { auth in
            try send("connected")
            try emit("my custom response", auth ?? "no auth")
        }
        socketio.on("message") { msg in try send(msg) }
        socketio.on("json") { data in try send(data, json: true) }
        socketio.on("my custom event") { data in try emit("my custom response", data) }
        return (app, socketio)
    }

    @Test func connectRunsTheHandlerWithAuth() async {
        let (app, socketio) = make()
        let client = await socketio.testClient(app, auth: ["foo": "bar"])
        #expect(client.isConnected())
        let received = client.getReceived()
        #expect(received.map(\.name) == ["message", "my custom response"])
        #expect(received[0].args == ["connected"])
        #expect(received[1].args == [["foo": "bar"]])
        #expect(client.getReceived().isEmpty)
    }

    @Test func connectWithoutAuth() async {
        let (app, socketio) = make()
        let client = await socketio.testClient(app)
        #expect(client.getReceived().last?.args == ["no auth"])
    }

    @Test func disconnectRunsTheHandlerWithClientDisconnect() async throws {
        let (app, socketio) = make()
        let reasons = Recorder<DisconnectReason>()
        socketio.onDisconnect { reason in reasons.record(reason) }
        let client = await socketio.testClient(app)
        try await client.disconnect()
        #expect(!client.isConnected())
        #expect(reasons.values == [.clientDisconnect])
        await #expect(throws: SocketIOTestClient.Failure.notConnected(namespace: "/")) { try await client.disconnect() }
    }

    @Test func zeroArgumentDisconnectHandler() async throws {
        let (app, socketio) = make()
        let count = Recorder<Int>()
        socketio.onDisconnect { count.record(1) }
        let client = await socketio.testClient(app)
        await client.closeTransport()
        #expect(count.values == [1])
    }

    @Test func sendAndJSON() async throws {
        let (app, socketio) = make()
        let client = await socketio.testClient(app)
        _ = client.getReceived()
        try await client.send("echo this message back")
        try await client.send(["a": "b"], json: true)
        let received = client.getReceived()
        #expect(received == [
            .init(name: "message", args: ["echo this message back"], namespace: "/"),
            .init(name: "json", args: [["a": "b"]], namespace: "/"),
        ])
    }

    @Test func emitCustomEvent() async throws {
        let (app, socketio) = make()
        let client = await socketio.testClient(app)
        _ = client.getReceived()
        try await client.emit("my custom event", ["a": "b"])
        #expect(client.getReceived() == [.init(name: "my custom response", args: [["a": "b"]], namespace: "/")])
    }

    @Test func returnValueIsTheCallbackValue() async throws {
        let (app, socketio) = make()
        socketio.on("my custom event with ack") { data in data["a"] ?? .null }
        socketio.on("constant") { "ok" }
        let client = await socketio.testClient(app)
        #expect(try await client.emit("my custom event with ack", ["a": "b"], callback: true) == "b")
        #expect(try await client.emit("constant", callback: true) == "ok")
    }

    @Test func ackHandlerAnswersWithSeveralValues() async throws {
        let (app, socketio) = make()
        socketio.on("two") { data, ack in ack(data, 2) }
        socketio.on("never") { _, _ in }
        let client = await socketio.testClient(app)
        #expect(try await client.emit("two", "x", callback: true) == ["x", 2])
        #expect(try await client.emit("never", callback: true) == nil)
    }

    @Test func voidHandlerAcksWithNothing() async throws {
        let (app, socketio) = make()
        socketio.on("void") { _ in }
        let client = await socketio.testClient(app)
        #expect(try await client.emit("void", callback: true) == .array([]))
    }

    @Test func onArgumentsSeesEveryArgument() async throws {
        let (app, socketio) = make()
        socketio.onArguments("sum") { args in args.compactMap(\.intValue).reduce(0, +) }
        let client = await socketio.testClient(app)
        #expect(try await client.emit("sum", 1, 2, 3, callback: true) == 6)
    }

    @Test func onArgumentsWithAckAnswersWithAnyNumberOfValues() async throws {
        let (app, socketio) = make()
        socketio.onArguments("echo") { args, ack in ack.send(args) }
        socketio.onArguments("silent") { _, _ in }
        let client = await socketio.testClient(app)
        #expect(try await client.emit("echo", "a", 1, ["k": true], callback: true) == ["a", 1, ["k": true]])
        #expect(try await client.emit("echo", callback: true) == .array([]))
        #expect(try await client.emit("silent", 1, callback: true) == nil)
    }

    @Test func connectRefusedWithErrorAndData() async {
        let app = Flask()
        let socketio = SocketIO(app)
        socketio.onConnect { auth in
            guard auth?["token"] == "good" else { throw ConnectionRefusedError("unauthorized", ["code": 401]) }
        }
        let refused = await socketio.testClient(app, auth: ["token": "bad"])
        #expect(!refused.isConnected())
        #expect(refused.connectError() == ["message": "unauthorized", "data": ["code": 401]])
        let accepted = await socketio.testClient(app, auth: ["token": "good"])
        #expect(accepted.isConnected())
    }

    @Test func connectRefusedByReturningFalse() async {
        let app = Flask()
        let socketio = SocketIO(app)
        socketio.onConnect { auth in auth != nil }
        let client = await socketio.testClient(app)
        #expect(!client.isConnected())
        #expect(client.connectError() == ["message": "Connection rejected by server"])
        #expect(await socketio.testClient(app, auth: ["x": 1]).isConnected())
    }

    @Test func connectToAnUnknownNamespaceFails() async {
        let (app, socketio) = make()
        let client = await socketio.testClient(app, namespace: "/unknown")
        #expect(!client.isConnected(namespace: "/unknown"))
        #expect(client.connectError(namespace: "/unknown") == ["message": "Invalid namespace"])
    }

    @Test func namespacedHandlersAreSeparate() async throws {
        let (app, socketio) = make()
        socketio.onConnect(namespace: "/test") { try send("connected-test") }
        socketio.on("message", namespace: "/test") { msg in try send("test: \(msg.stringValue ?? "")") }
        let client = await socketio.testClient(app, namespace: "/test")
        try await client.send("hi", namespace: "/test")
        #expect(client.getReceived(namespace: "/test").map(\.args) == [["connected-test"], ["test: hi"]])
        #expect(client.getReceived().isEmpty)
    }

    @Test func errorHandlerOfTheNamespaceGetsTheErrorAndItsValueIsTheAck() async throws {
        struct Boom: Error {}
        let (app, socketio) = make()
        let errors = Recorder<String>()
        socketio.on("error me") { throw Boom() }
        socketio.onError { error in
            errors.record("\(error)")
            return "handled"
        }
        let client = await socketio.testClient(app)
        #expect(try await client.emit("error me", callback: true) == "handled")
        #expect(errors.values == ["Boom()"])
    }

    @Test func defaultErrorHandlerCoversOtherNamespaces() async throws {
        struct Boom: Error {}
        let (app, socketio) = make()
        let seen = Recorder<String>()
        socketio.on("fail", namespace: "/ns") { throw Boom() }
        socketio.onErrorDefault { _ in seen.record(request.namespace ?? "?") }
        let client = await socketio.testClient(app, namespace: "/ns")
        try await client.emit("fail", namespace: "/ns")
        #expect(seen.values == ["/ns"])
    }

    @Test func unhandledErrorSendsNoAckAndKeepsTheClient() async throws {
        struct Boom: Error {}
        let (app, socketio) = make()
        socketio.on("fail") { _ in throw Boom() }
        let client = await socketio.testClient(app)
        #expect(try await client.emit("fail", 1, callback: true) == nil)
        #expect(client.isConnected())
    }

    @Test func connectErrorWithAnErrorHandlerIsAccepted() async {
        struct Boom: Error {}
        let app = Flask()
        let socketio = SocketIO(app)
        socketio.onConnect { throw Boom() }
        let refused = await socketio.testClient(app)
        #expect(!refused.isConnected())
        socketio.onError { _ in }
        #expect(await socketio.testClient(app).isConnected())
    }

    @Test func decodableArguments() async throws {
        struct Move: Codable, Equatable, SocketIOValueConvertible { var x: Int; var y: Int }
        let (app, socketio) = make()
        socketio.on("move") { data in
            var move = try data.decoded(as: Move.self)
            move.x += 1
            return move
        }
        let client = await socketio.testClient(app)
        #expect(try await client.emit("move", Move(x: 1, y: 2), callback: true) == ["x": 2, "y": 2])
    }

    @Test func binaryRoundTripsThroughTheTestClient() async throws {
        let (app, socketio) = make()
        socketio.on("bytes") { data in try emit("bytes back", data, Data([7])) }
        let client = await socketio.testClient(app)
        _ = client.getReceived()
        try await client.emit("bytes", [UInt8]([1, 2, 3]))
        #expect(client.getReceived().first?.args == [.binary([1, 2, 3]), .binary([7])])
        #expect(client.decodeErrors.isEmpty)
    }
}

/// `socketio.on("connect")` / `on("disconnect")`, the Flask-SocketIO spelling.
struct SocketIOHandlersLifecycleEventTests {
    @Test func onConnectEventIsTheConnectHandler() async {
        let app = Flask()
        let socketio = SocketIO(app)
        let auths = Recorder<SocketIOValue>()
        socketio.on("connect") { auth in auths.record(auth) }
        #expect(await socketio.testClient(app, auth: ["k": 1]).isConnected())
        #expect(await socketio.testClient(app).isConnected())
        #expect(auths.values == [["k": 1], .null])
    }

    @Test func onConnectEventReturningFalseRefuses() async {
        let app = Flask()
        let socketio = SocketIO(app)
        socketio.on("connect") { auth in !auth.isNull }
        #expect(!(await socketio.testClient(app).isConnected()))
        #expect(await socketio.testClient(app, auth: ["k": 1]).isConnected())
    }

    @Test func onDisconnectEventGetsTheReason() async throws {
        let app = Flask()
        let socketio = SocketIO(app)
        let reasons = Recorder<SocketIOValue>()
        socketio.on("disconnect") { reason in reasons.record(reason) }
        let client = await socketio.testClient(app)
        try await client.disconnect()
        #expect(reasons.values == ["client disconnect"])
    }
}

/// The chat example's handler, exactly as `app.py` has it, compiles and broadcasts.
struct SocketIOHandlersChatExampleTests {
    @Test func chatMessageHandler() async throws {
        let app = Flask()
        let socketio = SocketIO(app)
        socketio.on("message") { msg in
            print(msg)
            try send(msg, broadcast: true)
        }
        let a = await socketio.testClient(app), b = await socketio.testClient(app)
        try await a.send("hello from the chat test")
        #expect(b.getReceived().map(\.args) == [["hello from the chat test"]])
    }
}
