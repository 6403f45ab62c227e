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
    private let pid = Mutex<pid_t?>(nil)

    var url: String { "redis://\(password.map { ":\($0)@" } ?? "")127.0.0.1:\(port)/0" }
    var socketPath: String { directory.appendingPathComponent("redis.sock").path }

    /// The executable; Tests/scaleout/apt-packages.txt installs it.
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

    /// Kills the server (as a crash would) and reaps it.
    func stop() {
        guard let running = pid.withLock({ value -> pid_t? in defer { value = nil }; return value }) else { return }
        kill(running, SIGKILL)
        kill(running, SIGCONT)
        var status: Int32 = 0
        _ = waitpid(running, &status, 0)
    }

    /// Freezes the server (SIGSTOP): its sockets stay open but nothing is answered, as with
    /// a dead host or a network partition.
    func pause() { if let running = pid.withLock({ $0 }) { kill(running, SIGSTOP) } }

    /// Lets a paused server go on (SIGCONT).
    func resume() { if let running = pid.withLock({ $0 }) { kill(running, SIGCONT) } }

    /// Stops the server and removes its directory.
    func destroy() {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    private func launch() throws {
        guard let executable = Self.executable else {
            throw Failure(description: "redis-server is not installed (apt-get install redis-server; see Tests/scaleout/apt-packages.txt)")
        }
        var arguments = [
            executable, "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--unixsocket", socketPath, "--unixsocketperm", "700", "--dir", directory.path,
            "--daemonize", "no", "--loglevel", "notice",
        ]
        if let password { arguments += ["--requirepass", password] }
        // posix_spawn rather than Foundation's Process: the child must not inherit this
        // process's blocked signals, and reaping must not depend on a run loop.
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw Failure(description: "pipe failed") }
        // Close-on-exec, so other tests' children do not hold this pipe open.
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, executable, &actions, &attributes, cArguments, environ)
        close(fds[1])
        guard spawned == 0 else {
            close(fds[0])
            throw Failure(description: "posix_spawn redis-server: \(spawned)")
        }
        pid.withLock { $0 = child }
        // Ready once it says so; then a thread drains the log until the server exits.
        var log: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !String(decoding: log, as: UTF8.self).contains("Ready to accept connections") {
            let count = read(fds[0], &buffer, buffer.count)
            guard count > 0 else {
                close(fds[0])
                stop()
                throw Failure(description: "redis-server exited before it was ready: \(String(decoding: log, as: UTF8.self))")
            }
            log += buffer[0..<count]
        }
        let readEnd = fds[0]
        Thread.detachNewThread {
            var sink = [UInt8](repeating: 0, count: 4096)
            while read(readEnd, &sink, sink.count) > 0 {}
            close(readEnd)
        }
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
