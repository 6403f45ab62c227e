import Flaskish
import Foundation
import Testing
@testable import FlaskishSocketIO

struct SocketIOValueConvertibleTests {
    struct Point: Codable, SocketIOValueConvertible { var x: Int; var y: Double }

    @Test func scalarsAndContainers() {
        #expect("a".socketIOValue == .string("a"))
        #expect(Substring("ab").socketIOValue == "ab")
        #expect(3.socketIOValue == .int(3))
        #expect(1.5.socketIOValue == .double(1.5))
        #expect(Float(0.5).socketIOValue == .double(0.5))
        #expect(true.socketIOValue == .bool(true))
        #expect(["a": 1].socketIOValue == ["a": 1])
        #expect([1, 2].socketIOValue == [1, 2])
        #expect((nil as String?).socketIOValue == .null)
        #expect(JSONValue.object(["k": .array([.null])]).socketIOValue == ["k": [nil]])
    }

    @Test func bytesAreBinary() {
        #expect([UInt8]([1, 2]).socketIOValue == .binary([1, 2]))
        #expect(Data([3]).socketIOValue == .binary([3]))
        #expect(UInt8(7).socketIOValue == .int(7))
    }

    @Test func encodablesBecomeTheirJSON() {
        #expect(Point(x: 1, y: 2.5).socketIOValue == ["x": 1, "y": 2.5])
        #expect([Point(x: 0, y: 0)].socketIOValue == [["x": 0, "y": 0.0]])
    }

    @Test func accessors() {
        #expect(SocketIOValue.int(2).intValue == 2)
        #expect(SocketIOValue.double(2).intValue == 2)
        #expect(SocketIOValue.double(2.5).intValue == nil)
        #expect(SocketIOValue.double(1e300).intValue == nil)
        #expect(SocketIOValue.int(2).doubleValue == 2)
        #expect(SocketIOValue.string("2").intValue == nil)
        #expect(SocketIOValue.bool(false).boolValue == false)
        #expect(SocketIOValue.null.isNull)
        #expect(!SocketIOValue.int(0).isNull)
    }
}

struct SocketIOValueDescriptionTests {
    static let cases: [(SocketIOValue, String)] = [
        (.string("hello"), "hello"),
        (["b": 1, "a": "x"], #"{"a":"x","b":1}"#),
        (["é", 1.5, nil, true], #"["é",1.5,null,true]"#),
        (["file": .binary([1, 2]), "n": "x"], #"{"file":<2 bytes>,"n":"x"}"#),
        ([.binary([]), "s"], #"[<0 bytes>,"s"]"#),
    ]

    @Test(arguments: cases)
    func printsLikePython(value: SocketIOValue, text: String) {
        #expect(value.description == text)
    }
}
