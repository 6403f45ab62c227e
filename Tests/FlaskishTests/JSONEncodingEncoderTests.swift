import Foundation
import Testing
@testable import Flaskish

struct JSONEncodingEncoderTests {
    @Test func scalarsKeepIntegersApartFromDoubles() throws {
        #expect(try JSONValue(encoding: 1) == .int(1))
        #expect(try JSONValue(encoding: 1.0) == .double(1.0))
        #expect(try JSONValue(encoding: Float(0.1)) == .double(0.1))
        #expect(try JSONValue(encoding: Int8(-8)) == .int(-8))
        #expect(try JSONValue(encoding: UInt64(42)) == .int(42))
        #expect(try JSONValue(encoding: "s") == "s")
        #expect(try JSONValue(encoding: true) == true)
        #expect(try JSONValue(encoding: [1, 2]) == [1, 2])
        #expect(try JSONValue(encoding: ["k": [1.5]]) == ["k": [1.5]])
        #expect(try JSONValue(encoding: [Int?.none, 3]) == [nil, 3])
    }

    @Test func unsignedValuesBeyondIntFail() {
        #expect(throws: EncodingError.self) { try JSONValue(encoding: UInt64.max) }
        #expect(throws: EncodingError.self) { try JSONValue(encoding: [UInt.max]) }
    }

    @Test func errorsNameTheCodingPath() {
        struct Holder: Encodable { var items: [[String: UInt64]] }
        do {
            _ = try JSONValue(encoding: Holder(items: [[:], ["big": .max]]))
            Issue.record("expected an error")
        } catch let EncodingError.invalidValue(_, context) {
            #expect(context.codingPath.map(\.stringValue) == ["items", "Index 1", "big"])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func flasksSpecialTypes() throws {
        let uuid = try #require(UUID(uuidString: "5B1D3E52-3B4B-4A59-9C55-2B1A3D4E5F60"))
        #expect(try JSONValue(encoding: uuid) == "5b1d3e52-3b4b-4a59-9c55-2b1a3d4e5f60")
        #expect(try JSONValue(encoding: Date(timeIntervalSince1970: 1795881600)) == "Sat, 28 Nov 2026 16:00:00 GMT")
        #expect(try JSONValue(encoding: Data([0, 1, 2, 255])) == "AAEC/w==")
        #expect(try JSONValue(encoding: URL(string: "https://example.com/a?b=c")) == "https://example.com/a?b=c")
        #expect(try JSONValue(encoding: Decimal(string: "12.5")) == "12.5")
        #expect(throws: EncodingError.self) { try JSONValue(encoding: Date.distantFuture.addingTimeInterval(1e13)) }
    }

    @Test func jsonValuePassesThrough() throws {
        struct Envelope: Encodable { var extra: JSONValue }
        #expect(try JSONValue(encoding: Envelope(extra: ["a": [1, nil]])) == ["extra": ["a": [1, nil]]])
    }

    @Test func nestedContainersAndSuperEncoder() throws {
        struct Custom: Encodable {
            enum Keys: String, CodingKey { case point, list }
            func encode(to encoder: any Encoder) throws {
                var top = encoder.container(keyedBy: Keys.self)
                var point = top.nestedContainer(keyedBy: Keys.self, forKey: .point)
                try point.encode(UInt8(3), forKey: .list)
                var list = top.nestedUnkeyedContainer(forKey: .list)
                try list.encode(Int16(1))
                var inner = list.nestedUnkeyedContainer()
                try inner.encodeNil()
                var innerObject = list.nestedContainer(keyedBy: Keys.self)
                try innerObject.encode("p", forKey: .point)
                var listSuper = list.superEncoder().singleValueContainer()
                try listSuper.encode(false)
                var topSuper = top.superEncoder().unkeyedContainer()
                try topSuper.encode(Float(2.5))
            }
        }
        #expect(try JSONValue(encoding: Custom()) == [
            "point": ["list": 3], "list": [1, [nil], ["point": "p"], false], "super": [2.5],
        ])
    }

    @Test func aValueThatEncodesNothingIsAnEmptyObject() throws {
        struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }
        #expect(try JSONValue(encoding: Nothing()) == [:])
        #expect(try JSONValue(encoding: [Nothing()]) == [[:]])
    }

    @Test func enumsWithAssociatedValuesUseSwiftsSynthesizedShape() throws {
        enum Shape: Encodable { case circle(radius: Double), dot }
        #expect(try JSONValue(encoding: Shape.circle(radius: 2)) == ["circle": ["radius": 2.0]])
        #expect(try JSONValue(encoding: Shape.dot) == ["dot": [:]])
    }

    @Test func singleValueWrappersEncodeTheirValue() throws {
        struct Meters: Encodable {
            var value: [Int]
            func encode(to encoder: any Encoder) throws {
                var single = encoder.singleValueContainer()
                try single.encode(value)
            }
        }
        #expect(try JSONValue(encoding: ["m": Meters(value: [1, 2])]) == ["m": [1, 2]])
    }
}
