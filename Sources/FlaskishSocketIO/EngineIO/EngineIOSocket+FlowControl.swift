import Flaskish
import Synchronization

// Inbound back-pressure. The application (Socket.IO's per-client handler queue, or this
// socket's own `SerialDelivery` for the public `onMessage`) says when it is full and when
// it has drained; the socket turns that into the transport's own brake:
//
//   WebSocket  the connection stops asking epoll for input, so the peer's bytes wait in the
//              kernel and TCP's window closes on it
//   polling    the POST being handed over waits before its next message, and its "ok"
//              waits too; clients send one POST at a time, so the next one never comes
//
// Nothing is dropped or reordered. Resuming happens at once on the transport that is
// current then (an upgrade moves the brake to the new WebSocket).

extension EngineIOSocket {
    struct Flow {
        var paused = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// Stops taking messages from the client until ``resumeReceiving()``. Any thread; on the
    /// WebSocket's loop thread it takes effect before the next read.
    package func pauseReceiving() {
        flow.withLock { $0.paused = true }
        updateReading()
    }

    /// Takes messages from the client again after ``pauseReceiving()``.
    package func resumeReceiving() {
        let waiters = flow.withLock { flow -> [CheckedContinuation<Void, Never>] in
            flow.paused = false
            defer { flow.waiters = [] }
            return flow.waiters
        }
        for waiter in waiters { waiter.resume() }
        updateReading()
    }

    /// True while receiving is paused (tests read it).
    package var isReceivingPaused: Bool { flow.withLock { $0.paused } }

    /// Returns once receiving is not paused.
    func waitWhileReceivingPaused() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let proceed = flow.withLock { flow -> Bool in
                if !flow.paused { return true }
                flow.waiters.append(continuation)
                return false
            }
            if proceed { continuation.resume() }
        }
    }

    /// Makes the WebSocket's connection read or not, as the flag says when this runs on its
    /// loop. Pause and resume may come from different threads in either order; since each
    /// application step re-reads the flag on the loop, the connection ends as the last
    /// call left the flag.
    private func updateReading() {
        guard let connection = attachedConnection else { return }
        if connection.loop.inEventLoop {
            applyReceiving(to: connection)
        } else {
            connection.loop.execute { [self] in applyReceiving(to: connection) }
        }
    }

    /// Loop thread of `connection`.
    func applyReceiving(to connection: Connection) {
        if flow.withLock({ $0.paused }) { connection.pauseReading() } else { connection.resumeReading() }
    }
}
