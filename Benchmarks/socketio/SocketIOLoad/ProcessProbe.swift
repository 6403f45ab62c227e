#if canImport(Glibc)
import Flaskish
import Glibc
#endif
import CFlaskishSystem
import Foundation

/// What the generator reads about the server under test and about itself: `/proc/<pid>`
/// for the server's memory and CPU, `getrusage` for its own CPU. Not on a hot path.
enum ProcessProbe {
    /// A `/proc/<pid>/status` field in KiB (`VmRSS`, `VmHWM`), nil when the process is gone.
    static func statusKiB(pid: Int32, field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let digits = line.dropFirst(field.count + 1).filter { $0.isNumber }
            return Int(String(digits))
        }
        return nil
    }

    /// The process's user + system CPU time in nanoseconds, all threads included
    /// (fields 14 and 15 of `/proc/<pid>/stat`), nil when the process is gone.
    static func cpuNanoseconds(pid: Int32) -> UInt64? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // After the command name: field 3 (state) is the first one.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = UInt64(fields[11]), let system = UInt64(fields[12]) else { return nil }
        let ticksPerSecond = UInt64(max(1, sysconf(Int32(_SC_CLK_TCK))))
        return (user + system) * (1_000_000_000 / ticksPerSecond)
    }

    /// True while `pid` exists and is not a zombie.
    static func isAlive(pid: Int32) -> Bool {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return false }
        let state = text[text.index(after: close)...].dropFirst().first
        return state != "Z" && state != "X"
    }

    /// This process's own user + system CPU time in nanoseconds, all threads included.
    /// CLOCK_PROCESS_CPUTIME_ID is getrusage's figure at nanosecond resolution (getrusage
    /// itself cannot be named here: CFlaskishSystem's _GNU_SOURCE header declares its
    /// `who` argument as an enum that clashes with Glibc's).
    static func ownCPUNanoseconds() -> UInt64 {
        var used = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &used)
        return UInt64(used.tv_sec) * 1_000_000_000 + UInt64(used.tv_nsec)
    }

    /// Raises this process's descriptor limit to its hard limit (each client is one descriptor).
    static func raiseDescriptorLimit() -> Int {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
            getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        return Int(clamping: limit.rlim_cur)
    }
}

/// CPU use of the generator and of the server(s) over one measured phase.
struct CPUWindow {
    let startedAt: UInt64
    let ownAtStart: UInt64
    let serverPIDs: [Int32]
    let serversAtStart: [UInt64?]

    /// Starts the window now.
    init(serverPID: Int32?) { self.init(serverPIDs: serverPID.map { [$0] } ?? []) }

    /// Starts the window now, for several processes (a cluster's servers, its redis-server).
    init(serverPIDs: [Int32]) {
        self.serverPIDs = serverPIDs
        startedAt = MonotonicClock.nanoseconds()
        ownAtStart = ProcessProbe.ownCPUNanoseconds()
        serversAtStart = serverPIDs.map { ProcessProbe.cpuNanoseconds(pid: $0) }
    }

    /// Fractions of one core used since the start: (generator, the servers summed or nil).
    func close() -> (wallSeconds: Double, generatorCPU: Double, server: Double?) {
        let usage = closeEach()
        let server: Double? = usage.servers.isEmpty || usage.servers.contains { $0 == nil }
            ? nil : usage.servers.reduce(0) { $0 + ($1 ?? 0) }
        return (usage.wallSeconds, usage.generatorCPU, server)
    }

    /// Fractions of one core used since the start, each server apart (nil for one gone).
    func closeEach() -> (wallSeconds: Double, generatorCPU: Double, servers: [Double?]) {
        let wall = Double(MonotonicClock.nanoseconds() - startedAt)
        let own = Double(ProcessProbe.ownCPUNanoseconds() - ownAtStart)
        let servers: [Double?] = zip(serverPIDs, serversAtStart).map { pid, start in
            guard let start, let end = ProcessProbe.cpuNanoseconds(pid: pid) else { return nil }
            return Double(end &- start) / max(wall, 1)
        }
        return (wall / 1e9, own / max(wall, 1), servers)
    }
}
