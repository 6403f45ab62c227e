#if canImport(Glibc)
import Glibc
#endif
import FlaskishTestSupport
import Foundation
import Synchronization
import Testing
@testable import Flaskish

/// Back-pressure over real sockets: a peer that sends and never reads costs the server a
/// bounded queue (the high-water mark, the outbound limit), never its requests' worth of
/// answers, and loses nothing when it reads again.
struct ServerBackPressureTests {
    static let highWaterMark = 256 * 1024

    func pingApp() -> Flask {
        let app = Flask("pings")
        app.websocket("/ws") { ws in
            while try await ws.receive() != nil {}
        }
        return app
    }

    /// Masked pings with the largest control payload, back to back.
    func pingFrames(count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for index in 0..<count {
            let frame = WebSocketFrame(opcode: .ping, payload: [UInt8](repeating: UInt8(truncatingIfNeeded: index), count: 125))
            bytes += WebSocketFrameSerializer.clientFrame(frame, maskingKey: UInt32(index) &* 2_654_435_761)
        }
        return bytes
    }

    @Test func pingFloodFromAPeerThatNeverReadsIsNoLongerRead() async throws {
        try await withProbedServer(pingApp(), configure: { $0.outboundHighWaterMark = Self.highWaterMark }) { server in
            let ws = try RawWebSocketClient(port: server.port, path: "/ws", receiveBufferSize: 4096)
            let limit = 256 << 20
            let sent = pushUntilRefused(ws.http.fd, chunk: pingFrames(count: 4096), limit: limit)
            #expect(sent < limit, "the server kept reading pings whose pongs nobody read")
            let snapshots = await server.connectionSnapshots()
            #expect(snapshots.count == 1)
            // At most one read's worth of pongs (64 KiB) past the mark, far under the 4 MiB limit.
            #expect(snapshots.allSatisfy { $0.queuedBytes <= Self.highWaterMark + 64 * 1024 })
            #expect(snapshots.allSatisfy { $0.readingPaused })
        }
    }

    @Test func pongsCountAgainstTheOutboundLimit() async throws {
        let app = pingApp()
        let log = CapturedLog(app)
        try await withProbedServer(app, configure: {
            $0.maxOutboundBytes = 32 * 1024
            $0.outboundHighWaterMark = 64 << 20  // the limit, not the pause, must act here
        }) { server in
            let ws = try RawWebSocketClient(port: server.port, path: "/ws", receiveBufferSize: 4096)
            _ = pushUntilRefused(ws.http.fd, chunk: pingFrames(count: 4096), limit: 256 << 20)
            #expect(await eventually { server.connectionCount == 0 })
            #expect(await eventually { log.contains("slow consumer") })
            #expect(await eventually { log.contains("control frame refused") })
        }
    }

    @Test func pipelinedRequestsWaitWhileAnAnswerIsUnread() async throws {
        let app = Flask("pipeline")
        let handled = Atomic<Int>(0)
        let blob = [UInt8](repeating: UInt8(ascii: "x"), count: 16 * 1024)
        app.route("/blob") { _ in
            handled.add(1, ordering: .relaxed)
            return Response(bytes: blob, contentType: "application/octet-stream")
        }
        try await withProbedServer(app, configure: { $0.outboundHighWaterMark = Self.highWaterMark }) { server in
            let client = try RawHTTPClient(port: server.port, timeoutSeconds: 60, receiveBufferSize: 4096)
            let count = 2000
            let request = Array("GET /blob HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
            let requests = Array((0..<count).map { _ in request }.joined())
            _ = pushUntilRefused(client.fd, chunk: requests, limit: requests.count)
            // The server stops once an answer sits queued past the mark.
            #expect(await eventually {
                let snapshots = await server.connectionSnapshots()
                return snapshots.count == 1 && snapshots[0].readingPaused && snapshots[0].queuedBytes > Self.highWaterMark
            })
            let atPause = handled.load(ordering: .relaxed)
            #expect(atPause < count, "every pipelined request was answered into a peer that does not read")
            for snapshot in await server.connectionSnapshots() {
                #expect(snapshot.queuedBytes <= Self.highWaterMark + blob.count + 1024)
            }
            // Nothing was dropped: reading now gets every answer, in order.
            for _ in 0..<count {
                let reply = try client.readResponse()
                #expect(reply.status == 200)
                #expect(reply.body.count == blob.count)
            }
            #expect(handled.load(ordering: .relaxed) == count)
        }
    }
}
