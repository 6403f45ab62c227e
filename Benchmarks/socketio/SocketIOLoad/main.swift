// SocketIOLoad: the Socket.IO load generator of Benchmarks/socketio (issue 7). It speaks
// Engine.IO v4 + Socket.IO v5 over WebSocket from one epoll thread, so that one core of
// load can hold thousands of clients; see LoadOptions.usage and Benchmarks/socketio/run.sh.
#if canImport(Glibc)
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
    let line = switch options.scenario {
    case .idle: try IdleScenario.run(options)
    case .fanout: try FanoutScenario.run(options)
    }
    print(line.json)
    exit(0)
} catch {
    printError("SocketIOLoad: \(error)")
    exit(2)
}
