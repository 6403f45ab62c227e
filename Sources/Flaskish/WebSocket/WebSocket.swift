import Synchronization

/// One open WebSocket connection, as a handler sees it: receive messages, send messages,
/// close.
///
/// ```swift
/// app.websocket("/echo") { ws in
///     while let message = try await ws.receive() {
///         if case .text(let text) = message { try await ws.send(text) }
///     }
/// }
/// ```
///
/// Safe to use from any task or thread. The connection itself lives on one event loop: every
/// write is posted there, and messages reach the handler in the order they arrived.
///
/// Flask-Sock: the `ws` object (`simple_websocket.Server`) passed to a `@sock.route` view.
public final class WebSocket: @unchecked Sendable {
    /// The upgrade request (its path, headers, query arguments and client address).
    ///
    /// Flask-Sock: `flask.request` inside the view.
    public let request: Request
    /// The route's limits.
    public let configuration: WebSocketConfiguration

    /// The connection; only touched on its loop (jobs posted there). Framework code hands it
    /// to `sendNow(frame:to:)`.
    package let connection: Connection
    private let state = Mutex<InboxState>(InboxState())

    // Loop-thread state, set before the first message (see `onMessage`).
    /// Framework use (Engine.IO): called on the connection's loop thread with each text or
    /// binary message instead of queueing it for `receive()`. Set it in the `opened`
    /// callback of `upgradeResponse`; it must not block or run user code.
    package var onMessage: ((WebSocketMessage) -> Void)?
    /// Framework use: called once on the loop thread when the connection has closed, with
    /// the peer's close code (1005 for an empty close frame, 1006 when the TCP connection
    /// dropped without one).
    package var onClose: ((WebSocketCloseCode) -> Void)?

    private struct InboxState {
        var messages: [WebSocketMessage] = []
        var head = 0
        var queuedBytes = 0
        var readingPaused = false
        var waiters: [(id: UInt64, continuation: CheckedContinuation<WebSocketMessage?, any Error>)] = []
        var nextWaiterID: UInt64 = 0
        var unsettledWaiters: Set<UInt64> = []
        var cancelledWaiters: Set<UInt64> = []
        var closeCode: WebSocketCloseCode?
        var receiveWaits: (@Sendable () -> Void)?
    }

    init(request: Request, configuration: WebSocketConfiguration, connection: Connection) {
        self.request = request
        self.configuration = configuration
        self.connection = connection
    }

    // MARK: Receiving

    /// Waits for the next text or binary message; nil once the connection has closed.
    ///
    /// Flask-Sock: `ws.receive()` (which raises `ConnectionClosed` where this returns nil).
    /// - Throws: `CancellationError` when the calling task is cancelled (before or while it
    ///   waits); a message that arrives later stays queued for the next call.
    public func receive() async throws -> WebSocketMessage? {
        try Task.checkCancellation()
        let id = state.withLock { state -> UInt64 in
            state.nextWaiterID &+= 1
            state.unsettledWaiters.insert(state.nextWaiterID)
            return state.nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<WebSocketMessage?, any Error>) in
                var waits: (@Sendable () -> Void)?
                let resumeReading = state.withLock { state -> Bool in
                    state.unsettledWaiters.remove(id)
                    if state.cancelledWaiters.remove(id) != nil {
                        continuation.resume(throwing: CancellationError())
                        return false
                    }
                    if state.head < state.messages.count {
                        let message = state.messages[state.head]
                        state.head += 1
                        state.queuedBytes -= Self.size(of: message)
                        if state.head == state.messages.count {
                            state.messages.removeAll(keepingCapacity: false)
                            state.head = 0
                        }
                        continuation.resume(returning: message)
                        if state.readingPaused, state.queuedBytes <= configuration.maxQueuedInboundBytes / 2 {
                            state.readingPaused = false
                            return true
                        }
                        return false
                    }
                    if state.closeCode != nil {
                        continuation.resume(returning: nil)
                    } else {
                        state.waiters.append((id, continuation))
                        waits = state.receiveWaits
                    }
                    return false
                }
                waits?()
                if resumeReading {
                    connection.loop.execute { [connection] in connection.resumeReading() }
                }
            }
        } onCancel: {
            state.withLock { state in
                if let index = state.waiters.firstIndex(where: { $0.id == id }) {
                    state.waiters.remove(at: index).continuation.resume(throwing: CancellationError())
                } else if state.unsettledWaiters.contains(id) {
                    // Cancelled before the body ran: it sees this mark and throws.
                    state.cancelledWaiters.insert(id)
                }
            }
        }
    }

    /// Test hook: `body` runs each time a `receive()` starts to wait for a message, so a
    /// test can cancel a receive that is really waiting rather than one yet to begin.
    func onReceiveWaits(_ body: @escaping @Sendable () -> Void) {
        state.withLock { $0.receiveWaits = body }
    }

    /// The close code the peer sent (1005 for an empty close frame, 1006 when the connection
    /// dropped without one); nil while the connection is open.
    ///
    /// Flask-Sock: `ConnectionClosed.reason`.
    public var closeCode: WebSocketCloseCode? { state.withLock { $0.closeCode } }

    /// True once the connection has closed.
    public var isClosed: Bool { closeCode != nil }

    // MARK: Sending

    /// Sends a text message; waits while the peer is slow to read.
    ///
    /// Flask-Sock: `ws.send(text)`.
    /// - Throws: `WebSocketClosedError` when the connection is closing or closed.
    public func send(_ text: String) async throws {
        try await send(frame: WebSocketFrameSerializer.serverText(text))
    }

    /// Sends a binary message; waits while the peer is slow to read.
    ///
    /// Flask-Sock: `ws.send(bytes)`.
    /// - Throws: `WebSocketClosedError` when the connection is closing or closed.
    public func send(_ bytes: [UInt8]) async throws {
        try await send(frame: WebSocketFrameSerializer.serverFrame(WebSocketFrame(opcode: .binary, payload: bytes)))
    }

    private func send(frame: [UInt8]) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            connection.loop.execute { [connection] in
                guard let handler = connection.handler as? WebSocketConnectionHandler else {
                    continuation.resume(throwing: WebSocketClosedError(code: .abnormalClosure))
                    return
                }
                handler.sendData(frame, waiter: continuation, on: connection)
            }
        }
    }

    /// Starts the closing handshake: a close frame with `code` and `reason` now, the TCP
    /// close once the peer answers (or after `closeTimeoutMilliseconds`). Returns at once.
    ///
    /// Flask-Sock: `ws.close(reason=1000, message='')`.
    public func close(code: WebSocketCloseCode = .normalClosure, reason: String = "") {
        connection.loop.execute { [connection] in
            (connection.handler as? WebSocketConnectionHandler)?.startClose(code: code, reason: reason, on: connection)
        }
    }

    // MARK: Framework API

    /// Sends an already serialized server frame without waiting (one encoding may be shared
    /// by many sockets); it is written on the connection's loop. A peer that lets more than
    /// `Server.Configuration.maxOutboundBytes` pile up is disconnected (a slow consumer), so
    /// fan-out never blocks on one client.
    package func sendNow(frame: [UInt8]) {
        connection.loop.execute { [connection] in
            (connection.handler as? WebSocketConnectionHandler)?.sendData(frame, waiter: nil, on: connection)
        }
    }

    /// Sends several serialized frames as one unit: no frame sent from another thread can
    /// land between them (a Socket.IO packet and its binary attachments).
    package func sendNow(frames: [[UInt8]]) {
        guard frames.count > 1 else {
            if let frame = frames.first { sendNow(frame: frame) }
            return
        }
        connection.loop.execute { [connection] in
            for frame in frames {
                guard let handler = connection.handler as? WebSocketConnectionHandler else { return }
                handler.sendData(frame, waiter: nil, on: connection)
            }
        }
    }

    /// Sends one serialized frame to the WebSockets on many connections (as `connection`
    /// gives them) with one job per event loop rather than one per socket: a broadcast to a
    /// thousand clients costs each loop one wake-up, and each socket's frames of that turn
    /// leave in one `writev` (see `Connection.writeSoon`). A connection that is no longer a
    /// WebSocket by then is skipped.
    package static func sendNow(frame: [UInt8], to connections: [Connection]) {
        guard let first = connections.first else { return }
        // The common case, one loop (or every recipient on the first one), needs no grouping.
        if connections.allSatisfy({ $0.loop === first.loop }) {
            first.loop.execute { sendData(frame, on: connections) }
            return
        }
        var byLoop: [ObjectIdentifier: [Connection]] = [:]
        for connection in connections {
            byLoop[ObjectIdentifier(connection.loop), default: []].append(connection)
        }
        for group in byLoop.values {
            group[0].loop.execute { sendData(frame, on: group) }
        }
    }

    /// Loop side of `sendNow(frame:to:)`.
    private static func sendData(_ frame: [UInt8], on connections: [Connection]) {
        for connection in connections {
            (connection.handler as? WebSocketConnectionHandler)?.sendData(frame, waiter: nil, on: connection)
        }
    }

    /// The worker pool of the server the connection belongs to, where framework code starts
    /// the tasks that run user handlers.
    package var workerPool: WorkerPool? { request.workerPool }

    // MARK: Loop side

    /// Queues a message for `receive()`; returns false when the handler has fallen so far
    /// behind that reading should pause. Loop thread.
    func enqueue(_ message: WebSocketMessage) -> Bool {
        state.withLock { state -> Bool in
            if !state.waiters.isEmpty {
                state.waiters.removeFirst().continuation.resume(returning: message)
                return true
            }
            state.messages.append(message)
            state.queuedBytes += Self.size(of: message)
            if state.queuedBytes > configuration.maxQueuedInboundBytes {
                state.readingPaused = true
                return false
            }
            return true
        }
    }

    /// Records the close and wakes every waiting `receive()`. Loop thread.
    func closed(code: WebSocketCloseCode) {
        let waiters = state.withLock { state -> [CheckedContinuation<WebSocketMessage?, any Error>] in
            state.closeCode = code
            defer { state.waiters.removeAll() }
            return state.waiters.map(\.continuation)
        }
        for waiter in waiters { waiter.resume(returning: nil) }
    }

    private static func size(of message: WebSocketMessage) -> Int {
        switch message {
        case .text(let text): return text.utf8.count
        case .binary(let bytes): return bytes.count
        default: return 0
        }
    }
}

/// Thrown by `WebSocket.send` once the connection is closing or closed.
///
/// Flask-Sock: `simple_websocket.ConnectionClosed`.
public struct WebSocketClosedError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The close code, when known (1006 when the connection dropped).
    public let code: WebSocketCloseCode?

    /// An error for a connection closed with `code`.
    public init(code: WebSocketCloseCode?) { self.code = code }

    /// "WebSocket closed", with the close code when there was one.
    public var description: String { "WebSocket closed" + (code.map { " (\($0))" } ?? "") }
}
