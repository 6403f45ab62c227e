import FlaskishTestSupport
import Flaskish
import Foundation
import Synchronization
import Testing
@testable import FlaskishSocketIO

/// A closed browser tab: a client that hangs up (or half-closes) while its long-poll GET is
/// held ends its session at once, as a transport close, without waiting for the heartbeat.
struct EngineIOAbandonedPollTests {
    @Test func abandonedPollsEndTheirSessionsAtOnce() async throws {
        let app = Flask("abandoned")
        var options = EngineIOServerOptions()
        // Far beyond the test's waits: only the hang-up can end these sessions.
        options.pingInterval = .seconds(600)
        let engine = EngineIOServer(app: app, options: options)
        let reasons = Mutex<[DisconnectReason]>([])
        engine.onDisconnect { _, reason in reasons.withLock { $0.append(reason) } }
        try await withLiveServer(app) { port in
            let count = 20
            var sids: [String] = []
            var pollers: [RawHTTPClient?] = []
            for index in 0..<count {
                let sid = try EIO.handshake(port: port).sid
                let poller = try RawHTTPClient(port: port)
                EIO.send("GET", "\(EIO.base)&sid=\(sid)", client: poller, port: port)
                try await waitForPendingPoll(engine, sid: sid)
                // Half the tabs half-close, half close (dropping the client closes its socket).
                if index % 2 == 0 {
                    poller.shutdownWrite()
                    pollers.append(poller)
                } else {
                    pollers.append(nil)
                }
                sids.append(sid)
            }
            // Generous, as waitForPendingPoll: only a failure waits it out.
            await waitUntil("all \(count) abandoned sessions ended", seconds: 120) { reasons.withLock { $0.count } >= count }
            #expect(reasons.withLock { $0 } == Array(repeating: .transportClose, count: count))
            #expect(sids.allSatisfy { engine.socket(sid: $0) == nil })
            withExtendedLifetime(pollers) {}
        }
    }
}
