/// `idle`: clients connect and stay idle across several heartbeats, answering each ping;
/// the server's resident memory is read before and while they are held. With several
/// counts (`--clients 1000,5000,10000`) the clients grow to each count in turn and a report
/// line is emitted after each hold.
enum IdleScenario {
    static func run(_ options: LoadOptions, emit: (ReportLine) -> Void) throws(LoadError) {
        let loop = try ScenarioSupport.makeLoop(options)
        let deadline = MonotonicClock.nanoseconds() + UInt64(options.maxSeconds * 1e9)
        let pid = options.serverPID
        let baselineKiB = pid.flatMap { ProcessProbe.statusKiB(pid: $0, field: "VmRSS") }
        var droppedBefore = 0
        for target in options.idleSteps {
            let added = target - loop.clients.count
            let connect = ScenarioSupport.connect(added, on: loop, deadline: deadline)
            let connectedAfterHandshakes = loop.connectedCount
            printError("idle: \(connectedAfterHandshakes)/\(target) connected (\(added) more in "
                + "\(formatted(connect.seconds)) s; \(loop.connectFailures) failed so far)")
            let step = hold(loop, options: options, deadline: deadline, droppedBefore: droppedBefore)
            droppedBefore = loop.dropped
            var line = ScenarioSupport.header(options, loop: loop, connectSeconds: connect.seconds, connectCPU: connect.generatorCPU)
            line.add("connected", connectedAfterHandshakes)
            step.describe(
                into: &line, baselineKiB: baselineKiB, options: options,
                connectSeconds: connect.seconds, connectCPU: connect.generatorCPU)
            line.add("reasons", counts: loop.reasons)
            emit(line)
            if MonotonicClock.nanoseconds() >= deadline || step.serverAlive == false { break }
        }
        loop.closeAll()
    }

    /// What one hold found.
    struct Hold {
        var seconds: Double
        var alive: Int
        var dropped: Int
        var expectedPings: Int
        var missingPings: Int
        var minPings: Int?
        var rssKiB: Int?
        var peakKiB: Int?
        var serverAlive: Bool?
        var serverCPU: Double?
        var generatorCPU: Double

        func describe(
            into line: inout ReportLine, baselineKiB: Int?, options: LoadOptions, connectSeconds: Double, connectCPU: Double
        ) {
            line.add("hold_seconds", seconds)
            line.add("alive_at_end", alive)
            line.add("dropped", dropped)
            line.add("expected_pings_per_client", expectedPings)
            line.add("clients_missing_pings", missingPings)
            line.add("min_pings_per_client", minPings)
            line.add("server_rss_before_kib", baselineKiB)
            line.add("server_rss_kib", rssKiB)
            line.add("server_peak_rss_kib", peakKiB)
            if let rss = rssKiB, let base = baselineKiB, alive > 0 {
                line.add("server_kib_per_client", Double(rss - base) / Double(alive))
            } else {
                line.add("server_kib_per_client", nil as Double?)
            }
            line.add("server_alive", serverAlive.map { $0 ? "yes" : "no" })
            line.add("server_cpu", serverCPU)
            line.add("generator_cpu", generatorCPU)
            let holdSaturated = ScenarioSupport.warnIfSaturated(
                generatorCPU, threshold: options.saturationThreshold, phase: "the hold", seconds: seconds)
            let connectSaturated = ScenarioSupport.warnIfSaturated(
                connectCPU, threshold: options.saturationThreshold, phase: "connecting", seconds: connectSeconds)
            line.add("generator_saturated", holdSaturated || connectSaturated)
            let rssText = rssKiB.map { "\($0) KiB" } ?? "n/a"
            let baselineText = baselineKiB.map { "\($0) KiB" } ?? "n/a"
            let cpuText = percent(generatorCPU)
            printError("idle: \(alive) alive after the hold, \(dropped) dropped, \(missingPings) missed a ping; "
                + "server RSS \(rssText) (before any client: \(baselineText)); generator CPU \(cpuText)")
        }
    }

    /// Keeps every connected client idle (answering pings) for the hold and measures.
    private static func hold(_ loop: LoadLoop, options: LoadOptions, deadline: UInt64, droppedBefore: Int) -> Hold {
        let pid = options.serverPID
        let intervalMilliseconds = loop.pingIntervalMilliseconds ?? 25_000
        let holdSeconds = options.holdSeconds ?? (Double(options.heartbeats) * Double(intervalMilliseconds) / 1_000 + 2)
        let pingsAtStart = loop.clients.map(\.pingsAnswered)
        printError("idle: holding \(loop.connectedCount) clients \(formatted(holdSeconds)) s (ping interval \(intervalMilliseconds) ms)")
        let window = CPUWindow(serverPID: pid)
        let holdEnd = min(MonotonicClock.nanoseconds() + UInt64(holdSeconds * 1e9), deadline)
        loop.run(until: holdEnd) { false }
        let usage = window.close()
        var pingsDuringHold: [Int] = []
        for client in loop.clients where client.phase == .connected {
            pingsDuringHold.append(client.pingsAnswered - pingsAtStart[client.number])
        }
        let expectedPings = Int(usage.wallSeconds * 1_000) / max(1, intervalMilliseconds)
        return Hold(
            seconds: usage.wallSeconds,
            alive: loop.connectedCount,
            dropped: loop.dropped - droppedBefore,
            expectedPings: expectedPings,
            missingPings: pingsDuringHold.filter { $0 < expectedPings }.count,
            minPings: pingsDuringHold.min(),
            rssKiB: pid.flatMap { ProcessProbe.statusKiB(pid: $0, field: "VmRSS") },
            peakKiB: pid.flatMap { ProcessProbe.statusKiB(pid: $0, field: "VmHWM") },
            serverAlive: pid.map { ProcessProbe.isAlive(pid: $0) },
            serverCPU: usage.server,
            generatorCPU: usage.generatorCPU)
    }
}

func formatted(_ value: Double) -> String { String((value * 100).rounded() / 100) }
func percent(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded()))%" }
