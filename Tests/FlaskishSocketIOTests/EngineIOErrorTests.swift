import Testing
import Flaskish
@testable import FlaskishSocketIO

struct EngineIOErrorTests {
    @Test(arguments: [
        (EngineIOError.unknownTransport, #"{"code":0,"message":"Transport unknown"}"#),
        (EngineIOError.unknownSessionID, #"{"code":1,"message":"Session ID unknown"}"#),
        (EngineIOError.badHandshakeMethod, #"{"code":2,"message":"Bad handshake method"}"#),
        (EngineIOError.badRequest, #"{"code":3,"message":"Bad request"}"#),
        (EngineIOError.forbidden, #"{"code":4,"message":"Forbidden"}"#),
        (EngineIOError.unsupportedProtocolVersion, #"{"code":5,"message":"Unsupported protocol version"}"#),
    ])
    func bodiesMatchTheReferenceServer(error: EngineIOError, body: String) {
        #expect(error.body == body)
    }

    @Test func forbiddenIs403AndTheRestAre400() {
        #expect(EngineIOError.forbidden.status == .forbidden)
        for error in [EngineIOError.unknownTransport, .unknownSessionID, .badHandshakeMethod, .badRequest, .unsupportedProtocolVersion] {
            #expect(error.status == .badRequest)
        }
        #expect(EngineIOError.contentType == "application/json")
    }

    @Test func customMessageKeepsTheCodeAndIsEscaped() {
        let error = EngineIOError.forbidden.with(message: "\"https://evil.example\" is not an accepted origin")
        #expect(error.code == 4)
        #expect(error.body == #"{"code":4,"message":"\"https://evil.example\" is not an accepted origin"}"#)
    }
}
