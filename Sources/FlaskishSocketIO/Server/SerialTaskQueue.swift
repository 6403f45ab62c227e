import Synchronization

/// Runs jobs one after another, in the order they were enqueued, in a task that exists only
/// while there is work: one client's handlers run in arrival order, different clients' in
/// parallel, and an idle client costs no task.
///
/// python-socketio runs each event in its own thread (`async_handlers`), which loses the
/// order; Flask-SocketIO users then add locks. Serial per client keeps the order a chat needs.
///
/// The client's packets are bounded: a packet job counts (with its size) from `enqueue`
/// until it starts. When `limits` are reached, `onPressure(true)` asks the transport to stop
/// reading the client; once the waiting packets are down to half of both limits,
/// `onPressure(false)` lets it read again. The callback runs under the queue's lock, so a
/// pause and a resume from two threads never overtake each other.
final class SerialTaskQueue: Sendable {
    typealias Job = @Sendable () async -> Void

    /// The bounds on packets waiting to start.
    struct Limits: Sendable, Hashable {
        var packets: Int
        var bytes: Int
        /// No bound.
        static let unbounded = Limits(packets: .max, bytes: .max)
    }

    private struct Entry {
        var job: Job
        /// The packet's size for a counted job; nil for the framework's own jobs.
        var bytes: Int?
        /// Whether ``discardWaitingPackets()`` drops it (events; not connects and disconnects).
        var discardable = false
    }

    private struct State {
        var jobs: [Entry] = []
        var head = 0
        var running = false
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
        var waitingPackets = 0
        var waitingBytes = 0
        var peakPackets = 0
        var full = false
        var onPressure: (@Sendable (Bool) -> Void)?
    }

    private let state = Mutex(State())
    private let executor: (any TaskExecutor)?
    private let limits: Limits

    /// A queue whose jobs run on `executor` (nil: the global concurrent executor).
    init(executor: (any TaskExecutor)?, limits: Limits = .unbounded) {
        self.executor = executor
        self.limits = Limits(packets: max(1, limits.packets), bytes: max(1, limits.bytes))
    }

    /// Told true when the waiting packets reach the limits, false when they have drained.
    var onPressure: (@Sendable (Bool) -> Void)? {
        get { state.withLock { $0.onPressure } }
        set { state.withLock { $0.onPressure = newValue } }
    }

    /// Adds `job`; it runs after every job enqueued before it has finished.
    func enqueue(_ job: @escaping Job) { enqueue(job, bytes: nil, discardable: false) }

    /// Adds the job of one client packet of `bytes` bytes, counted against the limits until
    /// it starts; a `discardable` one is dropped by ``discardWaitingPackets()``.
    func enqueuePacket(bytes: Int, discardable: Bool, _ job: @escaping Job) {
        enqueue(job, bytes: bytes, discardable: discardable)
    }

    private func enqueue(_ job: @escaping Job, bytes: Int?, discardable: Bool) {
        let start = state.withLock { state -> Bool in
            state.jobs.append(Entry(job: job, bytes: bytes, discardable: discardable))
            if let bytes {
                state.waitingPackets += 1
                state.waitingBytes += bytes
                state.peakPackets = max(state.peakPackets, state.waitingPackets)
                if !state.full, state.waitingPackets >= limits.packets || state.waitingBytes >= limits.bytes {
                    state.full = true
                    state.onPressure?(true)
                }
            }
            if state.running { return false }
            state.running = true
            return true
        }
        if start {
            // Unstructured on purpose: the job must not inherit the caller's task-locals
            // (an event loop has none; another client's handler has its own context).
            Task(executorPreference: executor) { await self.drain() }
        }
    }

    /// Drops every discardable packet job that has not started, and lets the transport
    /// read again. For a client that is gone: its handlers would only answer no one.
    /// - Returns: how many were dropped.
    @discardableResult
    func discardWaitingPackets() -> Int {
        state.withLock { state in
            let before = state.jobs.count - state.head
            state.jobs = state.jobs[state.head...].filter { !$0.discardable }
            state.head = 0
            state.waitingPackets = state.jobs.count(where: { $0.bytes != nil })
            state.waitingBytes = state.jobs.reduce(0) { $0 + ($1.bytes ?? 0) }
            if state.full {
                state.full = false
                state.onPressure?(false)
            }
            return before - state.jobs.count
        }
    }

    /// Packet jobs waiting to start now, and the most there have been.
    var waitingPackets: (now: Int, peak: Int) { state.withLock { ($0.waitingPackets, $0.peakPackets) } }

    /// Returns once every job enqueued so far (and any they enqueued) has finished.
    func waitUntilIdle() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { state -> Bool in
                if !state.running { return true }
                state.idleWaiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }

    private func drain() async {
        while true {
            let (job, waiters) = state.withLock { state -> (Job?, [CheckedContinuation<Void, Never>]) in
                guard state.head < state.jobs.count else {
                    state.jobs.removeAll(keepingCapacity: state.jobs.count <= 256)
                    state.head = 0
                    state.running = false
                    defer { state.idleWaiters = [] }
                    return (nil, state.idleWaiters)
                }
                let entry = state.jobs[state.head]
                state.head += 1
                if state.head > 1024, state.head * 2 > state.jobs.count {
                    // Reclaim the consumed front without shifting on every job.
                    state.jobs.removeFirst(state.head)
                    state.head = 0
                }
                if let bytes = entry.bytes {
                    state.waitingPackets -= 1
                    state.waitingBytes -= bytes
                    if state.full, state.waitingPackets <= limits.packets / 2, state.waitingBytes <= limits.bytes / 2 {
                        state.full = false
                        state.onPressure?(false)
                    }
                }
                return (entry.job, [])
            }
            guard let job else {
                for waiter in waiters { waiter.resume() }
                return
            }
            await job()
        }
    }
}
