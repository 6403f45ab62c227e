import Testing
@testable import FlaskishSocketIO

/// The session driven synchronously: `t0` is an arbitrary origin and every `now` is an
/// offset from it, so nothing here depends on real time passing.
struct EngineIOSessionTests {
    typealias Action = EngineIOSession.Action
    let t0 = ContinuousClock.now
    func at(_ seconds: Int) -> ContinuousClock.Instant { t0 + .seconds(seconds) }

    /// A polling session whose handshake GET has been answered.
    func openPolling(_ configuration: EngineIOSession.Configuration = .init()) -> EngineIOSession {
        var session = EngineIOSession(sid: "sid1", transport: .polling, configuration: configuration)
        _ = session.open(now: t0)
        return session
    }

    func post(_ session: inout EngineIOSession, _ body: String, at seconds: Int = 1) -> [Action] {
        session.handlePost(body: Array(body.utf8), now: at(seconds))
    }

    // MARK: Handshake and heartbeat

    @Test func pollingOpenAnswersTheHandshakeGETAndSchedulesThePing() {
        var session = EngineIOSession(sid: "sid1", transport: .polling)
        let json = #"{"sid":"sid1","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}"#
        #expect(session.open(now: t0) == [.completePoll("0" + json), .scheduleTimer(at: at(25))])
    }

    @Test func webSocketOpenSendsTheOpenPacketOnTheSocket() {
        var session = EngineIOSession(sid: "sid1", transport: .websocket)
        let actions = session.open(now: t0)
        #expect(actions == [.send([session.handshake.openPacket], .websocket), .scheduleTimer(at: at(25))])
        #expect(session.handshake.upgrades == [])
    }

    @Test func serverPingsEveryIntervalAndPongRearmsIt() {
        var session = openPolling()
        #expect(session.handlePoll(now: at(1)) == [])
        #expect(session.timerFired(now: at(10)) == [])
        #expect(session.timerFired(now: at(25)) == [.completePoll("2"), .scheduleTimer(at: at(45))])
        #expect(post(&session, "3", at: 30) == [.acknowledgePost, .scheduleTimer(at: at(55))])
        #expect(session.handlePoll(now: at(31)) == [])
        #expect(session.timerFired(now: at(55)) == [.completePoll("2"), .scheduleTimer(at: at(75))])
    }

    @Test func noPongWithinTimeoutClosesWithPingTimeout() {
        var session = EngineIOSession(sid: "s", transport: .websocket)
        _ = session.open(now: t0)
        #expect(session.timerFired(now: at(25)) == [.send([.ping], .websocket), .scheduleTimer(at: at(45))])
        #expect(session.timerFired(now: at(44)) == [])
        #expect(session.timerFired(now: at(45)) == [.send([.close], .websocket), .close(.pingTimeout)])
        #expect(session.isClosed)
        #expect(session.timerFired(now: at(100)) == [])
    }

    @Test func pingTimeoutOnPollingReleasesThePendingGETWithClose() {
        var session = openPolling()
        _ = session.timerFired(now: at(25))   // the ping waits: no GET is pending
        #expect(session.handlePoll(now: at(26)) == [.completePoll("2")])
        #expect(session.handlePoll(now: at(27)) == [])
        #expect(session.timerFired(now: at(45)) == [.completePoll("1"), .close(.pingTimeout)])
    }

    @Test func pongDeadlineIsAnchoredToWhenThePingWasDue() {
        var session = EngineIOSession(sid: "s", transport: .websocket)
        _ = session.open(now: t0)
        // The timer ran 5 s late: the client still has until 25 + 20, not 30 + 20.
        #expect(session.timerFired(now: at(30)) == [.send([.ping], .websocket), .scheduleTimer(at: at(45))])
        #expect(session.timerFired(now: at(45)) == [.send([.close], .websocket), .close(.pingTimeout)])
    }

    @Test func aTimerLaterThanTheWholeDeadlineEndsTheSessionAtOnce() {
        var session = EngineIOSession(sid: "s", transport: .websocket)
        _ = session.open(now: t0)
        #expect(session.timerFired(now: at(50)) == [.send([.ping], .websocket), .send([.close], .websocket), .close(.pingTimeout)])
    }

    @Test func aPollAfterThePongDeadlineIsRefusedEvenBeforeTheTimerRuns() {
        var session = openPolling()
        _ = session.timerFired(now: at(25))
        #expect(session.handlePoll(now: at(26)) == [.completePoll("2")])
        // No pong; the timer for 45 has not run yet when this GET arrives.
        #expect(session.handlePoll(now: at(46)) == [.rejectRequest(.unknownSessionID), .close(.pingTimeout)])
        #expect(session.isClosed)
    }

    @Test func aPostAfterThePongDeadlineIsRefusedAndItsPongIsTooLate() {
        var session = openPolling()
        _ = session.timerFired(now: at(25))
        #expect(post(&session, "3", at: 46) == [.rejectRequest(.unknownSessionID), .close(.pingTimeout)])
    }

    @Test func aWebSocketMessageAfterThePongDeadlineEndsTheSession() {
        var session = EngineIOSession(sid: "s", transport: .websocket)
        _ = session.open(now: t0)
        _ = session.timerFired(now: at(25))
        #expect(session.handleWebSocketMessage(.text("4late"), now: at(45))
            == [.send([.close], .websocket), .close(.pingTimeout)])
    }

    @Test func anUpgradeAfterThePongDeadlineIsRefused() {
        var session = openPolling()
        _ = session.timerFired(now: at(25))
        #expect(session.handleWebSocketUpgradeRequest(now: at(45)) == [.rejectRequest(.unknownSessionID), .close(.pingTimeout)])
    }

    // MARK: Polling

    @Test func getWaitsUntilThereIsSomethingToSend() {
        var session = openPolling()
        #expect(session.handlePoll(now: at(1)) == [])
        #expect(session.send([.message("hi")], now: at(2)) == [.completePoll("4hi")])
        #expect(session.send([.message("queued"), .binary([1, 2, 3, 4])], now: at(3)) == [])
        #expect(session.handlePoll(now: at(4)) == [.completePoll("4queued\u{1e}bAQIDBA==")])
    }

    @Test func secondConcurrentGETIsRefusedAndEndsTheSession() {
        var session = openPolling()
        _ = session.handlePoll(now: at(1))
        #expect(session.handlePoll(now: at(2)) == [.rejectRequest(.badRequest), .completePoll("1"), .close(.transportError)])
        #expect(session.handlePoll(now: at(3)) == [.rejectRequest(.unknownSessionID)])
        #expect(post(&session, "4late") == [.rejectRequest(.unknownSessionID)])
    }

    @Test func postDeliversMessagesAndIsAcknowledged() {
        var session = openPolling()
        #expect(post(&session, "4a\u{1e}bAQIDBA==\u{1e}6")
            == [.acknowledgePost, .deliver(.text("a")), .deliver(.binary([1, 2, 3, 4]))])
    }

    @Test func malformedPostIsRefusedAndEndsTheSession() {
        var session = openPolling()
        _ = session.handlePoll(now: at(1))
        #expect(post(&session, "abc") == [.rejectRequest(.badRequest), .completePoll("1"), .close(.transportError)])
    }

    @Test func clientCloseReleasesThePendingGETWithNoop() {
        // The spec test suite's "forcefully closes the session": the waiting GET gets "6".
        var session = openPolling()
        _ = session.handlePoll(now: at(1))
        #expect(post(&session, "1") == [.acknowledgePost, .completePoll("6"), .close(.clientDisconnect)])
    }

    @Test func clientPingIsTheWrongHeartbeatDirection() {
        var session = openPolling()
        #expect(post(&session, "2") == [.acknowledgePost, .close(.transportError)])
    }

    @Test func maxPayloadAtAndPastTheLimit() {
        var configuration = EngineIOSession.Configuration()
        configuration.maxPayload = 10
        var session = openPolling(configuration)
        #expect(session.acceptsPostBody(length: 10))
        #expect(!session.acceptsPostBody(length: 11))
        #expect(post(&session, "4123456789") == [.acknowledgePost, .deliver(.text("123456789"))])
        #expect(post(&session, "41234567890") == [.rejectRequest(.badRequest), .close(.transportError)])
    }

    @Test func manyPacketsInOnePostAreDeliveredInOrder() {
        var session = openPolling()
        let body = (0..<200).map { "4m\($0)" }.joined(separator: "\u{1e}")
        let expected: [EngineIOSession.Action] = [.acknowledgePost] + (0..<200).map { .deliver(.text("m\($0)")) }
        #expect(post(&session, body) == expected)
    }

    @Test func abortedGETEndsTheSession() {
        var session = openPolling()
        #expect(session.handlePollAborted(now: at(1)) == [])
        _ = session.handlePoll(now: at(1))
        #expect(session.handlePollAborted(now: at(2)) == [.close(.transportClose)])
    }

    // MARK: Upgrade

    @Test func fullUpgradeSequence() {
        var session = openPolling()
        #expect(session.handlePoll(now: at(1)) == [])
        #expect(session.handleWebSocketUpgradeRequest(now: at(2)) == [.scheduleTimer(at: at(12))])
        #expect(session.isUpgrading)
        // Probe: answered on the socket, and the waiting GET is released with a noop.
        #expect(session.handleWebSocketMessage(.text("2probe"), now: at(3))
            == [.send([EngineIOPacket(.pong, "probe")], .websocket), .completePoll("6")])
        // Packets sent meanwhile are held for the WebSocket; a GET now gets a noop at once.
        #expect(session.send([.message("held")], now: at(4)) == [])
        #expect(session.handlePoll(now: at(4)) == [.completePoll("6")])
        // Upgrade: the transport switches and the held packets are flushed on it.
        #expect(session.handleWebSocketMessage(.text("5"), now: at(5))
            == [.send([.message("held")], .websocket), .scheduleTimer(at: at(25))])
        #expect(session.transport == .websocket)
        #expect(!session.isUpgrading)
        #expect(session.send([.message("after")], now: at(6)) == [.send([.message("after")], .websocket)])
        #expect(session.handlePoll(now: at(7)) == [.rejectRequest(.badRequest)])
        #expect(session.handleWebSocketMessage(.text("4hello"), now: at(8)) == [.deliver(.text("hello"))])
        #expect(session.handleWebSocketMessage(.binary([9]), now: at(8)) == [.deliver(.binary([9]))])
    }

    @Test func upgradeThatDoesNotFinishInTimeIsDropped() {
        var session = openPolling()
        _ = session.handleWebSocketUpgradeRequest(now: at(1))
        #expect(session.timerFired(now: at(11)) == [.closeWebSocket, .scheduleTimer(at: at(25))])
        #expect(session.transport == .polling)
        #expect(!session.isUpgrading)
        _ = session.handlePoll(now: at(12))
        #expect(session.send([.message("still polling")], now: at(13)) == [.completePoll("4still polling")])
    }

    @Test func wrongProbeOrMissingUpgradePacketAbandonsTheUpgrade() {
        var session = openPolling()
        _ = session.handleWebSocketUpgradeRequest(now: at(1))
        #expect(session.handleWebSocketMessage(.text("2notprobe"), now: at(2)) == [.closeWebSocket, .scheduleTimer(at: at(25))])

        var other = openPolling()
        _ = other.handleWebSocketUpgradeRequest(now: at(1))
        _ = other.handleWebSocketMessage(.text("2probe"), now: at(2))
        _ = other.send([.message("held")], now: at(3))
        #expect(other.handlePoll(now: at(3)) == [.completePoll("6")])
        #expect(other.handleWebSocketMessage(.text("4instead of upgrade"), now: at(4))
            == [.closeWebSocket, .scheduleTimer(at: at(25))])
        // The packet held for the WebSocket goes out by polling after all.
        #expect(other.handlePoll(now: at(5)) == [.completePoll("4held")])
    }

    @Test func secondUpgradeAttemptIsRefused() {
        var session = openPolling()
        _ = session.handleWebSocketUpgradeRequest(now: at(1))
        #expect(session.handleWebSocketUpgradeRequest(now: at(2)) == [.rejectRequest(.badRequest)])
    }

    @Test func upgradeIsRefusedWhenDisabled() {
        var configuration = EngineIOSession.Configuration()
        configuration.allowUpgrades = false
        var session = openPolling(configuration)
        #expect(session.handleWebSocketUpgradeRequest(now: at(1)) == [.rejectRequest(.badRequest)])
    }

    @Test func webSocketLostDuringUpgradeKeepsPolling() {
        var session = openPolling()
        _ = session.handleWebSocketUpgradeRequest(now: at(1))
        #expect(session.handleWebSocketClosed(now: at(2)) == [.scheduleTimer(at: at(25))])
        #expect(!session.isClosed)
        #expect(session.transport == .polling)
    }

    // MARK: WebSocket transport and close

    func openWebSocket(_ configuration: EngineIOSession.Configuration = .init()) -> EngineIOSession {
        var session = EngineIOSession(sid: "ws", transport: .websocket, configuration: configuration)
        _ = session.open(now: t0)
        return session
    }

    @Test func webSocketClosedEndsTheSession() {
        var closed = openWebSocket()
        #expect(closed.handleWebSocketClosed(now: at(1)) == [.close(.transportClose)])
        var failed = openWebSocket()
        #expect(failed.handleWebSocketClosed(error: true, now: at(1)) == [.close(.transportError)])
    }

    @Test func clientCloseOverWebSocket() {
        var session = openWebSocket()
        #expect(session.handleWebSocketMessage(.text("1"), now: at(1)) == [.close(.clientDisconnect)])
    }

    @Test func invalidPacketOverWebSocketIsATransportError() {
        var session = openWebSocket()
        #expect(session.handleWebSocketMessage(.text("abc"), now: at(1)) == [.send([.close], .websocket), .close(.transportError)])
    }

    @Test func oversizedWebSocketMessageIsATransportError() {
        var configuration = EngineIOSession.Configuration()
        configuration.maxPayload = 5
        var session = openWebSocket(configuration)
        #expect(session.handleWebSocketMessage(.text("41234"), now: at(1)) == [.deliver(.text("1234"))])
        #expect(session.handleWebSocketMessage(.binary([1, 2, 3, 4, 5, 6]), now: at(1))
            == [.send([.close], .websocket), .close(.transportError)])
    }

    @Test func serverClose() {
        var overWebSocket = openWebSocket()
        #expect(overWebSocket.close(now: at(1)) == [.send([.close], .websocket), .close(.serverDisconnect)])
        #expect(overWebSocket.close(now: at(2)) == [])
        #expect(overWebSocket.send([.message("late")], now: at(3)) == [])

        var overPolling = openPolling()
        _ = overPolling.handlePoll(now: at(1))
        #expect(overPolling.close(now: at(2)) == [.completePoll("1"), .close(.serverDisconnect)])
    }
}

extension EngineIOSessionTests {
    @Test func postDecodedIncrementallyByTheEngine() {
        var session = openPolling()
        var decoder = EngineIOPayloadDecoder(limits: session.configuration.payloadLimits)
        var packets: [EngineIOPacket] = []
        do throws(EngineIOPayload.DecodingError) {
            packets += try decoder.decode(Array("4hel".utf8))
            packets += try decoder.decode(Array("lo\u{1e}4x".utf8))
            packets += try decoder.finish()
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(session.handlePost(decoded: .success(packets), now: at(1))
            == [.acknowledgePost, .deliver(.text("hello")), .deliver(.text("x"))])
        #expect(session.handlePost(decoded: .failure(.payloadTooLarge(limit: 16)), now: at(2))
            == [.rejectRequest(.badRequest), .close(.transportError)])
    }

    @Test func postAfterUpgradeIsRefused() {
        var session = openPolling()
        _ = session.handleWebSocketUpgradeRequest(now: at(1))
        _ = session.handleWebSocketMessage(.text("2probe"), now: at(2))
        _ = session.handleWebSocketMessage(.text("5"), now: at(3))
        #expect(post(&session, "4x", at: 4) == [.rejectRequest(.badRequest)])
        #expect(session.handleWebSocketUpgradeRequest(now: at(5)) == [.rejectRequest(.badRequest)])
    }

    @Test func pongOverTheUpgradedWebSocketRearmsTheHeartbeat() {
        var session = openPolling()
        _ = session.handleWebSocketUpgradeRequest(now: at(1))
        _ = session.handleWebSocketMessage(.text("2probe"), now: at(2))
        _ = session.handleWebSocketMessage(.text("5"), now: at(3))
        #expect(session.timerFired(now: at(25)) == [.send([.ping], .websocket), .scheduleTimer(at: at(45))])
        #expect(session.handleWebSocketMessage(.text("3"), now: at(26)) == [.scheduleTimer(at: at(51))])
        #expect(session.timerFired(now: at(45)) == [])
    }
}
