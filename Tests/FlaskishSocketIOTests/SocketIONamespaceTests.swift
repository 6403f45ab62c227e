import Flaskish
import Synchronization
import Testing
@testable import FlaskishSocketIO

/// Class-based namespaces, as Flask-SocketIO's `Namespace` tests use them.
struct SocketIONamespaceTests {
    final class Chat: Namespace, @unchecked Sendable {
        let log = Mutex<[String]>([])

        override func onConnect(auth: SocketIOValue?) async throws -> Bool {
            log.withLock { $0.append("connect \(auth?["user"]?.stringValue ?? "?")") }
            guard auth?["user"] != nil else { throw ConnectionRefusedError("who are you?") }
            try send("welcome")
            return true
        }

        override func onDisconnect(reason: DisconnectReason) async throws {
            log.withLock { $0.append("disconnect \(reason)") }
        }

        override func onEvent(_ event: String, _ arguments: [SocketIOValue]) async throws -> [SocketIOValue]? {
            switch event {
            case "say":
                try emit("said", arguments.first ?? nil, broadcast: true)
                return []
            case "double":
                return [.int((arguments.first?.intValue ?? 0) * 2)]
            default:
                return nil
            }
        }
    }

    @Test func classHandlersConnectEmitAckAndDisconnect() async throws {
        let app = Flask()
        let socketio = SocketIO(app)
        let chat = Chat("/chat")
        socketio.onNamespace(chat)
        let a = await socketio.testClient(app, namespace: "/chat", auth: ["user": "ana"])
        let b = await socketio.testClient(app, namespace: "/chat", auth: ["user": "bo"])
        #expect(a.getReceived(namespace: "/chat").map(\.args) == [["welcome"]])
        _ = b.getReceived(namespace: "/chat")
        try await a.emit("say", "hi", namespace: "/chat")
        #expect(b.getReceived(namespace: "/chat") == [.init(name: "said", args: ["hi"], namespace: "/chat")])
        #expect(try await a.emit("double", 21, namespace: "/chat", callback: true) == 42)
        #expect(try await a.emit("unknown", namespace: "/chat", callback: true) == nil)
        try await a.disconnect(namespace: "/chat")
        #expect(chat.log.withLock { $0 } == ["connect ana", "connect bo", "disconnect client disconnect"])
    }

    @Test func classConnectCanRefuse() async {
        let app = Flask()
        let socketio = SocketIO(app)
        socketio.onNamespace(Chat("/chat"))
        let client = await socketio.testClient(app, namespace: "/chat")
        #expect(!client.isConnected(namespace: "/chat"))
        #expect(client.connectError(namespace: "/chat") == ["message": "who are you?"])
    }

    @Test func decoratorHandlersTakePrecedence() async throws {
        let app = Flask()
        let socketio = SocketIO(app)
        socketio.onNamespace(Chat("/chat"))
        socketio.on("double", namespace: "/chat") { _ in "decorator" }
        let client = await socketio.testClient(app, namespace: "/chat", auth: ["user": "x"])
        #expect(try await client.emit("double", 1, namespace: "/chat", callback: true) == "decorator")
    }

    @Test func namespaceEmitOutsideAHandlerThrows() {
        #expect(throws: SocketIOContextError(function: "Namespace.emit")) { try Chat().emit("x") }
    }
}
