import Flaskish

/// Acknowledgements did not all come back in time: from ``SocketIO/call(_:_:to:namespace:timeout:)``
/// (one client) or ``SocketIO/emitWithAck(_:_:to:room:namespace:includeSelf:skipSid:timeout:)``
/// (every recipient). It says who did not answer and carries the answers that did arrive.
///
/// python-socketio: `socketio.exceptions.TimeoutError` (for `call`); Node: the error given to
/// `io.timeout(ms).emit(…, (err, responses) => …)` / thrown by `emitWithAck`.
public struct SocketIOTimeoutError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The event that was not acknowledged by all.
    public let event: String
    /// The seconds waited.
    public let timeout: Double
    /// The sids that did not answer in time (or were gone before the event reached them), sorted.
    public let missing: [String]
    /// The answers that did arrive, by sid.
    public let answers: [String: [SocketIOValue]]

    init(event: String, timeout: Double, missing: [String], answers: [String: [SocketIOValue]] = [:]) {
        self.event = event
        self.timeout = timeout
        self.missing = missing
        self.answers = answers
    }

    /// Names the event, the time waited and the sids that did not answer, for logs.
    public var description: String {
        let total = missing.count + answers.count
        let who = missing.count == 1 && total == 1
            ? "client \(missing[0])"
            : "\(missing.count) of \(total) clients (\(missing.joined(separator: ", ")))"
        return "No acknowledgement of \"\(event)\" within \(timeout) s from \(who)"
    }
}
