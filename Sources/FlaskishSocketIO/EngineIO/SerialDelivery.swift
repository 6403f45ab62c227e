import Flaskish
import Synchronization

/// Runs one socket's handler calls in order on the worker pool, one at a time, without a
/// task per message: a task is started when work arrives at an idle queue and drains it.
///
/// Framework code calls `enqueue` from loop threads and request tasks alike; the jobs
/// (user handlers) never run on a loop thread.
final class SerialDelivery: Sendable {
    typealias Job = @Sendable () async -> Void

    private struct State {
        var jobs: [Job] = []
        var running = false
    }

    private let state = Mutex<State>(State())
    private let pool: WorkerPool?

    /// A queue whose tasks prefer `pool` (Swift's global executor when nil).
    init(pool: WorkerPool?) { self.pool = pool }

    /// Adds a job after every job already queued.
    func enqueue(_ job: @escaping Job) {
        let start = state.withLock { state -> Bool in
            state.jobs.append(job)
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
            let batch = state.withLock { state -> [Job] in
                if state.jobs.isEmpty {
                    state.running = false
                    return []
                }
                defer { state.jobs.removeAll(keepingCapacity: true) }
                return state.jobs
            }
            if batch.isEmpty { return }
            for job in batch { await job() }
        }
    }
}
