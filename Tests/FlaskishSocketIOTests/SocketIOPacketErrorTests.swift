import Flaskish
import Testing
@testable import FlaskishSocketIO

struct SocketIOPacketErrorTests {
    @Test(arguments: [
        (SocketIOPacketError.emptyPacket, "Empty packet"),
        (.invalidType(UInt8(ascii: "9")), "Invalid packet type '9'"),
        (.invalidType(0xFF), "Invalid packet type byte 255"),
        (.tooManyAttachments(limit: 10), "Too many attachments (limit 10)"),
        (.invalidPayload(.event, "must be a non-empty array"), "Invalid EVENT payload: must be a non-empty array"),
        (.invalidPlaceholder(.int(3), attachmentCount: 1), "Invalid placeholder num 3 for 1 attachment(s)"),
        (.reservedEventName("connect"), "Reserved event name \"connect\""),
        (.invalidJSON(JSONParseError(reason: .expectingValue, offset: 0, line: 1, column: 1)),
         "Invalid JSON payload: Expecting value: line 1 column 1 (char 0)"),
    ])
    func descriptionsReadWell(error: SocketIOPacketError, text: String) {
        #expect(error.description == text)
    }
}
