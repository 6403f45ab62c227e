#if canImport(Glibc)
import Glibc
#endif
import CFlaskishSystem
import Dispatch
import Foundation
import Synchronization

/// The development reloader behind `--reload` (and `--debug`): this process becomes a
/// supervisor that runs the app as a child, watches the package with inotify, and on a change
/// to Swift code runs `swift build --product <this program>`; when the build succeeds it stops
/// the child and starts the new binary on the same port, when it fails it prints the
/// compiler's errors and leaves the running server alone. Templates and static files are
/// copied into the running app's resource folder instead: no rebuild, no restart (templates
/// reload themselves under the reloader).
///
/// The port: the child binds it itself (`SO_REUSEADDR`) once the old child has exited, so the
/// engine needs no socket hand-over; the server is unreachable only between the old child's
/// exit and the new one's bind, not during the build. See docs/architecture.md.
///
/// The child cannot outlive the supervisor: it gets SIGTERM when the supervisor dies, even
/// by SIGKILL (``ChildProcess``).
///
/// Flask: `flask run --reload` (Werkzeug's `run_with_reloader`, which restarts the Python
/// process; Python needs no build step).
final class Reloader: @unchecked Sendable {
    /// Set in the child's environment so it serves instead of supervising (Werkzeug: `WERKZEUG_RUN_MAIN`).
    static let childEnvironmentKey = "FLASKISH_RELOADER_CHILD"

    private let executable: String
    private let packageRoot: String
    private let product: String
    private let buildArguments: [String]
    private let childArguments: [String]
    private let resourceRoot: String?
    private let port: Int
    private let child = Mutex<pid_t>(0)

    /// Prepares to supervise; nil (with a note on stderr) when this program was not built from
    /// a package found above it or above the working directory.
    init?(app: Flask, options: RunOptions, arguments: [String]) {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? arguments.first ?? ""
        let executableFolder = URL(fileURLWithPath: executable).deletingLastPathComponent().path
        guard let root = Self.packageRoot(above: executableFolder) ?? Self.packageRoot(above: FileManager.default.currentDirectoryPath) else {
            Self.say("Reloader off: no Package.swift above \(executableFolder) or the working directory; serving without it")
            return nil
        }
        var port = options.port
        if port == 0 {
            guard let free = Self.freePort(host: options.host) else {
                Self.say("Reloader off: could not find a free port on \(options.host); serving without it")
                return nil
            }
            port = free
        }
        self.executable = executable
        self.packageRoot = root
        self.product = URL(fileURLWithPath: executable).lastPathComponent
        self.buildArguments = ["build", "--product", product] + (executableFolder.hasSuffix("/release") ? ["-c", "release"] : [])
        // Later options win, so the resolved port and host replace whatever came before.
        self.childArguments = Array(arguments.dropFirst()) + ["--host", options.host, "--port", String(port)]
        self.resourceRoot = app.rootPath
        self.port = port
    }

    /// Supervises until SIGINT or SIGTERM, which stop the child too.
    func run() -> Never {
        guard let watcher = FileWatcher(root: packageRoot) else {
            Self.say("Reloader off: inotify is unavailable")
            exit(1)
        }
        Self.say("Reloader: watching \(packageRoot) (\(watcher.watchedCount) folders); restarts keep port \(port)")
        installSignalHandlers()
        startChild()
        while true {
            let changes = watcher.waitForChanges()
            reportExitedChild()
            var sources: [String] = []
            for path in changes.sorted() {
                switch classify(path) {
                case .ignored: continue
                case .resource(let destination): mirror(path, to: destination)
                case .source: sources.append(path)
                }
            }
            if !sources.isEmpty { rebuildAndRestart(after: sources) }
        }
    }

    // MARK: Changes

    enum Change: Equatable {
        case ignored
        case source
        case resource(String)
    }

    /// What a changed file means: code to rebuild, a resource to copy into the running app's
    /// bundle, or nothing (editor scratch files, files outside the sources).
    func classify(_ path: String) -> Change {
        Self.classify(path, packageRoot: packageRoot, resourceRoot: resourceRoot)
    }

    static func classify(_ path: String, packageRoot: String, resourceRoot: String?) -> Change {
        let name = URL(fileURLWithPath: path).lastPathComponent
        if name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx")
            || name.hasSuffix(".tmp") || name == "4913" {
            return .ignored
        }
        guard path.hasPrefix(packageRoot + "/") else { return .ignored }
        let relative = String(path.dropFirst(packageRoot.count + 1))
        if relative == "Package.swift" || relative == "Package.resolved" { return .source }
        let components = relative.split(separator: "/").map(String.init)
        if components.count >= 3, components[0] == "Sources", let resourceRoot,
           URL(fileURLWithPath: resourceRoot).lastPathComponent.hasSuffix("_\(components[1]).resources") {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: resourceRoot + "/" + components[2], isDirectory: &isDirectory),
               isDirectory.boolValue {
                return .resource(resourceRoot + "/" + components[2...].joined(separator: "/"))
            }
        }
        let codeExtensions: Set<String> = ["swift", "c", "h", "cpp", "m"]
        if codeExtensions.contains(URL(fileURLWithPath: name).pathExtension) { return .source }
        return components.first == "Sources" ? .source : .ignored
    }

    private func mirror(_ source: String, to destination: String) {
        let files = FileManager.default
        try? files.removeItem(atPath: destination)
        guard files.fileExists(atPath: source) else {
            Self.say("Reloader: removed \(relative(source)) from the running app")
            return
        }
        do {
            try files.createDirectory(atPath: URL(fileURLWithPath: destination).deletingLastPathComponent().path,
                                      withIntermediateDirectories: true)
            try files.copyItem(atPath: source, toPath: destination)
            Self.say("Reloader: \(relative(source)) updated in the running app (no rebuild)")
        } catch {
            Self.say("Reloader: could not copy \(relative(source)): \(error)")
        }
    }

    private func rebuildAndRestart(after sources: [String]) {
        let started = ContinuousClock.now
        let shown = sources.prefix(3).map(relative).joined(separator: ", ") + (sources.count > 3 ? ", …" : "")
        Self.say("Reloader: \(shown) changed; swift \(buildArguments.joined(separator: " "))")
        let build = Process()
        build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        build.arguments = ["swift"] + buildArguments
        build.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
        let output = Pipe()
        build.standardOutput = output
        build.standardError = output
        do {
            try build.run()
        } catch {
            Self.say("Reloader: could not run swift build: \(error)")
            return
        }
        let log = output.fileHandleForReading.readDataToEndOfFile()
        build.waitUntilExit()
        guard build.terminationStatus == 0 else {
            FileHandle.standardError.write(log)
            Self.say("Reloader: the build failed (status \(build.terminationStatus)); the running server is unchanged")
            return
        }
        stopChild()
        startChild()
        let elapsed = ContinuousClock.now - started
        Self.say("Reloader: rebuilt and restarted in \(elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1))))")
    }

    // MARK: The child

    /// Called on the main thread only: the child's parent-death signal follows the thread
    /// that started it (see ``ChildProcess``).
    private func startChild() {
        var environment = ProcessInfo.processInfo.environment
        environment[Self.childEnvironmentKey] = "1"
        switch ChildProcess.spawn(executable: executable, arguments: childArguments, environment: environment) {
        case .success(let pid):
            child.withLock { $0 = pid }
        case .failure(let error):
            Self.say("Reloader: could not start \(executable): \(error)")
        }
    }

    private func stopChild() {
        child.withLock { pid in
            guard pid > 0 else { return }
            kill(pid, SIGTERM)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            pid = 0
        }
    }

    /// Says so when the app ended by itself (a crash, a port in use): it starts again after
    /// the next successful build.
    private func reportExitedChild() {
        child.withLock { pid in
            guard pid > 0 else { return }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                pid = 0
                Self.say("Reloader: the app exited (wait status \(status)); it starts again after the next successful build")
            }
        }
    }

    /// SIGINT and SIGTERM stop the child, then the supervisor. Caught by a handler that is
    /// in place when this returns (see `TerminationSignal`), and acted on by a thread of its own.
    private func installSignalHandlers() {
        cflaskish_catch_termination_signals()
        Thread { [self] in
            _ = cflaskish_wait_for_termination_signal()
            stopChild()
            exit(0)
        }.start()
    }

    // MARK: Helpers

    private func relative(_ path: String) -> String {
        path.hasPrefix(packageRoot + "/") ? String(path.dropFirst(packageRoot.count + 1)) : path
    }

    static func packageRoot(above folder: String) -> String? {
        var url = URL(fileURLWithPath: folder).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// A port free on `host` now (the kernel's pick for port 0), so every child gets the same one.
    static func freePort(host: String) -> Int? {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, "0", &hints, &list) == 0, let info = list else { return nil }
        defer { freeaddrinfo(list) }
        let socketFD = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { return nil }
        defer { close(socketFD) }
        guard bind(socketFD, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else { return nil }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        guard named == 0 else { return nil }
        return withUnsafeBytes(of: storage) { raw in
            // sin_port and sin6_port sit at the same offset, in network order.
            Int(UInt16(raw[2]) << 8 | UInt16(raw[3]))
        }
    }

    static func say(_ text: String) {
        FileHandle.standardError.write(Data(" * \(text)\n".utf8))
    }
}
