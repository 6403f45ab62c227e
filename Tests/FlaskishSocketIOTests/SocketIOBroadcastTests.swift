import FlaskishTestSupport
import Flaskish
import Foundation
import Testing
@testable import FlaskishSocketIO

/// Broadcasts over real sockets: WebSocket clients get a shared frame posted once per event
/// loop and flushed at the end of the loop's turn, polling clients the normal session path.
/// Whatever the path, every client must get every packet once, in order, with a binary
/// packet's attachments right behind its header.
struct SocketIOBroadcastTests {
    private static let textCount = 200
    private static let binaryCount = 50

    @Test func concurrentTextAndBinaryBroadcastsReachWebSocketAndPollingClientsIntact() async throws {
        try await Self.withBroadcastServer { socketio, port in
            let webSockets = try (0..<4).map { _ in try Self.connectedWebSocket(port: port) }
            let pollingSid = try Self.connectedPollingClient(port: port)

            // Two emitters at once: text broadcasts may go the batched way, binary ones (with
            // an attachment) go through each session, and must never be split by the others.
            async let texts: Void = Self.emit(Self.textCount) { try socketio.emit("t", $0) }
            async let binaries: Void = Self.emit(Self.binaryCount) { try socketio.emit("b", SocketIOValue.binary([UInt8($0)])) }
            _ = try await (texts, binaries)

            for webSocket in webSockets {
                var log = DeliveryLog()
                while !log.isComplete(texts: Self.textCount, binaries: Self.binaryCount) {
                    let frame = try webSocket.readFrame()
                    try log.record(frame.opcode == .binary ? .binary(frame.payload) : .text(String(decoding: frame.payload, as: UTF8.self)))
                }
                #expect(log.texts == Array(0..<Self.textCount))
                #expect(log.binaries == Array(0..<Self.binaryCount))
            }
            var log = DeliveryLog()
            for _ in 0..<200 where !log.isComplete(texts: Self.textCount, binaries: Self.binaryCount) {
                // A connection per poll: a kept-alive one could time out while the test reads
                // the WebSocket clients on a loaded machine.
                let body = try EIO.request("GET", "\(EIO.base)&sid=\(pollingSid)", port: port).text
                for packet in body.split(separator: "\u{1E}") {
                    if packet.hasPrefix("b") {
                        try log.record(.binary(Array(Data(base64Encoded: String(packet.dropFirst())) ?? Data())))
                    } else {
                        try log.record(.text(String(packet)))
                    }
                }
            }
            #expect(log.texts == Array(0..<Self.textCount))
            #expect(log.binaries == Array(0..<Self.binaryCount))
        }
    }

    @Test func aClientThatLeftIsSkippedAndTheOthersStillGetTheBroadcast() async throws {
        try await Self.withBroadcastServer { socketio, port in
            let staying = try (0..<3).map { _ in try Self.connectedWebSocket(port: port) }
            let leaving = try Self.connectedWebSocket(port: port)
            leaving.sendClose(code: 1000)
            _ = try? leaving.readCloseCode()
            try socketio.emit("t", 7)
            for webSocket in staying {
                var log = DeliveryLog()
                while !log.isComplete(texts: 1, binaries: 0) {
                    let frame = try webSocket.readFrame()
                    try log.record(.text(String(decoding: frame.payload, as: UTF8.self)))
                }
                #expect(log.texts == [7])
            }
        }
    }

    // MARK: Helpers

    /// A live Socket.IO server on port 0 that accepts every client; `body` broadcasts with
    /// `socketio` from outside any handler.
    private static func withBroadcastServer(_ body: (SocketIO, Int) async throws -> Void) async throws {
        let app = Flask("broadcast")
        let socketio = SocketIO(app)
        socketio.onConnect {}
        try await withLiveServer(app) { port in try await body(socketio, port) }
    }

    private static func emit(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) async throws {
        try await Task.detached {
            for i in 0..<count { try body(i) }
        }.value
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

    /// A Socket.IO client on the polling transport, connected to the main namespace.
    private static func connectedPollingClient(port: Int) throws -> String {
        let (sid, _) = try EIO.handshake(port: port)
        let target = "\(EIO.base)&sid=\(sid)"
        #expect(try EIO.request("POST", target, port: port, body: "40").text == "ok")
        for _ in 0..<20 {
            if try EIO.request("GET", target, port: port).text.contains("40{") { return sid }
        }
        throw RawHTTPClient.Failure.malformed("no CONNECT answer for \(sid)")
    }
}

/// What one client received: the numbers of the `t` events, and of the `b` events whose
/// attachment came right after their header.
private struct DeliveryLog {
    enum Message { case text(String), binary([UInt8]) }

    var texts: [Int] = []
    var binaries: [Int] = []
    private var awaitingAttachment = false

    func isComplete(texts textCount: Int, binaries binaryCount: Int) -> Bool {
        texts.count >= textCount && binaries.count >= binaryCount && !awaitingAttachment
    }

    mutating func record(_ message: Message) throws {
        switch message {
        case .binary(let bytes):
            #expect(awaitingAttachment, "an attachment arrived without its header")
            awaitingAttachment = false
            binaries.append(Int(bytes.first ?? 255))
        case .text(let text):
            #expect(!awaitingAttachment, "\(text) arrived between a binary header and its attachment")
            awaitingAttachment = false
            if text.hasPrefix("42[\"t\",") {
                texts.append(Int(text.dropFirst(7).dropLast()) ?? -1)
            } else if text.hasPrefix("451-[\"b\",") {
                awaitingAttachment = true
            } else if text == "2" {
                return  // a ping; the test is over long before a missed pong matters
            } else {
                Issue.record("unexpected packet \(text)")
            }
        }
    }
}
