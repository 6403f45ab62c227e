/// What drives one connection's bytes: the HTTP/1.1 handler at first, and whatever a
/// `101 Switching Protocols` response hands the connection to (a WebSocket) afterwards.
///
/// Every method is called on the connection's event loop thread; implementations must not
/// block and must not run user code inline.
package protocol ConnectionHandler: AnyObject {
    /// The connection was accepted or handed over.
    func connectionOpened(_ connection: Connection)
    /// Bytes arrived. They are only valid for the duration of the call.
    func received(_ bytes: UnsafeRawBufferPointer, on connection: Connection)
    /// The peer closed its sending side (read returned 0).
    func receivedEndOfInput(on connection: Connection)
    /// The outbound queue drained below its low-water mark after being above it.
    func becameWritable(on connection: Connection)
    /// The connection's deadline (idle, header or ping timeout) passed.
    func deadlineReached(on connection: Connection)
    /// Queued output made no progress for the send timeout; `reason` says so for the log.
    func sendTimedOut(on connection: Connection, reason: String)
    /// The server is shutting down gracefully: finish in-flight work, then close.
    func shutdownRequested(on connection: Connection)
    /// The connection is closed; `reason` says why when it was not an orderly close.
    func connectionClosed(_ connection: Connection, reason: String?)
}

extension ConnectionHandler {
    /// Nothing to do by default when the connection opens.
    package func connectionOpened(_ connection: Connection) {}
    /// Nothing to do by default once queued output has drained.
    package func becameWritable(on connection: Connection) {}
    /// Closes the connection when the peer stops sending, by default.
    package func receivedEndOfInput(on connection: Connection) { connection.close(reason: nil) }
    /// Closes the connection when its deadline passes, by default.
    package func deadlineReached(on connection: Connection) { connection.close(reason: nil) }
    /// Closes the connection, logging why, when the peer stops taking output, by default.
    package func sendTimedOut(on connection: Connection, reason: String) { connection.close(reason: reason) }
    /// Closes the connection at once when the server stops, by default.
    package func shutdownRequested(on connection: Connection) { connection.close(reason: nil) }
}
