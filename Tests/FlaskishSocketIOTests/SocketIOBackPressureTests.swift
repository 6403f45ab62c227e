import Flaskish
import FlaskishTestSupport
import Synchronization
import Testing
@testable import FlaskishSocketIO

/// Inbound back-pressure over real sockets: a client's packets waiting for its handlers are
/// bounded (`SocketIOLimits.maxQueuedPackets`), the server stops reading a client whose
/// queue is full and reads again once it drains, and nothing is lost or reordered.
struct SocketIOBackPressureTests {
    static let limit = 16

    /// An app whose `flood` handler waits at `gate` and records each value in order.
    static func floodApp(gate: Gate, seen: Recorder<Int>) -> (Flask, SocketIO) {
        let app = Flask("flood")
        let socketio = SocketIO(app, limits: SocketIOLimits(maxQueuedPackets: limit))
        socketio.onArguments("flood") { arguments in
            await gate.wait()
            seen.record(arguments.first?.intValue ?? -1)
        }
        socketio.on("ping") { "pong" }
        return (app, socketio)
    }

    /// A POST whose answer the server holds while the test looks: its client waits as long
    /// as the test may take on a busy machine.
    static func heldPost(_ target: String, port: Int, body: String) throws -> String {
        let client = try RawHTTPClient(port: port, timeoutSeconds: 120)
        return try EIO.request("POST", target, client: client, port: port, body: body).text
    }

    @Test func aFloodingWebSocketClientIsPausedServedInOrderAndOthersAreServedMeanwhile() async throws {
        let gate = Gate(), seen = Recorder<Int>()
        let (app, socketio) = Self.floodApp(gate: gate, seen: seen)
        try await withLiveServer(app) { port in
            let flooder = try WireClient(port: port)
            flooder.send("40")
            #expect(try flooder.next()?.hasPrefix("40{") == true)
            let count = 1_000
            let padding = String(repeating: "x", count: 1_000)
            let sending = inBackground {
                for i in 0..<count { flooder.send("42[\"flood\",\(i),\"\(padding)\"]") }
            }
            let client = try #require(socketio.client(engineSid: flooder.engineSid))
            let engineSocket = try #require(client.transport as? EngineIOSocket)
            await waitUntil("the flooder's reading is paused") { engineSocket.isReceivingPaused }

            // Another client is served while the flooder waits.
            let other = try WireClient(port: port)
            other.send("40")
            #expect(try other.next()?.hasPrefix("40{") == true)
            other.send("421[\"ping\"]")
            #expect(try other.next() == "431[\"pong\"]")

            gate.open()
            await waitUntil("every flood event was handled") { seen.values.count == count }
            #expect(seen.values == Array(0..<count))
            #expect(try sending.wait(seconds: 120)?.get() != nil)
            // The bound, plus what one 64 KiB read of the socket already held when the
            // queue filled (about 64 of these 1 KB packets); never the whole flood.
            let peak = client.queue.waitingPackets.peak
            #expect(peak >= Self.limit)
            #expect(peak <= Self.limit + 70)
            flooder.send("421[\"ping\"]")
            #expect(try flooder.next() == "431[\"pong\"]")
        }
    }

    @Test func aFloodingPollingClientHasItsPostHeldAndEveryEventArrivesInOrder() async throws {
        let gate = Gate(), seen = Recorder<Int>()
        let (app, socketio) = Self.floodApp(gate: gate, seen: seen)
        try await withLiveServer(app) { port in
            let (sid, _) = try EIO.handshake(port: port)
            let target = "\(EIO.base)&sid=\(sid)"
            #expect(try EIO.request("POST", target, port: port, body: "40").text == "ok")
            #expect(try EIO.request("GET", target, port: port).text.hasPrefix("40{"))
            let count = 500
            let body = (0..<count).map { "42[\"flood\",\($0)]" }.joined(separator: "\u{1e}")
            let posting = inBackground { try Self.heldPost(target, port: port, body: body) }
            let client = try #require(socketio.client(engineSid: sid))
            let engineSocket = try #require(client.transport as? EngineIOSocket)
            await waitUntil("the POST's packets are paused") { engineSocket.isReceivingPaused }
            // The first event's handler may have started (and waits at the gate) meanwhile.
            #expect((Self.limit - 1...Self.limit).contains(client.queue.waitingPackets.now))

            gate.open()
            #expect(try posting.wait(seconds: 120)?.get() == "ok")
            await waitUntil("every flood event was handled") { seen.values.count == count }
            #expect(seen.values == Array(0..<count))
            // A POST is handed over a packet at a time: the bound is exact.
            #expect(client.queue.waitingPackets.peak == Self.limit)
        }
    }

    @Test func eventsWaitingForAClientThatIsGoneAreDropped() async throws {
        let gate = Gate(), seen = Recorder<Int>()
        let (app, socketio) = Self.floodApp(gate: gate, seen: seen)
        let disconnects = Recorder<DisconnectReason>()
        socketio.onDisconnect { reason in disconnects.record(reason) }
        try await withLiveServer(app) { port in
            let flooder = try WireClient(port: port)
            flooder.send("40")
            #expect(try flooder.next()?.hasPrefix("40{") == true)
            for i in 0..<Self.limit { flooder.send("42[\"flood\",\(i)]") }
            let client = try #require(socketio.client(engineSid: flooder.engineSid))
            let engineSocket = try #require(client.transport as? EngineIOSocket)
            await waitUntil("the flooder's queue is full") { client.queue.waitingPackets.now >= Self.limit - 1 }
            // The server ends the session (as a ping time-out or a lost transport would):
            // the first event's handler is running; the rest will never run.
            engineSocket.close()
            gate.open()
            await waitUntil("the disconnect handler ran") { !disconnects.values.isEmpty }
            #expect(disconnects.values == [.serverDisconnect])
            #expect(seen.values == [0])
        }
    }

    @Test func eventsWithoutAHandlerAreNeverQueued() async throws {
        let app = Flask("unhandled")
        let socketio = SocketIO(app, limits: SocketIOLimits(maxQueuedPackets: Self.limit))
        socketio.on("ping") { "pong" }
        try await withLiveServer(app) { port in
            let client = try WireClient(port: port)
            client.send("40")
            #expect(try client.next()?.hasPrefix("40{") == true)
            for i in 0..<2_000 { client.send("42[\"nobody listens\",\(i)]") }
            client.send("421[\"ping\"]")
            #expect(try client.next() == "431[\"pong\"]")
            let connection = try #require(socketio.client(engineSid: client.engineSid))
            #expect(connection.queue.waitingPackets.peak <= 2)
            #expect((connection.transport as? EngineIOSocket)?.isReceivingPaused == false)
        }
    }

    @Test func engineIOHandlersAreBoundedToo() async throws {
        let app = Flask("engineio-flood")
        var options = EngineIOServerOptions()
        options.maxPendingMessages = Self.limit
        let engine = EngineIOServer(app: app, options: options)
        let gate = Gate(), seen = Recorder<String>()
        engine.onMessage { _, message in
            await gate.wait()
            if case .text(let text) = message { seen.record(text) }
        }
        try await withLiveServer(app) { port in
            let (sid, _) = try EIO.handshake(port: port)
            let count = 200
            let body = (0..<count).map { "4m\($0)" }.joined(separator: "\u{1e}")
            let posting = inBackground { try Self.heldPost("\(EIO.base)&sid=\(sid)", port: port, body: body) }
            let socket = try #require(engine.socket(sid: sid))
            await waitUntil("the session is paused") { socket.isReceivingPaused }
            gate.open()
            #expect(try posting.wait(seconds: 120)?.get() == "ok")
            await waitUntil("every message was handled") { seen.values.count == count }
            #expect(seen.values == (0..<count).map { "m\($0)" })
        }
    }
}
