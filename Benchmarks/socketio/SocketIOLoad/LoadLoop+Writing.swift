#if canImport(Glibc)
import Flaskish
import Glibc
#endif
import CFlaskishSystem
import FlaskishSocketIO

// Writing: frames are masked into one reused buffer and written at once; only what the
// kernel refuses is copied into the client's outbox, to be flushed when the socket is writable.
extension LoadLoop {
    /// Frames `payload` masked with a fresh key (RFC 6455 §5.3) in a reused scratch buffer.
    func sendFrame(_ client: LoadClient, opcode: WebSocketOpcode, _ payload: UnsafeRawBufferPointer) {
        maskState ^= maskState << 13
        maskState ^= maskState >> 7
        maskState ^= maskState << 17
        let key = UInt32(truncatingIfNeeded: maskState)
        frameScratch.removeAll(keepingCapacity: true)
        WebSocketFrameSerializer.appendHeader(opcode: opcode, payloadLength: payload.count, maskingKey: key, to: &frameScratch)
        let start = frameScratch.count
        frameScratch.append(contentsOf: payload)
        frameScratch.withUnsafeMutableBytes { all in
            WebSocketMasking.apply(key: key, to: UnsafeMutableRawBufferPointer(rebasing: all[start...]), phase: 0)
            write(client, UnsafeRawBufferPointer(all))
        }
    }

    func write(_ client: LoadClient, _ bytes: UnsafeRawBufferPointer) {
        guard client.phase != .closed else { return }
        if !client.outbox.isEmpty {
            client.outbox.append(contentsOf: bytes)
            return
        }
        let sent = send(client.fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
        if sent == bytes.count { return }
        if sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
            fail(client, "send() failed: \(String(cString: strerror(errno)))")
            return
        }
        client.outbox.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[max(sent, 0)...]))
        watchWrites(client, true)
    }

    func flush(_ client: LoadClient) {
        guard !client.outbox.isEmpty else { return watchWrites(client, false) }
        let sent = client.outbox.withUnsafeBytes { send(client.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if sent < 0 {
            if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
                fail(client, "send() failed: \(String(cString: strerror(errno)))")
            }
            return
        }
        client.outbox.removeFirst(sent)
        if client.outbox.isEmpty { watchWrites(client, false) }
    }

    func watchWrites(_ client: LoadClient, _ on: Bool) {
        guard client.watchingWrites != on else { return }
        client.watchingWrites = on
        let events = CFLASKISH_EPOLLIN | CFLASKISH_EPOLLRDHUP | (on ? CFLASKISH_EPOLLOUT : 0)
        cflaskish_epoll_ctl(epoll, EPOLL_CTL_MOD, client.fd, events, UInt64(client.number))
    }
}
