#if canImport(Glibc)
import Glibc
#endif
import FlaskishTestSupport
import Foundation
import Synchronization
import Testing
@testable import Flaskish

/// The send timeout and the per-read body timeout, with short settings.
struct ServerTimeoutTests {
    /// A sparse file of `size` bytes at a path no other test uses.
    func makeLargeFile(size: Int) throws -> String {
        let path = NSTemporaryDirectory() + "flaskish-send-timeout-\(UUID().uuidString).bin"
        let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        guard fd >= 0 else { throw SystemError("open") }
        defer { close(fd) }
        guard ftruncate(fd, off_t(size)) == 0 else { throw SystemError("ftruncate") }
        return path
    }

    /// True while this process has `path` open.
    func isOpen(_ path: String) -> Bool {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return entries.contains { (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)")) == path }
    }

    @Test func downloadNobodyReadsIsCutAtTheSendTimeoutAndReleasesItsFile() async throws {
        let path = try makeLargeFile(size: 64 << 20)
        defer { unlink(path) }
        let app = Flask("download")
        let log = CapturedLog(app)
        app.route("/big") { _ in try sendFile(path) }
        try await withProbedServer(app, configure: { $0.sendTimeoutMilliseconds = 300 }) { server in
            let client = try RawHTTPClient(port: server.port, receiveBufferSize: 4096)
            client.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(await eventually { isOpen(path) || server.connectionCount == 0 })
            #expect(await eventually { server.connectionCount == 0 })
            #expect(await eventually { log.contains("send timeout") }, "\(log.text)")
            #expect(await eventually { !isOpen(path) })
        }
    }

    @Test func webSocketNobodyReadsIsClosedAtTheSendTimeout() async throws {
        let app = Flask("push")
        let log = CapturedLog(app)
        var configuration = WebSocketConfiguration()
        configuration.closeTimeoutMilliseconds = 300
        let chunk = [UInt8](repeating: 1, count: 64 * 1024)
        app.websocket("/push", configuration: configuration) { ws in
            while true { try await ws.send(chunk) }
        }
        try await withProbedServer(app, configure: { $0.sendTimeoutMilliseconds = 300 }) { server in
            let ws = try RawWebSocketClient(port: server.port, path: "/push", receiveBufferSize: 4096)
            #expect(await eventually { server.connectionCount == 0 })
            #expect(await eventually { log.contains("send timeout") })
            withExtendedLifetime(ws) {}
        }
    }

    @Test func slowUploadThatKeepsArrivingIsNotCutByTheHeadTimeout() async throws {
        let app = Flask("upload")
        app.route("/echo", methods: ["POST"]) { req in "\(req.data.count)" }
        // The default body-read timeout (30 s) leaves a loaded machine room between pieces;
        // the head's 1 s is far shorter than the whole upload (3 s), yet long enough that a
        // loaded machine still gets the head from connect to server within it.
        try await withProbedServer(app, configure: { $0.requestHeadTimeoutMilliseconds = 1_000 }) { server in
            let client = try RawHTTPClient(port: server.port, timeoutSeconds: 30)
            let pieces = 30
            let piece = [UInt8](repeating: 0x61, count: 1024)
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: \(pieces * piece.count)\r\n\r\n")
            // Paced on purpose: the whole body takes several head time-outs to arrive.
            for _ in 0..<pieces {
                client.send(piece)
                try await Task.sleep(for: .milliseconds(100))
            }
            let reply = try client.readResponse()
            #expect(reply.status == 200)
            #expect(reply.text == "\(pieces * piece.count)")
        }
    }

    @Test func stalledBodyGets408AndTheClose() async throws {
        let app = Flask("stall")
        app.route("/echo", methods: ["POST"]) { req in "\(req.data.count)" }
        try await withProbedServer(app, configure: { $0.bodyReadTimeoutMilliseconds = 300 }) { server in
            let client = try RawHTTPClient(port: server.port, timeoutSeconds: 30)
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n")
            client.send([UInt8](repeating: 0x61, count: 100))
            let reply = try client.readResponse()
            #expect(reply.status == 408)
            #expect(client.isClosedByServer())
        }
    }

    @Test func appConfigSetsTheNewLimits() {
        let app = Flask("config")
        app.config.fromPrefixedEnvironment(environment: [
            "FLASK_SEND_TIMEOUT": "2", "FLASK_BODY_READ_TIMEOUT": "0.5",
            "FLASK_MAX_OUTBOUND_BYTES": "65536", "FLASK_OUTBOUND_HIGH_WATER_MARK": "131072",
            "FLASK_MAX_PIPELINED_BYTES": "8192",
        ])
        let settings = app.serverConfiguration()
        #expect(settings.sendTimeoutMilliseconds == 2_000)
        #expect(settings.bodyReadTimeoutMilliseconds == 500)
        #expect(settings.maxOutboundBytes == 65_536)
        #expect(settings.outboundHighWaterMark == 131_072)
        #expect(settings.maxPipelinedBytes == 8_192)
        let defaults = Flask("defaults").serverConfiguration()
        #expect(defaults.sendTimeoutMilliseconds == 60_000)
        #expect(defaults.bodyReadTimeoutMilliseconds == 30_000)
        #expect(defaults.maxOutboundBytes == 4 << 20)
        #expect(defaults.outboundHighWaterMark == 256 << 10)
        #expect(defaults.maxPipelinedBytes == 64 << 10)
    }
}
