/// `fanout`: N receivers and one sender connect; the sender emits M `message` events at a
/// fixed rate, the server broadcasts each to everyone, and every receiver's deliveries are
/// checked (none lost, none doubled, in order) and timed.
enum FanoutScenario {
    static func run(_ options: LoadOptions) throws(LoadError) -> ReportLine {
        let loop = try ScenarioSupport.makeLoop(options)
        let deadline = MonotonicClock.nanoseconds() + UInt64(options.maxSeconds * 1e9)
        let receivers = options.clients
        let messages = options.messages

        let groups = max(1, options.receiverPorts.count)
        let connect = ScenarioSupport.connect(receivers, ports: options.receiverPorts, on: loop, deadline: deadline)
        let receiversConnected = loop.connectedCount
        _ = ScenarioSupport.connect(1, senders: true, on: loop, deadline: deadline)
        let sender = loop.clients[receivers]
        printError("fanout: \(receiversConnected)/\(receivers) receivers connected in \(formatted(connect.seconds)) s; "
            + "sender \(sender.phase == .connected ? "connected" : "FAILED: \(sender.closeReason ?? "?")")")
        guard sender.phase == .connected, receiversConnected > 0 else {
            throw LoadError("fanout: could not connect (\(loop.reasons))")
        }

        let recorder = DeliveryRecorder(receivers: receivers, messages: messages, groups: groups)
        loop.onEvent = { client, packet, now in recorder.record(client, packet, now: now) }
        var writer = MessageWriter(kind: options.payload, padding: options.padding)
        let expected = receiversConnected * messages
        let interval = 1e9 / options.rate
        let drain = UInt64(options.drainTimeoutSeconds * 1e9)
        let serverPID = options.serverPID
        // Every server of a cluster counts, and the queue's redis-server apart (last).
        let serverPIDs = options.serverPIDs.isEmpty ? (serverPID.map { [$0] } ?? []) : options.serverPIDs
        let window = CPUWindow(serverPIDs: serverPIDs + (options.redisPID.map { [$0] } ?? []))
        let startedAt = MonotonicClock.nanoseconds()
        var sent = 0
        var lastSentAt = startedAt
        var maxLag: UInt64 = 0
        func due(_ sequence: Int) -> UInt64 { startedAt + UInt64(Double(sequence) * interval) }

        loop.run(
            until: deadline,
            wakeAt: { sent < messages ? due(sent) : nil },
            onWake: {
                while sent < messages && sender.phase == .connected {
                    let now = MonotonicClock.nanoseconds()
                    guard due(sent) <= now else { break }
                    maxLag = max(maxLag, now - due(sent))
                    writer.build(sequence: sent, sentAt: now)
                    writer.packet.withUnsafeBytes { loop.sendText(sender, $0) }
                    lastSentAt = now
                    sent += 1
                }
                if sender.phase != .connected { sent = messages }
            },
            isDone: {
                sent == messages && (recorder.uniqueDeliveries >= expected
                    || MonotonicClock.nanoseconds() > lastSentAt + drain)
            })
        let each = window.closeEach()
        let serverShares = Array(each.servers.prefix(serverPIDs.count))
        let serverSum: Double? = serverShares.isEmpty || serverShares.contains { $0 == nil }
            ? nil : serverShares.reduce(0) { $0 + ($1 ?? 0) }
        let redisShare: Double? = options.redisPID == nil ? nil : each.servers.last ?? nil
        let usage = (wallSeconds: each.wallSeconds, generatorCPU: each.generatorCPU, server: serverSum)
        let rss = serverPID.flatMap { ProcessProbe.statusKiB(pid: $0, field: "VmRSS") }
        let peak = serverPID.flatMap { ProcessProbe.statusKiB(pid: $0, field: "VmHWM") }
        let serverAlive = serverPID.map { ProcessProbe.isAlive(pid: $0) }
        let receiversAlive = loop.connectedCount - (sender.phase == .connected ? 1 : 0)
        loop.closeAll()

        let deliverySpan = Double(recorder.lastDeliveryAt > startedAt ? recorder.lastDeliveryAt - startedAt : 0) / 1e9
        let sendSpan = Double(lastSentAt - startedAt) / 1e9
        let deliveriesPerSecond = deliverySpan > 0 ? Double(recorder.uniqueDeliveries) / deliverySpan : nil
        let lost = expected - recorder.uniqueDeliveries

        var line = ScenarioSupport.header(options, loop: loop, connectSeconds: connect.seconds, connectCPU: connect.generatorCPU)
        line.add("connected", receiversConnected)
        line.add("messages", messages)
        line.add("rate", options.rate)
        line.add("payload", options.payload.rawValue)
        line.add("padding", options.padding)
        line.add("sent", sent)
        line.add("send_seconds", sendSpan)
        line.add("max_send_lag_ms", Double(maxLag) / 1e6)
        line.add("expected_deliveries", expected)
        line.add("deliveries", recorder.uniqueDeliveries)
        line.add("lost", lost)
        line.add("loss_fraction", expected > 0 ? Double(lost) / Double(expected) : nil)
        line.add("duplicates", recorder.duplicates)
        line.add("out_of_order", recorder.outOfOrder)
        line.add("malformed", recorder.malformed)
        line.add("sender_echoes", recorder.senderEchoes)
        line.add("deliveries_per_second", deliveriesPerSecond)
        line.add("offered_deliveries_per_second", options.rate * Double(receiversConnected))
        line.add("latency_p50_ms", recorder.latencyMilliseconds(at: 0.5))
        line.add("latency_p99_ms", recorder.latencyMilliseconds(at: 0.99))
        line.add("latency_max_ms", recorder.latencyMilliseconds(at: 1.0))
        line.add("latency_mean_ms", recorder.meanLatencyMilliseconds)
        line.add("receivers_alive_at_end", receiversAlive)
        line.add("dropped", loop.dropped)
        line.add("server_rss_kib", rss)
        line.add("server_peak_rss_kib", peak)
        line.add("server_alive", serverAlive.map { $0 ? "yes" : "no" })
        line.add("server_cpu", usage.server)
        line.add("server_processes", serverPIDs.count)
        line.add("server_cpu_each", serverShares.map { $0.map { String(($0 * 1000).rounded() / 1000) } ?? "null" }
            .joined(separator: ","))
        // Deliveries per second of server CPU (all server processes summed, from /proc/PID/stat):
        // the scale-out figure on a machine where the servers share a core.
        let serverCPUSeconds = usage.server.map { $0 * usage.wallSeconds }
        line.add("server_cpu_seconds", serverCPUSeconds)
        line.add("deliveries_per_server_cpu_second",
                 serverCPUSeconds.flatMap { $0 > 0 ? Double(recorder.uniqueDeliveries) / $0 : nil })
        line.add("redis_cpu", redisShare)
        line.add("receiver_groups", groups)
        if groups > 1 {
            for group in 0..<groups {
                line.add("group\(group)_port", options.receiverPorts[group])
                line.add("group\(group)_deliveries", recorder.deliveries(group: group))
                line.add("group\(group)_p50_ms", recorder.latencyMilliseconds(at: 0.5, group: group))
                line.add("group\(group)_p99_ms", recorder.latencyMilliseconds(at: 0.99, group: group))
            }
        }
        line.add("generator_cpu", usage.generatorCPU)
        let saturated = ScenarioSupport.warnIfSaturated(
            usage.generatorCPU, threshold: options.saturationThreshold, phase: "the fan-out", seconds: usage.wallSeconds)
        line.add("generator_saturated", saturated)
        line.add("reasons", counts: loop.reasons)

        let rateText: String = deliveriesPerSecond.map { String(Int($0)) } ?? "n/a"
        let p50: String = recorder.latencyMilliseconds(at: 0.5).map(formatted) ?? "n/a"
        let p99: String = recorder.latencyMilliseconds(at: 0.99).map(formatted) ?? "n/a"
        let worst: String = recorder.latencyMilliseconds(at: 1.0).map(formatted) ?? "n/a"
        let serverCPU: String = usage.server.map(percent) ?? "n/a"
        let ownCPU: String = percent(usage.generatorCPU)
        var summary = "fanout: \(recorder.uniqueDeliveries)/\(expected) delivered (\(lost) lost, "
        summary += "\(recorder.outOfOrder) out of order, \(recorder.duplicates) duplicated), \(rateText) deliveries/s, "
        summary += "p50 \(p50) ms, p99 \(p99) ms, max \(worst) ms; server CPU \(serverCPU), generator CPU \(ownCPU)"
        printError(summary)
        return line
    }
}
