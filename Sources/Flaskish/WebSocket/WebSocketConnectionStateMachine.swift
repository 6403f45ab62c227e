// Closing handshake (RFC 6455 §5.5.1, §7.1): either side sends a close frame; the other
// answers with one (echoing the code) and sends nothing more; then the TCP connection is
// closed, by the server first (§7.1.1). A protocol error fails the connection: a close frame
// with the error's code, then the TCP close (§7.1.7).

/// The connection-level state of one WebSocket: what to do with each received message, a
/// local close request, or a protocol error. Pure: the engine carries out the actions.
///
/// Shaped as swift-websocket's `WebSocketStateMachine`.
package struct WebSocketConnectionStateMachine: Sendable {
    /// Where the closing handshake stands.
    package enum State: Hashable, Sendable {
        /// Data flows both ways.
        case open
        /// We sent a close frame and wait for the peer's.
        case closing
        /// The handshake is over (or the connection failed); only the TCP close remains.
        case closed
    }

    /// What the engine must do next.
    package enum Action: Hashable, Sendable {
        /// Nothing.
        case none
        /// Hand a text or binary message to the application.
        case deliver(WebSocketMessage)
        /// Write a pong frame with this payload.
        case sendPong([UInt8])
        /// Write a close frame (empty payload when `code` is nil) and keep reading until the
        /// peer's close frame arrives.
        case sendClose(code: WebSocketCloseCode?, reason: String)
        /// Write a close frame, then close the TCP connection.
        case sendCloseAndDisconnect(code: WebSocketCloseCode?, reason: String)
        /// Close the TCP connection now.
        case disconnect
    }

    /// The current state.
    package private(set) var state = State.open

    /// A connection that just completed its opening handshake.
    package init() {}

    /// True while the application may send data frames.
    package var canSendData: Bool { state == .open }

    /// Reacts to a message reassembled from the peer's frames.
    package mutating func received(_ message: WebSocketMessage) -> Action {
        switch (state, message) {
        case (.open, .text), (.open, .binary):
            return .deliver(message)
        case (.open, .ping(let payload)):
            return .sendPong(payload)
        case (.open, .close(let code, _)):
            // Echo the peer's code (§5.5.1); an empty close is answered with an empty one.
            state = .closed
            return .sendCloseAndDisconnect(code: code, reason: "")
        case (.closing, .close):
            state = .closed
            return .disconnect
        default:
            // Pongs, and anything that arrives after we started closing, are dropped.
            return .none
        }
    }

    /// Starts the closing handshake from our side (Flask-SocketIO's `disconnect()`, server
    /// shutdown with 1001).
    package mutating func close(code: WebSocketCloseCode = .normalClosure, reason: String = "") -> Action {
        guard state == .open else { return .none }
        state = .closing
        return .sendClose(code: code, reason: reason)
    }

    /// Fails the connection after a framing, size or UTF-8 error (§7.1.7).
    package mutating func fail(_ error: WebSocketProtocolError) -> Action {
        switch state {
        case .open:
            state = .closed
            return .sendCloseAndDisconnect(code: error.closeCode, reason: error.description)
        case .closing:
            state = .closed
            return .disconnect
        case .closed:
            return .none
        }
    }

    /// The peer did not answer our close frame in time.
    package mutating func closeTimedOut() -> Action {
        guard state == .closing else { return .none }
        state = .closed
        return .disconnect
    }

    /// The TCP connection went away (read EOF or error) in any state.
    package mutating func connectionLost() {
        state = .closed
    }
}
