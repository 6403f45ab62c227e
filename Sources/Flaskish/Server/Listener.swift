/// A listening socket shared by every loop (registered with `EPOLLEXCLUSIVE`, so one loop
/// wakes per new connection and the accepting loop owns it).
final class Listener: @unchecked Sendable {
    let fd: Int32
    let port: Int
    weak var server: Server?
    let makeHandler: (Connection) -> any ConnectionHandler

    init(fd: Int32, port: Int, server: Server, makeHandler: @escaping (Connection) -> any ConnectionHandler) {
        self.fd = fd
        self.port = port
        self.server = server
        self.makeHandler = makeHandler
    }
}
