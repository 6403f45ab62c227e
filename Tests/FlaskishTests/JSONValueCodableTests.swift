import Foundation
import Testing
@testable import Flaskish

struct JSONValueCodableTests {
    private let sample: JSONValue = ["a": [1, 2.5, "s", nil, true], "b": [:], "c": []]

    @Test func foundationCodersSeeTheNaturalShape() throws {
        let data = try JSONEncoder().encode(sample)
        #expect(try JSONValue(parsing: Array(data)) == sample)
        #expect(try JSONDecoder().decode(JSONValue.self, from: data) == sample)
    }

    @Test func ourCodersPassItThrough() throws {
        #expect(try JSONValue(encoding: sample) == sample)
        #expect(try sample.decoded(as: JSONValue.self) == sample)
    }
}
