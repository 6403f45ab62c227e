import Synchronization

/// One connection's "the peer has gone" signal, shared with the requests it carries.
///
/// The loop fires it when the peer ends its stream while a request is in flight (or the
/// connection closes under one); code serving a long-held request registers actions with
/// `Request.onPeerClosed`. Actions belong to the request being served: they are dropped when
/// its answer is written, so a keep-alive connection does not collect them.
package final class PeerLink: Sendable {
    private struct State {
        var closed = false
        var actions: [@Sendable () -> Void] = []
    }

    private let state = Mutex(State())
    /// Lets the loop skip the lock after each answer when nothing was registered (the usual case).
    private let hasActions = Atomic<Bool>(false)

    package init() {}

    /// Runs `action` once when the peer goes away, or now when it already has.
    package func add(_ action: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state -> Bool in
            if state.closed { return true }
            state.actions.append(action)
            hasActions.store(true, ordering: .relaxed)
            return false
        }
        if runNow { action() }
    }

    /// True once the peer has gone.
    package var isClosed: Bool { state.withLock { $0.closed } }

    /// The peer has gone: runs every registered action, once.
    func peerClosed() {
        let actions = state.withLock { state -> [@Sendable () -> Void] in
            state.closed = true
            defer { state.actions = [] }
            return state.actions
        }
        hasActions.store(false, ordering: .relaxed)
        for action in actions { action() }
    }

    /// The current request was answered: its actions no longer apply.
    func requestFinished() {
        guard hasActions.load(ordering: .relaxed) else { return }
        state.withLock { state in
            state.actions = []
            hasActions.store(false, ordering: .relaxed)
        }
    }
}
