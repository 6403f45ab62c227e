import Flaskish
import Synchronization

/// Runs one socket's handler calls in order on the worker pool, one at a time, without a
/// task per message: a task is started when work arrives at an idle queue and drains it.
///
/// Framework code calls `enqueue` from loop threads and request tasks alike; the jobs
/// (user handlers) never run on a loop thread. Counted jobs (the client's messages) are
/// bounded: at `maxPendingJobs` not yet finished, `onPressure(true)` asks the transport to
/// stop reading; at half that, `onPressure(false)` lets it read again.
final class SerialDelivery: Sendable {
    typealias Job = @Sendable () async -> Void

    private struct State {
        var jobs: [(job: Job, counted: Bool)] = []
        var running = false
        var pending = 0
        var full = false
        var onPressure: (@Sendable (Bool) -> Void)?
    }

    private let state = Mutex<State>(State())
    private let pool: WorkerPool?
    private let maxPendingJobs: Int

    /// A queue whose tasks prefer `pool` (Swift's global executor when nil).
    init(pool: WorkerPool?, maxPendingJobs: Int = .max) {
        self.pool = pool
        self.maxPendingJobs = max(1, maxPendingJobs)
    }

    /// Called with true when the counted jobs reach the bound, false when they are down to
    /// half of it; called under the queue's lock, so calls never overtake each other.
    var onPressure: (@Sendable (Bool) -> Void)? {
        get { state.withLock { $0.onPressure } }
        set { state.withLock { $0.onPressure = newValue } }
    }

    /// Adds a job after every job already queued; a `counted` one counts towards the bound.
    func enqueue(counted: Bool = false, _ job: @escaping Job) {
        let start = state.withLock { state -> Bool in
            state.jobs.append((job, counted))
            if counted {
                state.pending += 1
                if !state.full, state.pending >= maxPendingJobs {
                    state.full = true
                    state.onPressure?(true)
                }
            }
            if state.running { return false }
            state.running = true
            return true
        }
        guard start else { return }
        if let pool {
            Task(executorPreference: pool) { await self.drain() }
        } else {
            Task { await self.drain() }
        }
    }

    private func drain() async {
        while true {
            let batch = state.withLock { state -> [(job: Job, counted: Bool)] in
                if state.jobs.isEmpty {
                    state.running = false
                    return []
                }
                defer { state.jobs.removeAll(keepingCapacity: true) }
                return state.jobs
            }
            if batch.isEmpty { return }
            for entry in batch {
                await entry.job()
                if entry.counted { finished() }
            }
        }
    }

    private func finished() {
        state.withLock { state in
            state.pending -= 1
            if state.full, state.pending <= maxPendingJobs / 2 {
                state.full = false
                state.onPressure?(false)
            }
        }
    }
}
