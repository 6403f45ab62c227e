import Testing
@testable import FlaskishSocketIO

struct DisconnectReasonTests {
    @Test func reasonsAreSpelledAsPythonEngineIO() {
        #expect(DisconnectReason.serverDisconnect.rawValue == "server disconnect")
        #expect(DisconnectReason.clientDisconnect.rawValue == "client disconnect")
        #expect(DisconnectReason.pingTimeout.rawValue == "ping timeout")
        #expect(DisconnectReason.transportClose.rawValue == "transport close")
        #expect(DisconnectReason.transportError.rawValue == "transport error")
        #expect(DisconnectReason.pingTimeout.description == "ping timeout")
    }
}
