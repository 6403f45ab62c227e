import FlaskishTestSupport
import Foundation
import Testing
@testable import Flaskish
@testable import FlaskishSocketIO

/// Issue #11: no decoder may overflow a stack. The parsers stop at `JSONLimits.defaultMaxDepth`
/// (512), so 100 000 levels cost what 513 do; every walk over a value at the limit (serialising,
/// `SocketIOValue` and `TemplateValue` conversion, `Codable`, binary placeholders, equality,
/// hashing, deallocation) must fit the server threads' stack (`ThreadStack.size`) with room to
/// spare, so these run on a quarter of it. scripts/deep-nesting runs them in debug and release,
/// scripts/sanitize under AddressSanitizer, where frames are largest.
struct DeepNestingTests {
    static let hostile = 100_000
    static let quarterStack = ThreadStack.size / 4

    /// `[` × n, then `inner`, then `]` × n, alternating arrays and objects when `mixed`.
    static func nested(_ depth: Int, mixed: Bool = false, inner: String = "1") -> String {
        var text = ""
        text.reserveCapacity(depth * 8 + inner.utf8.count)
        for level in 0..<depth { text += mixed && level % 2 == 1 ? "{\"k\":" : "[" }
        text += inner
        for level in (0..<depth).reversed() { text += mixed && level % 2 == 1 ? "}" : "]" }
        return text
    }

    @Test("100 000-deep JSON text is refused with tooDeep, on a quarter of a server thread's stack")
    func hostileJSONText() async throws {
        for text in [Self.nested(Self.hostile), Self.nested(Self.hostile, mixed: true), String(repeating: "[", count: Self.hostile)] {
            let outcome = try await onThread(stackSize: Self.quarterStack) { () -> String in
                do throws(JSONParseError) {
                    _ = try JSONValue(parsing: text)
                    return "parsed"
                } catch {
                    return "\(error.reason)"
                }
            }
            #expect(outcome == "\(JSONParseError.Reason.tooDeep(limit: JSONLimits.defaultMaxDepth))")
        }
    }

    @Test("100 000-deep Socket.IO payloads are refused by the packet decoder")
    func hostileSocketIOPackets() async throws {
        let deep = Self.nested(Self.hostile, mixed: true)
        for text in ["2[\"ev\",\(deep)]", "0{\"auth\":\(deep)}", "3/ns,1\(deep)", "51-[\"ev\",\(deep),{\"_placeholder\":true,\"num\":0}]"] {
            let error = try await onThread(stackSize: Self.quarterStack) { () -> SocketIOPacketError? in
                var decoder = SocketIOPacketDecoder()
                do throws(SocketIOPacketError) {
                    _ = try decoder.decode(text: text)
                    return nil
                } catch {
                    return error
                }
            }
            guard case .invalidJSON? = error else {
                Issue.record("expected invalidJSON, got \(String(describing: error))")
                continue
            }
        }
    }

    @Test("every walk over a 512-deep value fits a quarter of a server thread's stack")
    func walksAtTheLimit() async throws {
        // The event's arguments array is level 1 and the placeholder object the last, so the
        // packet nests exactly 512 levels.
        let payload = Self.nested(JSONLimits.defaultMaxDepth - 2, mixed: true, inner: "{\"_placeholder\":true,\"num\":0}")
        let summary = try await onThread(stackSize: Self.quarterStack) { () throws -> String in
            let json = try JSONValue(parsing: payload)
            var lengths: [Int] = []
            for options in [JSONWriteOptions.compact, .jsonify, .jsonifyDebug, .socketIO, .pythonDefault] {
                let text = json.serialized(options: options)
                lengths.append(text.count)
                try Self.check(try JSONValue(parsing: text) == json, "try JSONValue(parsing: text) == json")
            }
            var hasher = Hasher()
            json.hash(into: &hasher)
            _ = hasher.finalize()

            // Socket.IO: a binary event through the real decoder and back through the encoder.
            var decoder = SocketIOPacketDecoder()
            try Self.check(try decoder.decode(text: "51-[\"ev\",\(payload)]") == nil, "the binary event waits for its attachment")
            let packet = try Self.required(try decoder.decode(binary: [1, 2, 3]), "packet")
            let data = try Self.required(packet.data, "data")
            try Self.check(data.containsBinary, "data.containsBinary")
            try Self.check(data.jsonValue == nil, "data.jsonValue == nil")
            let (text, attachments) = packet.encode()
            try Self.check(attachments == [[1, 2, 3]], "attachments == [[1, 2, 3]]")
            var again = SocketIOPacketDecoder()
            _ = try again.decode(text: text)
            try Self.check(try again.decode(binary: attachments[0]) == packet, "try again.decode(binary: attachments[0]) == packet")
            let plain = SocketIOValue(json)
            try Self.check(plain.jsonValue == json, "plain.jsonValue == json")
            try Self.check(plain.deconstructed().json == json, "plain.deconstructed().json == json")
            try Self.check(plain != data, "plain != data")

            // Codable, both ways, as a handler decoding its argument would.
            try Self.check(try JSONEncoding.decode(JSONValue.self, from: json) == json, "try JSONEncoding.decode(JSONValue.self, from: json) == json")
            try Self.check(try JSONEncoding.encode(json) == json, "try JSONEncoding.encode(json) == json")
            try Self.check(try plain.decoded(as: JSONValue.self) == json, "try plain.decoded(as: JSONValue.self) == json")
            try Self.check(try SocketIOValue(encoding: json) == plain, "try SocketIOValue(encoding: json) == plain")

            // Templates: the value as a context variable, printed and serialised.
            let template = TemplateEnvironment()
            let rendered = try template.renderString("{{ v }}|{{ v|tojson }}|{{ v|length }}", context: ["v": TemplateValue(json)])
            return "\(lengths) \(rendered.count)"
        }
        #expect(!summary.isEmpty)
    }

    @Test("a 100 000-deep event over a real WebSocket disconnects that client only")
    func hostileEventOverRealSocket() async throws {
        let app = Flask("deep-nesting")
        let socketio = SocketIO(app)
        socketio.onConnect {}
        let received = Recorder<String>()
        socketio.on("ok") { (value: SocketIOValue) in received.record(value.stringValue ?? "?") }
        try await withLiveServer(app) { port in
            let attacker = try Self.connectedWebSocket(port: port)
            attacker.send(text: "42[\"ev\",\(Self.nested(Self.hostile, mixed: true))]")
            #expect(attacker.isClosedByServer())

            let polite = try Self.connectedWebSocket(port: port)
            polite.send(text: "42[\"ok\",\"still serving\"]")
            #expect(await received.next() == "still serving")
        }
    }

    @Test("a 100 000-deep CONNECT auth over a real WebSocket disconnects that client")
    func hostileConnectOverRealSocket() async throws {
        let app = Flask("deep-connect")
        let socketio = SocketIO(app)
        socketio.onConnect {}
        try await withLiveServer(app) { port in
            let webSocket = try RawWebSocketClient(port: port, path: "/socket.io/?EIO=4&transport=websocket")
            let open = try webSocket.readText()
            #expect(open?.hasPrefix("0{") == true)
            webSocket.send(text: "40{\"token\":\(Self.nested(Self.hostile, mixed: true))}")
            #expect(webSocket.isClosedByServer())
        }
    }

    struct Mismatch: Error, CustomStringConvertible {
        let description: String
    }

    /// Throws when `condition` fails: `#expect` cannot report from a thread outside the test's task.
    private static func check(_ condition: Bool, _ what: String) throws {
        if !condition { throw Mismatch(description: what) }
    }

    private static func required<T>(_ value: T?, _ what: String) throws -> T {
        guard let value else { throw Mismatch(description: "\(what) is nil") }
        return value
    }

    /// A Socket.IO client on the WebSocket transport, connected to the main namespace.
    private static func connectedWebSocket(port: Int) throws -> RawWebSocketClient {
        let webSocket = try RawWebSocketClient(port: port, path: "/socket.io/?EIO=4&transport=websocket")
        guard let open = try webSocket.readText(), open.hasPrefix("0{") else { throw RawWebSocketClient.Failure.closed }
        webSocket.send(text: "40")
        while true {
            guard let text = try webSocket.readText() else { continue }
            if text.hasPrefix("40{") { return webSocket }
        }
    }
}
