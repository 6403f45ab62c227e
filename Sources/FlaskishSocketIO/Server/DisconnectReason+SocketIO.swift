extension DisconnectReason {
    /// The client sent a packet the Socket.IO decoder refused; the server closed the session.
    ///
    /// socket.io (JavaScript server): `"parse error"`.
    public static let parseError = DisconnectReason(rawValue: "parse error")
}
