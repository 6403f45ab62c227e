import Flaskish

/// One notification on the message queue's channel, in python-socketio's pub/sub format, so
/// Flaskish and Flask-SocketIO processes on one channel understand each other.
///
/// Each is a JSON object whose `method` says what to do and whose `host_id` names the
/// process that published it (a process ignores its own, except `callback`):
///
/// | method | other keys |
/// |---|---|
/// | `emit` | `event`, `data` (the arguments), `binary`, `namespace`, `room`, `skip_sid`, `callback` |
/// | `disconnect` | `sid`, `namespace` |
/// | `enter_room` / `leave_room` | `sid`, `room`, `namespace` |
/// | `close_room` | `room`, `namespace` |
/// | `callback` | `sid`, `namespace`, `id`, `args`: an ACK travelling back to the emitter |
///
/// With `binary`, `data` is `[arguments with placeholders, base64 attachment, …]`. `room` and
/// `skip_sid` are a string, a list or null; `callback` is `[sid, namespace, ack id]` or null.
///
/// python-socketio: the dictionaries built by `PubSubManager.emit`, `disconnect`,
/// `enter_room`, `leave_room`, `close_room` and `_return_callback`.
package enum PubSubMessage: Sendable, Hashable {
    /// Where an acknowledgement of a remote emit goes back to.
    package struct RemoteAck: Sendable, Hashable {
        /// The socket the event was sent to.
        package var sid: String
        /// Its namespace.
        package var namespace: String
        /// The ack id the emitting process keeps the callback under.
        package var id: Int
    }

    case emit(event: String, arguments: [SocketIOValue], namespace: String, rooms: [String]?, skip: [String], callback: RemoteAck?, hostID: String)
    case disconnect(sid: String, namespace: String, hostID: String)
    case enterRoom(sid: String, room: String, namespace: String, hostID: String)
    case leaveRoom(sid: String, room: String, namespace: String, hostID: String)
    case closeRoom(room: String, namespace: String, hostID: String)
    case callback(sid: String, namespace: String, id: Int, arguments: [SocketIOValue], hostID: String)

    /// The process that published the message (for `callback`: the one it is addressed to).
    package var hostID: String {
        switch self {
        case .emit(_, _, _, _, _, _, let host), .disconnect(_, _, let host), .enterRoom(_, _, _, let host),
             .leaveRoom(_, _, _, let host), .closeRoom(_, _, let host), .callback(_, _, _, _, let host):
            host
        }
    }

    /// The method name on the wire.
    package var method: String {
        switch self {
        case .emit: "emit"
        case .disconnect: "disconnect"
        case .enterRoom: "enter_room"
        case .leaveRoom: "leave_room"
        case .closeRoom: "close_room"
        case .callback: "callback"
        }
    }

    // MARK: Encoding

    /// The JSON bytes to publish.
    package func encoded() -> [UInt8] {
        var object: [String: JSONValue] = ["method": .string(method), "host_id": .string(hostID)]
        switch self {
        case .emit(let event, let arguments, let namespace, let rooms, let skip, let callback, _):
            object["event"] = .string(event)
            let binary = arguments.contains { $0.containsBinary }
            if binary {
                let (json, attachments) = SocketIOValue.array(arguments).deconstructed()
                object["data"] = .array([json] + attachments.map { .string(Base64.encode($0)) })
            } else {
                object["data"] = SocketIOValue.array(arguments).jsonValue ?? .array([])
            }
            object["binary"] = .bool(binary)
            object["namespace"] = .string(namespace)
            object["room"] = Self.oneOrMany(rooms)
            object["skip_sid"] = Self.oneOrMany(skip.isEmpty ? nil : skip)
            object["callback"] = callback.map { .array([.string($0.sid), .string($0.namespace), .int($0.id)]) } ?? .null
        case .disconnect(let sid, let namespace, _):
            object["sid"] = .string(sid)
            object["namespace"] = .string(namespace)
        case .enterRoom(let sid, let room, let namespace, _), .leaveRoom(let sid, let room, let namespace, _):
            object["sid"] = .string(sid)
            object["room"] = .string(room)
            object["namespace"] = .string(namespace)
        case .closeRoom(let room, let namespace, _):
            object["room"] = .string(room)
            object["namespace"] = .string(namespace)
        case .callback(let sid, let namespace, let id, let arguments, _):
            object["sid"] = .string(sid)
            object["namespace"] = .string(namespace)
            object["id"] = .int(id)
            // JSON cannot carry bytes (python-socketio's json.dumps would fail too): placeholders stay.
            object["args"] = SocketIOValue.array(arguments).deconstructed().json
        }
        return JSONValue.object(object).serialized(options: .socketIO)
    }

    private static func oneOrMany(_ values: [String]?) -> JSONValue {
        guard let values else { return .null }
        return values.count == 1 ? .string(values[0]) : .array(values.map { .string($0) })
    }

    // MARK: Decoding

    /// Why a message on the channel was ignored.
    package struct DecodingError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What was wrong with it.
        package let reason: String
        /// The reason, for the log line.
        package var description: String { reason }
    }

    /// Reads a published message.
    /// - Throws: ``DecodingError`` for anything that is not a message this format defines:
    ///   not JSON, not an object, no or an unknown `method`, a missing or mistyped key.
    package init(decoding bytes: [UInt8]) throws(DecodingError) {
        func fail(_ reason: String) -> DecodingError { DecodingError(reason: reason) }
        let json: JSONValue
        do {
            json = try JSONValue(parsing: bytes)
        } catch {
            throw fail("not JSON (\(error))")
        }
        guard case .object(let object) = json else { throw fail("not a JSON object") }
        guard case .string(let method)? = object["method"] else { throw fail("no method") }
        func string(_ key: String) throws(DecodingError) -> String {
            guard case .string(let value)? = object[key] else { throw fail("\(method): \(key) is missing or not a string") }
            return value
        }
        func namespace() -> String {
            if case .string(let value)? = object["namespace"], !value.isEmpty { return value }
            return "/"
        }
        // A write-only emitter of another library may leave host_id out; nobody ignores those.
        let host: String = if case .string(let value)? = object["host_id"] { value } else { "" }
        switch method {
        case "emit":
            let event = try string("event")
            var arguments: [SocketIOValue]
            let data = object["data"] ?? .null
            if object["binary"] == .bool(true) {
                guard case .array(let parts) = data, let first = parts.first else { throw fail("emit: binary data is not a list") }
                var attachments: [[UInt8]] = []
                for part in parts.dropFirst() {
                    guard case .string(let text) = part, let bytes = Base64.decode(text) else { throw fail("emit: bad base64 attachment") }
                    attachments.append(bytes)
                }
                let value: SocketIOValue
                do {
                    value = try SocketIOValue.reconstructing(first, attachments: attachments)
                } catch {
                    throw fail("emit: \(error)")
                }
                arguments = value.arrayValue ?? [value]
            } else if case .array(let list) = data {
                arguments = list.map(SocketIOValue.init)
            } else {
                arguments = [SocketIOValue(data)]
            }
            let rooms = try Self.strings(object["room"], "room", method)
            let skip = try Self.strings(object["skip_sid"], "skip_sid", method) ?? []
            var callback: RemoteAck?
            if case .array(let parts)? = object["callback"], parts.count == 3 {
                guard case .string(let sid) = parts[0], case .string(let ns) = parts[1], case .int(let id) = parts[2] else {
                    throw fail("emit: callback is not [sid, namespace, id]")
                }
                callback = RemoteAck(sid: sid, namespace: ns.isEmpty ? "/" : ns, id: id)
            }
            self = .emit(event: event, arguments: arguments, namespace: namespace(), rooms: rooms, skip: skip, callback: callback, hostID: host)
        case "disconnect":
            self = .disconnect(sid: try string("sid"), namespace: namespace(), hostID: host)
        case "enter_room":
            self = .enterRoom(sid: try string("sid"), room: try string("room"), namespace: namespace(), hostID: host)
        case "leave_room":
            self = .leaveRoom(sid: try string("sid"), room: try string("room"), namespace: namespace(), hostID: host)
        case "close_room":
            self = .closeRoom(room: try string("room"), namespace: namespace(), hostID: host)
        case "callback":
            guard case .int(let id)? = object["id"] else { throw fail("callback: id is missing or not an integer") }
            let arguments: [SocketIOValue] = if case .array(let list)? = object["args"] { list.map(SocketIOValue.init) } else { [] }
            self = .callback(sid: try string("sid"), namespace: namespace(), id: id, arguments: arguments, hostID: host)
        default:
            throw fail("unknown method \(method)")
        }
    }

    /// A room / skip_sid value: null, a string or a list of strings.
    private static func strings(_ value: JSONValue?, _ key: String, _ method: String) throws(DecodingError) -> [String]? {
        switch value {
        case nil, .null?: return nil
        case .string(let single)?: return [single]
        case .array(let list)?:
            var result: [String] = []
            for element in list {
                guard case .string(let text) = element else { throw DecodingError(reason: "\(method): \(key) holds a non-string") }
                result.append(text)
            }
            return result
        default:
            throw DecodingError(reason: "\(method): \(key) is not a string or list")
        }
    }
}
