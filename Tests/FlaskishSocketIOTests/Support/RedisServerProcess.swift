#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// A `redis-server` of one test's own: started on a free loopback port (and a Unix socket in
/// a fresh directory), no persistence, stopped by the test. Never a system service.
final class RedisServerProcess: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let port: Int
    let directory: URL
    let password: String?
    private let process = Mutex<Process?>(nil)

    var url: String { "redis://\(password.map { ":\($0)@" } ?? "")127.0.0.1:\(port)/0" }
    var socketPath: String { directory.appendingPathComponent("redis.sock").path }

    /// The executable; the suite's apt-packages.txt installs it.
    static var executable: String? {
        for directory in ["/usr/bin", "/usr/local/bin", "/usr/sbin"] {
            let path = directory + "/redis-server"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    private init(port: Int, directory: URL, password: String?) {
        self.port = port
        self.directory = directory
        self.password = password
    }

    /// Starts a server; a port taken between choosing and binding is retried with another.
    static func start(password: String? = nil) throws -> RedisServerProcess {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flaskish-redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var lastError: any Error = Failure(description: "not started")
        for _ in 0..<5 {
            let server = RedisServerProcess(port: try freePort(), directory: directory, password: password)
            do {
                try server.launch()
                return server
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    /// Starts the server again on the same port (after ``stop()``): a Redis restart.
    func restart() throws { try launch() }

    /// Stops the server (SIGTERM) and waits for it to exit.
    func stop() {
        guard let running = process.withLock({ value -> Process? in defer { value = nil }; return value }) else { return }
        running.terminate()
        running.waitUntilExit()
    }

    /// Stops the server and removes its directory.
    func destroy() {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    private func launch() throws {
        guard let executable = Self.executable else {
            throw Failure(description: "redis-server is not installed (apt-get install redis-server; see apt-packages.txt)")
        }
        let child = Process()
        child.executableURL = URL(fileURLWithPath: executable)
        var arguments = [
            "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--unixsocket", socketPath, "--unixsocketperm", "700", "--dir", directory.path,
            "--daemonize", "no", "--loglevel", "notice",
        ]
        if let password { arguments += ["--requirepass", password] }
        child.arguments = arguments
        let output = Pipe()
        child.standardOutput = output
        child.standardError = output
        try child.run()
        // Ready once it says so; the log goes on being drained so the server never blocks on it.
        let reader = output.fileHandleForReading
        var log = ""
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty {
                child.waitUntilExit()
                throw Failure(description: "redis-server exited before it was ready: \(log)")
            }
            log += String(decoding: chunk, as: UTF8.self)
            if log.contains("Ready to accept connections") { break }
            if log.count > 100_000 { child.terminate(); throw Failure(description: "redis-server never got ready: \(log.suffix(2000))") }
        }
        reader.readabilityHandler = { handle in _ = handle.availableData }
        process.withLock { $0 = child }
    }

    /// A port nobody listens on now: bound to port 0, read back, closed.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "bind failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Runs `body` with a fresh redis-server, always stopped afterwards.
func withRedisServer<T>(password: String? = nil, _ body: (RedisServerProcess) async throws -> T) async throws -> T {
    let server = try RedisServerProcess.start(password: password)
    defer { server.destroy() }
    return try await body(server)
}
