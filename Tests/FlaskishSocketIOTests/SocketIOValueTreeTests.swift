import Flaskish
import Testing
import FlaskishSocketIO

/// `SocketIOValue` and `JSONValue` share literals and accessors through `JSONTreeValue`; these
/// check that the shared code reads both alike and that binary stays outside it.
struct SocketIOValueTreeTests {
    /// Written once for any JSON-like value, as user code now can.
    private func summary<V: JSONTreeValue>(_ value: V) -> String {
        switch value.treeShape {
        case .null: "null"
        case .bool(let b): "bool \(b)"
        case .int(let i): "int \(i)"
        case .bigInt(let n): "bigInt \(n)"
        case .double(let d): "double \(d)"
        case .string(let s): "string \(s)"
        case .array(let a): "array " + a.map(summary).joined(separator: ",")
        case .object(let o): "object " + o.keys.sorted().joined(separator: ",")
        case .other: "other"
        }
    }

    @Test func bothTypesReadAlikeThroughTheSharedShape() {
        let json: JSONValue = ["list": [1, 2.5, "s", nil, true]]
        let socket: SocketIOValue = ["list": [1, 2.5, "s", nil, true]]
        #expect(summary(json) == "object list")
        #expect(summary(socket) == summary(json))
        #expect(summary(json["list"]!) == "array int 1,double 2.5,string s,null,bool true")
        #expect(summary(socket["list"]!) == summary(json["list"]!))
    }

    @Test func binaryIsOtherAndTheJSONAccessorsAnswerNilForIt() {
        let blob = SocketIOValue.binary([1, 2])
        #expect(summary(blob) == "other")
        #expect(blob.stringValue == nil && blob.intValue == nil && blob.doubleValue == nil)
        #expect(blob.boolValue == nil && blob.arrayValue == nil && blob.objectValue == nil)
        #expect(!blob.isNull && blob["k"] == nil && blob[0] == nil)
        #expect(blob.binaryValue == [1, 2])
    }

    @Test func aWholeDoubleIsAnIntOnlyWhileItIsExact() {
        // Both types now share one rule: below 9.0e15 a whole double is exactly one integer.
        for value in [SocketIOValue.double(8_999_999_999_999_998), .double(-42)] {
            #expect(value.intValue == Int(value.doubleValue!))
        }
        for value in [SocketIOValue.double(1e16), .double(-1e17), .double(1.5), .double(.nan), .double(.infinity)] {
            #expect(value.intValue == nil)
            #expect(SocketIOValue(JSONValue.double(value.doubleValue!)).intValue == JSONValue.double(value.doubleValue!).intValue)
        }
    }

    @Test func aRepeatedLiteralKeyKeepsItsLastValueInBoth() {
        let socket: SocketIOValue = ["k": 1, "k": 2]
        let json: JSONValue = ["k": 1, "k": 2]
        #expect(socket["k"] == 2)
        #expect(json["k"] == 2)
    }

    @Test func aBigIntegerIsExactInJSONValueAndADoubleInSocketIOValue() throws {
        let big = JSONValue.bigInt(try #require(BigInteger("123456789012345678901234567890")))
        #expect(summary(big) == "bigInt 123456789012345678901234567890")
        #expect(big.intValue == nil)
        #expect(big.doubleValue == 1.2345678901234568e29)
        #expect(SocketIOValue(big) == .double(1.2345678901234568e29))
    }
}
