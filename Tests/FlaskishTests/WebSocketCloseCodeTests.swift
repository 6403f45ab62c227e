import Testing
@testable import Flaskish

struct WebSocketCloseCodeTests {
    @Test func namedCodesHaveTheirRFCValues() {
        #expect(WebSocketCloseCode.normalClosure.rawValue == 1000)
        #expect(WebSocketCloseCode.goingAway.rawValue == 1001)
        #expect(WebSocketCloseCode.protocolError.rawValue == 1002)
        #expect(WebSocketCloseCode.unsupportedData.rawValue == 1003)
        #expect(WebSocketCloseCode.invalidPayload.rawValue == 1007)
        #expect(WebSocketCloseCode.policyViolation.rawValue == 1008)
        #expect(WebSocketCloseCode.messageTooBig.rawValue == 1009)
        #expect(WebSocketCloseCode.internalError.rawValue == 1011)
    }

    // Autobahn 7.7.x (valid) and 7.9.x (invalid) code lists, with 1012–1014 now registered.
    @Test(arguments: [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999] as [UInt16])
    func validOnTheWire(code: UInt16) {
        #expect(WebSocketCloseCode(rawValue: code).isValidOnTheWire)
    }

    @Test(arguments: [0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535] as [UInt16])
    func invalidOnTheWire(code: UInt16) {
        #expect(!WebSocketCloseCode(rawValue: code).isValidOnTheWire)
    }
}
