#if canImport(Glibc)
import Glibc
#endif
import FlaskishTestSupport
import Foundation
import Synchronization
@testable import Flaskish

/// Serves `app` on a free loopback port and hands the test the running `Server`, so it can
/// look at the engine's own state (queues, loops) through `LiveServerProbe`.
func withProbedServer<T>(
    _ app: Flask, configure: (inout Server.Configuration) -> Void = { _ in },
    _ body: (Server) async throws -> T
) async throws -> T {
    var configuration = Server.Configuration()
    configuration.accessLog = false
    configure(&configuration)
    let server = try app.serve(host: "127.0.0.1", port: 0, configuration: configuration)
    do {
        let result = try await body(server)
        server.stop(timeout: .seconds(2))
        return result
    } catch {
        server.stop(timeout: .seconds(2))
        throw error
    }
}

/// One connection as its loop sees it.
struct ConnectionSnapshot: Sendable {
    var queuedBytes: Int
    var readingPaused: Bool
    var inputEnded: Bool
}

extension Server {
    /// Every open connection's state, read on the loops' own threads.
    func connectionSnapshots() async -> [ConnectionSnapshot] {
        var result: [ConnectionSnapshot] = []
        for loop in loops {
            result += await loop.submit {
                loop.liveConnections.map { ConnectionSnapshot(queuedBytes: $0.queuedBytes, readingPaused: $0.readingPaused, inputEnded: $0.inputEnded) }
            }
        }
        return result
    }

    /// The turns (epoll wake-ups) the first loop has taken so far.
    func firstLoopTurns() async -> UInt64 {
        let loop = loops[0]
        return await loop.submit { loop.turns }
    }
}

/// Polls `condition` every 10 ms until it holds or `seconds` pass; returns whether it held.
/// The time-out is generous: it only bounds a failing test.
func eventually(seconds: Double = 30, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return try await condition()
}

/// Log lines kept for a test.
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])

    init(_ app: Flask) {
        app.logger.addHandler { [self] _, message in lines.withLock { $0.append(message) } }
    }

    func contains(_ text: String) -> Bool { lines.withLock { $0.contains { $0.contains(text) } } }

    /// Everything logged so far, for a failure's message.
    var text: String { lines.withLock { $0.joined(separator: "\n") } }
}

/// Sends `chunk` over and over without blocking until `limit` bytes are sent, the server
/// stops taking them (no room for `stallSeconds`), or the connection fails. Returns the count sent.
func pushUntilRefused(_ fd: Int32, chunk: [UInt8], limit: Int, stallSeconds: Int32 = 2) -> Int {
    var sent = 0
    var offset = 0
    while sent < limit {
        let n = chunk[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        if n > 0 {
            sent += n
            offset = (offset + n) % chunk.count
            continue
        }
        guard n < 0, errno == EAGAIN || errno == EWOULDBLOCK else { return sent }
        var waiter = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        if poll(&waiter, 1, stallSeconds * 1000) <= 0 { return sent }
        if waiter.revents & Int16(POLLERR | POLLHUP) != 0 { return sent }
    }
    return sent
}
