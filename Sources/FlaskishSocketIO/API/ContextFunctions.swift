import Flaskish

// Flask-SocketIO's module-level functions, usable inside a handler: they read the client and
// namespace from the event context. Outside a handler they throw SocketIOContextError, whose
// message points to the server-level `socketio.emit`.

/// Emits `event` to the client whose event is being handled; with `broadcast: true` to every
/// client of the namespace, with `to:` (or `room:`) to a room or sid.
///
/// `includeSelf: false` leaves out the current client; `skipSid` leaves out another one.
/// `namespace` defaults to the event's. `callback` receives the client's acknowledgement.
///
/// Flask-SocketIO: `flask_socketio.emit(event, *args, to=, broadcast=, include_self=, skip_sid=, namespace=, callback=)`.
/// - Throws: ``SocketIOContextError`` outside a handler.
public func emit(
    _ event: String, _ arguments: any SocketIOValueConvertible..., to: String? = nil, room: String? = nil,
    broadcast: Bool = false, includeSelf: Bool = true, skipSid: String? = nil, namespace: String? = nil,
    callback: (@Sendable ([SocketIOValue]) async -> Void)? = nil
) throws {
    let context = try SocketIOEventContext.required("emit")
    try contextEmit(context, event, arguments.map(\.socketIOValue), to: to ?? room, broadcast: broadcast,
                    includeSelf: includeSelf, skipSid: skipSid, namespace: namespace, callback: callback)
}

/// ``emit(_:_:to:room:broadcast:includeSelf:skipSid:namespace:callback:)`` with the arguments as
/// an array, for a list built at run time: `emit("move", arguments: [x, y, z])` sends three
/// arguments (passing the array to the variadic form would send one, the array).
///
/// Flask-SocketIO: `emit(event, *args, …)`.
/// - Throws: ``SocketIOContextError`` outside a handler.
public func emit(
    _ event: String, arguments: [SocketIOValue], to: String? = nil, room: String? = nil,
    broadcast: Bool = false, includeSelf: Bool = true, skipSid: String? = nil, namespace: String? = nil,
    callback: (@Sendable ([SocketIOValue]) async -> Void)? = nil
) throws {
    let context = try SocketIOEventContext.required("emit")
    try contextEmit(context, event, arguments, to: to ?? room, broadcast: broadcast,
                    includeSelf: includeSelf, skipSid: skipSid, namespace: namespace, callback: callback)
}

/// Sends a `message` event (a `json` one with `json: true`), addressed as ``emit(_:_:to:room:broadcast:includeSelf:skipSid:namespace:callback:)``.
///
/// Flask-SocketIO: `flask_socketio.send(message, json=False, to=, broadcast=, include_self=, skip_sid=, namespace=, callback=)`.
/// - Throws: ``SocketIOContextError`` outside a handler.
public func send(
    _ message: any SocketIOValueConvertible, json: Bool = false, to: String? = nil, room: String? = nil,
    broadcast: Bool = false, includeSelf: Bool = true, skipSid: String? = nil, namespace: String? = nil,
    callback: (@Sendable ([SocketIOValue]) async -> Void)? = nil
) throws {
    let context = try SocketIOEventContext.required("send")
    try contextEmit(context, json ? "json" : "message", [message.socketIOValue], to: to ?? room, broadcast: broadcast,
                    includeSelf: includeSelf, skipSid: skipSid, namespace: namespace, callback: callback)
}

private func contextEmit(
    _ context: SocketIOEventContext, _ event: String, _ arguments: [SocketIOValue], to: String?, broadcast: Bool,
    includeSelf: Bool, skipSid: String?, namespace: String?, callback: (@Sendable ([SocketIOValue]) async -> Void)?
) throws {
    let target = to ?? (broadcast ? nil : context.sid)
    try context.socketio.emit(event, arguments: arguments, to: target, namespace: namespace ?? context.namespace,
                              includeSelf: includeSelf, skipSid: skipSid, callback: callback)
}

/// Puts the current client (or `sid`) in `room` of the event's namespace (or `namespace`).
///
/// Flask-SocketIO: `join_room(room, sid=None, namespace=None)`.
/// - Throws: ``SocketIOContextError`` outside a handler.
public func joinRoom(_ room: String, sid: String? = nil, namespace: String? = nil) throws {
    let context = try SocketIOEventContext.required("joinRoom")
    context.socketio.server.enterRoom(sid: sid ?? context.sid, room: room, namespace: namespace ?? context.namespace)
}

/// Takes the current client (or `sid`) out of `room`.
///
/// Flask-SocketIO: `leave_room(room, sid=None, namespace=None)`.
/// - Throws: ``SocketIOContextError`` outside a handler.
public func leaveRoom(_ room: String, sid: String? = nil, namespace: String? = nil) throws {
    let context = try SocketIOEventContext.required("leaveRoom")
    context.socketio.server.leaveRoom(sid: sid ?? context.sid, room: room, namespace: namespace ?? context.namespace)
}

/// Removes every client from `room` of the event's namespace (or `namespace`).
///
/// Flask-SocketIO: `close_room(room, namespace=None)`.
/// - Throws: ``SocketIOContextError`` outside a handler.
public func closeRoom(_ room: String, namespace: String? = nil) throws {
    let context = try SocketIOEventContext.required("closeRoom")
    context.socketio.server.closeRoom(room, namespace: namespace ?? context.namespace)
}

/// The rooms of the current client (or `sid`), its own sid room included.
///
/// Flask-SocketIO: `rooms(sid=None, namespace=None)`.
/// - Throws: ``SocketIOContextError`` outside a handler.
public func rooms(sid: String? = nil, namespace: String? = nil) throws -> [String] {
    let context = try SocketIOEventContext.required("rooms")
    return context.socketio.server.rooms(of: sid ?? context.sid, namespace: namespace ?? context.namespace)
}

/// Disconnects the current client (or `sid`) from the event's namespace (or `namespace`);
/// its disconnect handler runs after the current handler, with reason `server disconnect`.
///
/// Flask-SocketIO: `disconnect(sid=None, namespace=None)`.
/// - Throws: ``SocketIOContextError`` outside a handler.
public func disconnect(sid: String? = nil, namespace: String? = nil) throws {
    let context = try SocketIOEventContext.required("disconnect")
    context.socketio.server.disconnect(sid: sid ?? context.sid, namespace: namespace ?? context.namespace)
}
