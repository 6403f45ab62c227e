extension Request {
    /// Runs `action` once if the client goes away (closes or half-closes its connection)
    /// while this request is still being served; at once when it already has. It may run on
    /// any thread. Nothing runs once the answer has been written, nor for a request from the
    /// test client.
    ///
    /// For code that holds a request for long (a long-poll, a slow stream): it can stop
    /// waiting as soon as nobody is left to answer. Werkzeug has no twin; Node's
    /// `req.on("close")` is the nearest.
    package func onPeerClosed(_ action: @escaping @Sendable () -> Void) {
        peerLink?.add(action)
    }

    /// True when the client has closed or half-closed the connection this request came on.
    package var isPeerClosed: Bool { peerLink?.isClosed ?? false }
}
