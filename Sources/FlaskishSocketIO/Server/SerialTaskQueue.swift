import Synchronization

/// Runs jobs one after another, in the order they were enqueued, in a task that exists only
/// while there is work: one client's handlers run in arrival order, different clients' in
/// parallel, and an idle client costs no task.
///
/// python-socketio runs each event in its own thread (`async_handlers`), which loses the
/// order; Flask-SocketIO users then add locks. Serial per client keeps the order a chat needs.
final class SerialTaskQueue: Sendable {
    typealias Job = @Sendable () async -> Void

    private struct State {
        var jobs: [Job] = []
        var running = false
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    private let executor: (any TaskExecutor)?

    /// A queue whose jobs run on `executor` (nil: the global concurrent executor).
    init(executor: (any TaskExecutor)?) {
        self.executor = executor
    }

    /// Adds `job`; it runs after every job enqueued before it has finished.
    func enqueue(_ job: @escaping Job) {
        let start = state.withLock { state -> Bool in
            state.jobs.append(job)
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
            let (batch, waiters) = state.withLock { state -> ([Job], [CheckedContinuation<Void, Never>]) in
                if state.jobs.isEmpty {
                    state.running = false
                    defer { state.idleWaiters = [] }
                    return ([], state.idleWaiters)
                }
                defer { state.jobs = [] }
                return (state.jobs, [])
            }
            if batch.isEmpty {
                for waiter in waiters { waiter.resume() }
                return
            }
            for job in batch { await job() }
        }
    }
}
