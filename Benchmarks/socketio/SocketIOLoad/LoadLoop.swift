#if canImport(Glibc)
import Flaskish
import Glibc
#endif
import CFlaskishSystem
import FlaskishSocketIO
import Foundation

/// A single-threaded epoll loop that drives many Socket.IO clients over loopback.
///
/// It opens clients a bounded number at a time, walks each through the WebSocket upgrade,
/// the Engine.IO open and the Socket.IO connect, answers every ping, and hands each
/// Socket.IO event (`42…`) to `onEvent` with its payload still in the receive buffer.
/// Reads go into one shared buffer; only the tail of an incomplete frame is copied out.
final class LoadLoop {
    struct Settings {
        var host: String
        var port: Int
        var path: String
        var connectConcurrency: Int
        var connectTimeoutNanoseconds: UInt64
        /// Frames above this are refused (the generator only expects small messages).
        var maxFramePayload = 256 * 1024
    }

    let settings: Settings
    private(set) var clients: [LoadClient] = []
    /// Called for each Socket.IO EVENT packet: the client, the packet text from `42`, and the
    /// time it was read.
    var onEvent: ((LoadClient, UnsafeRawBufferPointer, UInt64) -> Void)?

    private(set) var connectedCount = 0
    private(set) var handshakesInFlight = 0
    private(set) var connectFailures = 0
    /// Clients that were connected and then closed.
    private(set) var dropped = 0
    private(set) var pingsAnswered = 0
    /// Close and failure reasons with how often each happened, for the report.
    private(set) var reasons: [String: Int] = [:]
    /// The `pingInterval` the server announced in its open packet, in milliseconds.
    private(set) var pingIntervalMilliseconds: Int?
    private(set) var pingTimeoutMilliseconds: Int?

    let epoll: Int32
    private var address = sockaddr_in()
    private var nextPending = 0
    private let readBuffer: UnsafeMutableRawBufferPointer
    /// Reused to frame every outgoing message (LoadLoop+Writing.swift).
    var frameScratch: [UInt8] = []
    /// xorshift state for the masking keys (LoadLoop+Writing.swift).
    var maskState: UInt64 = 0x2545_F491_4F6C_DD1D
    private let seed = MonotonicClock.nanoseconds()
    private var lastTimeoutCheck: UInt64 = 0
    private var eventData = [UInt64](repeating: 0, count: 256)
    private var eventFlags = [UInt32](repeating: 0, count: 256)

    init(settings: Settings) throws(LoadError) {
        self.settings = settings
        epoll = cflaskish_epoll_create()
        guard epoll >= 0 else { throw LoadError("epoll_create failed: errno \(errno)") }
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(settings.port).bigEndian)
        let host = settings.host == "localhost" ? "127.0.0.1" : settings.host
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            throw LoadError("--host \(settings.host) is not an IPv4 address")
        }
        // Loopback only: this tool never sends load to another machine.
        guard UInt32(bigEndian: address.sin_addr.s_addr) >> 24 == 127 else {
            throw LoadError("--host \(settings.host) is not a loopback address (127.0.0.0/8)")
        }
        readBuffer = .allocate(byteCount: 2 * settings.maxFramePayload + 64 * 1024, alignment: 8)
        frameScratch.reserveCapacity(64 * 1024)
    }

    deinit {
        closeAll()
        close(epoll)
        readBuffer.deallocate()
    }

    /// Adds `count` clients; they connect while the loop runs, to `ports` in turn (the
    /// settings' port when empty), so receivers spread evenly over a cluster's processes.
    func addClients(_ count: Int, senders: Bool = false, ports: [Int] = []) {
        let targets = ports.isEmpty ? [settings.port] : ports
        clients.reserveCapacity(clients.count + count)
        for index in 0..<count {
            let group = index % targets.count
            clients.append(LoadClient(number: clients.count, isSender: senders, port: targets[group], group: group))
        }
    }

    /// True when every added client has finished its handshake, one way or the other.
    var allHandshakesSettled: Bool { nextPending == clients.count && handshakesInFlight == 0 }

    /// Runs until `isDone()` or `deadline`. `wakeAt()` names the next moment `onWake` must run
    /// (the sender's schedule); nil when nothing is scheduled.
    func run(
        until deadline: UInt64,
        wakeAt: () -> UInt64? = { nil },
        onWake: () -> Void = {},
        isDone: () -> Bool
    ) {
        while true {
            startPendingClients()
            if isDone() { return }
            var now = MonotonicClock.nanoseconds()
            if now >= deadline { return }
            if let wake = wakeAt(), wake <= now {
                onWake()
                continue
            }
            var wait = min(deadline - now, 100_000_000)
            if let wake = wakeAt() { wait = min(wait, wake - now) }
            let milliseconds = Int32((wait + 999_999) / 1_000_000)
            let ready = eventData.withUnsafeMutableBufferPointer { data in
                eventFlags.withUnsafeMutableBufferPointer { flags in
                    cflaskish_epoll_wait(epoll, data.baseAddress, flags.baseAddress, Int32(data.count), milliseconds)
                }
            }
            if ready > 0 {
                for index in 0..<Int(ready) {
                    handle(clients[Int(eventData[index])], events: eventFlags[index])
                }
            }
            now = MonotonicClock.nanoseconds()
            if now - lastTimeoutCheck > 250_000_000 {
                lastTimeoutCheck = now
                expireSlowHandshakes(now: now)
            }
        }
    }

    /// Closes every open client at once with a reset (SO_LINGER 0), so thousands of closes
    /// leave no TIME_WAIT entries to exhaust loopback ports across runs.
    func closeAll() {
        for client in clients where client.phase != .closed && client.fd >= 0 {
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(client.fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
            close(client.fd)
            client.fd = -1
            if client.phase == .connected { connectedCount -= 1 }
            client.phase = .closed
            client.closeReason = "closed by the generator"
        }
    }

    /// Sends one text message (already Engine.IO/Socket.IO encoded) from `client`.
    func sendText(_ client: LoadClient, _ payload: UnsafeRawBufferPointer) {
        sendFrame(client, opcode: .text, payload)
    }

    // MARK: Connecting

    private func startPendingClients() {
        while nextPending < clients.count && handshakesInFlight < settings.connectConcurrency {
            let client = clients[nextPending]
            nextPending += 1
            start(client)
        }
    }

    private func start(_ client: LoadClient) {
        let fd = cflaskish_socket(AF_INET)
        guard fd >= 0 else {
            client.phase = .closed
            connectFailures += 1
            count("socket() failed: errno \(errno) (descriptor limit?)")
            return
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        client.fd = fd
        client.phase = .connecting
        client.startedAt = MonotonicClock.nanoseconds()
        handshakesInFlight += 1
        address.sin_port = in_port_t(UInt16(client.port).bigEndian)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if result != 0 && errno != EINPROGRESS {
            fail(client, "connect() failed: \(String(cString: strerror(errno)))")
            return
        }
        cflaskish_epoll_ctl(epoll, EPOLL_CTL_ADD, fd, CFLASKISH_EPOLLOUT, UInt64(client.number))
    }

    private func finishConnect(_ client: LoadClient) {
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(client.fd, SOL_SOCKET, SO_ERROR, &error, &length)
        guard error == 0 else {
            fail(client, "connect() failed: \(String(cString: strerror(error)))")
            return
        }
        let handshake = UpgradeHandshake(
            host: settings.host, port: client.port, path: settings.path, clientNumber: client.number, seed: seed)
        client.handshake = handshake
        client.phase = .upgrading
        cflaskish_epoll_ctl(epoll, EPOLL_CTL_MOD, client.fd, CFLASKISH_EPOLLIN | CFLASKISH_EPOLLRDHUP, UInt64(client.number))
        handshake.request.withUnsafeBytes { write(client, $0) }
    }

    private func expireSlowHandshakes(now: UInt64) {
        for client in clients where client.isHandshaking
            && now - client.startedAt > settings.connectTimeoutNanoseconds {
            fail(client, "handshake timed out (\(client.phase))")
        }
    }

    // MARK: Events

    private func handle(_ client: LoadClient, events: UInt32) {
        if client.phase == .closed { return }
        if client.phase == .connecting {
            if events & (CFLASKISH_EPOLLOUT | CFLASKISH_EPOLLERR | CFLASKISH_EPOLLHUP) != 0 { finishConnect(client) }
            return
        }
        if events & (CFLASKISH_EPOLLIN | CFLASKISH_EPOLLRDHUP) != 0 { readable(client) }
        if client.phase != .closed && events & CFLASKISH_EPOLLOUT != 0 { flush(client) }
        if client.phase != .closed && events & (CFLASKISH_EPOLLERR | CFLASKISH_EPOLLHUP) != 0
            && events & CFLASKISH_EPOLLIN == 0 {
            fail(client, "socket error or hang-up")
        }
    }

    private func readable(_ client: LoadClient) {
        let carried = client.carry.count
        let room = readBuffer.count - carried
        let received = recv(client.fd, readBuffer.baseAddress! + carried, room, 0)
        if received < 0 {
            if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
                fail(client, "recv() failed: \(String(cString: strerror(errno)))")
            }
            return
        }
        if received == 0 {
            fail(client, client.isHandshaking ? "server closed during the handshake" : "server closed the connection")
            return
        }
        if carried > 0 {
            client.carry.withUnsafeBytes { readBuffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: carried) }
            client.carry.removeAll(keepingCapacity: true)
        }
        let filled = carried + received
        let bytes = UnsafeRawBufferPointer(rebasing: readBuffer[0..<filled])
        let consumed = process(client, bytes, now: MonotonicClock.nanoseconds())
        guard client.phase != .closed, consumed < filled else { return }
        if filled == readBuffer.count && consumed == 0 {
            fail(client, "an incomplete message filled the generator's receive buffer")
            return
        }
        client.carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[consumed...]))
    }

    /// Handles every complete frame in `bytes`; returns how many bytes were used.
    private func process(_ client: LoadClient, _ bytes: UnsafeRawBufferPointer, now: UInt64) -> Int {
        var offset = 0
        if client.phase == .upgrading {
            guard let head = UpgradeHandshake.headLength(in: bytes) else {
                if bytes.count > 16 * 1024 { fail(client, "response head longer than 16 KiB") }
                return 0
            }
            if let problem = client.handshake?.problem(withResponseHead: UnsafeRawBufferPointer(rebasing: bytes[..<head])) {
                fail(client, "upgrade refused: \(problem)")
                return 0
            }
            client.handshake = nil
            client.phase = .awaitingOpen
            offset = head
        }
        while client.phase != .closed {
            let rest = UnsafeRawBufferPointer(rebasing: bytes[offset...])
            let frame: ServerFrame
            do throws(ServerFrameError) {
                guard let found = try ServerFrameScanner.scan(rest, maxPayload: settings.maxFramePayload) else { break }
                frame = found
            } catch {
                fail(client, error.description)
                break
            }
            handleFrame(client, frame, UnsafeRawBufferPointer(rebasing: rest[frame.headerLength..<frame.totalLength]), now: now)
            offset += frame.totalLength
        }
        return offset
    }

    private func handleFrame(_ client: LoadClient, _ frame: ServerFrame, _ payload: UnsafeRawBufferPointer, now: UInt64) {
        switch frame.opcode {
        case 0x1 where frame.fin:
            handlePacket(client, payload, now: now)
        case 0x0, 0x1:
            fail(client, "the server fragmented a message (the generator expects whole frames)")
        case 0x8:
            let code = payload.count >= 2 ? Int(payload[0]) << 8 | Int(payload[1]) : 1005
            fail(client, "server sent a WebSocket close (code \(code))")
        case 0x9:
            sendFrame(client, opcode: .pong, payload)
        case 0xA:
            break
        default:
            fail(client, "unexpected WebSocket opcode \(frame.opcode)")
        }
    }

    /// One Engine.IO packet: `0` open, `2` ping, `4` message carrying a Socket.IO packet.
    private func handlePacket(_ client: LoadClient, _ packet: UnsafeRawBufferPointer, now: UInt64) {
        guard let type = packet.first else { return }
        switch type {
        case UInt8(ascii: "2"):
            client.pingsAnswered += 1
            pingsAnswered += 1
            withUnsafeBytes(of: UInt8(ascii: "3")) { sendFrame(client, opcode: .text, $0) }
        case UInt8(ascii: "4") where packet.count >= 2:
            switch packet[1] {
            case UInt8(ascii: "2"):
                onEvent?(client, packet, now)
            case UInt8(ascii: "0") where client.phase == .awaitingConnect:
                client.phase = .connected
                client.connectedAt = now
                handshakesInFlight -= 1
                connectedCount += 1
            case UInt8(ascii: "1"):
                fail(client, "server disconnected the namespace (41)")
            case UInt8(ascii: "4"):
                fail(client, "server refused the namespace (44)")
            default:
                break
            }
        case UInt8(ascii: "0") where client.phase == .awaitingOpen:
            let text = String(decoding: packet, as: UTF8.self)
            if pingIntervalMilliseconds == nil {
                pingIntervalMilliseconds = Self.integer(named: "pingInterval", in: text)
                pingTimeoutMilliseconds = Self.integer(named: "pingTimeout", in: text)
            }
            client.phase = .awaitingConnect
            let connect: [UInt8] = [UInt8(ascii: "4"), UInt8(ascii: "0")]
            connect.withUnsafeBytes { sendFrame(client, opcode: .text, $0) }
        case UInt8(ascii: "1"):
            fail(client, "server closed the Engine.IO session (1)")
        default:
            break
        }
    }

    private static func integer(named name: String, in json: String) -> Int? {
        guard let range = json.range(of: "\"\(name)\":") else { return nil }
        return Int(String(json[range.upperBound...].prefix { $0.isNumber }))
    }

    // MARK: Failure

    /// Closes `client` and counts why; a no-op on a closed client.
    func fail(_ client: LoadClient, _ reason: String) {
        guard client.phase != .closed else { return }
        if client.isHandshaking {
            handshakesInFlight -= 1
            connectFailures += 1
        } else if client.phase == .connected {
            connectedCount -= 1
            dropped += 1
        }
        client.phase = .closed
        client.closeReason = reason
        count(reason)
        if client.fd >= 0 { close(client.fd) }
        client.fd = -1
        client.carry = []
        client.outbox = []
    }

    private func count(_ reason: String) { reasons[reason, default: 0] += 1 }
}
