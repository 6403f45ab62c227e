// Streamed response bodies (files, `ResponseWriter` producers) for HTTPConnectionHandler:
// the producer runs on the worker pool and hands each chunk to the connection's loop.

extension HTTPConnectionHandler {
    /// Streams a file or a producer's chunks after the head, each written on the loop; the
    /// producer waits while the connection's unsent output is past its high-water mark.
    func stream(_ body: ResponseBody, chunked: Bool, persistent: Bool, on connection: Connection) {
        streamCancelled = false
        let writer = ResponseWriter { [self] bytes in
            try await self.enqueueChunk(bytes, chunked: chunked, on: connection)
        }
        let produce: @Sendable (ResponseWriter) async throws -> Void
        switch body {
        case .stream(let producer): produce = producer
        case .file(let path, let offset, let length): produce = { try await FileStreamer.stream(path: path, offset: offset, length: length, into: $0) }
        case .bytes: return
        }
        Task(executorPreference: server.workerPool) { [self] in
            let failed: Bool
            do {
                try await produce(writer)
                failed = false
            } catch {
                failed = true
                if !(error is CancellationError) { self.server.log("streamed response failed: \(error)") }
            }
            connection.loop.execute { [self] in
                guard !connection.isClosed else { return }
                if failed || !persistent {
                    if chunked && !failed { connection.write(HTTPResponseSerializer.lastChunk) }
                    // A failed stream cannot be ended cleanly: closing tells the client it is cut short.
                    connection.closeAfterFlush()
                    return
                }
                if chunked { connection.write(HTTPResponseSerializer.lastChunk) }
                self.finishResponse(persistent: true, on: connection)
            }
        }
    }

    private func enqueueChunk(_ bytes: [UInt8], chunked: Bool, on connection: Connection) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            connection.loop.execute { [self] in
                guard !connection.isClosed, !self.streamCancelled else {
                    continuation.resume(throwing: CancellationError())
                    return
                }
                if chunked {
                    var framed: [UInt8] = []
                    framed.reserveCapacity(bytes.count + 16)
                    HTTPResponseSerializer.writeChunk(bytes, into: &framed)
                    connection.write(framed)
                } else {
                    connection.write(bytes)
                }
                // Queued bytes above the high-water mark make a streaming producer wait.
                if connection.queuedBytes > connection.outboundHighWaterMark {
                    self.writeWaiter = continuation
                    connection.notifyWhenWritable()
                } else {
                    continuation.resume()
                }
            }
        }
    }
}
