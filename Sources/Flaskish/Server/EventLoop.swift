#if canImport(Glibc)
import Glibc
#endif
import CFlaskishSystem
import Foundation
import Synchronization

/// One epoll event loop on its own thread: it owns its connections for their whole life.
///
/// Only the loop's thread reads, writes or closes its connections. Work from other threads
/// (a handler's response, a broadcast) arrives through `execute`, a mailbox drained once per
/// turn and woken by an `eventfd`. User code never runs here.
package final class EventLoop: @unchecked Sendable {
    /// The position of this loop among the server's loops, for logs.
    package let index: Int

    private let epollFD: Int32
    private let wakeFD: Int32
    private let mailbox = Mutex<Mailbox>(Mailbox())
    private var thread: Thread?
    private let finished = Mutex<Bool>(false)

    // Loop-thread state.
    private var connections: [Int32: Connection] = [:]
    private var timers = TimerHeap()
    private var listeners: [Int32: Listener] = [:]
    private var nextGeneration: UInt32 = 1
    private var running = true
    private var nextSweep: UInt64 = 0
    private(set) var now: UInt64 = SystemCalls.monotonicMilliseconds()
    private let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    private var threadID: pthread_t?
    private var turnEndActions: [() -> Void] = []
    private var drainingJobs: [@Sendable () -> Void] = []
    private var pendingFlushes: [Connection] = []
    private var flushingConnections: [Connection] = []
    /// Turns the loop has taken (epoll wake-ups); tests read it to tell waiting from spinning.
    package private(set) var turns: UInt64 = 0
    /// The loop thread's kernel id (`/proc/self/task/<id>`), once it runs.
    package private(set) var kernelThreadID: Int32 = 0
    private var memoryReleaseWanted = false
    private var nextMemoryRelease: UInt64 = 0
    /// Send timeout in milliseconds for this loop's connections (0: none).
    let sendTimeoutMilliseconds: Int

    /// Runs `action` at the end of every turn of the loop (after the events, mailbox and
    /// timers): where per-loop buffers such as the access log are flushed. Loop thread only.
    package func addTurnEndAction(_ action: @escaping () -> Void) { turnEndActions.append(action) }

    private struct Mailbox {
        var jobs: [@Sendable () -> Void] = []
        var wakeRequested = false
    }

    private static let wakeToken: UInt64 = UInt64.max
    private static let listenerTag: UInt64 = 1 << 63

    init(index: Int, sendTimeoutMilliseconds: Int = 0) throws {
        self.index = index
        self.sendTimeoutMilliseconds = max(0, sendTimeoutMilliseconds)
        epollFD = cflaskish_epoll_create()
        guard epollFD >= 0 else { throw SystemError("epoll_create1") }
        wakeFD = cflaskish_eventfd()
        guard wakeFD >= 0 else { throw SystemError("eventfd") }
        guard cflaskish_epoll_ctl(epollFD, EPOLL_CTL_ADD, wakeFD, CFLASKISH_EPOLLIN, Self.wakeToken) == 0 else {
            throw SystemError("epoll_ctl(eventfd)")
        }
    }

    deinit {
        readBuffer.deallocate()
        close(epollFD)
        close(wakeFD)
    }

    /// Starts the loop's thread.
    func start() {
        let thread = Thread { [self] in self.run() }
        thread.name = "flaskish-loop-\(index)"
        thread.stackSize = 1 << 20
        self.thread = thread
        thread.start()
    }

    /// True on this loop's own thread.
    package var inEventLoop: Bool {
        guard let threadID else { return false }
        return pthread_equal(threadID, pthread_self()) != 0
    }

    /// Runs `job` on the loop's thread at its next turn. Safe from any thread.
    package func execute(_ job: @escaping @Sendable () -> Void) {
        let needsWake = mailbox.withLock { box -> Bool in
            box.jobs.append(job)
            if box.wakeRequested { return false }
            box.wakeRequested = true
            return true
        }
        if needsWake {
            var one: UInt64 = 1
            _ = write(wakeFD, &one, 8)
        }
    }

    /// Runs `action` on the loop after `milliseconds`. Loop thread only.
    @discardableResult
    package func scheduleTimer(afterMilliseconds milliseconds: Int, _ action: @escaping () -> Void) -> UInt64 {
        timers.schedule(at: now + UInt64(max(0, milliseconds)), action)
    }

    /// Flushes `connection` at the end of this turn (see `Connection.writeSoon`). Loop thread only.
    func flushAtEndOfTurn(_ connection: Connection) { pendingFlushes.append(connection) }

    /// Asks the loop to give freed heap memory back to the system at the end of its turn: a
    /// large queue or buffer was just drained. At most once a second per loop (`malloc_trim`
    /// walks the whole heap). Loop thread only.
    func releaseMemorySoon() { memoryReleaseWanted = true }

    /// Runs `body` on the loop's thread and returns its result: how tests read loop state.
    package func submit<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in execute { continuation.resume(returning: body()) } }
    }

    /// Cancels a timer from `scheduleTimer`. Loop thread only.
    package func cancelTimer(_ id: UInt64) { timers.cancel(id) }

    /// Asks the loop to finish its turn and exit; returns once its thread has ended.
    func stopAndWait() {
        execute { [self] in running = false }
        while !finished.withLock({ $0 }) { usleep(1000) }
    }

    // MARK: Registration (loop thread)

    func addListener(_ listener: Listener) {
        listeners[listener.fd] = listener
        enableListener(listener)
    }

    func removeListeners() {
        for fd in listeners.keys { _ = cflaskish_epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, 0, 0) }
        listeners.removeAll()
    }

    private func enableListener(_ listener: Listener) {
        let flags = CFLASKISH_EPOLLIN | CFLASKISH_EPOLLEXCLUSIVE
        _ = cflaskish_epoll_ctl(epollFD, EPOLL_CTL_ADD, listener.fd, flags, Self.listenerTag | UInt64(UInt32(bitPattern: listener.fd)))
    }

    /// Every live connection of this loop (for shutdown and sweeps).
    var liveConnections: Dictionary<Int32, Connection>.Values { connections.values }

    func adopt(fd: Int32, remoteAddress: String, listener: Listener) {
        let generation = nextGeneration
        nextGeneration &+= 1
        if nextGeneration == 0 { nextGeneration = 1 }
        let token = UInt64(UInt32(bitPattern: fd)) | UInt64(generation) << 32
        let connection = Connection(fd: fd, token: token, loop: self, remoteAddress: remoteAddress, localPort: listener.port,
                                    outboundHighWaterMark: listener.server?.configuration.outboundHighWaterMark ?? Server.Configuration().outboundHighWaterMark)
        connection.server = listener.server
        connections[fd] = connection
        guard cflaskish_epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, CFLASKISH_EPOLLIN | CFLASKISH_EPOLLRDHUP, token) == 0 else {
            connections[fd] = nil
            close(fd)
            return
        }
        listener.server?.connectionOpened()
        connection.handler = listener.makeHandler(connection)
        connection.handler?.connectionOpened(connection)
    }

    /// Registers a socket this process opened (see `EventLoop+Outbound.swift`), as `adopt`
    /// does for accepted ones. Loop thread only.
    func adoptOutbound(fd: Int32, remoteAddress: String, makeHandler: (Connection) -> any ConnectionHandler) -> Connection? {
        let generation = nextGeneration
        nextGeneration &+= 1
        if nextGeneration == 0 { nextGeneration = 1 }
        let token = UInt64(UInt32(bitPattern: fd)) | UInt64(generation) << 32
        let connection = Connection(fd: fd, token: token, loop: self, remoteAddress: remoteAddress, localPort: 0)
        connections[fd] = connection
        guard cflaskish_epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, CFLASKISH_EPOLLIN | CFLASKISH_EPOLLRDHUP, token) == 0 else {
            connections[fd] = nil
            close(fd)
            return nil
        }
        connection.handler = makeHandler(connection)
        connection.handler?.connectionOpened(connection)
        return connection
    }

    func updateInterest(_ connection: Connection) {
        // A paused connection asks for neither readability nor the peer's half-close: both are
        // level-triggered and would wake the loop on every turn until it reads again.
        var flags: UInt32 = 0
        if !connection.readingPaused { flags |= CFLASKISH_EPOLLIN | CFLASKISH_EPOLLRDHUP }
        if connection.wantsWritable { flags |= CFLASKISH_EPOLLOUT }
        _ = cflaskish_epoll_ctl(epollFD, EPOLL_CTL_MOD, connection.fd, flags, connection.token)
    }

    func forget(_ connection: Connection) {
        if connections[connection.fd] === connection { connections[connection.fd] = nil }
    }

    // MARK: The loop

    private func run() {
        threadID = pthread_self()
        kernelThreadID = cflaskish_thread_id()
        let maxEvents = 256
        let data = UnsafeMutablePointer<UInt64>.allocate(capacity: maxEvents)
        let flags = UnsafeMutablePointer<UInt32>.allocate(capacity: maxEvents)
        defer {
            data.deallocate()
            flags.deallocate()
            finished.withLock { $0 = true }
        }
        while running {
            let pending = mailbox.withLock { !$0.jobs.isEmpty }
            var timeout: Int32 = 1000
            if pending {
                timeout = 0
            } else if let deadline = timers.earliestDeadline {
                let current = SystemCalls.monotonicMilliseconds()
                timeout = deadline <= current ? 0 : Int32(min(1000, deadline - current))
            }
            let count = cflaskish_epoll_wait(epollFD, data, flags, Int32(maxEvents), timeout)
            now = SystemCalls.monotonicMilliseconds()
            turns &+= 1
            if count > 0 {
                for i in 0..<Int(count) { handleEvent(data[i], flags[i]) }
            }
            drainMailbox()
            for action in timers.popDue(now: now) { action() }
            flushPendingWrites()
            for action in turnEndActions { action() }
            if memoryReleaseWanted, now >= nextMemoryRelease {
                memoryReleaseWanted = false
                nextMemoryRelease = now + 1000
                _ = cflaskish_release_free_memory()
            }
            if now >= nextSweep {
                nextSweep = now + 250
                sweepDeadlines()
            }
        }
        for connection in Array(connections.values) { connection.close(reason: nil) }
    }

    private func handleEvent(_ datum: UInt64, _ events: UInt32) {
        if datum == Self.wakeToken {
            var value: UInt64 = 0
            _ = read(wakeFD, &value, 8)
            return
        }
        if datum & Self.listenerTag != 0 {
            let fd = Int32(bitPattern: UInt32(truncatingIfNeeded: datum))
            if let listener = listeners[fd] { acceptConnections(listener) }
            return
        }
        let fd = Int32(bitPattern: UInt32(truncatingIfNeeded: datum))
        guard let connection = connections[fd], connection.token == datum else { return }
        if events & (CFLASKISH_EPOLLIN | CFLASKISH_EPOLLHUP | CFLASKISH_EPOLLERR | CFLASKISH_EPOLLRDHUP) != 0 {
            if !connection.readingPaused {
                connection.readAvailable(into: readBuffer)
            } else if events & (CFLASKISH_EPOLLHUP | CFLASKISH_EPOLLERR) != 0 {
                // epoll reports these whatever was asked: the peer is gone both ways (or reset),
                // nothing more can be written, and leaving it open would wake every turn.
                connection.close(reason: nil)
                return
            }
        }
        if events & CFLASKISH_EPOLLOUT != 0, !connection.isClosed {
            connection.flush()
        }
    }

    private func acceptConnections(_ listener: Listener) {
        for _ in 0..<64 {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { cflaskish_accept(listener.fd, $0, &length) }
            }
            if fd < 0 {
                let code = errno
                if code == EMFILE || code == ENFILE || code == ENOBUFS || code == ENOMEM {
                    // Out of descriptors: stop listening for a moment rather than spin on the
                    // same ready listener; the kernel keeps the backlog.
                    _ = cflaskish_epoll_ctl(epollFD, EPOLL_CTL_DEL, listener.fd, 0, 0)
                    listener.server?.log("accept: \(SystemError("accept", code: code)); pausing accepts for 100 ms")
                    scheduleTimer(afterMilliseconds: 100) { [weak self, weak listener] in
                        guard let self, let listener, self.listeners[listener.fd] != nil else { return }
                        self.enableListener(listener)
                    }
                }
                return
            }
            SystemCalls.setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
            if let server = listener.server, !server.admitConnection() {
                // Over the connection limit: answer 503 and close, never just drop.
                let refusal = Array("HTTP/1.1 503 SERVICE UNAVAILABLE\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
                _ = refusal.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                close(fd)
                continue
            }
            adopt(fd: fd, remoteAddress: SystemCalls.addressString(storage), listener: listener)
        }
    }

    private func drainMailbox() {
        // Jobs may enqueue more jobs; take what is there now and leave the rest for the next turn
        // so a chatty producer cannot starve the sockets.
        // The arrays are swapped, not copied: the lock is held for a few instructions (workers
        // posting responses contend for it) and neither side allocates once both have grown.
        mailbox.withLock { box in
            swap(&box.jobs, &drainingJobs)
            box.wakeRequested = false
        }
        for job in drainingJobs { job() }
        drainingJobs.removeAll(keepingCapacity: true)
    }

    private func flushPendingWrites() {
        // A flush may close a connection whose handler queues more: loop until quiet.
        while !pendingFlushes.isEmpty {
            swap(&pendingFlushes, &flushingConnections)
            for connection in flushingConnections { connection.scheduledFlush() }
            flushingConnections.removeAll(keepingCapacity: true)
        }
    }

    private func sweepDeadlines() {
        let sendTimeout = UInt64(sendTimeoutMilliseconds)
        let expired = connections.values.filter {
            ($0.deadline != 0 && $0.deadline <= now) || (sendTimeout > 0 && $0.stalledSince != 0 && now - $0.stalledSince >= sendTimeout)
        }
        for connection in expired where !connection.isClosed {
            if sendTimeout > 0, connection.stalledSince != 0, now - connection.stalledSince >= sendTimeout {
                connection.sendTimedOut(afterMilliseconds: sendTimeoutMilliseconds)
            }
            if !connection.isClosed, connection.deadline != 0, connection.deadline <= now { connection.deadlineReached() }
        }
    }
}
