import Flaskish
import FlaskishTestSupport
import Testing
@testable import FlaskishSocketIO

/// `socketio.call` and `socketio.emitWithAck` over real WebSockets: the answers come back,
/// and a time-out says who did not answer and keeps what did arrive.
///
/// The calls run as child tasks (`async let`): an unstructured `Task {}` could start many
/// seconds late in a full parallel run (test bodies block the few cooperative threads), long
/// enough for the waiting client to be cut by the Engine.IO heartbeat.
struct SocketIOAckTimeoutTests {
    /// The ack id of an EVENT packet of the main namespace (`2<id>[…]`).
    static func ackID(_ packet: String) -> Int? {
        guard packet.hasPrefix("2"), let bracket = packet.firstIndex(of: "[") else { return nil }
        return Int(packet[packet.index(after: packet.startIndex)..<bracket])
    }

    @Test func callReturnsTheClientsAnswerAndALateAnswerAfterATimeOutIsHarmless() async throws {
        let app = Flask("acks")
        let socketio = SocketIO(app)
        socketio.onConnect {}
        try await withLiveServer(app) { port in
            let client = try await blocking { try LiveSocketIOClient(port: port) }
            let sid = try await blocking { try client.connectedSid() }

            // Unanswered: the error names the client.
            async let unanswered = socketio.call("ping?", to: sid, timeout: 0.2)
            let silent = try await blocking { try client.next() }
            #expect(silent.hasSuffix(#"["ping?"]"#))
            var timedOut: SocketIOTimeoutError?
            do { _ = try await unanswered } catch let error as SocketIOTimeoutError { timedOut = error }
            #expect(timedOut == SocketIOTimeoutError(event: "ping?", timeout: 0.2, missing: [sid]))

            // Answering that one now finds nothing waiting; the next call still works.
            let lateID = try #require(Self.ackID(silent))
            async let answered = socketio.call("add", 2, 3, to: sid, timeout: 60)
            let question = try await blocking {
                client.send("3\(lateID)[\"too late\"]")
                return try client.next()
            }
            #expect(question.hasSuffix(#"["add",2,3]"#))
            let id = try #require(Self.ackID(question))
            try await blocking { client.send("3\(id)[5,\"five\"]") }
            let answer = try await answered
            #expect(answer == [5, "five"])
        }
    }

    @Test func callToASidThatIsNotConnectedFailsAtOnce() async throws {
        let socketio = SocketIO()
        socketio.onConnect {}
        let error = await #expect(throws: SocketIOTimeoutError.self) {
            try await socketio.call("x", to: "no-such-sid", timeout: 3600)
        }
        #expect(error?.missing == ["no-such-sid"])
        #expect(error?.description == #"No acknowledgement of "x" within 3600.0 s from client no-such-sid"#)
    }

    @Test func emitWithAckCollectsEveryRecipientsAnswer() async throws {
        let app = Flask("acks")
        let socketio = SocketIO(app)
        socketio.onConnect {}
        socketio.on("join") { room in try joinRoom(room.stringValue ?? "") }
        try await withLiveServer(app) { port in
            let clients = try await blocking { try (0..<3).map { _ in try LiveSocketIOClient(port: port) } }
            var sids: [String] = []
            for client in clients { sids.append(try await blocking { try client.connectedSid() }) }
            // Clients 0 and 1 join "team"; the acked join tells us they are in.
            for client in clients.prefix(2) {
                let joined = try await blocking {
                    client.send(#"21["join","team"]"#)
                    return try client.next()
                }
                #expect(joined == "31[]")
            }

            async let everyone = socketio.emitWithAck("vote?", "lunch", timeout: 60)
            for (index, client) in clients.enumerated() {
                try await blocking {
                    let packet = try client.next()
                    guard let id = Self.ackID(packet), packet.hasSuffix(#"["vote?","lunch"]"#) else {
                        throw RawHTTPClient.Failure.malformed(packet)
                    }
                    client.send("3\(id)[\(index)]")
                }
            }
            let votes = try await everyone
            #expect(votes == [sids[0]: [0], sids[1]: [1], sids[2]: [2]])

            async let team = socketio.emitWithAck("team?", to: "team", timeout: 60)
            for client in clients.prefix(2) {
                try await blocking {
                    let packet = try client.next()
                    client.send("3\(Self.ackID(packet) ?? -1)[\"yes\"]")
                }
            }
            let teamAnswers = try await team
            #expect(teamAnswers == [sids[0]: ["yes"], sids[1]: ["yes"]])
            #expect(try await socketio.emitWithAck("anyone?", to: "empty room", timeout: 60) == [:])
        }
    }

    @Test func emitWithAckTimeOutListsWhoDidNotAnswerAndKeepsTheAnswers() async throws {
        let app = Flask("acks")
        let socketio = SocketIO(app)
        socketio.onConnect {}
        try await withLiveServer(app) { port in
            let clients = try await blocking { try (0..<3).map { _ in try LiveSocketIOClient(port: port) } }
            var sids: [String] = []
            for client in clients { sids.append(try await blocking { try client.connectedSid() }) }

            // Long enough for the two answers to arrive while other tests hold the machine (3 s
            // was not, in a full parallel run); the test waits it out once.
            async let poll = socketio.emitWithAck("poll", arguments: [1, "two"], timeout: 10)
            for (index, client) in clients.enumerated() {
                try await blocking {
                    let packet = try client.next()
                    // The last client reads the question and stays silent.
                    if index < 2 { client.send("3\(Self.ackID(packet) ?? -1)[\"ok \(index)\"]") }
                }
            }
            var error: SocketIOTimeoutError?
            do { _ = try await poll } catch let timedOut as SocketIOTimeoutError { error = timedOut }
            #expect(error != nil)
            #expect(error?.missing == [sids[2]])
            #expect(error?.answers == [sids[0]: ["ok 0"], sids[1]: ["ok 1"]])
            #expect(error?.description == #"No acknowledgement of "poll" within 10.0 s from 1 of 3 clients (\#(sids[2]))"#)
        }
    }
}
