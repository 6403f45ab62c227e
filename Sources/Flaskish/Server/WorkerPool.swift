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
    }

    private let state = Mutex<State>(State())
    private let condition = Condition()
    /// The most threads the pool runs at once.
    package let maximumThreads: Int

    /// A pool that grows on demand up to `maximumThreads` threads.
    package init(maximumThreads: Int) {
        self.maximumThreads = max(1, maximumThreads)
    }

    package func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let startThread = state.withLock { state -> Bool in
            state.jobs.append(unowned)
            let waiting = state.jobs.count - state.head
            if state.idle >= waiting { return false }
            if state.started < maximumThreads {
                state.started += 1
                return true
            }
            return false
        }
        if startThread { spawnThread() } else { condition.signal() }
    }

    /// Lets the threads finish their current job and exit.
    package func shutdown() {
        state.withLock { $0.stopping = true }
        condition.broadcast()
    }

    private func spawnThread() {
        let thread = Thread { [self] in self.work() }
        thread.name = "flaskish-worker"
        thread.stackSize = 512 * 1024
        thread.start()
    }

    private func work() {
        let executor = asUnownedTaskExecutor()
        while true {
            guard let job = nextJob() else { return }
            job.runSynchronously(on: executor)
        }
    }

    private func nextJob() -> UnownedJob? {
        while true {
            let taken = state.withLock { state -> (UnownedJob?, Bool) in
                if state.head < state.jobs.count {
                    let job = state.jobs[state.head]
                    state.head += 1
                    if state.head > 1024, state.head * 2 > state.jobs.count {
                        state.jobs.removeFirst(state.head)
                        state.head = 0
                    } else if state.head == state.jobs.count {
                        state.jobs.removeAll(keepingCapacity: true)
                        state.head = 0
                    }
                    return (job, false)
                }
                if state.stopping { return (nil, true) }
                state.idle += 1
                return (nil, false)
            }
            if let job = taken.0 { return job }
            if taken.1 { return nil }
            condition.wait(timeoutSeconds: 5)
            state.withLock { $0.idle -= 1 }
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
        pthread_cond_signal(&cond)
        pthread_mutex_unlock(&mutex)
    }

    func broadcast() {
        pthread_mutex_lock(&mutex)
        pending += 1 << 20
        pthread_cond_broadcast(&cond)
        pthread_mutex_unlock(&mutex)
    }

    func wait(timeoutSeconds: Int) {
        pthread_mutex_lock(&mutex)
        if pending == 0 {
            var deadline = timespec()
            clock_gettime(CLOCK_MONOTONIC, &deadline)
            deadline.tv_sec += timeoutSeconds
            _ = pthread_cond_timedwait(&cond, &mutex, &deadline)
        }
        if pending > 0 { pending -= 1 }
        pthread_mutex_unlock(&mutex)
    }
}
