/// `idle`: K clients connect and stay idle across several heartbeats, answering each ping;
/// the server's resident memory is read before and while they are held.
enum IdleScenario {
    static func run(_ options: LoadOptions) throws(LoadError) -> ReportLine {
        let loop = try ScenarioSupport.makeLoop(options)
        let deadline = MonotonicClock.nanoseconds() + UInt64(options.maxSeconds * 1e9)
        let pid = options.serverPID
        let baselineKiB = pid.flatMap { ProcessProbe.statusKiB(pid: $0, field: "VmRSS") }

        let connect = ScenarioSupport.connect(options.clients, on: loop, deadline: deadline)
        let connectedAfterHandshakes = loop.connectedCount
        printError("idle: \(connectedAfterHandshakes)/\(options.clients) connected in "
            + "\(formatted(connect.seconds)) s (\(loop.connectFailures) failed)")

        let intervalMilliseconds = loop.pingIntervalMilliseconds ?? 25_000
        let holdSeconds = options.holdSeconds ?? (Double(options.heartbeats) * Double(intervalMilliseconds) / 1_000 + 2)
        let pingsAtStart = loop.clients.map(\.pingsAnswered)
        let droppedBefore = loop.dropped
        printError("idle: holding them \(formatted(holdSeconds)) s (ping interval \(intervalMilliseconds) ms)")
        let window = CPUWindow(serverPID: pid)
        let holdEnd = min(MonotonicClock.nanoseconds() + UInt64(holdSeconds * 1e9), deadline)
        loop.run(until: holdEnd) { false }
        let usage = window.close()

        let rssKiB = pid.flatMap { ProcessProbe.statusKiB(pid: $0, field: "VmRSS") }
        let peakKiB = pid.flatMap { ProcessProbe.statusKiB(pid: $0, field: "VmHWM") }
        let serverAlive = pid.map { ProcessProbe.isAlive(pid: $0) }
        var pingsDuringHold: [Int] = []
        for client in loop.clients where client.phase == .connected {
            pingsDuringHold.append(client.pingsAnswered - pingsAtStart[client.number])
        }
        let expectedPings = Int(holdSeconds * 1_000) / max(1, intervalMilliseconds)
        let missedHeartbeats = pingsDuringHold.filter { $0 < expectedPings }.count
        let alive = loop.connectedCount
        let dropped = loop.dropped - droppedBefore
        loop.closeAll()

        var line = ScenarioSupport.header(options, loop: loop, connectSeconds: connect.seconds, connectCPU: connect.generatorCPU)
        line.add("connected", connectedAfterHandshakes)
        line.add("hold_seconds", usage.wallSeconds)
        line.add("alive_at_end", alive)
        line.add("dropped", dropped)
        line.add("expected_pings_per_client", expectedPings)
        line.add("clients_missing_pings", missedHeartbeats)
        line.add("min_pings_per_client", pingsDuringHold.min())
        line.add("server_rss_before_kib", baselineKiB)
        line.add("server_rss_kib", rssKiB)
        line.add("server_peak_rss_kib", peakKiB)
        if let rss = rssKiB, let base = baselineKiB, alive > 0 {
            line.add("server_kib_per_client", Double(rss - base) / Double(alive))
        } else {
            line.add("server_kib_per_client", nil as Double?)
        }
        line.add("server_alive", serverAlive.map { $0 ? "yes" : "no" })
        line.add("server_cpu", usage.server)
        line.add("generator_cpu", usage.generatorCPU)
        let saturated = ScenarioSupport.warnIfSaturated(usage.generatorCPU, threshold: options.saturationThreshold, phase: "the hold")
            || ScenarioSupport.warnIfSaturated(connect.generatorCPU, threshold: options.saturationThreshold, phase: "connecting")
        line.add("generator_saturated", saturated)
        line.add("reasons", counts: loop.reasons)

        let rssText = rssKiB.map { "\($0) KiB" } ?? "n/a"
        let baselineText = baselineKiB.map { "\($0) KiB" } ?? "n/a"
        let cpuText = percent(usage.generatorCPU)
        printError("idle: \(alive) alive after the hold, \(dropped) dropped, \(missedHeartbeats) missed a ping; "
            + "server RSS \(rssText) (before: \(baselineText)); generator CPU \(cpuText)")
        return line
    }
}

func formatted(_ value: Double) -> String { String((value * 100).rounded() / 100) }
func percent(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded()))%" }
