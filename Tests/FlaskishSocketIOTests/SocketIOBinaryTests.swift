import Flaskish
import Testing
@testable import FlaskishSocketIO

struct SocketIOBinaryTests {
    @Test func deconstructReplacesBlobsInOrder() {
        let value: SocketIOValue = [.binary([1]), ["k": [.binary([2])]], .binary([3])]
        let (json, attachments) = value.deconstructed()
        #expect(json == [
            ["_placeholder": true, "num": 0], ["k": [["_placeholder": true, "num": 1]]], ["_placeholder": true, "num": 2],
        ])
        #expect(attachments == [[1], [2], [3]])
    }

    @Test func reconstructInvertsDeconstruct() throws {
        let value: SocketIOValue = ["a": [.binary([1, 2]), nil, 1.5], "b": ["c": .binary([])], "d": "e"]
        let (json, attachments) = value.deconstructed()
        #expect(try SocketIOValue.reconstructing(json, attachments: attachments) == value)
    }

    @Test func objectsThatAreNotPlaceholdersAreWalked() throws {
        let json: JSONValue = ["_placeholder": false, "num": 0, "x": [["_placeholder": true, "num": 0]]]
        #expect(try SocketIOValue.reconstructing(json, attachments: [[9]]) == ["_placeholder": false, "num": 0, "x": [.binary([9])]])
    }

    @Test func placeholderWithExtraKeysIsStillAPlaceholder() throws {
        let json: JSONValue = [["_placeholder": true, "num": 0, "extra": 1]]
        #expect(try SocketIOValue.reconstructing(json, attachments: [[5]]) == [.binary([5])])
    }

    @Test(arguments: [JSONValue.int(1), .int(-1), .double(0.0), .string("0"), .null])
    func badPlaceholderNumbers(num: JSONValue) {
        let json: JSONValue = ["_placeholder": true, "num": num]
        #expect(throws: SocketIOPacketError.invalidPlaceholder(num, attachmentCount: 1)) {
            try SocketIOValue.reconstructing(json, attachments: [[1]])
        }
    }
}
