import Testing
@testable import FlaskishSocketIO

struct EngineIOHandshakeTests {
    @Test func jsonMatchesTheSpecExampleExactly() {
        let handshake = EngineIOHandshake(
            sid: "lv_VI97HAXpY6yYWAAAC", upgrades: ["websocket"], pingIntervalMilliseconds: 25000,
            pingTimeoutMilliseconds: 20000, maxPayload: 1_000_000)
        #expect(handshake.json
            == #"{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}"#)
        #expect(handshake.openPacket.pollingText == "0" + handshake.json)
    }

    @Test func defaultsFromTheSessionConfiguration() {
        let handshake = EngineIOHandshake(sid: "abc", transport: .polling, configuration: .init())
        #expect(handshake.json == #"{"sid":"abc","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}"#)
    }

    @Test func webSocketSessionsAndDisabledUpgradesOfferNone() {
        #expect(EngineIOHandshake(sid: "a", transport: .websocket, configuration: .init()).upgrades == [])
        var configuration = EngineIOSession.Configuration()
        configuration.allowUpgrades = false
        #expect(EngineIOHandshake(sid: "a", transport: .polling, configuration: configuration).json.contains(#""upgrades":[]"#))
    }

    @Test func subSecondDurationsBecomeMilliseconds() {
        var configuration = EngineIOSession.Configuration()
        configuration.pingInterval = .milliseconds(300)
        configuration.pingTimeout = .milliseconds(200)
        let handshake = EngineIOHandshake(sid: "a", transport: .polling, configuration: configuration)
        #expect(handshake.pingIntervalMilliseconds == 300)
        #expect(handshake.pingTimeoutMilliseconds == 200)
    }

    @Test func sidIsJSONEscaped() {
        let handshake = EngineIOHandshake(sid: "a\"b\\c\u{1}", upgrades: [], pingIntervalMilliseconds: 1, pingTimeoutMilliseconds: 1, maxPayload: 1)
        #expect(handshake.json.hasPrefix(#"{"sid":"a\"b\\c\u0001","#))
    }
}
