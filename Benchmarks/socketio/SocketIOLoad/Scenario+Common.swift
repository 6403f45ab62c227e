#if canImport(Glibc)
import Flaskish
import Glibc
#endif

/// What both scenarios share: the loop's settings, the connect phase and its part of the report.
enum ScenarioSupport {
    static func makeLoop(_ options: LoadOptions) throws(LoadError) -> LoadLoop {
        try LoadLoop(settings: LoadLoop.Settings(
            host: options.host, port: options.port, path: options.path,
            connectConcurrency: options.connectConcurrency,
            connectTimeoutNanoseconds: UInt64(options.connectTimeoutSeconds * 1e9)))
    }

    /// Adds `count` clients and runs until every handshake has settled (or `deadline`);
    /// returns the seconds it took and the generator's share of its core meanwhile.
    static func connect(
        _ count: Int, senders: Bool = false, ports: [Int] = [], on loop: LoadLoop, deadline: UInt64
    ) -> (seconds: Double, generatorCPU: Double) {
        let window = CPUWindow(serverPID: nil)
        loop.addClients(count, senders: senders, ports: ports)
        loop.run(until: deadline) { loop.allHandshakesSettled }
        let usage = window.close()
        return (usage.wallSeconds, usage.generatorCPU)
    }

    /// The fields every report starts with.
    static func header(_ options: LoadOptions, loop: LoadLoop, connectSeconds: Double, connectCPU: Double) -> ReportLine {
        var line = ReportLine()
        line.add("scenario", options.scenario.rawValue)
        line.add("label", options.label)
        line.add("clients", loop.clients.filter { !$0.isSender }.count)
        line.add("connect_failures", loop.connectFailures)
        line.add("connect_seconds", connectSeconds)
        line.add("connect_generator_cpu", connectCPU)
        line.add("ping_interval_ms", loop.pingIntervalMilliseconds)
        line.add("ping_timeout_ms", loop.pingTimeoutMilliseconds)
        return line
    }

    /// Tells on stderr, loudly, that a figure measured the generator rather than the server.
    /// Phases shorter than `minimumSeconds` are not judged: a few milliseconds of CPU say nothing.
    static func warnIfSaturated(
        _ fraction: Double, threshold: Double, phase: String, seconds: Double, minimumSeconds: Double = 0.5
    ) -> Bool {
        guard fraction > threshold, seconds >= minimumSeconds else { return false }
        let percent = Int((fraction * 100).rounded())
        printError("""
        !!! GENERATOR SATURATED during \(phase): it used \(percent)% of its core (limit \(Int(threshold * 100))%).
        !!! The figures of this phase measure SocketIOLoad, not the server. Do not quote them.
        """)
        return true
    }
}

/// Writes a line to stderr (the human summary; stdout carries only the JSON line).
func printError(_ text: String) {
    var line = text
    line += "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}
