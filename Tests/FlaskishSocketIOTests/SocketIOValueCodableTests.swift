import Flaskish
import Foundation
import Testing
@testable import FlaskishSocketIO

struct SocketIOValueCodableTests {
    struct Message: Codable, Equatable { var room: String; var text: String; var at: Date }

    @Test func encodableRoundTrips() throws {
        let message = Message(room: "lobby", text: "hi", at: Date(timeIntervalSince1970: 1795881600))
        let value = try SocketIOValue(encoding: message)
        #expect(value == ["room": "lobby", "text": "hi", "at": "Sat, 28 Nov 2026 16:00:00 GMT"])
        #expect(try value.decoded(as: Message.self) == message)
    }

    @Test func dataIsTextNotBinary() throws {
        #expect(try SocketIOValue(encoding: Data([1, 2])) == "AQI=")
    }

    @Test func binaryDecodesAsBytesOnly() throws {
        #expect(try SocketIOValue.binary([1, 2]).decoded(as: [UInt8].self) == [1, 2])
        #expect(throws: DecodingError.self) { try SocketIOValue.array([.binary([1])]).decoded(as: [[UInt8]].self) }
    }

    @Test func mismatchesNameTheCodingPath() {
        let value: SocketIOValue = ["room": "lobby", "text": 5, "at": "x"]
        #expect {
            try value.decoded(as: Message.self)
        } throws: { error in
            if case DecodingError.typeMismatch(_, let context) = error {
                context.codingPath.map(\.stringValue) == ["text"]
            } else {
                false
            }
        }
    }
}
