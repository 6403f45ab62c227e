// The inbound half of a WebSocket connection: bytes → frames (WebSocketFrameParser) →
// messages (WebSocketMessageAssembler), with both limits applied.

/// Turns received bytes into messages, in any split. Messages completed before a protocol
/// error are still returned with it, so the engine can deliver them before failing the
/// connection with `error.closeCode`.
package struct WebSocketReader: Sendable {
    private var parser: WebSocketFrameParser
    private var assembler: WebSocketMessageAssembler
    private var failure: WebSocketProtocolError?

    /// A reader for frames from the peer of `role` (`.server` reads a browser's masked
    /// frames), refusing frames above `maxFrameSize` and messages above `maxMessageSize`.
    package init(
        role: WebSocketFrameParser.Role = .server,
        maxFrameSize: Int = WebSocketFrameParser.defaultMaxFrameSize,
        maxMessageSize: Int = WebSocketMessageAssembler.defaultMaxMessageSize
    ) {
        parser = WebSocketFrameParser(role: role, maxFrameSize: maxFrameSize)
        assembler = WebSocketMessageAssembler(maxMessageSize: maxMessageSize)
    }

    /// Consumes all of `bytes` (a partial frame stays buffered). Once an error was
    /// returned, every later call returns it again with no messages.
    package mutating func read(_ bytes: UnsafeRawBufferPointer) -> (messages: [WebSocketMessage], error: WebSocketProtocolError?) {
        if let failure { return ([], failure) }
        var messages: [WebSocketMessage] = []
        var offset = 0
        do throws(WebSocketProtocolError) {
            while offset < bytes.count {
                let (consumed, frame) = try parser.parse(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
                offset += consumed
                guard let frame else { break }
                if let message = try assembler.append(frame) { messages.append(message) }
            }
        } catch {
            failure = error
            return (messages, error)
        }
        return (messages, nil)
    }

    /// Consumes all of `bytes`; see `read(_:)`.
    package mutating func read(_ bytes: [UInt8]) -> (messages: [WebSocketMessage], error: WebSocketProtocolError?) {
        bytes.withUnsafeBytes { read($0) }
    }
}
