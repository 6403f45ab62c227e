import Foundation
import FlaskishTestSupport
import Testing

/// `socketio.run(app, configuration:)`, as an application calls it: the real
/// `SocketIOTestServer` executable started with `--run`, which serves through `socketio.run`
/// with a request-line limit of 1 KiB set in code, until SIGTERM.
struct SocketIORunTests {
    /// The debug products folder: `FLASKISH_BIN_PATH` from scripts/test, else `.build/debug`.
    static var binPath: URL {
        if let path = ProcessInfo.processInfo.environment["FLASKISH_BIN_PATH"] { return URL(fileURLWithPath: path) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug")
    }

    @Test func runServesWithTheSettingsGivenInCodeAndStopsOnSIGTERM() async throws {
        let process = Process()
        process.executableURL = Self.binPath.appendingPathComponent("SocketIOTestServer")
        process.arguments = ["run", "--host", "127.0.0.1", "--port", "0"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let port = try await blocking { try Self.bannerPort(errors.fileHandleForReading) }

        let (short, long, socketIO) = try await blocking {
            let short = try RawHTTPClient(port: port)
            short.send("GET /test.html?\(String(repeating: "a", count: 100)) HTTP/1.1\r\nHost: x\r\n\r\n")
            let long = try RawHTTPClient(port: port)
            long.send("GET /test.html?\(String(repeating: "a", count: 2000)) HTTP/1.1\r\nHost: x\r\n\r\n")
            let client = try LiveSocketIOClient(port: port)
            client.send(#"0"#)
            _ = try client.next()
            client.send(#"21["echo","a",2]"#)
            return (try short.readResponse().status, try long.readResponse().status, try client.next())
        }
        #expect(short == 200)
        // 2 000 bytes pass the default 8 KiB limit; only the configuration's 1 KiB refuses them.
        #expect(long == 414)
        #expect(socketIO == #"31["a",2]"#)

        kill(process.processIdentifier, SIGTERM)
        try await blocking { process.waitUntilExit() }
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    /// The port of the `Running on http://127.0.0.1:<port>` banner line `run` prints on stderr.
    static func bannerPort(_ handle: FileHandle) throws -> Int {
        var banner = ""
        while true {
            let data = handle.availableData
            if data.isEmpty { throw RawHTTPClient.Failure.malformed("no banner in: \(banner)") }
            banner += String(decoding: data, as: UTF8.self)
            if let range = banner.range(of: #"Running on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression),
               let port = banner[range].split(separator: ":").last.flatMap({ Int($0) }) {
                return port
            }
        }
    }
}
