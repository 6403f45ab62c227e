// SocketIOLoad: the Socket.IO load generator of Benchmarks/socketio (issue 7). It speaks
// Engine.IO v4 + Socket.IO v5 over WebSocket from one epoll thread, so that one core of
// load can hold thousands of clients; see LoadOptions.usage and Benchmarks/socketio/run.sh.
#if canImport(Glibc)
import Flaskish
import Glibc
#endif

signal(SIGPIPE, SIG_IGN)
do {
    let options = try LoadOptions.parse(Array(CommandLine.arguments.dropFirst()))
    let descriptors = ProcessProbe.raiseDescriptorLimit()
    if descriptors < options.clients + 64 {
        printError("SocketIOLoad: the descriptor limit is \(descriptors); raise `ulimit -n` above \(options.clients + 64)")
        exit(2)
    }
    // One JSON line per result, flushed at once, so a later failure keeps earlier results.
    let emit: (ReportLine) -> Void = { line in
        // write(2) on descriptor 1: unbuffered, and no shared C `stdout` under strict concurrency.
        var text = line.json + "\n"
        text.withUTF8 { bytes in _ = write(1, bytes.baseAddress, bytes.count) }
    }
    switch options.scenario {
    case .idle: try IdleScenario.run(options, emit: emit)
    case .fanout: emit(try FanoutScenario.run(options))
    }
    exit(0)
} catch {
    printError("SocketIOLoad: \(error)")
    exit(2)
}
