import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Runs the real `ChatDemo` executable, as `swift run ChatDemo` would, on a free port.
struct ChatDemoProcessTests {
    /// The debug products folder: `FLASKISH_BIN_PATH` from scripts/test, else `.build/debug`.
    static var binPath: URL {
        if let path = ProcessInfo.processInfo.environment["FLASKISH_BIN_PATH"] { return URL(fileURLWithPath: path) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug")
    }

    /// Starts ChatDemo with `arguments` and waits for its banner; returns the process and port.
    static func launch(_ arguments: [String]) throws -> (Process, Int, Pipe) {
        let process = Process()
        process.executableURL = binPath.appendingPathComponent("ChatDemo")
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var banner = ""
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let data = errors.fileHandleForReading.availableData
            if data.isEmpty { break }
            banner += String(decoding: data, as: UTF8.self)
            if let range = banner.range(of: #"Running on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                let port = Int(banner[range].split(separator: ":").last!)!
                #expect(banner.contains(" * Serving Flaskish app 'ChatDemo'"))
                #expect(banner.contains("Press CTRL+C to quit"))
                return (process, port, errors)
            }
        }
        process.terminate()
        throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "no banner in: \(banner)"])
    }

    @Test func servesOnTheRequestedPortAndStopsCleanlyOnSIGTERM() async throws {
        let (process, port, _) = try Self.launch(["--host", "127.0.0.1", "--port", "0"])
        #expect(port > 0)
        let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(!data.isEmpty)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    @Test func stopsCleanlyOnSIGINT() throws {
        let (process, _, _) = try Self.launch(["--port=0"])
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
