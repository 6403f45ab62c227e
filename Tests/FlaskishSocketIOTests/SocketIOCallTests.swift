import Flaskish
import Synchronization
import Testing
@testable import FlaskishSocketIO

/// `socketio.call` / context `call`: emit and wait for the client's acknowledgement.
struct SocketIOCallTests {
    /// A peer that answers every event asking for an ack with `answer`, and records the rest.
    final class AnsweringPeer: Sendable {
        let transport: SocketIOTestTransport
        private let server: SocketIOServer
        private let texts = Recorder<String>()

        init(_ socketio: SocketIO, answer: String?) {
            // The server holds the transport, which holds this callback: the callback reaches
            // the server and the transport through weak references, or all three would leak.
            let box = Mutex(WeakTransport())
            let texts = self.texts
            server = socketio.server
            transport = SocketIOTestTransport(server: socketio.server, request: Request(method: .GET, target: "/socket.io/")) { sent in
                guard case .text(let text) = sent else { return }
                texts.record(text)
                // `2<id>[…]`: answer with `3<id><answer>`.
                guard let answer, text.hasPrefix("2"), let bracket = text.firstIndex(of: "["),
                      let id = Int(text[text.index(after: text.startIndex)..<bracket]),
                      let transport = box.withLock({ $0.value }), let server = transport.server else { return }
                server.engineMessage(transport, .text("3\(id)\(answer)"))
            }
            box.withLock { $0.value = transport }
            server.engineConnected(transport)
        }

        func send(_ text: String) async {
            server.engineMessage(transport, .text(text))
            await server.waitUntilIdle(engineSid: transport.sid)
        }

        private struct WeakTransport: @unchecked Sendable {
            weak var value: SocketIOTestTransport?
        }

        var received: [String] { texts.values }
    }

    @Test func serverCallReturnsTheAnswer() async throws {
        let socketio = SocketIO()
        socketio.onConnect {}
        let peer = AnsweringPeer(socketio, answer: #"["sure",1]"#)
        await peer.send("0")
        let sid = try #require(peer.received.first.flatMap(RawPeer.sid(fromConnect:)))
        #expect(try await socketio.call("really?", "x", to: sid) == ["sure", 1])
        #expect(peer.received.last == #"21["really?","x"]"#)
    }

    @Test func unansweredCallTimesOut() async throws {
        let socketio = SocketIO()
        socketio.onConnect {}
        let peer = AnsweringPeer(socketio, answer: nil)
        await peer.send("0")
        let sid = try #require(peer.received.first.flatMap(RawPeer.sid(fromConnect:)))
        await #expect(throws: SocketIOTimeoutError(event: "hello?", timeout: 0.01, missing: [sid])) {
            try await socketio.call("hello?", to: sid, timeout: 0.01)
        }
    }

    @Test func handlerCanCallItsOwnClient() async throws {
        let socketio = SocketIO()
        socketio.on("ask") { () async throws -> SocketIOValue in
            try await call("name?").first ?? nil
        }
        let peer = AnsweringPeer(socketio, answer: #"["ana"]"#)
        await peer.send("0")
        await peer.send(#"25["ask"]"#)
        #expect(peer.received.suffix(2) == [#"21["name?"]"#, #"35["ana"]"#])
    }

    @Test func contextCallTakesAnArgumentList() async throws {
        let socketio = SocketIO()
        socketio.onArguments("ask") { arguments in SocketIOValue.array(try await call("twice?", arguments: arguments)) }
        let peer = AnsweringPeer(socketio, answer: #"["ok"]"#)
        await peer.send("0")
        await peer.send(#"25["ask",1,[2]]"#)
        #expect(peer.received.suffix(2) == [#"21["twice?",1,[2]]"#, #"35[["ok"]]"#])
    }

    @Test func callOutsideAHandlerNeedsTheServerLevelForm() async {
        await #expect(throws: SocketIOContextError(function: "call")) { _ = try await call("x") }
    }
}
