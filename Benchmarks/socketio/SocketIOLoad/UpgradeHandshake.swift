import Flaskish
import FlaskishSocketIO

/// The client side of the WebSocket opening handshake (RFC 6455 §4.1) for the Engine.IO v4
/// WebSocket transport, opened directly without long-polling first.
struct UpgradeHandshake {
    /// The 16-byte nonce, base64, as the `Sec-WebSocket-Key` header carries it.
    let key: String
    /// The request bytes, written once per client.
    let request: [UInt8]

    /// A handshake for client number `clientNumber`. The nonce mixes the number with a
    /// per-run seed, so every client sends a different key, as §4.1 asks.
    init(host: String, port: Int, path: String, clientNumber: Int, seed: UInt64) {
        var state = seed ^ (UInt64(clientNumber) &* 0x9E37_79B9_7F4A_7C15)
        var nonce: [UInt8] = []
        for _ in 0..<2 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            var word = state
            for _ in 0..<8 { nonce.append(UInt8(truncatingIfNeeded: word)); word >>= 8 }
        }
        key = Base64.encode(nonce)
        let text = "GET \(path)?EIO=4&transport=websocket HTTP/1.1\r\n"
            + "Host: \(host):\(port)\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: \(key)\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "\r\n"
        request = Array(text.utf8)
    }

    /// The length of the response head (through the blank line) in `bytes`, nil while it is
    /// incomplete.
    static func headLength(in bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 3..<bytes.count
        where bytes[index] == 0x0A && bytes[index - 1] == 0x0D && bytes[index - 2] == 0x0A && bytes[index - 3] == 0x0D {
            return index + 1
        }
        return nil
    }

    /// Nil when `head` is a 101 answer with the right `Sec-WebSocket-Accept`, else why not.
    func problem(withResponseHead head: UnsafeRawBufferPointer) -> String? {
        let text = String(decoding: head, as: UTF8.self)
        let lines = text.split(separator: "\r\n")
        guard let status = lines.first else { return "empty response" }
        guard status.hasPrefix("HTTP/1.1 101") else { return "answered '\(status)' instead of 101" }
        let expected = WebSocketHandshake.acceptValue(forKey: key)
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            if line[..<colon].lowercased() == "sec-websocket-accept" {
                let value = line[line.index(after: colon)...].trimmingCharacters(in: " \t")
                return value == expected ? nil : "wrong Sec-WebSocket-Accept '\(value)'"
            }
        }
        return "no Sec-WebSocket-Accept header"
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var slice = self[...]
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
