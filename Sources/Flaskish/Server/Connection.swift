#if canImport(Glibc)
import Glibc
#endif
import CFlaskishSystem

/// One accepted TCP connection: its socket, its outbound queue and its deadline.
///
/// Belongs to one `EventLoop` for life and is only touched on that loop's thread (which is
/// why it may be captured in jobs sent to the loop: they run there). Writes are attempted at
/// once; what the kernel does not take waits in a queue of chunks, written with `writev`.
package final class Connection: @unchecked Sendable {
    let fd: Int32
    let token: UInt64
    /// The loop that owns this connection.
    package let loop: EventLoop
    /// The peer's address (`127.0.0.1`, `::1`).
    package let remoteAddress: String
    /// The local port the connection arrived on.
    package let localPort: Int
    /// What drives the bytes; replaced on a protocol upgrade.
    package var handler: (any ConnectionHandler)?
    /// Milliseconds (monotonic) at which `deadlineReached` fires; 0 for none.
    package var deadline: UInt64 = 0
    /// True once the connection is closed; later writes and closes do nothing.
    package private(set) var isClosed = false
    /// The server that accepted the connection (its settings, log and worker pool).
    weak var server: Server?

    private var outbound: [[UInt8]] = []
    private var outboundOffset = 0
    /// Bytes waiting in `outbound`, for back-pressure decisions.
    package private(set) var queuedBytes = 0
    private var closeWhenFlushed = false
    private var shutdownWriteWhenFlushed = false
    private(set) var wantsWritable = false
    /// True while epoll is not asked for readability, for any of the reasons below.
    private(set) var readingPaused = false
    /// The handler asked to stop reading (`pauseReading`): its own queue is full.
    private var pausedByHandler = false
    /// Unsent output passed `outboundHighWaterMark`: the peer is not reading what it asked for.
    private var pausedForOutput = false
    /// The peer ended its stream while something was still owed to it: never read again, or
    /// level-triggered epoll would report the end for ever (a busy spin).
    package private(set) var inputEnded = false
    private var notifyWhenDrained = false
    /// A `writeSoon` asked the loop to flush this connection at the end of its turn.
    private var flushScheduled = false

    /// The most queued chunks one `writev` takes (Linux allows 1 024): a broadcast burst
    /// leaves in a few calls, and the iovec array stays on the stack.
    static let maxChunksPerWrite = 64

    /// Below this many queued bytes a producer that was told to wait may write again.
    package static let lowWaterMark = 64 * 1024

    /// Queued output above which the connection stops reading
    /// (`Server.Configuration.outboundHighWaterMark`).
    package let outboundHighWaterMark: Int
    /// Queued output below which reading paused for output resumes.
    private let outboundLowWaterMark: Int
    /// `loop.now` when the queue last made progress or began to wait for the socket; 0 while
    /// nothing waits. The sweep closes a connection stalled past the send timeout.
    private(set) var stalledSince: UInt64 = 0
    /// Bytes written from the queue since it was last empty: a large drain asks the loop to
    /// give freed memory back.
    private var drainedSinceEmpty = 0

    /// Bytes drained in one go from which the loop is asked to return freed memory.
    static let largeDrain = 1 << 20

    init(fd: Int32, token: UInt64, loop: EventLoop, remoteAddress: String, localPort: Int,
         outboundHighWaterMark: Int = Server.Configuration().outboundHighWaterMark) {
        self.fd = fd
        self.token = token
        self.loop = loop
        self.remoteAddress = remoteAddress
        self.localPort = localPort
        self.outboundHighWaterMark = max(1, outboundHighWaterMark)
        self.outboundLowWaterMark = min(Self.lowWaterMark, self.outboundHighWaterMark / 2)
    }

    /// Sets the deadline `milliseconds` from the loop's current time (0 clears it).
    package func setDeadline(afterMilliseconds milliseconds: Int) {
        deadline = milliseconds > 0 ? loop.now + UInt64(milliseconds) : 0
    }

    // MARK: Writing

    /// Queues bytes and writes what the socket takes now.
    package func write(_ bytes: [UInt8]) {
        guard !isClosed, !bytes.isEmpty else { return }
        if outbound.isEmpty {
            let written = bytes.withUnsafeBytes { Self.send(fd, $0) }
            if written == bytes.count { return }
            if written < 0 { close(reason: "write failed: \(SystemError("send", code: Int32(-written)))"); return }
            outbound.append(bytes)
            outboundOffset = written
            queuedBytes = bytes.count - written
            waitForWritable()
        } else {
            outbound.append(bytes)
            queuedBytes += bytes.count
        }
    }

    /// Queues bytes to be written at the end of the loop's current turn, together with
    /// whatever else this connection queues in that turn, in one `writev`.
    ///
    /// Ordering with `write` holds: both append to the same queue, and `write` only sends at
    /// once when the queue is empty.
    package func writeSoon(_ bytes: [UInt8]) {
        guard !isClosed, !bytes.isEmpty else { return }
        outbound.append(bytes)
        queuedBytes += bytes.count
        if !wantsWritable && !flushScheduled {
            flushScheduled = true
            loop.flushAtEndOfTurn(self)
        }
    }

    /// The loop's end-of-turn flush for `writeSoon`.
    func scheduledFlush() {
        flushScheduled = false
        guard !isClosed, !wantsWritable else { return }
        flush()
    }

    /// Queues two buffers (a response head and its body) and writes them with one `writev`.
    package func write(_ head: [UInt8], _ body: [UInt8]) {
        guard !body.isEmpty else { write(head); return }
        guard !isClosed else { return }
        guard outbound.isEmpty else { write(head); write(body); return }
        outbound.append(head)
        outbound.append(body)
        outboundOffset = 0
        queuedBytes = head.count + body.count
        flush()
    }

    /// Asks to be told (`becameWritable`) once the queue drains below the low-water mark.
    package func notifyWhenWritable() {
        if queuedBytes < Self.lowWaterMark { handler?.becameWritable(on: self) } else { notifyWhenDrained = true }
    }

    /// Closes once everything queued has been written.
    package func closeAfterFlush() {
        if outbound.isEmpty { close(reason: nil) } else { closeWhenFlushed = true }
    }

    /// Sends FIN once everything queued has been written, and keeps reading: a WebSocket that
    /// failed the peer half-closes after its close frame so the peer reads that frame before
    /// the end of the stream instead of a reset.
    package func shutdownWriteAfterFlush() {
        guard !isClosed else { return }
        if outbound.isEmpty { _ = Glibc.shutdown(fd, Int32(SHUT_WR)) } else { shutdownWriteWhenFlushed = true }
    }

    /// Writes as much of the queue as the socket takes.
    func flush() {
        var progressed = false
        while !outbound.isEmpty {
            let written = writeQueued()
            if written < 0 {
                if -written == EAGAIN || -written == EWOULDBLOCK {
                    if progressed { stalledSince = loop.now }
                    waitForWritable()
                    if pausedForOutput, queuedBytes <= outboundLowWaterMark { resumeAfterOutput() }
                    return
                }
                close(reason: "write failed: \(SystemError("writev", code: Int32(-written)))")
                return
            }
            progressed = true
            consume(written)
        }
        stalledSince = 0
        if drainedSinceEmpty >= Self.largeDrain { loop.releaseMemorySoon() }
        drainedSinceEmpty = 0
        if pausedForOutput { resumeAfterOutput() }
        if wantsWritable {
            wantsWritable = false
            loop.updateInterest(self)
        }
        if closeWhenFlushed { close(reason: nil); return }
        if shutdownWriteWhenFlushed {
            shutdownWriteWhenFlushed = false
            _ = Glibc.shutdown(fd, Int32(SHUT_WR))
        }
        if notifyWhenDrained {
            notifyWhenDrained = false
            handler?.becameWritable(on: self)
        }
    }

    private func writeQueued() -> Int {
        let count = min(outbound.count, Self.maxChunksPerWrite)
        return withUnsafeTemporaryAllocation(of: iovec.self, capacity: count) { vectors -> Int in
            // The arrays stay alive in `outbound` for the duration of the call.
            for i in 0..<count {
                let chunk = outbound[i]
                let skip = i == 0 ? outboundOffset : 0
                chunk.withUnsafeBytes { raw in
                    vectors[i] = iovec(iov_base: UnsafeMutableRawPointer(mutating: raw.baseAddress! + skip), iov_len: raw.count - skip)
                }
            }
            let result = writev(fd, vectors.baseAddress, Int32(count))
            return result >= 0 ? result : -Int(errno)
        }
    }

    private func consume(_ written: Int) {
        var remaining = written
        queuedBytes -= written
        drainedSinceEmpty += written
        // Whole chunks are dropped with one removal at the end: removing them one by one
        // would shift the rest of the queue each time (a broadcast burst queues hundreds).
        var finished = 0
        while remaining > 0, finished < outbound.count {
            let available = outbound[finished].count - outboundOffset
            if remaining >= available {
                remaining -= available
                finished += 1
                outboundOffset = 0
            } else {
                outboundOffset += remaining
                remaining = 0
            }
        }
        if finished == outbound.count {
            // A busy socket keeps its queue's storage from turn to turn; one that queued a
            // large backlog gives it back, so an idle connection stays small.
            outbound.removeAll(keepingCapacity: outbound.count <= 256)
            outboundOffset = 0
        } else if finished > 0 {
            outbound.removeFirst(finished)
        }
    }

    private func waitForWritable() {
        guard !wantsWritable else { return }
        stalledSince = loop.now
        wantsWritable = true
        loop.updateInterest(self)
    }

    /// `send` without SIGPIPE; returns the count written, 0 on EAGAIN, or `-errno`.
    private static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        let result = Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
        if result >= 0 { return result }
        let code = errno
        return code == EAGAIN || code == EWOULDBLOCK ? 0 : -Int(code)
    }

    // MARK: Reading

    /// Stops reading until `resumeReading` (the peer's bytes wait in the kernel).
    package func pauseReading() {
        guard !pausedByHandler, !isClosed else { return }
        pausedByHandler = true
        updateReading()
    }

    /// Reads again after `pauseReading` (unless output or the end of input still holds it).
    package func resumeReading() {
        guard pausedByHandler, !isClosed else { return }
        pausedByHandler = false
        updateReading()
    }

    /// Stops reading while more than the low-water mark of output is queued; reading resumes
    /// by itself once the peer has taken it. Nothing happens when little is queued.
    package func pauseReadingUntilDrained() {
        guard !pausedForOutput, !isClosed, queuedBytes > outboundLowWaterMark else { return }
        pausedForOutput = true
        updateReading()
    }

    /// The peer's end of stream was seen and the connection stays open to finish what it
    /// owes: epoll stops reporting readability (and the end) for good.
    package func stopReading() {
        guard !inputEnded, !isClosed else { return }
        inputEnded = true
        updateReading()
    }

    private func resumeAfterOutput() {
        pausedForOutput = false
        updateReading()
    }

    private func updateReading() {
        let paused = pausedByHandler || pausedForOutput || inputEnded
        guard paused != readingPaused else { return }
        readingPaused = paused
        loop.updateInterest(self)
    }

    func readAvailable(into buffer: UnsafeMutableRawBufferPointer) {
        // A few reads per wake-up, so one fast sender cannot monopolise the loop.
        for _ in 0..<4 {
            guard !isClosed, !readingPaused else { return }
            let count = read(fd, buffer.baseAddress, buffer.count)
            if count > 0 {
                handler?.received(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), on: self)
                // What the peer's bytes produced is still unsent: stop taking more until it
                // reads (a ping flood's pongs, a never-reading pipeline's answers).
                if queuedBytes > outboundHighWaterMark, !pausedForOutput, !isClosed {
                    pausedForOutput = true
                    updateReading()
                }
                if count < buffer.count { return }
            } else if count == 0 {
                handler?.receivedEndOfInput(on: self)
                return
            } else {
                let code = errno
                if code == EAGAIN || code == EWOULDBLOCK || code == EINTR { return }
                close(reason: code == ECONNRESET ? nil : "read failed: \(SystemError("read", code: code))")
                return
            }
        }
    }

    func deadlineReached() {
        deadline = 0
        handler?.deadlineReached(on: self)
    }

    /// The sweep found the queue without progress for the send timeout.
    func sendTimedOut(afterMilliseconds milliseconds: Int) {
        stalledSince = 0
        handler?.sendTimedOut(on: self, reason: "send timeout: \(queuedBytes) bytes queued, none taken by the peer for \(milliseconds) ms (Server.Configuration.sendTimeoutMilliseconds)")
    }

    // MARK: Closing

    /// Closes the socket now, dropping anything still queued; `reason` is logged when given.
    package func close(reason: String?) {
        guard !isClosed else { return }
        if flushScheduled && !wantsWritable {
            // Bytes from `writeSoon` would have been sent already had they been written at
            // once: give them the one attempt they would have had.
            _ = writeQueued()
        }
        isClosed = true
        if queuedBytes + drainedSinceEmpty >= Self.largeDrain { loop.releaseMemorySoon() }
        outbound = []
        queuedBytes = 0
        loop.forget(self)
        Glibc.close(fd)
        let handler = self.handler
        self.handler = nil
        handler?.connectionClosed(self, reason: reason)
        connectionDidClose?()
    }

    /// Called once after close (the server's connection count).
    var connectionDidClose: (() -> Void)?
}
