import Synchronization

/// Gathers the acknowledgements of one emit, by sid, for a task waiting for all of them.
final class AckCollector: Sendable {
    private struct State {
        var answers: [String: [SocketIOValue]] = [:]
        var pending: Set<String>
        var waiter: CheckedContinuation<Void, Never>?
        var stopped = false
    }

    private let state: Mutex<State>

    /// A collector waiting for an answer from each of `sids`.
    init(expecting sids: Set<String>) {
        state = Mutex(State(pending: sids))
    }

    /// Records `sid`'s answer (only its first, and only while expected).
    func answer(_ sid: String, _ values: [SocketIOValue]) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.pending.remove(sid) != nil else { return nil }
            state.answers[sid] = values
            guard state.pending.isEmpty else { return nil }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Waits until every expected sid answered or `seconds` passed; true when all answered.
    /// Returns early (false) when the task is cancelled.
    func waitForAll(seconds: Double) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { await self.waitUntilComplete(); return true }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first && !Task.isCancelled
        }
    }

    /// What arrived, and the sids still missing (sorted).
    var outcome: (answers: [String: [SocketIOValue]], missing: [String]) {
        state.withLock { ($0.answers, $0.pending.sorted()) }
    }

    private func waitUntilComplete() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> Bool in
                    if state.pending.isEmpty || state.stopped { return true }
                    state.waiter = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                state.stopped = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
