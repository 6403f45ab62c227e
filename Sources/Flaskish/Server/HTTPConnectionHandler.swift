/// The app as the engine sees it: a request in, a response out. Errors are already turned
/// into responses by the app's dispatcher.
package typealias Responder = @Sendable (Request) async -> Response

/// Drives one HTTP/1.1 connection: parses requests, runs each on the worker pool, writes the
/// responses in order, and keeps the connection's deadlines.
///
/// Loop-confined (see `Connection`). One request is handled at a time; pipelined requests wait
/// in the buffer, which is how HTTP/1.1 keeps responses in order.
final class HTTPConnectionHandler: ConnectionHandler, @unchecked Sendable {
    let server: Server
    private let responder: Responder
    private let local: LoopLocalState
    private var parser: HTTPRequestParser
    /// Received bytes not parsed yet start at `bufferStart`: taking a request off the front
    /// moves the index, not the bytes (removing from the front of a growing pipeline buffer
    /// was quadratic). The buffer is compacted once its dead front is half of it.
    private var buffer: [UInt8] = []
    private var bufferStart = 0
    private var inFlight = false
    /// An answer left more than the high-water mark unsent: the next pipelined request waits
    /// until the peer has read it (reading is paused meanwhile).
    private var awaitingDrain = false
    /// Tells code serving the current request that the peer went away (`Request.onPeerClosed`).
    private let peerLink = PeerLink()
    private var closeAfterResponse = false
    private var peerClosed = false
    private var receivingHead = false
    var writeWaiter: CheckedContinuation<Void, any Error>?
    var streamCancelled = false

    init(server: Server, responder: @escaping Responder, local: LoopLocalState) {
        self.server = server
        self.responder = responder
        self.local = local
        self.parser = HTTPRequestParser(limits: server.configuration.limits)
    }

    func connectionOpened(_ connection: Connection) {
        connection.setDeadline(afterMilliseconds: server.configuration.requestHeadTimeoutMilliseconds)
        receivingHead = false
    }

    // MARK: Reading

    func received(_ bytes: UnsafeRawBufferPointer, on connection: Connection) {
        if inFlight || awaitingDrain {
            buffer.append(contentsOf: bytes)
            if buffer.count - bufferStart > server.configuration.maxPipelinedBytes { connection.pauseReading() }
            return
        }
        if !receivingHead {
            receivingHead = true
            connection.setDeadline(afterMilliseconds: server.configuration.requestHeadTimeoutMilliseconds)
        }
        if bufferStart == buffer.count {
            // Fast path: parse straight from the loop's read buffer, keep only the leftover.
            let consumed = parse(bytes, on: connection)
            if consumed < bytes.count, !connection.isClosed, connection.handler === self {
                buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[consumed...]))
            } else if consumed < bytes.count, connection.handler !== self, !connection.isClosed {
                connection.handler?.received(UnsafeRawBufferPointer(rebasing: bytes[consumed...]), on: connection)
                return
            }
        } else {
            buffer.append(contentsOf: bytes)
            parseBuffered(on: connection)
        }
        // A body on its way: the head's deadline gives way to one idle period per read.
        if !inFlight, parser.isReadingBody, !connection.isClosed, connection.handler === self {
            connection.setDeadline(afterMilliseconds: server.configuration.bodyReadTimeoutMilliseconds)
        }
    }

    private func parseBuffered(on connection: Connection) {
        guard bufferStart < buffer.count else { return }
        let consumed = buffer.withUnsafeBytes { parse(UnsafeRawBufferPointer(rebasing: $0[bufferStart...]), on: connection) }
        bufferStart += consumed
        if connection.handler !== self {
            let rest = Array(buffer[bufferStart...])
            releaseBuffer(on: connection)
            if !rest.isEmpty, !connection.isClosed { rest.withUnsafeBytes { connection.handler?.received($0, on: connection) } }
            return
        }
        if bufferStart == buffer.count {
            releaseBuffer(on: connection)
        } else if bufferStart >= 4096, bufferStart * 2 >= buffer.count {
            buffer.removeFirst(bufferStart)
            bufferStart = 0
        }
    }

    /// Empties the buffer; a large one gives its storage back (and asks the loop to return
    /// freed memory to the system) so a burst does not leave a connection fat.
    private func releaseBuffer(on connection: Connection) {
        bufferStart = 0
        if buffer.capacity > Self.maxRetainedBuffer {
            buffer = []
            connection.loop.releaseMemorySoon()
        } else {
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Buffer capacity kept between requests; a larger buffer is freed once empty.
    private static let maxRetainedBuffer = 256 * 1024

    /// Parses requests from `bytes` until one is in flight or more bytes are needed; returns
    /// the count consumed.
    private func parse(_ bytes: UnsafeRawBufferPointer, on connection: Connection) -> Int {
        var offset = 0
        while !inFlight, !connection.isClosed {
            let (consumed, result) = parser.parse(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
            offset += consumed
            switch result {
            case .needMoreData:
                return offset
            case .expectContinue:
                connection.write(HTTPResponseSerializer.continueResponse)
            case .request(let head, let body):
                start(head: head, body: body, on: connection)
            case .error(let error):
                if let head = error.refusedHead {
                    refuseThroughApp(error, head: head, on: connection)
                } else {
                    refuse(error.status, reason: error.reason, on: connection)
                }
                return offset
            }
        }
        return offset
    }

    func receivedEndOfInput(on connection: Connection) {
        peerClosed = true
        guard inFlight || awaitingDrain else { connection.close(reason: nil); return }
        // Something is still owed (a half-closed pipeline still reads its answers): stop
        // asking epoll about input, or it reports the end on every turn, and tell whoever
        // holds the request that the peer has gone.
        connection.stopReading()
        if inFlight { peerLink.peerClosed() }
    }

    func deadlineReached(on connection: Connection) {
        guard !inFlight else { return }
        if parser.isReadingBody {
            refuse(.requestTimeout, reason: "request body: nothing received for \(server.configuration.bodyReadTimeoutMilliseconds) ms", on: connection)
        } else if receivingHead && (bufferStart < buffer.count || parser.hasPartialRequest) {
            refuse(.requestTimeout, reason: "request head not received in time", on: connection)
        } else if connection.queuedBytes > 0 {
            // Idle, but the last answer is still leaving: let it go out (the send timeout
            // bounds how long), then close.
            connection.closeAfterFlush()
        } else {
            connection.close(reason: nil)
        }
    }

    func shutdownRequested(on connection: Connection) {
        if inFlight { closeAfterResponse = true } else { connection.close(reason: nil) }
    }

    func becameWritable(on connection: Connection) {
        let waiter = writeWaiter
        writeWaiter = nil
        waiter?.resume()
        if awaitingDrain {
            awaitingDrain = false
            continueAfterResponse(on: connection)
        }
    }

    func connectionClosed(_ connection: Connection, reason: String?) {
        if let reason { server.log("connection from \(connection.remoteAddress) closed: \(reason)") }
        peerLink.peerClosed()
        streamCancelled = true
        let waiter = writeWaiter
        writeWaiter = nil
        waiter?.resume(throwing: CancellationError())
    }

    // MARK: Dispatch

    private func start(head: HTTPRequestHead, body: [UInt8], on connection: Connection) {
        inFlight = true
        receivingHead = false
        connection.setDeadline(afterMilliseconds: 0)
        var request = Request(method: head.method, target: head.target, version: head.version,
                              headers: head.headers, body: body, remoteAddr: connection.remoteAddress)
        request.workerPool = server.workerPool
        request.peerLink = peerLink
        let responder = self.responder
        Task(executorPreference: server.workerPool) {
            let response = await responder(request)
            connection.loop.execute { [self] in self.respond(response, to: head, on: connection) }
        }
    }

    /// A whole head whose body the engine will not read (over `MAX_CONTENT_LENGTH`): the app
    /// answers it, marked with the refusal, so the 413 goes through its error handlers,
    /// `afterRequest` hooks and extensions (CORS) as Flask's does. The body is never read and
    /// the connection closes after the response.
    private func refuseThroughApp(_ error: HTTPParseError, head: HTTPRequestHead, on connection: Connection) {
        server.log("refused request body from \(connection.remoteAddress): \(error.status.code) \(error.reason)")
        closeAfterResponse = true
        inFlight = true
        receivingHead = false
        connection.setDeadline(afterMilliseconds: 0)
        var request = Request(method: head.method, target: head.target, version: head.version,
                              headers: head.headers, body: [], remoteAddr: connection.remoteAddress)
        request.workerPool = server.workerPool
        request.refusedBody = error
        let responder = self.responder
        Task(executorPreference: server.workerPool) {
            let response = await responder(request)
            connection.loop.execute { [self] in self.respond(response, to: head, on: connection) }
        }
    }

    private func refuse(_ status: HTTPStatus, reason: String, on connection: Connection) {
        server.log("refused request from \(connection.remoteAddress): \(status.code) \(reason)")
        closeAfterResponse = true
        inFlight = true
        let response = HTTPException(status).makeResponse()
        let head = HTTPRequestHead(method: .GET, target: "-", version: .http1_1, headers: [:], keepAlive: false)
        respond(response, to: head, on: connection, logLine: false)
    }

    // MARK: Writing

    private func respond(_ response: Response, to head: HTTPRequestHead, on connection: Connection, logLine: Bool = true) {
        guard !connection.isClosed else { return }
        peerLink.requestFinished()
        // A peer that half-closed after pipelining still gets an answer to each request it
        // sent; the connection closes once no complete request is left.
        let keepAlive = head.keepAlive && !closeAfterResponse && !server.isStopped && (!peerClosed || bufferStart < buffer.count)
        let isHead = head.method == .HEAD
        let forbidsBody = response.status.forbidsBody

        var body: [UInt8] = []
        var contentLength: Int?
        var streamed = false
        var chunked = false
        switch response.body {
        case .bytes(let bytes):
            if !forbidsBody { contentLength = bytes.count }
            if !isHead && !forbidsBody { body = bytes }
        case .file(_, _, let length):
            contentLength = length
            streamed = !isHead
        case .stream:
            streamed = !isHead
            chunked = head.version == .http1_1
        }
        let persistent = keepAlive && (!streamed || chunked || response.body.isFile)

        // The head is written straight into the buffer the body joins: the user's fields are
        // validated (no CR/LF, ever), the engine's own fields are appended without copies.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(192 + (body.count <= Self.inlineBodyLimit ? body.count : 0))
        do {
            try HTTPResponseSerializer.writeOpenHead(status: response.status, headers: response.headers, into: &bytes)
        } catch {
            server.log("response for \(head.method) \(head.target) refused: \(error); sent 500 instead")
            closeAfterResponse = true
            respond(HTTPException(.internalServerError).makeResponse(), to: head, on: connection, logLine: logLine)
            return
        }
        let fields = response.headers
        if !fields.contains("Date") { HTTPResponseSerializer.appendTrustedField("Date", local.currentDate(), into: &bytes) }
        if !fields.contains("Server") { HTTPResponseSerializer.appendTrustedField("Server", server.configuration.serverHeader, into: &bytes) }
        if let contentLength { HTTPResponseSerializer.appendContentLength(contentLength, into: &bytes) }
        if chunked { HTTPResponseSerializer.appendTrustedField("Transfer-Encoding", "chunked", into: &bytes) }
        if response.upgrade == nil && !fields.contains("Connection") {
            if !persistent {
                HTTPResponseSerializer.appendTrustedField("Connection", "close", into: &bytes)
            } else if head.version == .http1_0 {
                HTTPResponseSerializer.appendTrustedField("Connection", "keep-alive", into: &bytes)
            }
        }
        HTTPResponseSerializer.closeHead(into: &bytes)
        if logLine { logAccess(head: head, status: response.status, on: connection) }

        if let upgrade = response.upgrade, response.status == .switchingProtocols {
            connection.write(bytes)
            inFlight = false
            let next = upgrade(connection)
            connection.handler = next
            next.connectionOpened(connection)
            let rest = Array(buffer[bufferStart...])
            releaseBuffer(on: connection)
            if !rest.isEmpty { rest.withUnsafeBytes { next.received($0, on: connection) } }
            return
        }

        if body.count <= Self.inlineBodyLimit {
            bytes.append(contentsOf: body)
            connection.write(bytes)
        } else {
            connection.write(bytes, body)
        }
        if streamed {
            stream(response.body, chunked: chunked, persistent: persistent, on: connection)
        } else {
            finishResponse(persistent: persistent, on: connection)
        }
    }

    /// Bodies up to this size are copied behind the head and sent with one `send`; larger
    /// ones go out with `writev`, uncopied.
    private static let inlineBodyLimit = 16 * 1024

    func finishResponse(persistent: Bool, on connection: Connection) {
        guard persistent else { connection.closeAfterFlush(); return }
        inFlight = false
        if connection.queuedBytes > connection.outboundHighWaterMark {
            // The peer has not read this answer: start no other until it does, so a client
            // that pipelines and never reads costs the high-water mark, not its requests'
            // worth of answers. The send timeout bounds the wait.
            awaitingDrain = true
            connection.setDeadline(afterMilliseconds: 0)
            connection.pauseReadingUntilDrained()
            connection.notifyWhenWritable()
            return
        }
        continueAfterResponse(on: connection)
    }

    /// Between requests: arm the keep-alive deadline and start the next pipelined request,
    /// or close a connection whose peer has ended its stream and has nothing left to ask.
    private func continueAfterResponse(on connection: Connection) {
        connection.setDeadline(afterMilliseconds: server.configuration.keepAliveTimeoutMilliseconds)
        parseBuffered(on: connection)
        // Read again only when what is already buffered is under the limit: resuming after
        // every answer would add one more read's worth each time, and a client that pipelines
        // without reading would grow the buffer without bound.
        if !inFlight || buffer.count - bufferStart <= server.configuration.maxPipelinedBytes {
            connection.resumeReading()
        }
        if peerClosed, !inFlight, !connection.isClosed, connection.handler === self { connection.closeAfterFlush() }
    }

    private func logAccess(head: HTTPRequestHead, status: HTTPStatus, on connection: Connection) {
        guard server.configuration.accessLog else { return }
        local.log(Self.accessLogLine(remoteAddress: connection.remoteAddress, timestamp: local.logTimestamp(), head: head, status: status))
    }

    /// Werkzeug's access-log line: `127.0.0.1 - - [25/Nov/2026 16:00:00] "GET / HTTP/1.1" 200 -`.
    static func accessLogLine(remoteAddress: String, timestamp: String, head: HTTPRequestHead, status: HTTPStatus) -> String {
        "\(remoteAddress) - - [\(timestamp)] \"\(head.method.rawValue) \(head.target) \(head.version)\" \(status.code) -"
    }
}

extension ResponseBody {
    var isFile: Bool { if case .file = self { true } else { false } }
}
