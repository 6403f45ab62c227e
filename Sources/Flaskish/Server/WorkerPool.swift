#if canImport(Glibc)
import Glibc
#endif
import CFlaskishSystem
import Foundation
import Synchronization

/// The threads where request handlers run: Flask's threaded server, bounded.
///
/// It is a `TaskExecutor`: each request is a task that prefers this pool, so an `async`
/// handler suspends without holding a thread, and a synchronous handler that blocks (sleeps,
/// reads a file, calls a database) holds one pool thread and never an event loop or Swift's
/// small cooperative pool.
package final class WorkerPool: TaskExecutor, @unchecked Sendable {
    private struct State {
        var jobs: [UnownedJob] = []
        var head = 0
        var idle = 0
        var started = 0
        var stopping = false
        var lastStart: UInt64 = 0
        var monitorRunning = false
        /// Kernel ids of the running worker threads, for the monitor's runnable check.
        var workerThreadIDs: [Int32] = []
    }

    private let state = Mutex<State>(State())
    private let condition = Condition()
    /// The most threads the pool runs at once.
    package let maximumThreads: Int
    /// Threads started without delay: about one per core, so a busy pool does not thrash a
    /// small machine with dozens of runnable threads.
    package let eagerThreads: Int
    /// Work that waited this long with no job started means every thread is blocked in a
    /// handler: one more thread is started, up to `maximumThreads`.
    static let starvationMilliseconds: UInt64 = 5

    /// A pool that grows on demand up to `maximumThreads` threads.
    package init(maximumThreads: Int, eagerThreads: Int = max(2, Int(cflaskish_available_cpus()))) {
        self.maximumThreads = max(1, maximumThreads)
        self.eagerThreads = min(self.maximumThreads, eagerThreads)
    }

    /// Runs `job` on one of the pool's threads (the executor entry point).
    package func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        enum Wake { case none, signal, spawn, stopped }
        let (wake, startMonitor) = state.withLock { state -> (Wake, Bool) in
            // Work can arrive after the server stopped (an Engine.IO session timing out
            // later). An executor must run every job: one left in the queue of a pool whose
            // threads have exited never runs and never frees its task, nor what the task holds.
            if state.stopping { return (.stopped, false) }
            state.jobs.append(unowned)
            var monitor = false
            if !state.monitorRunning && maximumThreads > eagerThreads {
                state.monitorRunning = true
                monitor = true
            }
            // Busy threads take the job when they finish theirs: only an idle thread needs a
            // wake-up, and waking more threads than there are jobs only costs context switches.
            if state.idle > 0 { return (.signal, monitor) }
            if state.started < eagerThreads {
                state.started += 1
                return (.spawn, monitor)
            }
            return (.none, monitor)
        }
        if startMonitor { spawn(name: "flaskish-pool-monitor") { [self] in monitor() } }
        switch wake {
        case .none: break
        case .signal: condition.signal()
        case .spawn: spawnWorker()
        case .stopped:
            let executor = asUnownedTaskExecutor()
            DispatchQueue.global().async { unowned.runSynchronously(on: executor) }
        }
    }

    /// Lets the threads finish the queued jobs and exit; a job that arrives later runs on
    /// Dispatch's threads.
    package func shutdown() {
        state.withLock { $0.stopping = true }
        condition.broadcast()
    }

    private func spawnWorker() {
        spawn(name: "flaskish-worker") { [self] in work() }
    }

    private func spawn(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.name = name
        thread.stackSize = ThreadStack.size
        thread.start()
    }

    /// Watches for a pool whose threads are blocked (sleeping handlers, slow I/O) and adds a
    /// thread when queued work has not moved for a few milliseconds, unless at least
    /// `eagerThreads` workers are runnable: those are computing (or waiting for a core), and a
    /// CPU-bound pool only gets slower with more threads taking turns on the same cores (a
    /// page of templates rendered per request lost a third of its throughput that way).
    private func monitor() {
        while true {
            usleep(UInt32(Self.starvationMilliseconds * 1000))
            let check = state.withLock { state -> (stop: Bool, starved: Bool, workers: [Int32]) in
                if state.stopping { return (true, false, []) }
                let waiting = state.jobs.count - state.head
                let stalled = SystemCalls.monotonicMilliseconds() - state.lastStart >= Self.starvationMilliseconds
                let starved = waiting > 0 && state.idle == 0 && stalled && state.started < maximumThreads
                return (false, starved, starved ? state.workerThreadIDs : [])
            }
            if check.stop { return }
            guard check.starved, Self.runnableCount(check.workers, atLeast: eagerThreads) < eagerThreads else { continue }
            let spawn = state.withLock { state -> Bool in
                guard state.started < maximumThreads else { return false }
                state.started += 1
                return true
            }
            if spawn { spawnWorker() }
        }
    }

    /// How many of `threads` are runnable, counting no further than `needed` (each check reads
    /// a small `/proc` file). An unreadable entry (a thread that just exited) counts as blocked.
    static func runnableCount(_ threads: [Int32], atLeast needed: Int) -> Int {
        var count = 0
        for thread in threads where count < needed {
            if cflaskish_thread_is_runnable(thread) == 1 { count += 1 }
        }
        return count
    }

    /// The calling thread's kernel id (what ``runnableCount(_:atLeast:)`` takes).
    package static var currentThreadID: Int32 { cflaskish_thread_id() }

    /// Worker threads started so far and not retired (what the monitor has grown the pool to).
    package var threadCount: Int { state.withLock { $0.started } }

    private func work() {
        // SCHED_BATCH: an event loop that hands this thread a job is not preempted by the
        // wake-up, so it finishes its turn (queuing every request it read) before a worker runs,
        // and workers then take the batch. On a busy core this halves the context switches per
        // request (65k → 94k requests/s on one core, docs/architecture.md). Failure is harmless.
        _ = cflaskish_prefer_batch_scheduling()
        let threadID = cflaskish_thread_id()
        state.withLock { $0.workerThreadIDs.append(threadID) }
        defer {
            state.withLock { state in
                if let index = state.workerThreadIDs.firstIndex(of: threadID) { state.workerThreadIDs.remove(at: index) }
            }
        }
        let executor = asUnownedTaskExecutor()
        while true {
            guard let job = nextJob() else { return }
            job.runSynchronously(on: executor)
        }
    }

    private func nextJob() -> UnownedJob? {
        while true {
            let taken = state.withLock { state -> (job: UnownedJob?, exit: Bool) in
                if state.head < state.jobs.count {
                    let job = state.jobs[state.head]
                    state.head += 1
                    state.lastStart = SystemCalls.monotonicMilliseconds()
                    if state.head == state.jobs.count {
                        state.jobs.removeAll(keepingCapacity: true)
                        state.head = 0
                    } else if state.head > 1024, state.head * 2 > state.jobs.count {
                        state.jobs.removeFirst(state.head)
                        state.head = 0
                    }
                    return (job, false)
                }
                if state.stopping { return (nil, true) }
                state.idle += 1
                return (nil, false)
            }
            if let job = taken.job { return job }
            if taken.exit { return nil }
            let signalled = condition.wait(timeoutSeconds: 5)
            let retire = state.withLock { state -> Bool in
                state.idle -= 1
                // Threads added for a burst of blocking handlers leave once they sit idle.
                if !signalled && state.started > eagerThreads && state.head >= state.jobs.count {
                    state.started -= 1
                    return true
                }
                return false
            }
            if retire { return nil }
        }
    }
}

/// A counting wake-up signal for the pool (a condition variable without its own predicate:
/// the pool's state under its mutex is the predicate, checked again after every wake).
final class Condition: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var cond = pthread_cond_t()
    private var pending = 0

    init() {
        pthread_mutex_init(&mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(&cond, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(&cond)
        pthread_mutex_destroy(&mutex)
    }

    func signal() {
        pthread_mutex_lock(&mutex)
        pending += 1
        pthread_mutex_unlock(&mutex)
        // Signalled after unlocking, so the woken thread does not run straight into a held
        // mutex and sleep again (a context switch for nothing on a busy core).
        pthread_cond_signal(&cond)
    }

    func broadcast() {
        pthread_mutex_lock(&mutex)
        pending += 1 << 20
        pthread_cond_broadcast(&cond)
        pthread_mutex_unlock(&mutex)
    }

    /// Waits for a signal; false when the time-out passed without one.
    @discardableResult
    func wait(timeoutSeconds: Int) -> Bool {
        pthread_mutex_lock(&mutex)
        if pending == 0 {
            var deadline = timespec()
            clock_gettime(CLOCK_MONOTONIC, &deadline)
            deadline.tv_sec += timeoutSeconds
            _ = pthread_cond_timedwait(&cond, &mutex, &deadline)
        }
        let signalled = pending > 0
        if signalled { pending -= 1 }
        pthread_mutex_unlock(&mutex)
        return signalled
    }
}
