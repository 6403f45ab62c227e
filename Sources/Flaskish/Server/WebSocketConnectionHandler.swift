/// Drives a connection after a `101 Switching Protocols`: bytes → `WebSocketReader` →
/// `WebSocketConnectionStateMachine` → actions carried out here, on the loop thread.
///
/// It answers pings, runs the closing handshake with a time-out, fails the connection on
/// protocol errors (1002, 1007, 1009), cuts off a peer that lets too much queue up, and
/// closes with 1001 when the server shuts down. Messages go to `WebSocket` (the handler's
/// inbox, or the framework's `onMessage` callback); user code never runs here.
///
/// Loop-confined (see `Connection`).
final class WebSocketConnectionHandler: ConnectionHandler, @unchecked Sendable {
    /// The user-facing side.
    let socket: WebSocket
    private var reader: WebSocketReader
    private var machine = WebSocketConnectionStateMachine()
    private var closeTimer: UInt64?
    private var writeWaiters: [CheckedContinuation<Void, any Error>] = []
    private var peerCloseCode: WebSocketCloseCode?
    /// After failing the peer: input is discarded until it closes (or the time-out).
    private var draining = false
    private var opened: ((WebSocket) -> Void)?
    private let maxOutboundBytes: Int
    private let log: @Sendable (String) -> Void

    /// A handler for `connection`, whose upgrade `request` was accepted; `opened` runs on the
    /// loop once the handler owns the connection, before any message is read.
    init(request: Request, configuration: WebSocketConfiguration, connection: Connection,
         opened: @escaping (WebSocket) -> Void) {
        socket = WebSocket(request: request, configuration: configuration, connection: connection)
        reader = WebSocketReader(role: .server, maxFrameSize: configuration.maxMessageSize,
                                 maxMessageSize: configuration.maxMessageSize)
        self.opened = opened
        let server = connection.server
        maxOutboundBytes = server?.configuration.maxOutboundBytes ?? Server.Configuration().maxOutboundBytes
        if let server { log = server.logSink } else { log = { _ in } }
    }

    func connectionOpened(_ connection: Connection) {
        connection.setDeadline(afterMilliseconds: 0)
        let opened = self.opened
        self.opened = nil
        opened?(socket)
    }

    // MARK: Reading

    func received(_ bytes: UnsafeRawBufferPointer, on connection: Connection) {
        if draining { return }
        let (messages, error) = reader.read(bytes)
        for message in messages {
            if connection.isClosed || draining { return }
            if case .close(let code, _) = message, peerCloseCode == nil { peerCloseCode = code ?? .noStatusReceived }
            perform(machine.received(message), on: connection)
        }
        if let error, !connection.isClosed, !draining {
            log("WebSocket from \(connection.remoteAddress) failed with \(error.closeCode): \(error)")
            perform(machine.fail(error), on: connection, failing: true)
        }
    }

    private func perform(_ action: WebSocketConnectionStateMachine.Action, on connection: Connection, failing: Bool = false) {
        switch action {
        case .none:
            break
        case .deliver(let message):
            if let onMessage = socket.onMessage {
                onMessage(message)
            } else if !socket.enqueue(message) {
                connection.pauseReading()
            }
        case .sendPong(let payload):
            writeControl(WebSocketFrameSerializer.serverFrame(WebSocketFrame(opcode: .pong, payload: payload)), on: connection)
        case .sendClose(let code, let reason):
            writeClose(code: code, reason: reason, on: connection)
            armCloseTimer(on: connection)
        case .sendCloseAndDisconnect(let code, let reason):
            writeClose(code: code, reason: reason, on: connection)
            if failing {
                // The peer may still be sending (the rest of an oversized frame): closing now
                // would reset the connection and could destroy our close frame in flight.
                // Half-close after the frame, discard what comes, close on EOF or time-out.
                draining = true
                connection.resumeReading()
                connection.shutdownWriteAfterFlush()
                armCloseTimer(on: connection)
            } else {
                connection.closeAfterFlush()
            }
        case .disconnect:
            connection.close(reason: nil)
        }
    }

    private func writeClose(code: WebSocketCloseCode?, reason: String, on connection: Connection) {
        let payload = WebSocketFrameSerializer.closePayload(code: code, reason: reason)
        failWriteWaiters(code: code)
        writeControl(WebSocketFrameSerializer.serverFrame(WebSocketFrame(opcode: .close, payload: payload)), on: connection)
    }

    /// Writes a frame the protocol itself sends (a pong, a close): it counts against
    /// `maxOutboundBytes` like any data, so a peer that pings and never reads is cut off
    /// instead of growing its queue without bound.
    private func writeControl(_ frame: [UInt8], on connection: Connection) {
        guard !connection.isClosed else { return }
        guard connection.queuedBytes + frame.count <= maxOutboundBytes else {
            connection.close(reason: "slow consumer: \(connection.queuedBytes) bytes already queued, limit \(maxOutboundBytes) (Server.Configuration.maxOutboundBytes), control frame refused")
            return
        }
        connection.write(frame)
    }

    private func armCloseTimer(on connection: Connection) {
        guard closeTimer == nil else { return }
        closeTimer = connection.loop.scheduleTimer(afterMilliseconds: socket.configuration.closeTimeoutMilliseconds) {
            [weak self, connection] in
            guard let self, !connection.isClosed else { return }
            self.closeTimer = nil
            _ = self.machine.closeTimedOut()
            connection.close(reason: nil)
        }
    }

    func receivedEndOfInput(on connection: Connection) {
        machine.connectionLost()
        connection.close(reason: nil)
    }

    func deadlineReached(on connection: Connection) {}

    func sendTimedOut(on connection: Connection, reason: String) {
        guard machine.canSendData else {
            // Our close frame is already stuck behind the rest: nothing more to try.
            connection.close(reason: reason)
            return
        }
        // A close frame first, in case the peer wakes up; the close time-out then ends the
        // connection if it does not.
        log("WebSocket from \(connection.remoteAddress): \(reason); closing")
        perform(machine.close(code: .policyViolation, reason: "send timeout"), on: connection)
    }

    func shutdownRequested(on connection: Connection) {
        startClose(code: .goingAway, reason: "server shutting down", on: connection)
    }

    func connectionClosed(_ connection: Connection, reason: String?) {
        if let reason { log("WebSocket from \(connection.remoteAddress) closed: \(reason)") }
        if let closeTimer { connection.loop.cancelTimer(closeTimer) }
        closeTimer = nil
        machine.connectionLost()
        let code = peerCloseCode ?? .abnormalClosure
        failWriteWaiters(code: code)
        socket.closed(code: code)
        let onClose = socket.onClose
        socket.onMessage = nil
        socket.onClose = nil
        onClose?(code)
    }

    // MARK: Writing

    /// Writes one data frame. With a `waiter` (an awaiting `send`), the waiter resumes at
    /// once or, above the high-water mark, when the peer has read enough. Without one
    /// (`sendNow`), a peer past `maxOutboundBytes` is disconnected as a slow consumer.
    func sendData(_ frame: [UInt8], waiter: CheckedContinuation<Void, any Error>?, on connection: Connection) {
        guard !connection.isClosed, machine.canSendData else {
            waiter?.resume(throwing: WebSocketClosedError(code: peerCloseCode))
            return
        }
        if waiter == nil, connection.queuedBytes + frame.count > maxOutboundBytes {
            connection.close(reason: "slow consumer: \(connection.queuedBytes) bytes already queued, limit \(maxOutboundBytes) (Server.Configuration.maxOutboundBytes)")
            return
        }
        // Data frames wait for the end of the loop's turn: a broadcast burst then leaves as
        // one `writev` per socket instead of one `send` per frame.
        connection.writeSoon(frame)
        guard let waiter else { return }
        if connection.queuedBytes > socket.configuration.sendHighWaterMark {
            writeWaiters.append(waiter)
            connection.notifyWhenWritable()
        } else {
            waiter.resume()
        }
    }

    func becameWritable(on connection: Connection) {
        let waiters = writeWaiters
        writeWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    private func failWriteWaiters(code: WebSocketCloseCode?) {
        let waiters = writeWaiters
        writeWaiters = []
        for waiter in waiters { waiter.resume(throwing: WebSocketClosedError(code: code)) }
    }

    /// Starts the closing handshake from our side (`WebSocket.close`, shutdown).
    func startClose(code: WebSocketCloseCode, reason: String, on connection: Connection) {
        guard !connection.isClosed else { return }
        perform(machine.close(code: code, reason: reason), on: connection)
    }
}
