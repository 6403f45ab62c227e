import Flaskish
import FlaskishTestSupport
import Testing
@testable import FlaskishSocketIO

/// `emit(_:arguments:)`: an argument list built at run time goes out as that many arguments,
/// from a handler (context `emit`, `Namespace.emit`) and from the server (`socketio.emit`),
/// checked on the wire of a real WebSocket.
struct SocketIOMultiArgumentEmitTests {
    final class Spreader: Namespace, @unchecked Sendable {
        override func onEvent(_ event: String, _ arguments: [SocketIOValue]) async throws -> [SocketIOValue]? {
            try emit("spread by class", arguments: arguments)
            return []
        }
    }

    @Test func anArgumentListIsSentAsThatManyArguments() async throws {
        let app = Flask("multi")
        let socketio = SocketIO(app)
        socketio.onArguments("spread") { arguments in try emit("spread", arguments: arguments) }
        socketio.onArguments("as one") { arguments in try emit("as one", SocketIOValue.array(arguments)) }
        socketio.on("from server") { [unowned socketio] in
            try socketio.emit("bulk", arguments: [1, "two", [3], .binary([4])], to: request.sid)
        }
        socketio.onNamespace(Spreader("/class"))
        try await withLiveServer(app) { port in
            let received = try await blocking {
                let client = try LiveSocketIOClient(port: port)
                _ = try client.connectedSid()
                _ = try client.connectedSid("/class")
                var received: [String] = []
                client.send(#"2["spread",1,"a",true,null]"#)
                received.append(try client.next())
                client.send(#"2["as one",1,"a"]"#)
                received.append(try client.next())
                client.send(#"2/class,["x",{"k":1},2]"#)
                received.append(try client.next())
                client.send(#"2["from server"]"#)
                received.append(try client.next())
                // The binary argument travels as an attachment frame right behind its header.
                let attachment = try client.webSocket.readFrame()
                received.append(attachment.opcode == .binary ? "binary \(attachment.payload)" : "not binary")
                return received
            }
            #expect(received == [
                #"2["spread",1,"a",true,null]"#,
                #"2["as one",[1,"a"]]"#,
                #"2/class,["spread by class",{"k":1},2]"#,
                #"51-["bulk",1,"two",[3],{"_placeholder":true,"num":0}]"#,
                "binary [4]",
            ])
        }
    }
}
