#if canImport(Glibc)
import Glibc
#endif
import CFlaskishSystem

/// Where an outbound connection goes: a TCP host and port, or a Unix-domain socket path.
package enum OutboundAddress: Sendable, Hashable, CustomStringConvertible {
    /// A host name or address literal and a port.
    case tcp(host: String, port: Int)
    /// A filesystem path to a Unix-domain stream socket.
    case unix(path: String)

    /// `host:port` or the path, for logs.
    package var description: String {
        switch self {
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unix(let path): path
        }
    }
}

// Outbound connections for clients that talk to another server (Redis) from inside this
// process. They ride the same machinery as accepted ones — a `Connection` with its write
// queue and back-pressure, driven by a `ConnectionHandler` on one loop's thread — so the
// client is non-blocking and costs no thread per connection.
extension EventLoop {
    /// A loop of its own, outside any `Server`: for clients that exist before (or without) a
    /// server, such as a write-only Socket.IO emitter. Started at once; stop it with
    /// ``stopStandalone()``.
    package static func makeStandalone() throws -> EventLoop {
        let loop = try EventLoop(index: -1)
        loop.start()
        return loop
    }

    /// Stops a loop made by ``makeStandalone()`` and waits for its thread; its connections
    /// are closed (their handlers see `connectionClosed`). Never call it on the loop's thread.
    package func stopStandalone() {
        precondition(!inEventLoop, "a standalone loop cannot stop itself from its own thread")
        stopAndWait()
    }

    /// Opens a non-blocking connection to `address`, registered with this loop and driven by
    /// the handler `makeHandler` returns. Loop thread only.
    ///
    /// The connect completes in the background: bytes written meanwhile wait in the
    /// connection's queue and leave once it is established. A refused or failed connect shows
    /// up as the connection closing, with the reason (`ECONNREFUSED`, …) passed to
    /// `connectionClosed`. Host names are resolved here, with a blocking `getaddrinfo`: give
    /// an address literal (or `localhost`) where the loop must never wait for DNS.
    /// - Throws: ``SystemError`` when the socket cannot even be created or the address is bad.
    package func connect(
        to address: OutboundAddress, makeHandler: (Connection) -> any ConnectionHandler
    ) throws(SystemError) -> Connection {
        let fd: Int32
        switch address {
        case .tcp(let host, let port): fd = try Self.openTCP(host: host, port: port)
        case .unix(let path): fd = try Self.openUnix(path: path)
        }
        guard let connection = adoptOutbound(fd: fd, remoteAddress: address.description, makeHandler: makeHandler) else {
            throw SystemError("epoll_ctl(\(address))")
        }
        return connection
    }

    private static func openTCP(host: String, port: Int) throws(SystemError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var result: UnsafeMutablePointer<addrinfo>?
        let lookupHost = host == "localhost" ? "127.0.0.1" : host
        let status = getaddrinfo(lookupHost, String(port), &hints, &result)
        guard status == 0, let first = result else {
            throw SystemError("getaddrinfo(\(host))", code: status == EAI_SYSTEM ? errno : EHOSTUNREACH)
        }
        defer { freeaddrinfo(result) }
        // The first address only: a non-blocking connect reports failure later, on the loop,
        // where trying the next address would need state this helper does not keep.
        let fd = cflaskish_socket(first.pointee.ai_family)
        guard fd >= 0 else { throw SystemError("socket") }
        SystemCalls.setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
        if Glibc.connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) != 0, errno != EINPROGRESS {
            let error = SystemError("connect to \(host):\(port)")
            close(fd)
            throw error
        }
        return fd
    }

    private static func openUnix(path: String) throws(SystemError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !bytes.isEmpty, bytes.count < capacity else { throw SystemError("connect to \(path)", code: ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let fd = cflaskish_socket(AF_UNIX)
        guard fd >= 0 else { throw SystemError("socket") }
        let length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, length) }
        }
        // A Unix socket connects at once or fails (EAGAIN: the server's backlog is full).
        if result != 0, errno != EINPROGRESS {
            let error = SystemError("connect to \(path)")
            close(fd)
            throw error
        }
        return fd
    }
}
