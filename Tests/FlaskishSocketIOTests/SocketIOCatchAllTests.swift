import Flaskish
import FlaskishTestSupport
import Testing
@testable import FlaskishSocketIO

/// Catch-all handlers (`on("*")`, `onAny`, `namespace: "*"`), over a real WebSocket, in
/// python-socketio's order: the event's own handler, the namespace's catch-all, the `*`
/// namespace's handler for the event, its catch-all.
struct SocketIOCatchAllTests {
    @Test func catchAllGetsTheEventNameFirstAndItsOwnHandlerWins() async throws {
        let app = Flask("catch-all")
        let socketio = SocketIO(app)
        socketio.on("known") { "specific" }
        // Flask-SocketIO's `def catch_all(event, *args): return [event, *args]`.
        socketio.onArguments("*") { arguments in SocketIOValue.array(arguments) }
        try await withLiveServer(app) { port in
            let answers = try await blocking {
                let client = try LiveSocketIOClient(port: port)
                _ = try client.connectedSid()
                client.send(#"21["known",1]"#)
                let known = try client.next()
                client.send(#"22["other",1,"x"]"#)
                return [known, try client.next()]
            }
            #expect(answers == [#"31["specific"]"#, #"32[["other",1,"x"]]"#])
        }
    }

    @Test func onAnyHandsTheEventNameAndArgumentsOverPerNamespace() async throws {
        let app = Flask("catch-all")
        let socketio = SocketIO(app)
        let caught = Recorder<String>()
        socketio.onAny { event, arguments in caught.record("/ \(event) \(arguments.count)") }
        socketio.onAny(namespace: "/chat") { event, arguments in "chat got \(event) with \(arguments.count)" }
        socketio.onAny(namespace: "/manual") { event, arguments, ack in ack(event, SocketIOValue.array(arguments)) }
        try await withLiveServer(app) { port in
            let answers = try await blocking {
                let client = try LiveSocketIOClient(port: port)
                _ = try client.connectedSid()
                _ = try client.connectedSid("/chat")
                _ = try client.connectedSid("/manual")
                var answers: [String] = []
                for packet in [#"21["a",1,2]"#, #"2/chat,2["hello",7]"#, #"2/manual,3["x",true]"#] {
                    client.send(packet)
                    answers.append(try client.next())
                }
                return answers
            }
            #expect(answers == [#"31[]"#, #"3/chat,2["chat got hello with 1"]"#, #"3/manual,3["x",[true]]"#])
            #expect(caught.values == ["/ a 2"])
        }
    }

    @Test func theStarNamespaceOpensEveryNamespaceAndComesAfterTheirOwnHandlers() async throws {
        let app = Flask("catch-all")
        let socketio = SocketIO(app)
        socketio.on("known", namespace: "/chat") { "chat's own" }
        socketio.onAny(namespace: "/chat") { event, _ in "chat's catch-all for \(event)" }
        // Flask-SocketIO: an event handler of namespace "*" gets the namespace first, the
        // catch-all of "*" the event name and then the namespace.
        socketio.onArguments("where", namespace: "*") { arguments in SocketIOValue.array(arguments) }
        socketio.onArguments("*", namespace: "*") { arguments in SocketIOValue.array(arguments) }
        socketio.onAny(namespace: "*") { event, arguments in
            Issue.record("a second catch-all of * replaces the first: \(event) \(arguments)")
        }
        socketio.onArguments("*", namespace: "*") { arguments in SocketIOValue.array(arguments) }
        let namespaces = Recorder<String>()
        socketio.onConnect(namespace: "*") { namespaces.record(request.namespace ?? "?") }
        try await withLiveServer(app) { port in
            let answers = try await blocking {
                let client = try LiveSocketIOClient(port: port)
                _ = try client.connectedSid("/chat")
                _ = try client.connectedSid("/anything")
                var answers: [String] = []
                for packet in [
                    #"2/chat,1["known"]"#, #"2/chat,2["where"]"#, #"2/anything,3["where",1]"#, #"2/anything,4["zzz",1]"#,
                ] {
                    client.send(packet)
                    answers.append(try client.next())
                }
                return answers
            }
            #expect(answers == [
                #"3/chat,1["chat's own"]"#,
                #"3/chat,2["chat's catch-all for where"]"#,
                #"3/anything,3[["/anything",1]]"#,
                #"3/anything,4[["zzz","/anything",1]]"#,
            ])
            // "/chat" has no connect handler of its own: the one of "*" ran for both.
            #expect(namespaces.values == ["/chat", "/anything"])
        }
    }

    final class Anything: Namespace, @unchecked Sendable {
        override func onEvent(_ event: String, _ arguments: [SocketIOValue]) async throws -> [SocketIOValue]? {
            [.string("class saw \(event) in \(request.namespace ?? "?")")]
        }
    }

    @Test func onAnyOfTheStarNamespaceGetsTheNameAndTheClientsArgumentsOnly() async throws {
        let app = Flask("catch-all")
        let socketio = SocketIO(app)
        socketio.onAny(namespace: "*") { event, arguments in
            "\(request.namespace ?? "?") \(event) \(SocketIOValue.array(arguments))"
        }
        socketio.onNamespace(Anything("/classy"))
        try await withLiveServer(app) { port in
            let answers = try await blocking {
                let client = try LiveSocketIOClient(port: port)
                _ = try client.connectedSid("/somewhere")
                _ = try client.connectedSid("/classy")
                client.send(#"2/somewhere,1["e",1,"x"]"#)
                let caught = try client.next()
                // The class-based handlers of "/classy" come after the "*" catch-all.
                client.send(#"2/classy,2["f"]"#)
                return [caught, try client.next()]
            }
            #expect(answers == [#"3/somewhere,1["/somewhere e [1,\"x\"]"]"#, #"3/classy,2["/classy f []"]"#])
        }
    }

    @Test func aClassBasedStarNamespaceHandlesEveryNamespace() async throws {
        let app = Flask("catch-all")
        let socketio = SocketIO(app)
        socketio.onNamespace(Anything("*"))
        try await withLiveServer(app) { port in
            let answer = try await blocking {
                let client = try LiveSocketIOClient(port: port)
                _ = try client.connectedSid("/x")
                client.send(#"2/x,1["hi"]"#)
                return try client.next()
            }
            #expect(answer == #"3/x,1["class saw hi in /x"]"#)
        }
    }

    @Test func withoutTheStarNamespaceUnknownNamespacesAreStillRefused() async throws {
        let app = Flask("catch-all")
        let socketio = SocketIO(app)
        socketio.onAny { _, _ in }
        try await withLiveServer(app) { port in
            let answer = try await blocking { try LiveSocketIOClient(port: port).connect("/nope") }
            #expect(answer == #"4/nope,{"message":"Invalid namespace"}"#)
        }
    }
}
