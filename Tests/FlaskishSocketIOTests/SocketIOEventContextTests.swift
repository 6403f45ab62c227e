import Flaskish
import Testing
@testable import FlaskishSocketIO

/// `request.sid`, `request.namespace`, `request.event` and the Flaskish app context inside handlers.
struct SocketIOEventContextTests {
    @Test func requestSidAndNamespaceInsideHandlers() async throws {
        let app = Flask()
        let socketio = SocketIO(app)
        let seen = Recorder<String>()
        socketio.onConnect(namespace: "/chat") { seen.record("connect \(request.sid ?? "nil") \(request.namespace ?? "nil")") }
        socketio.on("e", namespace: "/chat") { data in
            seen.record("\(request.event?.event ?? "") \(SocketIOValue.array(request.event?.arguments ?? [])) \(request.sid ?? "nil")")
        }
        let client = await socketio.testClient(app, namespace: "/chat")
        let sid = try #require(client.sid(namespace: "/chat"))
        try await client.emit("e", 1, 2, namespace: "/chat")
        #expect(seen.values == ["connect \(sid) /chat", "e [1,2] \(sid)"])
    }

    @Test func outsideAHandlerTheyAreNil() {
        let request = Request(method: .GET, target: "/")
        #expect(request.sid == nil)
        #expect(request.namespace == nil)
        #expect(request.event == nil)
        #expect(SocketIOEventContext.current == nil)
    }

    @Test func handlersSeeTheHandshakeRequestAndTheApp() async throws {
        let app = Flask("ctx")
        let socketio = SocketIO(app)
        let seen = Recorder<String>()
        socketio.on("who") {
            seen.record("\(currentApp.name) \(request.headers["X-User"] ?? "-") \(request.args["room"] ?? "-") \(request.path)")
        }
        let client = await socketio.testClient(app, queryString: "room=5", headers: ["X-User": "ana"])
        try await client.emit("who")
        #expect(seen.values == ["ctx ana 5 /socket.io/"])
    }

    @Test func gLivesForOneEvent() async throws {
        let app = Flask()
        let socketio = SocketIO(app)
        socketio.on("set") { g["x"] = 1 }
        socketio.on("get") { g.contains("x") }
        let client = await socketio.testClient(app)
        try await client.emit("set")
        #expect(try await client.emit("get", callback: true) == false)
    }

    @Test func childTasksInheritTheContext() async throws {
        let app = Flask()
        let socketio = SocketIO(app)
        socketio.on("spawn") { () async throws -> String in
            try await Task { try emit("from child"); return request.sid ?? "nil" }.value
        }
        let client = await socketio.testClient(app)
        #expect(try await client.emit("spawn", callback: true) == .string(client.sid() ?? ""))
        #expect(client.getReceived().map(\.name) == ["from child"])
    }
}
