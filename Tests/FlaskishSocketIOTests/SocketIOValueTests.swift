import Flaskish
import Testing
@testable import FlaskishSocketIO

struct SocketIOValueTests {
    @Test func convertsFromAndToJSON() {
        let json: JSONValue = ["a": [1, 2.5, "s", nil, true], "b": [:]]
        let value = SocketIOValue(json)
        #expect(value == ["a": [1, 2.5, "s", nil, true], "b": [:]])
        #expect(value.jsonValue == json)
        #expect(!value.containsBinary)
    }

    @Test func binaryHasNoJSONForm() {
        let value: SocketIOValue = ["a": [1, ["b": .binary([1])]]]
        #expect(value.containsBinary)
        #expect(value.jsonValue == nil)
        #expect(SocketIOValue.array([.binary([])]).jsonValue == nil)
    }

    @Test func accessors() {
        let value: SocketIOValue = ["name": "x", "blob": .binary([1]), "list": [1]]
        #expect(value["name"]?.stringValue == "x")
        #expect(value["blob"]?.binaryValue == [1])
        #expect(value["list"]?[0] == 1)
        #expect(value["list"]?[1] == nil)
        #expect(value["list"]?.arrayValue?.count == 1)
        #expect(value.objectValue?.count == 3)
        #expect(value[0] == nil)
        #expect(SocketIOValue.int(1)["k"] == nil)
    }
}
