import Flaskish
import Testing
@testable import FlaskishSocketIO

/// The queue's wire format against what python-socketio 5.18's `PubSubManager` publishes
/// (the literals below are its `json.dumps` output).
struct PubSubMessageTests {
    func decode(_ text: String) throws -> PubSubMessage { try PubSubMessage(decoding: Array(text.utf8)) }

    @Test func decodesPythonSocketIOEmit() throws {
        let message = try decode(#"{"method": "emit", "event": "chat", "data": ["hi", {"n": 1}], "binary": false, "namespace": "/", "room": "lobby", "skip_sid": null, "callback": null, "host_id": "abc123"}"#)
        #expect(message == .emit(event: "chat", arguments: ["hi", ["n": 1]], namespace: "/", rooms: ["lobby"], skip: [], callback: nil, hostID: "abc123"))
    }

    @Test func decodesPythonSocketIOBinaryEmitWithCallback() throws {
        let message = try decode(#"{"method": "emit", "event": "file", "data": [[{"_placeholder": true, "num": 0}, "x"], "AAE="], "binary": true, "namespace": "/chat", "room": ["a", "b"], "skip_sid": ["s1", "s2"], "callback": ["sid9", "/chat", 3], "host_id": "h2"}"#)
        #expect(message == .emit(
            event: "file", arguments: [.binary([0, 1]), "x"], namespace: "/chat", rooms: ["a", "b"], skip: ["s1", "s2"],
            callback: .init(sid: "sid9", namespace: "/chat", id: 3), hostID: "h2"))
    }

    @Test func decodesTheOtherMethods() throws {
        #expect(try decode(#"{"method": "callback", "host_id": "h1", "sid": "s", "namespace": "/", "id": 4, "args": ["ok", 2]}"#)
                == .callback(sid: "s", namespace: "/", id: 4, arguments: ["ok", 2], hostID: "h1"))
        #expect(try decode(#"{"method": "disconnect", "sid": "s", "namespace": "/", "host_id": "h"}"#) == .disconnect(sid: "s", namespace: "/", hostID: "h"))
        #expect(try decode(#"{"method": "enter_room", "sid": "s", "room": "r", "namespace": "/x", "host_id": "h"}"#)
                == .enterRoom(sid: "s", room: "r", namespace: "/x", hostID: "h"))
        #expect(try decode(#"{"method": "leave_room", "sid": "s", "room": "r", "namespace": null, "host_id": "h"}"#)
                == .leaveRoom(sid: "s", room: "r", namespace: "/", hostID: "h"))
        #expect(try decode(#"{"method": "close_room", "room": "r", "namespace": "/", "host_id": "h"}"#) == .closeRoom(room: "r", namespace: "/", hostID: "h"))
    }

    @Test func aSingleNonListDataIsOneArgument() throws {
        #expect(try decode(#"{"method": "emit", "event": "e", "data": "solo", "host_id": "h"}"#)
                == .emit(event: "e", arguments: ["solo"], namespace: "/", rooms: nil, skip: [], callback: nil, hostID: "h"))
    }

    @Test func everyMessageRoundTrips() throws {
        let messages: [PubSubMessage] = [
            .emit(event: "chat", arguments: ["hi", 1, 2.5, nil, true, ["a": [1, 2]]], namespace: "/", rooms: nil, skip: [], callback: nil, hostID: "h"),
            .emit(event: "b", arguments: [["file": .binary([1, 2, 3])], .binary([])], namespace: "/n", rooms: ["r1", "r2"], skip: ["x"], callback: .init(sid: "s", namespace: "/n", id: 9), hostID: "h"),
            .emit(event: "e", arguments: [], namespace: "/", rooms: ["sid"], skip: ["a", "b"], callback: nil, hostID: "h"),
            .disconnect(sid: "s", namespace: "/", hostID: "h"),
            .enterRoom(sid: "s", room: "r", namespace: "/", hostID: "h"),
            .leaveRoom(sid: "s", room: "r", namespace: "/", hostID: "h"),
            .closeRoom(room: "r", namespace: "/", hostID: "h"),
            .callback(sid: "s", namespace: "/", id: 1, arguments: ["ok"], hostID: "h"),
        ]
        for message in messages {
            #expect(try PubSubMessage(decoding: message.encoded()) == message)
        }
    }

    @Test func encodesTheKeysPythonSocketIOReads() throws {
        let bytes = PubSubMessage.emit(event: "e", arguments: ["x"], namespace: "/", rooms: ["r"], skip: ["s"], callback: nil, hostID: "h").encoded()
        let json = try JSONValue(parsing: bytes)
        #expect(json == .object([
            "method": "emit", "event": "e", "data": ["x"], "binary": false, "namespace": "/", "room": "r",
            "skip_sid": "s", "callback": nil, "host_id": "h",
        ]))
    }

    @Test(arguments: [
        "not json", "[1, 2]", #"{"event": "x"}"#, #"{"method": "explode", "host_id": "h"}"#,
        #"{"method": "emit", "data": [], "host_id": "h"}"#,
        #"{"method": "emit", "event": "e", "room": 5, "host_id": "h"}"#,
        #"{"method": "emit", "event": "e", "skip_sid": [1], "host_id": "h"}"#,
        #"{"method": "emit", "event": "e", "binary": true, "data": [[], "@@not base64"], "host_id": "h"}"#,
        #"{"method": "emit", "event": "e", "binary": true, "data": [[{"_placeholder": true, "num": 3}]], "host_id": "h"}"#,
        #"{"method": "emit", "event": "e", "callback": ["s", "/", "one"], "host_id": "h"}"#,
        #"{"method": "disconnect", "namespace": "/", "host_id": "h"}"#,
        #"{"method": "callback", "sid": "s", "host_id": "h"}"#,
    ])
    func badMessagesAreRefused(_ text: String) {
        #expect(throws: PubSubMessage.DecodingError.self) { try PubSubMessage(decoding: Array(text.utf8)) }
    }
}
