import Flaskish
import FlaskishTestSupport
import Testing
@testable import FlaskishSocketIO

/// Connection middleware (`socketio.use`, Node's `io.use`) and event middleware
/// (`socketio.useEvents`, Node's `socket.use`), over real WebSocket connections.
struct SocketIOMiddlewareTests {
    private struct Boom: Error, CustomStringConvertible {
        var description: String { "boom" }
    }

    @Test func connectionMiddlewareSeesTheHandshakeAndRefusesWithMessageAndData() async throws {
        let app = Flask("middleware")
        let socketio = SocketIO(app)
        let seen = Recorder<SocketIOHandshake>()
        let connected = Recorder<String>()
        socketio.use { client in
            seen.record(client)
            guard client.auth?["token"]?.stringValue == "secret" else {
                throw ConnectionRefusedError("unauthorized", ["code": 401])
            }
        }
        socketio.onConnect { connected.record(request.sid ?? "?") }
        try await withLiveServer(app) { port in
            let (refused, accepted) = try await blocking {
                let intruder = try LiveSocketIOClient(port: port, headers: "X-Client: intruder\r\n")
                let refused = try intruder.connect(auth: #"{"token":"guess"}"#)
                let member = try LiveSocketIOClient(port: port)
                return (refused, try member.connect(auth: #"{"token":"secret"}"#))
            }
            #expect(refused == #"4{"data":{"code":401},"message":"unauthorized"}"#)
            let sid = try #require(RawPeer.sid(fromConnect: accepted))
            let clients = seen.values
            try #require(clients.count == 2)
            #expect(clients[0].auth == ["token": "guess"])
            #expect(clients[0].namespace == "/")
            #expect(clients[0].request.headers["X-Client"] == "intruder")
            #expect(clients[1].sid == sid)
            // The refused client never reached the connect handler.
            #expect(connected.values == [sid])
        }
    }

    @Test func connectionMiddlewareRunsInOrderPerNamespaceAndStopsAtTheFirstRefusal() async throws {
        let app = Flask("middleware")
        let socketio = SocketIO(app)
        let order = Recorder<String>()
        socketio.use { client in order.record("every \(client.namespace)") }
        socketio.use(namespace: "/admin") { _ in
            order.record("admin")
            throw ConnectionRefusedError("admins only")
        }
        socketio.use { client in order.record("later \(client.namespace)") }
        socketio.use(namespace: "/boom") { _ in throw Boom() }
        socketio.onConnect {}
        socketio.onConnect(namespace: "/admin") {}
        socketio.onConnect(namespace: "/boom") {}
        try await withLiveServer(app) { port in
            let answers = try await blocking {
                let client = try LiveSocketIOClient(port: port)
                return [try client.connect(), try client.connect("/admin"), try client.connect("/boom")]
            }
            #expect(answers[0].hasPrefix(#"0{"sid":"#))
            #expect(answers[1] == #"4/admin,{"message":"admins only"}"#)
            // Any other error refuses too, without telling the client what went wrong.
            #expect(answers[2] == #"4/boom,{"message":"Connection rejected by server"}"#)
            #expect(order.values == ["every /", "later /", "every /admin", "admin", "every /boom", "later /boom"])
        }
    }

    @Test func eventMiddlewareSeesEveryEventAndMayRejectIt() async throws {
        let app = Flask("middleware")
        let socketio = SocketIO(app)
        let seen = Recorder<String>()
        let handled = Recorder<String>()
        socketio.useEvents { event in
            seen.record("\(event.namespace) \(event.name) \(SocketIOValue.array(event.arguments)) \(event.sid) \(event.ack.isRequested)")
            switch event.name {
            case "secret": throw EventRejectedError("forbidden", ["event": "secret"])
            case "broken": throw Boom()
            case "answered":
                event.ack("answered by the middleware")
                throw EventRejectedError("ignored: the ack was sent already")
            default: break
            }
        }
        socketio.on("open") { data in handled.record("open"); return data }
        socketio.on("secret") { handled.record("secret"); return "leaked" }
        socketio.on("answered") { handled.record("answered") }
        socketio.onError { error in "handled \(error)" }
        try await withLiveServer(app) { port in
            let (sid, answers) = try await blocking {
                let client = try LiveSocketIOClient(port: port)
                let sid = try client.connectedSid()
                var answers: [String] = []
                for packet in [#"21["open",5]"#, #"22["secret",{"x":1}]"#, #"23["broken"]"#, #"24["answered"]"#, #"25["open","again"]"#] {
                    client.send(packet)
                    answers.append(try client.next())
                }
                return (sid, answers)
            }
            #expect(answers == [
                "31[5]",
                #"32[{"data":{"event":"secret"},"message":"forbidden"}]"#,
                #"33["handled boom"]"#,
                #"34["answered by the middleware"]"#,
                #"35["again"]"#,
            ])
            #expect(handled.values == ["open", "open"])
            #expect(seen.values.first == "/ open [5] \(sid) true")
            #expect(seen.values.count == 5)
        }
    }

    @Test func eventMiddlewareOfOneNamespaceLeavesTheOthersAlone() async throws {
        let app = Flask("middleware")
        let socketio = SocketIO(app)
        socketio.useEvents(namespace: "/locked") { _ in throw EventRejectedError() }
        socketio.on("echo") { data in data }
        socketio.on("echo", namespace: "/locked") { data in data }
        try await withLiveServer(app) { port in
            let answers = try await blocking {
                let client = try LiveSocketIOClient(port: port)
                _ = try client.connectedSid()
                _ = try client.connectedSid("/locked")
                client.send(#"2/locked,1["echo","x"]"#)
                let locked = try client.next()
                client.send(#"22["echo","y"]"#)
                return [locked, try client.next()]
            }
            #expect(answers == [#"3/locked,1[{"message":"Event rejected by server"}]"#, #"32["y"]"#])
        }
    }

    @Test func theTestClientSeesMiddlewareAsARealClientDoes() async throws {
        let app = Flask("middleware")
        let socketio = SocketIO(app)
        socketio.use { client in
            guard client.request.headers["X-Key"] == "k" else { throw ConnectionRefusedError("no key", ["need": "X-Key"]) }
        }
        socketio.useEvents { event in
            if event.name == "delete" { throw EventRejectedError("read only") }
        }
        socketio.on("delete") { "deleted" }
        let refused = await socketio.testClient(app)
        #expect(!refused.isConnected())
        #expect(refused.connectError() == ["message": "no key", "data": ["need": "X-Key"]])
        let allowed = await socketio.testClient(app, headers: ["X-Key": "k"])
        #expect(allowed.isConnected())
        #expect(try await allowed.emit("delete", callback: true) == ["message": "read only"])
    }
}
