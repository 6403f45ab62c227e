import Flaskish
import FlaskishTestSupport
import Foundation
import Testing
@testable import FlaskishSocketIO

/// Connection state recovery over real loopback WebSockets: a client whose transport drops
/// and that reconnects with its `pid` and last offset gets the same sid, its rooms, and every
/// event emitted for it meanwhile, once, in order; anything else gets a new session.
struct ConnectionStateRecoveryTests {
    @Test func aDroppedClientGetsItsSidRoomsAndMissedEventsOnceInOrder() async throws {
        try await withRecoveryServer { socketio, port, events in
            let (first, hello) = try await connectedClient(port)
            let sid = try #require(hello.sid)
            let pid = try #require(hello.pid, "the CONNECT reply carries a pid with recovery on")
            #expect(await events.connects.next() == "\(sid) new")
            // A repeated CONNECT is answered as the first was, pid included.
            let repeated = try await blocking { try first.connect() }
            #expect(repeated.sid == sid && repeated.pid == pid)
            try await blocking { try first.call("join", "red") }
            try socketio.emit("x", 1)
            let one = try await blocking { try first.nextEvent() }
            #expect(one.name == "x" && one.arguments.first == .int(1))
            let offset = try #require(one.arguments.last?.stringValue, "an emitted event ends with its offset")

            try await drop(first, socketio, events)
            // Missed: the namespace, its room, its sid; not another room, not when skipped.
            try socketio.emit("x", 2)
            try socketio.emit("x", 3, to: "red")
            try socketio.emit("x", 4, to: "blue")
            try socketio.emit("x", 5, to: sid)
            try socketio.emit("x", 6, skipSid: sid)
            try socketio.emit("x", 7, to: "red")

            let (second, again) = try await connectedClient(port, auth: #"{"pid":"\#(pid)","offset":"\#(offset)"}"#)
            #expect(again.sid == sid)
            #expect(again.pid == pid)
            #expect(await events.connects.next() == "\(sid) recovered")
            #expect(socketio.server.isRecovered(sid: sid))
            #expect(socketio.server.rooms(of: sid).contains("red"))
            try socketio.emit("x", 8, to: "red")
            let received = try await blocking { try second.events(until: 8) }
            #expect(received == [2, 3, 5, 7, 8])
        }
    }

    @Test func eventsEmittedWhileTheClientDropsAndRecoversArriveOnceInOrder() async throws {
        let total = 2_000
        try await withRecoveryServer { socketio, port, events in
            let (first, hello) = try await connectedClient(port)
            let pid = try #require(hello.pid)
            _ = await events.connects.next()
            let emitter = Task.detached { for i in 1...total { try socketio.emit("x", i) } }
            // Read a while, then cut the transport mid-stream, whatever is in flight.
            var seen: [Int] = []
            var offset = ""
            for _ in 0..<total / 4 {
                let event = try await blocking { try first.nextEvent() }
                if case .int(let n)? = event.arguments.first { seen.append(n) }
                offset = event.arguments.last?.stringValue ?? ""
            }
            try await drop(first, socketio, events)
            let (second, again) = try await connectedClient(port, auth: #"{"pid":"\#(pid)","offset":"\#(offset)"}"#)
            #expect(again.pid == pid)
            try await emitter.value
            seen += try await blocking { try second.events(until: total) }
            #expect(seen == Array(1...total))
        }
    }

    @Test func aMissedBinaryEventIsReplayedWithItsAttachmentRightBehind() async throws {
        try await withRecoveryServer { socketio, port, events in
            let (sid, pid) = try await droppedClient(socketio, port, events)
            try socketio.emit("b", SocketIOValue.binary([1, 2, 3]))

            let second = try await blocking { try RecoveryClient(port: port) }
            second.webSocket.send(text: #"40{"pid":"\#(pid)"}"#)
            // Until the CONNECT reply and the replayed header and attachment have all come,
            // in whichever order the CONNECT goes (before or after the replay).
            let frames = try await blocking { () throws -> [String] in
                var seen: [String] = []
                while !(seen.contains(where: { $0.hasPrefix("40") }) && seen.contains(where: { $0.hasPrefix("bin ") })) {
                    let frame = try second.webSocket.readFrame()
                    if frame.opcode == .binary {
                        seen.append("bin " + frame.payload.map(String.init).joined(separator: ","))
                    } else {
                        let text = String(decoding: frame.payload, as: UTF8.self)
                        if text == "2" { second.webSocket.send(text: "3") } else { seen.append(text) }
                    }
                }
                return seen
            }
            let header = try #require(frames.firstIndex { $0.hasPrefix(#"451-["b",{"_placeholder":true,"num":0},""#) })
            #expect(frames[header + 1] == "bin 1,2,3", "the attachment follows its header: \(frames)")
            #expect(frames.filter { $0.hasPrefix("451-") }.count == 1)
            #expect(frames.contains(#"40{"sid":"\#(sid)","pid":"\#(pid)"}"#) || frames.contains(#"40{"pid":"\#(pid)","sid":"\#(sid)"}"#))
        }
    }

    @Test(arguments: [false, true])
    func aClientThatSawNoEventYetGetsEverythingSinceItJoined(alwaysConnect: Bool) async throws {
        try await withRecoveryServer(alwaysConnect: alwaysConnect) { socketio, port, events in
            try socketio.emit("x", 0)  // before it joined: not for it
            let (sid, pid) = try await droppedClient(socketio, port, events)
            try socketio.emit("x", 1)
            try socketio.emit("x", 2)

            let (second, again) = try await connectedClient(port, auth: #"{"pid":"\#(pid)","token":"kept"}"#)
            #expect(again.sid == sid)
            try socketio.emit("x", 3)
            #expect(try await blocking { try second.events(until: 3) } == [1, 2, 3])
        }
    }

    @Test func afterTheWindowTheClientGetsANewSession() async throws {
        try await withRecoveryServer(window: 60) { socketio, port, events in
            let (sid, pid) = try await droppedClient(socketio, port, events)
            try socketio.emit("x", 1)
            let store = try #require(socketio.server.recovery)
            #expect(store.counts.sessions == 1)
            store.advanceClock(seconds: 61)

            let (second, again) = try await connectedClient(port, auth: #"{"pid":"\#(pid)"}"#)
            #expect(again.sid != nil && again.sid != sid)
            #expect(again.pid != pid)
            #expect(await events.connects.next() == "\(again.sid ?? "") new")
            // The missed event is not replayed to the new session; the next one arrives.
            try socketio.emit("x", 2)
            #expect(try await blocking { try second.events(until: 2) } == [2])
            // The sweep drops what is older than the window: event 1, not event 2.
            store.sweep()
            #expect(store.counts == (packets: 1, sessions: 0))
        }
    }

    @Test func packetsPastTheCapMakeRecoveryFailRatherThanReplayPartly() async throws {
        try await withRecoveryServer(maxPackets: 3) { socketio, port, events in
            let (sid, pid) = try await droppedClient(socketio, port, events)
            for i in 1...5 { try socketio.emit("x", i) }
            #expect(socketio.server.recovery?.counts.packets == 3)

            let (_, again) = try await connectedClient(port, auth: #"{"pid":"\#(pid)"}"#)
            #expect(again.sid != sid)
        }
    }

    @Test func aClientThatLeavesOnPurposeIsNotKept() async throws {
        try await withRecoveryServer { socketio, port, events in
            let (first, hello) = try await connectedClient(port)
            let (sid, pid) = (try #require(hello.sid), try #require(hello.pid))
            _ = await events.connects.next()
            first.webSocket.send(text: "41")  // Socket.IO DISCONNECT
            #expect(await events.disconnects.next() == sid)
            #expect(socketio.server.recovery?.counts.sessions == 0)
            let (_, again) = try await connectedClient(port, auth: #"{"pid":"\#(pid)"}"#)
            #expect(again.sid != sid)
        }
    }

    @Test func anOffsetThisServerDidNotIssueGetsANewSession() async throws {
        try await withRecoveryServer { socketio, port, events in
            let (sid, pid) = try await droppedClient(socketio, port, events)
            // A bare number, as another process or an earlier run might have issued.
            let (_, again) = try await connectedClient(port, auth: #"{"pid":"\#(pid)","offset":"0"}"#)
            #expect(again.sid != sid)
        }
    }

    @Test func theTestClientHandsEventsOverWithoutTheirOffset() async throws {
        let app = Flask("test-client")
        let socketio = SocketIO(app, connectionStateRecovery: .init())
        socketio.onConnect {}
        socketio.on("ping") { try emit("pong", 1) }
        let client = await socketio.testClient(app)
        try await client.emit("ping")
        #expect(client.getReceived() == [.init(name: "pong", args: [1], namespace: "/")])
    }

    @Test func recoveryIsOffByDefault() async throws {
        let app = Flask("no-recovery")
        let socketio = SocketIO(app)
        let connects = Recorder<String>()
        socketio.onConnect { connects.record(request.recovered ? "recovered" : "new") }
        #expect(!socketio.server.recoversConnections)
        try await withLiveServer(app) { port in
            let (first, hello) = try await connectedClient(port)
            #expect(hello.pid == nil)
            #expect(await connects.next() == "new")
            try socketio.emit("x", 1)
            let event = try await blocking { try first.nextEvent() }
            #expect(event.arguments == [.int(1)], "no offset argument with recovery off")
            first.webSocket.sendClose(code: 1000)
            let (_, again) = try await connectedClient(port, auth: #"{"pid":"made-up","offset":"1"}"#)
            #expect(again.sid != nil && again.sid != hello.sid)
            #expect(await connects.next() == "new")
        }
    }

    // MARK: Helpers

    struct Events: Sendable {
        let connects = Recorder<String>()
        let disconnects = Recorder<String>()
    }

    /// A live server with recovery on: `join` puts the client in a room; connects are recorded
    /// as "<sid> new" or "<sid> recovered", disconnects as the sid.
    private func withRecoveryServer(
        window: Double = 120, maxPackets: Int = ConnectionStateRecovery.defaultMaxPackets, alwaysConnect: Bool = false,
        _ body: (SocketIO, Int, Events) async throws -> Void
    ) async throws {
        let app = Flask("recovery")
        let socketio = SocketIO(app, alwaysConnect: alwaysConnect,
                                connectionStateRecovery: .init(maxDisconnectionDuration: window, maxPackets: maxPackets))
        let events = Events()
        socketio.onConnect { events.connects.record("\(request.sid ?? "?") \(request.recovered ? "recovered" : "new")") }
        socketio.onDisconnect { events.disconnects.record(request.sid ?? "?") }
        socketio.on("join") { room in try joinRoom(room.stringValue ?? "") }
        try await withLiveServer(app) { port in try await body(socketio, port, events) }
    }

    /// A new client on `port`, connected to `/` with `auth`, and the CONNECT reply's sid and pid.
    private func connectedClient(
        _ port: Int, auth: String = ""
    ) async throws -> (RecoveryClient, (sid: String?, pid: String?)) {
        let client = try await blocking { try RecoveryClient(port: port) }
        return (client, try await blocking { try client.connect(auth: auth) })
    }

    /// A client that connected (its connect handler has run) and whose transport then dropped,
    /// so the server keeps its session; returns the sid and pid to recover it with.
    private func droppedClient(_ socketio: SocketIO, _ port: Int, _ events: Events) async throws -> (sid: String, pid: String) {
        let (client, hello) = try await connectedClient(port)
        let ids = (sid: try #require(hello.sid), pid: try #require(hello.pid))
        _ = await events.connects.next()
        try await drop(client, socketio, events)
        return ids
    }

    /// Cuts the client's transport (a WebSocket close, no Socket.IO DISCONNECT: "transport
    /// close") and returns once the server has kept its session.
    private func drop(_ client: RecoveryClient, _ socketio: SocketIO, _ events: Events) async throws {
        client.webSocket.sendClose(code: 1000)
        _ = await events.disconnects.next()
        // The session is kept right after the disconnect handler, on the same queue.
        await socketio.server.waitUntilIdle(engineSid: client.engineSid)
    }
}

/// A Socket.IO client over a raw loopback WebSocket that keeps what recovery needs: the
/// Engine.IO sid, and the `sid`/`pid` of the CONNECT reply. Its calls block.
private final class RecoveryClient: @unchecked Sendable {
    struct Event { var name: String; var arguments: [SocketIOValue] }

    let webSocket: RawWebSocketClient
    let engineSid: String
    /// Events that arrived before the CONNECT reply (a replay may come first, as in Node).
    private var early: [Event] = []

    init(port: Int) throws {
        webSocket = try RawWebSocketClient(port: port, path: "/socket.io/?EIO=4&transport=websocket", timeoutSeconds: 60)
        guard let open = try webSocket.readText(), open.hasPrefix("0"),
              case .object(let fields) = try JSONValue(parsing: String(open.dropFirst())),
              case .string(let sid)? = fields["sid"] else { throw RawWebSocketClient.Failure.closed }
        engineSid = sid
    }

    /// The next Socket.IO packet's text (without Engine.IO's `4`); pings are answered.
    func next() throws -> String {
        while true {
            guard let text = try webSocket.readText() else { continue }
            if text == "2" { webSocket.send(text: "3"); continue }
            if text.hasPrefix("4") { return String(text.dropFirst()) }
        }
    }

    /// Connects to `/` with `auth`; events that come before the reply are kept for later.
    func connect(auth: String = "") throws -> (sid: String?, pid: String?) {
        webSocket.send(text: "40" + auth)
        while true {
            let packet = try next()
            if packet.hasPrefix("2") {
                early.append(try Self.event(packet))
                continue
            }
            guard packet.hasPrefix("0"), case .object(let fields) = try JSONValue(parsing: String(packet.dropFirst())) else {
                return (nil, nil)
            }
            return (fields["sid"].flatMap { if case .string(let s) = $0 { s } else { nil } },
                    fields["pid"].flatMap { if case .string(let s) = $0 { s } else { nil } })
        }
    }

    /// Emits `event` with one string argument and waits for its ACK.
    func call(_ event: String, _ argument: String) throws {
        webSocket.send(text: "421[\"\(event)\",\"\(argument)\"]")
        while true {
            let packet = try next()
            if packet.hasPrefix("31") { return }
            early.append(try Self.event(packet))
        }
    }

    /// The next event, an early one first.
    func nextEvent() throws -> Event {
        if !early.isEmpty { return early.removeFirst() }
        return try Self.event(try next())
    }

    /// The first arguments of the `x` events up to and including `last`.
    func events(until last: Int) throws -> [Int] {
        var numbers: [Int] = []
        while numbers.last != last {
            let event = try nextEvent()
            guard event.name == "x", case .int(let n)? = event.arguments.first else { continue }
            numbers.append(n)
        }
        return numbers
    }

    private static func event(_ packet: String) throws -> Event {
        guard packet.hasPrefix("2"), case .array(let items) = try JSONValue(parsing: String(packet.dropFirst())),
              case .string(let name)? = items.first else { throw RawHTTPClient.Failure.malformed(packet) }
        return Event(name: name, arguments: items.dropFirst().map(SocketIOValue.init))
    }
}
