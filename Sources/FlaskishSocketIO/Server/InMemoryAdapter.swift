import Synchronization

/// The ``Adapter`` for a single process: rooms in memory, delivery by direct calls.
///
/// python-socketio: `Manager`.
public final class InMemoryAdapter: Adapter {
    private struct Namespace {
        var receivers: [String: any SocketIOPacketReceiver] = [:]
        var rooms: [String: Set<String>] = [:]
        var roomsOfSid: [String: Set<String>] = [:]
    }

    private let namespaces = Mutex<[String: Namespace]>([:])

    /// An empty adapter.
    public init() {}

    public func connect(sid: String, namespace: String, receiver: any SocketIOPacketReceiver) {
        namespaces.withLock { namespaces in
            namespaces[namespace, default: Namespace()].receivers[sid] = receiver
            namespaces[namespace]!.rooms[sid, default: []].insert(sid)
            namespaces[namespace]!.roomsOfSid[sid, default: []].insert(sid)
        }
    }

    public func disconnect(sid: String, namespace: String) {
        namespaces.withLock { namespaces in
            guard var space = namespaces[namespace] else { return }
            space.receivers[sid] = nil
            for room in space.roomsOfSid.removeValue(forKey: sid) ?? [] {
                space.rooms[room]?.remove(sid)
                if space.rooms[room]?.isEmpty == true { space.rooms[room] = nil }
            }
            namespaces[namespace] = space.receivers.isEmpty ? nil : space
        }
    }

    public func isConnected(sid: String, namespace: String) -> Bool {
        namespaces.withLock { $0[namespace]?.receivers[sid] != nil }
    }

    public func enterRoom(sid: String, namespace: String, room: String) {
        namespaces.withLock { namespaces in
            // python-socketio lets a sid that is not connected enter rooms; a room of ghosts
            // would only leak, so only connected sockets join.
            guard namespaces[namespace]?.receivers[sid] != nil else { return }
            namespaces[namespace]!.rooms[room, default: []].insert(sid)
            namespaces[namespace]!.roomsOfSid[sid, default: []].insert(room)
        }
    }

    public func leaveRoom(sid: String, namespace: String, room: String) {
        namespaces.withLock { namespaces in
            guard namespaces[namespace] != nil else { return }
            namespaces[namespace]!.roomsOfSid[sid]?.remove(room)
            namespaces[namespace]!.rooms[room]?.remove(sid)
            if namespaces[namespace]!.rooms[room]?.isEmpty == true { namespaces[namespace]!.rooms[room] = nil }
        }
    }

    public func closeRoom(_ room: String, namespace: String) {
        namespaces.withLock { namespaces in
            guard let members = namespaces[namespace]?.rooms.removeValue(forKey: room) else { return }
            for sid in members { namespaces[namespace]!.roomsOfSid[sid]?.remove(room) }
        }
    }

    public func rooms(of sid: String, namespace: String) -> [String] {
        namespaces.withLock { $0[namespace]?.roomsOfSid[sid].map { $0.sorted() } ?? [] }
    }

    public func participants(namespace: String, in rooms: [String]?, skip: Set<String>) -> [String] {
        namespaces.withLock { namespaces in
            guard let space = namespaces[namespace] else { return [] }
            return Self.recipients(space, rooms, skip).map(\.key).sorted()
        }
    }

    public func emit(_ packet: SocketIOPacket, namespace: String, to rooms: [String]?, skip: Set<String>) {
        let targets = namespaces.withLock { namespaces -> [any SocketIOPacketReceiver] in
            guard let space = namespaces[namespace] else { return [] }
            return Self.recipients(space, rooms, skip).map(\.value)
        }
        guard !targets.isEmpty else { return }
        EncodedSocketIOPacket(packet).deliver(to: targets)
    }

    private static func recipients(
        _ space: Namespace, _ rooms: [String]?, _ skip: Set<String>
    ) -> [(key: String, value: any SocketIOPacketReceiver)] {
        guard let rooms else {
            return space.receivers.filter { !skip.contains($0.key) }.map { ($0.key, $0.value) }
        }
        var seen = Set<String>()
        var result: [(key: String, value: any SocketIOPacketReceiver)] = []
        for room in rooms {
            for sid in space.rooms[room] ?? [] where !skip.contains(sid) && seen.insert(sid).inserted {
                if let receiver = space.receivers[sid] { result.append((sid, receiver)) }
            }
        }
        return result
    }
}
