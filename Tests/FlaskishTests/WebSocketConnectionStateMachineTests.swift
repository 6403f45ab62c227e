import Testing
@testable import Flaskish

struct WebSocketConnectionStateMachineTests {
    @Test func dataIsDeliveredWhileOpen() {
        var machine = WebSocketConnectionStateMachine()
        #expect(machine.received(.text("hi")) == .deliver(.text("hi")))
        #expect(machine.received(.binary([1])) == .deliver(.binary([1])))
        #expect(machine.canSendData)
    }

    @Test func pingIsAnsweredWithPongOfTheSamePayload() {
        var machine = WebSocketConnectionStateMachine()
        #expect(machine.received(.ping([1, 2, 3])) == .sendPong([1, 2, 3]))
        #expect(machine.received(.pong([9])) == .none)
    }

    @Test func peerCloseIsEchoedThenTheServerDisconnects() {
        var machine = WebSocketConnectionStateMachine()
        #expect(machine.received(.close(code: .goingAway, reason: "bye")) == .sendCloseAndDisconnect(code: .goingAway, reason: ""))
        #expect(machine.state == .closed)
        #expect(!machine.canSendData)
        #expect(machine.received(.text("late")) == .none)
    }

    @Test func emptyPeerCloseIsAnsweredWithAnEmptyClose() {
        var machine = WebSocketConnectionStateMachine()
        #expect(machine.received(.close(code: nil, reason: "")) == .sendCloseAndDisconnect(code: nil, reason: ""))
    }

    @Test func localCloseWaitsForThePeer() {
        var machine = WebSocketConnectionStateMachine()
        #expect(machine.close(code: .goingAway, reason: "shutdown") == .sendClose(code: .goingAway, reason: "shutdown"))
        #expect(machine.state == .closing)
        #expect(machine.close() == .none)
        #expect(machine.received(.text("in flight")) == .none)
        #expect(machine.received(.ping([1])) == .none)
        #expect(machine.received(.close(code: .goingAway, reason: "")) == .disconnect)
        #expect(machine.state == .closed)
    }

    @Test func closeTimeoutDisconnectsOnlyWhileClosing() {
        var machine = WebSocketConnectionStateMachine()
        #expect(machine.closeTimedOut() == .none)
        _ = machine.close()
        #expect(machine.closeTimedOut() == .disconnect)
        #expect(machine.state == .closed)
    }

    @Test func protocolErrorFailsTheConnectionWithItsCode() {
        var machine = WebSocketConnectionStateMachine()
        let action = machine.fail(.invalidUTF8)
        #expect(action == .sendCloseAndDisconnect(code: .invalidPayload, reason: WebSocketProtocolError.invalidUTF8.description))
        #expect(machine.fail(.reservedBitsSet) == .none)
    }

    @Test func protocolErrorWhileClosingJustDisconnects() {
        var machine = WebSocketConnectionStateMachine()
        _ = machine.close()
        #expect(machine.fail(.messageTooLarge(limit: 1)) == .disconnect)
    }

    @Test func connectionLostClosesInAnyState() {
        var machine = WebSocketConnectionStateMachine()
        machine.connectionLost()
        #expect(machine.state == .closed)
        #expect(machine.close() == .none)
    }
}
