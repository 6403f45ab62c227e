/// The command line of SocketIOLoad. Every count and duration is bounded, so a typo cannot
/// turn the tool into an unbounded flood.
struct LoadOptions {
    enum Scenario: String {
        /// Hold `clients` connected across heartbeats; report the server's memory and drops.
        case idle
        /// One sender, `clients` receivers, `messages` broadcasts at `rate` per second.
        case fanout
    }

    var scenario = Scenario.idle
    var host = "127.0.0.1"
    var port = 0
    var path = "/socket.io/"
    var clients = 100
    /// `idle --clients 1000,5000,10000`: grow to each count in turn, holding at each.
    var idleSteps: [Int] = [100]
    var messages = 1_000
    var rate = 100.0
    var payload = MessageWriter.Kind.text
    var padding = 0
    var serverPID: Int32?
    /// Every server process whose CPU counts (`--server-pid A,B` in cluster runs); the first
    /// is `serverPID`, whose memory is reported.
    var serverPIDs: [Int32] = []
    /// The message queue's redis-server, whose CPU is reported apart from the servers'.
    var redisPID: Int32?
    /// Where the fan-out receivers connect, in turn (`--port` when empty); the sender always
    /// connects to `--port`, so receivers on other ports are reached through the queue.
    var receiverPorts: [Int] = []
    var heartbeats = 2
    var holdSeconds: Double?
    var connectConcurrency = 64
    var connectTimeoutSeconds = 30.0
    var drainTimeoutSeconds = 10.0
    var maxSeconds = 300.0
    /// Fraction of one core above which the generator declares itself saturated.
    var saturationThreshold = 0.9
    var label = ""

    static let usage = """
    usage: SocketIOLoad idle   --port P --clients K[,K2,…] [--server-pid PID] [--heartbeats H | --hold S]
           SocketIOLoad fanout --port P --clients N --messages M --rate R [--payload text|json]
                               [--padding BYTES] [--drain-timeout S] [--server-pid PID[,PID2…]]
                               [--receiver-ports P1,P2…] [--redis-pid PID]
    common: [--host 127.0.0.1] [--path /socket.io/] [--connect-concurrency C] [--connect-timeout S]
            [--max-seconds S] [--label TEXT]
    Prints a human summary on stderr and one JSON line on stdout. Loopback only.
    """

    static let maxClients = 60_000
    static let maxMessages = 1_000_000
    static let maxDeliveries = 50_000_000

    static func parse(_ arguments: [String]) throws(LoadError) -> LoadOptions {
        var options = LoadOptions()
        guard let first = arguments.first, let scenario = Scenario(rawValue: first) else {
            throw LoadError("missing or unknown scenario\n" + usage)
        }
        options.scenario = scenario
        var index = 1
        func value(_ name: String) throws(LoadError) -> String {
            index += 1
            guard index < arguments.count else { throw LoadError("\(name) needs a value") }
            return arguments[index]
        }
        func number<T: LosslessStringConvertible>(_ name: String, _: T.Type) throws(LoadError) -> T {
            let text = try value(name)
            guard let parsed = T(text) else { throw LoadError("\(name): '\(text)' is not a number") }
            return parsed
        }
        while index < arguments.count {
            let name = arguments[index]
            switch name {
            case "--host": options.host = try value(name)
            case "--port": options.port = try number(name, Int.self)
            case "--path": options.path = try value(name)
            case "--clients":
                let text = try value(name)
                let steps = text.split(separator: ",").map { Int($0) }
                guard !steps.isEmpty, steps.allSatisfy({ $0 != nil }) else {
                    throw LoadError("--clients: '\(text)' is not a number or a comma-separated list")
                }
                options.idleSteps = steps.map { $0 ?? 0 }
                options.clients = options.idleSteps.max() ?? 0
            case "--messages": options.messages = try number(name, Int.self)
            case "--rate": options.rate = try number(name, Double.self)
            case "--payload":
                let text = try value(name)
                guard let kind = MessageWriter.Kind(rawValue: text) else { throw LoadError("--payload is text or json") }
                options.payload = kind
            case "--padding": options.padding = try number(name, Int.self)
            case "--server-pid":
                let text = try value(name)
                let pids = text.split(separator: ",").compactMap { Int32($0) }
                guard !pids.isEmpty, pids.count == text.split(separator: ",").count else {
                    throw LoadError("--server-pid: '\(text)' is not a PID or a comma-separated list")
                }
                options.serverPIDs = pids
                options.serverPID = pids[0]
            case "--redis-pid": options.redisPID = try number(name, Int32.self)
            case "--receiver-ports":
                let text = try value(name)
                let ports = text.split(separator: ",").compactMap { Int($0) }
                guard !ports.isEmpty, ports.count == text.split(separator: ",").count else {
                    throw LoadError("--receiver-ports: '\(text)' is not a comma-separated list of ports")
                }
                options.receiverPorts = ports
            case "--heartbeats": options.heartbeats = try number(name, Int.self)
            case "--hold": options.holdSeconds = try number(name, Double.self)
            case "--connect-concurrency": options.connectConcurrency = try number(name, Int.self)
            case "--connect-timeout": options.connectTimeoutSeconds = try number(name, Double.self)
            case "--drain-timeout": options.drainTimeoutSeconds = try number(name, Double.self)
            case "--max-seconds": options.maxSeconds = try number(name, Double.self)
            case "--label": options.label = try value(name)
            case "-h", "--help": throw LoadError(usage)
            default: throw LoadError("unknown option '\(name)'\n" + usage)
            }
            index += 1
        }
        try options.validate()
        return options
    }

    private func validate() throws(LoadError) {
        guard (1...65_535).contains(port) else { throw LoadError("--port must be 1…65535") }
        guard receiverPorts.allSatisfy({ (1...65_535).contains($0) }), receiverPorts.count <= 16 else {
            throw LoadError("--receiver-ports: at most 16 ports, each 1…65535")
        }
        guard (1...Self.maxClients).contains(clients) else { throw LoadError("--clients must be 1…\(Self.maxClients)") }
        guard (1...Self.maxMessages).contains(messages) else { throw LoadError("--messages must be 1…\(Self.maxMessages)") }
        guard clients * messages <= Self.maxDeliveries || scenario == .idle else {
            throw LoadError("--clients × --messages must be at most \(Self.maxDeliveries)")
        }
        guard scenario == .idle || idleSteps.count == 1 else { throw LoadError("fanout takes one --clients count") }
        guard idleSteps.allSatisfy({ $0 >= 1 }), idleSteps == idleSteps.sorted() else {
            throw LoadError("--clients steps must be positive and increasing")
        }
        guard rate > 0 && rate <= 1_000_000 else { throw LoadError("--rate must be in (0, 1000000] messages/s") }
        guard (0...65_536).contains(padding) else { throw LoadError("--padding must be 0…65536 bytes") }
        guard (1...20).contains(heartbeats) else { throw LoadError("--heartbeats must be 1…20") }
        if let hold = holdSeconds, !(0...600).contains(hold) { throw LoadError("--hold must be 0…600 s") }
        guard (1...10_000).contains(connectConcurrency) else { throw LoadError("--connect-concurrency must be 1…10000") }
        guard connectTimeoutSeconds > 0 && connectTimeoutSeconds <= 300 else { throw LoadError("--connect-timeout must be in (0, 300] s") }
        guard drainTimeoutSeconds >= 0 && drainTimeoutSeconds <= 300 else { throw LoadError("--drain-timeout must be 0…300 s") }
        guard maxSeconds > 0 && maxSeconds <= 900 else { throw LoadError("--max-seconds must be in (0, 900]") }
        guard path.hasPrefix("/") && !path.contains(" ") else { throw LoadError("--path must start with / and have no spaces") }
    }
}
