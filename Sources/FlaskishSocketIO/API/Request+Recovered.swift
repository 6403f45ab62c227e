import Flaskish

extension Request {
    /// True inside a handler of a client whose connection was recovered (connection state
    /// recovery): it kept its sid and rooms, and got the events it missed. False for a new
    /// connection, with recovery off, and outside a handler.
    ///
    /// Node: `socket.recovered`; Flask-SocketIO has no equivalent.
    public var recovered: Bool {
        guard let context = SocketIOEventContext.current else { return false }
        return context.socketio.server.isRecovered(sid: context.sid, namespace: context.namespace)
    }
}
