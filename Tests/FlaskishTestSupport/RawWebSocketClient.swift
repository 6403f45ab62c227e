#if canImport(Glibc)
import Glibc
#endif
@testable import Flaskish

/// A blocking loopback WebSocket client for tests: it performs the opening handshake with
/// `RawHTTPClient`, then sends masked frames (`WebSocketFrameSerializer.clientFrame`) and
/// parses the server's frames, so tests see every frame, control frames included.
package final class RawWebSocketClient {
    package let http: RawHTTPClient
    private var parser = WebSocketFrameParser(role: .client, maxFrameSize: 64 << 20)
    private var pending: [UInt8] = []
    private var frames: [WebSocketFrame] = []
    private var maskSeed: UInt32 = 0x1234_5678
    /// The handshake response.
    package private(set) var handshake: RawHTTPClient.Reply

    package enum Failure: Error { case refused(RawHTTPClient.Reply), closed, timeout, protocolError(WebSocketProtocolError) }

    /// The `Sec-WebSocket-Key` of RFC 6455 §1.3 and its accept value.
    static let sampleKey = "dGhlIHNhbXBsZSBub25jZQ=="
    package static let sampleAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="

    /// Connects and upgrades `path`; throws `refused` with the reply when it is not a 101.
    package init(port: Int, path: String, extraHeaders: String = "", timeoutSeconds: Int = 30, receiveBufferSize: Int32? = nil) throws {
        http = try RawHTTPClient(port: port, timeoutSeconds: timeoutSeconds, receiveBufferSize: receiveBufferSize)
        http.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: \(Self.sampleKey)\r\nSec-WebSocket-Version: 13\r\n\(extraHeaders)\r\n")
        handshake = try http.readResponse()
        guard handshake.status == 101 else { throw Failure.refused(handshake) }
        pending = http.takeBufferedBytes()
    }

    /// Sends one frame, masked as a browser would.
    package func send(_ opcode: WebSocketOpcode, _ payload: [UInt8], fin: Bool = true) {
        maskSeed = maskSeed &* 1_103_515_245 &+ 12345
        http.send(WebSocketFrameSerializer.clientFrame(WebSocketFrame(fin: fin, opcode: opcode, payload: payload), maskingKey: maskSeed))
    }

    /// Sends a text frame.
    package func send(text: String, fin: Bool = true) { send(.text, Array(text.utf8), fin: fin) }

    /// Sends raw bytes (hand-made, possibly broken, frames).
    package func sendRaw(_ bytes: [UInt8]) { http.send(bytes) }

    /// Sends a close frame with `code` (none when nil).
    package func sendClose(code: UInt16?, reason: String = "") {
        var payload: [UInt8] = []
        if let code { payload = [UInt8(code >> 8), UInt8(code & 0xFF)] + Array(reason.utf8) }
        send(.close, payload)
    }

    /// The next frame from the server.
    package func readFrame() throws -> WebSocketFrame {
        while frames.isEmpty {
            if !pending.isEmpty {
                let bytes = pending
                pending = []
                do { frames += try parser.parse(bytes) } catch { throw Failure.protocolError(error) }
                continue
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(http.fd, $0.baseAddress, $0.count, 0) }
            // A read time-out is not a close: on a loaded machine telling them apart is the whole diagnosis.
            if n < 0, errno == EAGAIN || errno == EWOULDBLOCK { throw Failure.timeout }
            if n <= 0 { throw Failure.closed }
            pending = Array(chunk[0..<n])
        }
        return frames.removeFirst()
    }

    /// The next text message (skipping nothing: a non-text frame is returned as an error).
    package func readText() throws -> String? {
        let frame = try readFrame()
        guard frame.opcode == .text else { return nil }
        return String(decoding: frame.payload, as: UTF8.self)
    }

    /// The close code of the next frame, which must be a close frame.
    package func readCloseCode() throws -> UInt16? {
        let frame = try readFrame()
        guard frame.opcode == .close, frame.payload.count >= 2 else { return nil }
        return UInt16(frame.payload[0]) << 8 | UInt16(frame.payload[1])
    }

    /// True when the server closes the TCP connection (EOF) within the time-out.
    package func isClosedByServer() -> Bool {
        while true {
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { recv(http.fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return true }
            if n < 0 { return errno == ECONNRESET }
        }
    }
}
