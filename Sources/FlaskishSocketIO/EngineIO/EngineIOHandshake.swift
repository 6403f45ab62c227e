// The handshake (Engine.IO v4 "Protocol › Handshake"): the server's first packet is an open
// packet whose data is this JSON object, keys in this order, times in milliseconds:
//
//   0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,
//     "pingTimeout":20000,"maxPayload":1000000}

/// The data of the open packet.
///
/// python-engineio: the dict `_handle_connect` sends as `packet.OPEN`.
package struct EngineIOHandshake: Hashable, Sendable {
    /// The session id the client sends back as `sid`.
    package var sid: String
    /// The transports the client may upgrade to: `["websocket"]` on polling, `[]` on WebSocket.
    package var upgrades: [String]
    /// Milliseconds between the server's pings.
    package var pingIntervalMilliseconds: Int
    /// Milliseconds the client has to answer a ping.
    package var pingTimeoutMilliseconds: Int
    /// The most bytes the client should put in one polling payload.
    package var maxPayload: Int

    /// A handshake with every field given.
    package init(sid: String, upgrades: [String], pingIntervalMilliseconds: Int, pingTimeoutMilliseconds: Int, maxPayload: Int) {
        self.sid = sid
        self.upgrades = upgrades
        self.pingIntervalMilliseconds = pingIntervalMilliseconds
        self.pingTimeoutMilliseconds = pingTimeoutMilliseconds
        self.maxPayload = maxPayload
    }

    /// The handshake a session with `configuration` sends over `transport`.
    package init(sid: String, transport: EngineIOSession.Transport, configuration: EngineIOSession.Configuration) {
        self.init(
            sid: sid,
            upgrades: transport == .polling && configuration.allowUpgrades ? ["websocket"] : [],
            pingIntervalMilliseconds: Self.milliseconds(configuration.pingInterval),
            pingTimeoutMilliseconds: Self.milliseconds(configuration.pingTimeout),
            maxPayload: configuration.maxPayload)
    }

    /// The JSON object, keys in the spec's order.
    package var json: String {
        let upgradeList = upgrades.map(JSONText.quoted).joined(separator: ",")
        return "{\"sid\":\(JSONText.quoted(sid)),\"upgrades\":[\(upgradeList)],\"pingInterval\":\(pingIntervalMilliseconds),"
            + "\"pingTimeout\":\(pingTimeoutMilliseconds),\"maxPayload\":\(maxPayload)}"
    }

    /// The open packet carrying `json`.
    package var openPacket: EngineIOPacket { EngineIOPacket(.open, json) }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
