import Foundation
import Testing
@testable import Flaskish

/// `JSONEncoding.serialize` writes the encoder's nodes directly; it must give the same bytes
/// as going through a `JSONValue`.
struct JSONEncodingWriterTests {
    struct Inner: Encodable { var z: [Int?]; var a: [String: Double] }
    struct Outer: Encodable {
        var name: String
        var inner: Inner
        var list: [Inner]
        var empty: [Int]
        var emptyObject: [String: Int]
        var nothing: Nothing
        struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }
    }

    static let sample = Outer(
        name: "é\n", inner: Inner(z: [1, nil], a: ["y": 0.5, "b": 1e16]),
        list: [Inner(z: [], a: [:]), Inner(z: [3], a: ["k": -0.0])], empty: [], emptyObject: [:], nothing: .init())

    @Test(arguments: [JSONWriteOptions.jsonify, .jsonifyDebug, .socketIO, .pythonDefault])
    func directBytesEqualTheJSONValuePath(options: JSONWriteOptions) throws {
        var sorted = options
        sorted.sortKeys = true
        let direct = try JSONEncoding.serialize(Self.sample, options: sorted)
        let viaValue = try JSONEncoding.encode(Self.sample).serialized(options: sorted)
        #expect(direct == viaValue)
        // Unsorted output differs only in member order.
        #expect(try JSONValue(parsing: JSONEncoding.serialize(Self.sample, options: options)) == JSONEncoding.encode(Self.sample))
    }

    @Test func flaskBodyForAStruct() throws {
        let body = String(decoding: try JSONEncoding.serialize(Self.sample, options: .jsonify), as: UTF8.self)
        // Flask: jsonify(name="é\n", inner={"z": [1, None], "a": {"y": 0.5, "b": 1e16}}, list=[...], ...)
        #expect(body == #"{"empty":[],"emptyObject":{},"inner":{"a":{"b":1e+16,"y":0.5},"z":[1,null]},"#
            + #""list":[{"a":{},"z":[]},{"a":{"k":-0.0},"z":[3]}],"name":"\u00e9\n","nothing":{}}"# + "\n")
    }

    @Test func scalarsAtTheTopLevel() throws {
        #expect(try JSONEncoding.serialize(5, options: .socketIO) == Array("5".utf8))
        #expect(try JSONEncoding.serialize("a\"b") == Array(#""a\"b""#.utf8))
        #expect(try JSONEncoding.serialize([Int](), options: .jsonify) == Array("[]\n".utf8))
    }
}
