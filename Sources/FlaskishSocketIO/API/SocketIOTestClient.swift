import Flaskish
import Synchronization

/// An in-process Socket.IO client for tests: no sockets, but every packet in both
/// directions goes through the real Socket.IO encoder and decoder. Each call waits until the
/// handlers it triggered have finished, so tests read like synchronous code.
///
/// ```swift
/// let client = await socketio.testClient(app, auth: ["token": "x"])
/// try await client.emit("my event", ["a": "b"])
/// let received = client.getReceived()
/// #expect(received[0].name == "my response")
/// ```
///
/// Flask-SocketIO: `flask_socketio.SocketIOTestClient` (`socketio.test_client(app, …)`).
public final class SocketIOTestClient: Sendable {
    /// An event the server sent to this client.
    public struct ReceivedEvent: Sendable, Hashable {
        /// The event name (`message` for `send`, `json` for `send(json: true)`).
        public let name: String
        /// The arguments (for `message`/`json`, the one message).
        public let args: [SocketIOValue]
        /// The namespace it was sent in.
        public let namespace: String
    }

    /// Misuse of the test client.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// `disconnect(namespace:)` on a namespace that is not connected.
        case notConnected(namespace: String)

        public var description: String {
            switch self {
            case .notConnected(let namespace): "The test client is not connected to \(namespace)"
            }
        }
    }

    private let socketio: SocketIO
    /// The app under test, kept alive as long as the client (as Flask's test client keeps its
    /// app): the extension holds its app only weakly.
    private let app: Flask?
    private let transport: SocketIOTestTransport
    private let connection: SocketIOClientConnection?
    private let inbox: Inbox

    init(socketio: SocketIO, app: Flask?, request: Request) {
        self.socketio = socketio
        self.app = app
        let inbox = Inbox(limits: socketio.server.limits, stripsOffsets: socketio.server.recoversConnections)
        self.inbox = inbox
        transport = SocketIOTestTransport(server: socketio.server, request: request) { inbox.handle($0) }
        socketio.server.engineConnected(transport)
        connection = socketio.server.client(engineSid: transport.sid)
    }

    /// The Engine.IO sid of this client's fake session.
    public var engineSid: String { transport.sid }

    /// Connects to `namespace` (with `auth`, which must be an object), waiting for the
    /// connect handler.
    ///
    /// Flask-SocketIO: `client.connect(namespace=None, auth=None)`.
    public func connect(namespace: String = "/", auth: SocketIOValue? = nil) async throws {
        try await deliver(SocketIOPacket(type: .connect, namespace: namespace, data: auth))
    }

    /// Leaves `namespace`.
    ///
    /// Flask-SocketIO: `client.disconnect(namespace=None)`.
    /// - Throws: ``Failure/notConnected(namespace:)``.
    public func disconnect(namespace: String = "/") async throws {
        guard isConnected(namespace: namespace) else { throw Failure.notConnected(namespace: namespace) }
        try await deliver(.disconnect(namespace: namespace))
        inbox.state.withLock { $0.connected[namespace] = false }
    }

    /// Ends the whole fake Engine.IO session, as a dropped transport would: every connected
    /// namespace's disconnect handler runs with `reason`.
    public func closeTransport(reason: DisconnectReason = .transportClose) async {
        socketio.server.engineDisconnected(transport, reason: reason)
        inbox.state.withLock { $0.connected = [:] }
        await waitUntilIdle()
    }

    /// True while connected to `namespace`.
    ///
    /// Flask-SocketIO: `client.is_connected(namespace=None)`.
    public func isConnected(namespace: String = "/") -> Bool {
        inbox.state.withLock { $0.connected[namespace] ?? false } && !transport.isClosed
    }

    /// The sid the server gave this client in `namespace`, while connected.
    public func sid(namespace: String = "/") -> String? {
        inbox.state.withLock { $0.sids[namespace] }
    }

    /// The CONNECT_ERROR payload of a refused connection to `namespace`.
    public func connectError(namespace: String = "/") -> SocketIOValue? {
        inbox.state.withLock { $0.connectErrors[namespace] }
    }

    /// Emits `event`; with `callback: true` asks for an acknowledgement and returns it (one
    /// value as itself, several as an array, nil when the server sent none).
    ///
    /// Flask-SocketIO: `client.emit(event, *args, namespace=None, callback=False)`.
    @discardableResult
    public func emit(
        _ event: String, _ arguments: any SocketIOValueConvertible..., namespace: String = "/", callback: Bool = false
    ) async throws -> SocketIOValue? {
        try await emit(event, arguments: arguments.map(\.socketIOValue), namespace: namespace, callback: callback)
    }

    /// Sends a `message` event (or `json`), as Flask-SocketIO's `client.send(data, json=False, callback=False, namespace=None)`.
    @discardableResult
    public func send(
        _ message: any SocketIOValueConvertible, json: Bool = false, namespace: String = "/", callback: Bool = false
    ) async throws -> SocketIOValue? {
        try await emit(json ? "json" : "message", arguments: [message.socketIOValue], namespace: namespace, callback: callback)
    }

    /// The events received in `namespace` since the last call, oldest first.
    ///
    /// Flask-SocketIO: `client.get_received(namespace=None)`.
    public func getReceived(namespace: String = "/") -> [ReceivedEvent] {
        inbox.state.withLock { state in
            let (mine, others) = (state.received.filter { $0.namespace == namespace },
                                  state.received.filter { $0.namespace != namespace })
            state.received = others
            return mine
        }
    }

    private func emit(_ event: String, arguments: [SocketIOValue], namespace: String, callback: Bool) async throws -> SocketIOValue? {
        let id = callback ? inbox.state.withLock { state -> Int in state.lastAckID += 1; return state.lastAckID } : nil
        try await deliver(.event(event, arguments, namespace: namespace, id: id))
        guard let id, let values = inbox.state.withLock({ $0.acks.removeValue(forKey: id) }) else { return nil }
        return values.count == 1 ? values[0] : .array(values)
    }

    /// Sends one raw Engine.IO message (tests of malformed input), then waits for the handlers.
    package func sendRaw(_ message: SocketIOTransportMessage) async {
        socketio.server.engineMessage(transport, message)
        await waitUntilIdle()
    }

    /// Protocol errors met decoding the server's packets (none expected).
    package var decodeErrors: [SocketIOPacketError] { inbox.state.withLock { $0.errors } }

    private func deliver(_ packet: SocketIOPacket) async throws {
        let (text, attachments) = packet.encode()
        socketio.server.engineMessage(transport, .text(text))
        for attachment in attachments { socketio.server.engineMessage(transport, .binary(attachment)) }
        await waitUntilIdle()
    }

    private func waitUntilIdle() async {
        await connection?.queue.waitUntilIdle()
    }

    /// Decodes what the server sends, as a client would.
    private final class Inbox: Sendable {
        struct State {
            var decoder: SocketIOPacketDecoder
            var received: [ReceivedEvent] = []
            var connected: [String: Bool] = [:]
            var sids: [String: String] = [:]
            var connectErrors: [String: SocketIOValue] = [:]
            var acks: [Int: [SocketIOValue]] = [:]
            var lastAckID = 0
            var errors: [SocketIOPacketError] = []
        }

        let state: Mutex<State>
        /// True when the server has connection state recovery on: its events then end with
        /// an offset, which a client keeps for itself rather than hand to the application.
        let stripsOffsets: Bool

        init(limits: SocketIOLimits, stripsOffsets: Bool = false) {
            state = Mutex(State(decoder: SocketIOPacketDecoder(limits: limits)))
            self.stripsOffsets = stripsOffsets
        }

        func handle(_ message: SocketIOTestTransport.Sent) {
            state.withLock { state in
                let packet: SocketIOPacket?
                do {
                    switch message {
                    case .text(let text): packet = try state.decoder.decode(text: text)
                    case .binary(let bytes): packet = try state.decoder.decode(binary: bytes)
                    }
                } catch let error as SocketIOPacketError {
                    state.errors.append(error)
                    return
                } catch {
                    return
                }
                guard let packet else { return }
                switch packet.type {
                case .event, .binaryEvent:
                    var arguments = packet.arguments
                    if stripsOffsets, packet.id == nil, arguments.last?.stringValue != nil { arguments.removeLast() }
                    state.received.append(ReceivedEvent(name: packet.eventName ?? "", args: arguments, namespace: packet.namespace))
                case .ack, .binaryAck:
                    if let id = packet.id { state.acks[id] = packet.arguments }
                case .connect:
                    state.connected[packet.namespace] = true
                    state.sids[packet.namespace] = packet.data?["sid"]?.stringValue
                    state.connectErrors[packet.namespace] = nil
                case .connectError:
                    state.connected[packet.namespace] = false
                    state.connectErrors[packet.namespace] = packet.data
                case .disconnect:
                    state.connected[packet.namespace] = false
                    state.sids[packet.namespace] = nil
                }
            }
        }
    }
}

extension SocketIO {
    /// A test client connected to `namespace` (with `auth`), in-process.
    ///
    /// Flask-SocketIO: `socketio.test_client(app, namespace=None, query_string=None, headers=None, auth=None)`.
    public func testClient(
        _ app: Flask? = nil, namespace: String = "/", queryString: String = "", headers: HTTPHeaders = [:],
        auth: SocketIOValue? = nil
    ) async -> SocketIOTestClient {
        if let app, self.app == nil { initApp(app) }
        let query = "EIO=4&transport=websocket" + (queryString.isEmpty ? "" : "&" + queryString)
        let client = SocketIOTestClient(socketio: self, app: app ?? self.app, request: Request(method: .GET, target: "/\(options.path)/?\(query)", headers: headers))
        try? await client.connect(namespace: namespace, auth: auth)
        return client
    }
}
